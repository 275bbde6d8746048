"""`--format junit`: JUnit XML, one test suite per file and one failing test case per finding.

Written with ElementTree, which escapes markup; untrusted text first passes through `visible`,
because XML 1.0 has no way at all to carry most control characters or a lone surrogate.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from schemalint.diagnostics import Severity
from schemalint.findings import Diagnostic
from schemalint.reporters import ReportContext, shown_path
from schemalint.textsafe import visible


def _testcase(suite: ET.Element, path: str, diagnostic: Diagnostic | None) -> None:
    if diagnostic is None:
        ET.SubElement(suite, "testcase", name="schemalint", classname=path, file=path)
        return
    span = diagnostic.span
    case = ET.SubElement(
        suite,
        "testcase",
        name=f"{diagnostic.code} {diagnostic.rule} at {span.line}:{span.column}",
        classname=path,
        file=path,
        line=str(span.line),
    )
    # A notice is schemalint's own blind spot, not a failure of the schema: a skipped case.
    failure = ET.SubElement(
        case,
        "skipped" if diagnostic.severity is Severity.NOTICE else "failure",
        message=visible(diagnostic.message),
        type=f"{diagnostic.severity.label} {diagnostic.code} {diagnostic.rule}",
    )
    detail = f"{path}:{span.line}:{span.column}: {visible(diagnostic.message)}"
    failure.text = detail + (f"\nhelp: {visible(diagnostic.help)}" if diagnostic.help else "")


def report(diagnostics: Sequence[Diagnostic], stream: TextIO, context: ReportContext) -> None:
    """`<testsuites>` with a suite per checked file; a clean file has one passing case."""
    by_file: dict[str, list[Diagnostic]] = {shown_path(f, context): [] for f in sorted(context.files)}
    for d in diagnostics:
        by_file.setdefault(shown_path(d.span.file, context), []).append(d)
    suites = ET.Element(
        "testsuites",
        name="schemalint",
        tests=str(sum(max(1, len(found)) for found in by_file.values())),
        failures=str(sum(1 for d in diagnostics if d.severity is not Severity.NOTICE)),
        errors="0",
        skipped=str(sum(1 for d in diagnostics if d.severity is Severity.NOTICE)),
    )
    for path, found in sorted(by_file.items()):
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=path,
            tests=str(max(1, len(found))),
            failures=str(sum(1 for d in found if d.severity is not Severity.NOTICE)),
            errors="0",
            skipped=str(sum(1 for d in found if d.severity is Severity.NOTICE)),
        )
        cases: Sequence[Diagnostic | None] = found or [None]
        for diagnostic in cases:
            _testcase(suite, path, diagnostic)
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")
