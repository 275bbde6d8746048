"""Functions schemalint finds in each corpus project, against a careful grep of the modules.

The grep reads every function module (the files Convex bundles: `schemalint.parser.functions.
module_files`) for `export const name = builder(` where `builder` is one of Convex's
`query`/`mutation`/`action`/`internal*` builders (the "plain" count), or any identifier or
member whose name contains query/mutation/action (`authedQuery`, `zCustomMutation`, a local
builder: the "with custom builders" count) and whose call is given a definition (an object with
a `handler`, or a function; `authedQuery = customQuery(query, ...)` defines a builder). It matches
by name (`module:export`), so a function found under another name does not count.

    python -m benchmarks.realworld.functions_found --src /work/corpus/src
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from benchmarks.realworld.corpus import load_manifest
from schemalint.discovery import DiscoveryError, discover
from schemalint.parser.functions import module_files, parse_functions

PLAIN = re.compile(
    r"^export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*"
    r"(?:query|mutation|action|internalQuery|internalMutation|internalAction)\s*(?:<[^>]*>)?\(",
    re.MULTILINE,
)
CUSTOM = re.compile(
    r"^export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*([\w.]*(?:[Qq]uery|[Mm]utation|[Aa]ction)\w*)\s*(?:<[^>]*>)?\(",
    re.MULTILINE,
)


def _given_a_definition(text: str, start: int) -> bool:
    """Whether the call opened at `start` is given a definition: an object with a `handler`
    (before the next top-level export) or a function. `customQuery(query, ...)` is a builder."""
    rest = text[start:].lstrip()
    if rest.startswith(("async", "function", "(")):
        return True
    if not rest.startswith("{"):
        return False
    body = rest.split("\nexport ", 1)[0]
    return re.search(r"\bhandler\b", body) is not None


def grep(functions_dir: Path) -> tuple[set[str], set[str]]:
    """(plain, with custom builders): `module:name` of each export the grep finds."""
    plain: set[str] = set()
    custom: set[str] = set()
    for path in module_files(functions_dir):
        module = path.relative_to(functions_dir).with_suffix("").as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        plain.update(f"{module}:{m.group(1)}" for m in PLAIN.finditer(text))
        for match in CUSTOM.finditer(text):
            if match.group(2).lower().startswith(("use", "http")):  # React hooks, httpAction
                continue
            if _given_a_definition(text, match.end()):
                custom.add(f"{module}:{match.group(1)}")
    return plain, custom | plain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--src", type=Path, required=True)
    parser.add_argument("--missed", action="store_true", help="list the grep's functions schemalint misses")
    args = parser.parse_args(argv)
    totals = [0, 0, 0, 0, 0]
    print(f"{'project':45} {'grep':>5} {'found':>5} {'+custom':>7} {'found':>5} {'listed':>6}")
    for project in load_manifest():
        try:
            layout = discover(project.directory(args.src))
        except DiscoveryError as exc:
            print(f"{project.name:45} cannot be read: {exc}")
            continue
        plain, custom = grep(layout.functions_dir)
        listed = {f.identifier for f in parse_functions(layout).functions}
        row = [len(plain), len(plain & listed), len(custom), len(custom & listed), len(listed)]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"{project.name:45} {row[0]:5d} {row[1]:5d} {row[2]:7d} {row[3]:5d} {row[4]:6d}")
        if args.missed:
            for name in sorted(custom - listed):
                print(f"    missed {name}")
    print(f"{'total':45} {totals[0]:5d} {totals[1]:5d} {totals[2]:7d} {totals[3]:5d} {totals[4]:6d}")
    for label, found, total in (
        ("plain", totals[1], totals[0]),
        ("with custom builders", totals[3], totals[2]),
    ):
        print(f"{label}: {found}/{total} = {100 * found / max(total, 1):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
