"""Generators: the IR → a view model → Jinja2 templates (in `generators/`) → files.

`output` (shared by every generator) writes the files atomically, owns only what it wrote, and
implements `--check`. Importing this package does not import jinja2.
"""
