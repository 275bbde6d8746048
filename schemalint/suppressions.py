"""Inline suppression comments in the TypeScript source, and which of them were used.

    // schemalint-ignore <code|name>[, ...]: reason   own line: the next line; trailing: its line
    // schemalint-ignore-file [<code|name>, ...]      the whole file (every rule if none listed)

Rules are named by code (`D101`, any case) or name (`invalid-identifier`), separated by commas
or spaces; everything after the first `:` is the reason. A bare `schemalint-ignore` suppresses
every rule on its line. Stacked own-line comments all apply to the first line below them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field

from schemalint.findings import Diagnostic
from schemalint.ir import Comment, SourceFile
from schemalint.lazy_pattern import lazy_compile
from schemalint.records import dataclass
from schemalint.rules import spec_for

_DIRECTIVE = lazy_compile(r"^schemalint-(?P<kind>[A-Za-z-]*)(?P<rest>.*)$", re.DOTALL)
KNOWN_DIRECTIVES = ("ignore", "ignore-file")


@dataclass
class Directive:
    """One suppression comment. `rules` is empty for "every rule"; `line` is the line it
    applies to (None for a whole-file directive). `used` collects the rules it suppressed."""

    comment: Comment
    rules: tuple[str, ...]
    line: int | None
    used: set[str] = field(default_factory=set)

    @property
    def file(self) -> str:
        return self.comment.span.file

    def covers(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.span.file != self.file:
            return False
        if self.line is not None and diagnostic.span.line != self.line:
            return False
        return not self.rules or any(_names(token, diagnostic.rule) for token in self.rules)


def _names(token: str, rule_name: str) -> bool:
    rule = spec_for(token)
    return rule is not None and rule.name == rule_name


@dataclass(frozen=True)
class Unused:
    """A suppression that suppressed nothing, with the message to report at `comment`."""

    comment: Comment
    message: str


def _comment_body(text: str) -> str:
    body = text.strip()
    if body.startswith("//"):
        body = body[2:]
    elif body.startswith("/*"):
        body = body[2:].removesuffix("*/")
    return body.strip().lstrip("*").strip()


class Suppressions:
    """The suppression comments of a project, and the bookkeeping of which were used."""

    def __init__(self, files: Iterable[SourceFile]) -> None:
        self.directives: list[Directive] = []
        self.malformed: list[Unused] = []
        for source in files:
            self._read_file(source)
        # The directives by file and line (None: whole-file ones), in order: a finding is
        # compared with those of its own file and line only, not with every directive.
        self._by_place: dict[tuple[str, int | None], list[Directive]] = {}
        for directive in self.directives:
            self._by_place.setdefault((directive.file, directive.line), []).append(directive)

    def _read_file(self, source: SourceFile) -> None:
        own_lines = {c.span.line for c in source.directives if c.own_line}
        for comment in source.directives:
            match = _DIRECTIVE.match(_comment_body(comment.text))
            if match is None:
                continue  # a comment that merely mentions schemalint
            kind = match["kind"]
            if kind not in KNOWN_DIRECTIVES:
                self.malformed.append(
                    Unused(
                        comment,
                        f"Unknown directive `schemalint-{kind}` (expected "
                        "`schemalint-ignore` or `schemalint-ignore-file`)",
                    )
                )
                continue
            rules_text = match["rest"].split(":", 1)[0]
            rules = tuple(t for t in re.split(r"[\s,]+", rules_text) if t)
            line = None if kind == "ignore-file" else _target_line(comment, own_lines)
            self.directives.append(Directive(comment, rules, line))

    def suppresses(self, diagnostic: Diagnostic) -> bool:
        """Whether a comment suppresses `diagnostic` (and record that it was used).

        A line directive is preferred over a whole-file one covering the same finding.
        """
        file = diagnostic.span.file
        for place in ((file, diagnostic.span.line), (file, None)):
            for directive in self._by_place.get(place, ()):
                if directive.covers(diagnostic):
                    directive.used.add(diagnostic.rule)
                    return True
        return False

    def unused(self, enabled: Iterable[str], elsewhere: Iterable[str] = ()) -> list[Unused]:
        """Every directive (or listed rule of one) that suppressed nothing, given the names
        of the rules that ran. Rules named in `elsewhere` run in another command (`check`
        vs `diff`): their suppressions are not judged here."""
        running = set(enabled)
        other_command = set(elsewhere)
        found = list(self.malformed)
        for directive in self.directives:
            where = "in this file" if directive.line is None else f"on line {directive.line}"
            if not directive.rules and not directive.used:
                found.append(Unused(directive.comment, f"Unused suppression: nothing to suppress {where}"))
            for token in directive.rules:
                rule = spec_for(token)
                if rule is None:
                    found.append(Unused(directive.comment, f"Unknown rule `{token}` in suppression"))
                elif rule.name not in directive.used and rule.name not in other_command:
                    reason = (
                        f"no {rule.name} finding {where}"
                        if rule.name in running
                        else "the rule is not enabled"
                    )
                    found.append(Unused(directive.comment, f"Unused suppression of `{token}`: {reason}"))
        return found


def _target_line(comment: Comment, own_lines: set[int]) -> int:
    if not comment.own_line:
        return comment.span.line
    line = comment.span.end_line + 1
    while line in own_lines:
        line += 1
    return line
