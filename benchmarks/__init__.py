"""Benchmarks for schemalint: synthetic Convex schemas and a whole-process timing harness.

Run `python -m benchmarks --help`; see benchmarks/README.md.
"""
