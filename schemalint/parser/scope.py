"""Scopes and bindings of the static evaluator (ES `const`/`let`/imports, with TDZ)."""

from __future__ import annotations

from dataclasses import field

from schemalint.diagnostics import Span
from schemalint.parser.modules import ImportRef, Module
from schemalint.parser.values import Unknown, Value
from schemalint.records import dataclass


@dataclass(eq=False)
class Binding:
    """What a name is bound to: a value, or an import not resolved yet."""

    value: Value | None = None  # None: declared but not initialised yet (TDZ)
    ref: ImportRef | None = None


@dataclass(eq=False)
class Scope:
    """The names a module, function or block binds, and its enclosing scope."""

    module: Module
    parent: Scope | None = None
    bindings: dict[str, Binding] = field(default_factory=dict)
    block: bool = False  # a block, loop or `switch` body: `var` declarations skip it

    def declare(self, name: str) -> None:
        self.bindings.setdefault(name, Binding())

    def set(self, name: str, value: Value) -> None:
        binding = self.bindings.get(name)
        if binding is None:
            self.bindings[name] = Binding(value)
        else:
            binding.value = value

    def bind_import(self, name: str, ref: ImportRef) -> None:
        self.bindings[name] = Binding(ref=ref)

    def bind_unknown(self, name: str, reason: str, span: Span | None) -> None:
        self.bindings[name] = Binding(Unknown(reason, span, quiet=True))

    def lookup(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
            scope = scope.parent
        return None


class ReturnSignal(Exception):
    """A `return` statement unwinding a function body."""

    def __init__(self, value: Value) -> None:
        self.value = value
