"""schemalint: a static linter and code generator for Convex schemas."""

__version__ = "0.1.0"
