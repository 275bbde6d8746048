"""`schemalint diff`: what a schema change will do to a live Convex deployment.

The old version of the project is read from git objects or a plain directory (`baseline`,
`git_files`), both versions are parsed by the ordinary parser, and the C7xx rules compare
them with the help of a port of Convex's own "must existing documents be re-checked" test
(`subset`, `documents`, `explain`, `tables`). `command` is the CLI entry point.
"""
