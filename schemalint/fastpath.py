"""The warm start of `schemalint check`: a cached report printed before the CLI is even imported.

The command line's own result-cache entries (`schemalint.result_cache`) are keyed on the raw
arguments rather than on the parsed options: the arguments as given, the current directory, the
environment variables that change a report (`NO_COLOR`, `FORCE_COLOR`, `SCHEMALINT_DOCS_URL`),
whether stdout is a terminal, schemalint's version and a fingerprint of its installed files,
and the Python version. The same arguments in the same place mean the same options, so this
module can find the entry without parsing them: it imports neither click nor pathlib nor the
parser, asks the disk every recorded question again (with `os.path`), and only when every
answer is unchanged writes the stored report and exits with the stored status. Anything it
cannot decide (no entry, another answer, a probe kind it does not replay) falls through to the
full command, which checks the entry again in full.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from schemalint import __version__

FORMAT = 2
# Environment variables that change what `check` prints (colour, links), besides its arguments.
_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR", "SCHEMALINT_DOCS_URL")
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_exit = os._exit  # tests replace it: they run `run` in their own process
# Set by `run` when the process's own command line is being run (never inside tests' CliRunner).
_command_line: list[str] | None = None


def cache_dir() -> str:
    """The user's cache directory for schemalint."""
    explicit = os.environ.get("SCHEMALINT_CACHE_DIR")
    if explicit:
        return explicit
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "schemalint")


def code_fingerprint() -> str:
    """A digest of the names, sizes and modification times of schemalint's own source and
    catalog files (a development checkout changes without a new version number)."""
    from _blake2 import blake2b

    parts: list[str] = []
    pending = [_PACKAGE_DIR]
    while pending:
        directory = pending.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir():
                pending.append(entry.path)
            elif entry.name.endswith((".py", ".yaml", ".json", ".scm")):
                stat = entry.stat()
                parts.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
    return blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def command_line_key() -> dict[str, Any] | None:
    """The key of this process's command line (None when `check` was not started from one)."""
    if _command_line is None:
        return None
    try:
        isatty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        isatty = False
    return {
        "format": FORMAT,
        "version": __version__,
        "code": code_fingerprint(),
        "python": sys.version,
        "cwd": os.getcwd(),
        "argv": _command_line,
        "environment": {name: os.environ.get(name) for name in _ENVIRONMENT},
        "stdout-is-a-terminal": isatty,
    }


def entry_file(key: dict[str, Any]) -> str:
    """Where the entry of `key` is stored."""
    import json
    from _blake2 import blake2b

    digest = blake2b(json.dumps(key, sort_keys=True).encode(), digest_size=16).hexdigest()
    return os.path.join(cache_dir(), "results", f"{digest}.json")


def digest(data: bytes) -> str:
    """The digest a recorded read stores for a file's content."""
    from _blake2 import blake2b

    return blake2b(data, digest_size=20).hexdigest()


def _answer(op: str, path: str) -> object:
    """The disk's answer now to a recorded question (raises LookupError for one not replayed here)."""
    try:
        if op == "is_file":
            return os.path.isfile(path)
        if op == "is_dir":
            return os.path.isdir(path)
        if op == "read":
            with open(path, "rb") as stream:
                return digest(stream.read())
        if op == "size":
            return os.stat(path).st_size
        if op == "realpath":
            return os.path.realpath(path)
        if op == "list":
            return sorted(os.listdir(path))
        if op == "stat":
            stat = os.stat(path)
            return [stat.st_size, stat.st_mtime_ns]
    except (OSError, ValueError):
        return None
    raise LookupError(op)


def read_entry(key: dict[str, Any]) -> dict[str, Any] | None:
    """The well-formed entry stored for exactly `key` (its probes not yet re-asked), or None when
    it is missing, malformed or was written for another key."""
    import json

    try:
        with open(entry_file(key), "rb") as stream:
            data = json.loads(stream.read())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    if (
        data.get("status") not in (0, 1)
        or data.get("exit") not in (0, 1)
        or not isinstance(data.get("report"), str)
        or not isinstance(data.get("output"), (str, type(None)))
        or not isinstance(data.get("probes"), list)
    ):
        return None
    return data


def cached_report(key: dict[str, Any]) -> dict[str, Any] | None:
    """The entry stored for `key` if every recorded question still gets its recorded answer;
    None otherwise, or when the entry is missing, malformed or was written for another key."""
    data = read_entry(key)
    if data is None:
        return None
    for item in data["probes"]:
        if not (
            isinstance(item, list) and len(item) == 2 and isinstance(item[0], list) and len(item[0]) == 2
        ):
            return None
        op, path = item[0]
        if not isinstance(op, str) or not isinstance(path, str) or _answer(op, path) != item[1]:
            return None
    return data


def run() -> None:
    """The `schemalint` command: a cached `check` report if one still holds, else the CLI."""
    global _command_line
    argv = sys.argv[1:]
    _command_line = argv
    # With `--no-cache` anywhere (the flag, or a value that looks like it: the full command then
    # looks the entry up itself), a lookup would only cost the fingerprint of schemalint's files.
    if (
        argv[:1] == ["check"]
        and "--no-cache" not in argv
        and os.environ.get("SCHEMALINT_NO_CACHE", "") in ("", "0")
    ):
        try:
            key = command_line_key()
            entry = cached_report(key) if key is not None else None
        except (LookupError, OSError, ValueError, TypeError, RecursionError):
            entry = None
        if entry is not None and _write(entry):
            sys.exit(entry["exit"])
    # a watch runs for hours: its garbage must be collected
    if any(argv[: len(command)] == command for command in _ONE_SHOT) and "--watch" not in argv:
        _run_without_collector()
    from schemalint.cli import main

    main()


# The commands run with the collector off and without teardown (`_run_without_collector`).
_ONE_SHOT = (["check"], ["export"], ["generate", "docs"], ["generate", "python"])


def _run_without_collector() -> None:
    """Run `check`, `export` or `generate docs`/`python` with the cyclic garbage collector off,
    and end the process without tearing its objects down.

    What `check` allocates lives until the report is written (the collector's passes over it free
    nothing and cost a third of a big schema's run); at exit the interpreter would free every
    object one by one. The streams are flushed first, so nothing written is lost; none of these
    commands opens a file that outlives its `with` block or registers an exit handler."""
    import gc

    gc.disable()  # before the imports too: their ~100,000 new objects are not garbage either
    from schemalint.cli import main

    try:
        main()
    except SystemExit as stop:
        code = stop.code
    else:
        code = 0
    status = code if isinstance(code, int) else (0 if code is None else 1)
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from schemalint.terminal import exit_on_broken_pipe

        exit_on_broken_pipe()
    sys.stderr.flush()
    _exit(status)


def _write(entry: dict[str, Any]) -> bool:
    """Write the stored report where the run wrote it; False if it cannot be (the full command
    then runs and reports the problem as it would)."""
    output = entry["output"]
    if output is None:
        try:
            sys.stdout.write(entry["report"])
            sys.stdout.flush()
        except BrokenPipeError:
            from schemalint.terminal import exit_on_broken_pipe

            exit_on_broken_pipe()
        return True
    try:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(entry["report"])
    except OSError:
        return False
    return True
