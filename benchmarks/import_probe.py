"""Which modules `schemalint check` imports: run it in-process, then inspect `sys.modules`.

    python benchmarks/import_probe.py PATH [SUBCOMMAND]

Prints one JSON object: the subcommand run, its exit code, the heavy modules that must stay
unimported for `check` (jinja2, libcst), the third-party packages loaded, and the module count.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

FORBIDDEN = ("jinja2", "libcst")


def probe(path: str, subcommand: str = "check") -> dict[str, object]:
    """Run `schemalint SUBCOMMAND PATH` (output discarded) and describe what it imported."""
    before = set(sys.modules)
    from schemalint.cli import main

    argv = [subcommand, path, "--exit-zero", "--no-cache"] if subcommand == "check" else [subcommand, path]
    code: int | str | None = 0
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(argv, prog_name="schemalint")
        except SystemExit as exc:
            code = exc.code
    loaded = set(sys.modules) - before
    top_level = sorted(
        {name.split(".")[0] for name in loaded} - set(sys.stdlib_module_names) - {"schemalint"}
    )
    return {
        "subcommand": subcommand,
        "exit_code": code,
        "forbidden_imported": sorted(
            name for name in loaded if name.split(".")[0] in FORBIDDEN and "." not in name
        ),
        "third_party_packages": [name for name in top_level if not name.startswith("_")],
        "module_count": len(loaded),
    }


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], *sys.argv[2:3])))
