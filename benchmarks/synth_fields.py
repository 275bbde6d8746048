"""The tables of a synthetic schema: names, fields, indexes and comments, drawn from one RNG."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOUNS = _words(
    "account asset badge booking campaign channel comment contact coupon course customer device "
    "document event file folder invite invoice lead lesson member message note order payment plan "
    "product project quote reaction refund report review room session shipment subscription "
    "supplier tag task team thread ticket vendor warehouse webhook workspace"
)
QUALIFIERS = ("", "Item", "Line", "Log", "Version", "Link", "Setting", "Snapshot", "Entry", "Event")
STRING_WORDS = _words(
    "title name slug summary description body label code email phone url locale timezone source "
    "reference externalId sku color notes category region version checksum mimeType filename "
    "headline subtitle handle"
)
NUMBER_WORDS = _words(
    "count total score rank position quantity durationMs sizeBytes rating weight lastSeenAt "
    "publishedAt expiresAt startedAt finishedAt dueAt sortOrder attempts views likes"
)
BOOLEAN_WORDS = _words("isActive isPinned isArchived isPublic isVerified enabled muted featured locked")
LITERAL_WORDS = _words(
    "pending queued running complete failed cancelled open closed new approved rejected paid "
    "refunded shipped delivered daily weekly monthly none email sms push web ios android"
)
FIELD_NOTES = (
    "Denormalized for the list view",
    "Unix ms",
    "Set by the sync job",
    "Display only",
    "Copied from the parent on create",
    "Shown in the admin dashboard",
)
REF_ROLES = ("owner", "parent", "source", "target", "creator", "assignee", "primary")

# Field kinds and their weights (a realistic mix, loosely after the seed fixtures).
KINDS: tuple[tuple[str, int], ...] = (
    ("string", 20),
    ("optional_string", 10),
    ("number", 10),
    ("optional_number", 6),
    ("boolean", 8),
    ("id", 14),
    ("optional_id", 5),
    ("union", 8),
    ("shared", 6),
    ("object", 6),
    ("string_array", 4),
    ("id_array", 3),
    ("record", 2),
    ("nullable", 3),
    ("storage", 2),
    ("any", 1),
    ("int64", 1),
)
INDEXABLE = frozenset({"string", "optional_string", "number", "optional_number", "boolean", "union"})


@dataclass
class FieldSpec:
    name: str
    kind: str
    lines: list[str]  # rendered `name: validator,` (first line) and continuation lines
    target: str | None = None  # the table a `v.id` field (or an optional or array of one) refers to


@dataclass(frozen=True)
class IndexSpec:
    """One index of a table, as `.index`/`.searchIndex`/`.vectorIndex` declares it."""

    call: str  # "index", "searchIndex" or "vectorIndex"
    name: str
    fields: tuple[str, ...]  # the indexed fields (the search field first; empty for a vector index)


@dataclass
class Table:
    """One rendered table and the names it imports from `validators.ts`."""

    name: str
    doc: str | None
    fields: list[FieldSpec] = field(default_factory=list)
    chained: list[str] = field(default_factory=list)  # `.index(...)` etc., already indented
    shared: set[str] = field(default_factory=set)
    indexes: list[IndexSpec] = field(default_factory=list)

    def render(self) -> list[str]:
        lines = [f"  // {self.doc}"] if self.doc else []
        lines.append(f"  {self.name}: defineTable({{")
        for spec in self.fields:
            lines += [f"    {line}" for line in spec.lines]
        lines.append("  })" if self.chained else "  }),")
        if self.chained:
            lines += self.chained
            lines[-1] += ","
        return lines


def _literal_union(rng: random.Random, indent: str) -> list[str]:
    words = rng.sample(LITERAL_WORDS, rng.randint(3, 6))
    if len(words) <= 3:
        return ["v.union(" + ", ".join(f'v.literal("{w}")' for w in words) + ")"]
    return ["v.union(", *[f'{indent}  v.literal("{w}"),' for w in words], f"{indent})"]


class TableFactory:
    """Draws tables for a schema of `total` tables; table names are fixed up front for `v.id`."""

    def __init__(self, rng: random.Random, total: int) -> None:
        self.rng = rng
        self.total = total
        self.names: list[str] = []
        self.ref_names: list[str] = []
        seen: set[str] = set()
        for index in range(total):
            ref = rng.choice(NOUNS) + rng.choice(QUALIFIERS)
            name = ref + "s"
            if name in seen:
                name = f"{name}{index}"
            seen.add(name)
            self.names.append(name)
            self.ref_names.append(ref)

    def _target(self) -> int:
        hubs = max(1, self.total // 10)
        return self.rng.randrange(hubs) if self.rng.random() < 0.5 else self.rng.randrange(self.total)

    def _unique(self, base: str, used: set[str]) -> str:
        name = base
        while name in used:
            name = self.rng.choice(REF_ROLES) + base[0].upper() + base[1:]
            if name in used:
                name = f"{base}{len(used)}"
        used.add(name)
        return name

    def _validator(self, kind: str, indent: str, table: Table) -> list[str]:
        """The validator expression for a field of `kind` (possibly several lines)."""
        rng = self.rng
        if kind in ("string", "optional_string"):
            return ["v.optional(v.string())" if kind == "optional_string" else "v.string()"]
        if kind in ("number", "optional_number"):
            return ["v.optional(v.number())" if kind == "optional_number" else "v.number()"]
        if kind == "boolean":
            return ["v.boolean()"]
        if kind == "union":
            lines = _literal_union(rng, indent)
            if rng.random() < 0.25:
                lines[0] = "v.optional(" + lines[0]
                lines[-1] += ")"
            return lines
        if kind == "string_array":
            return ["v.array(v.string())"]
        if kind == "record":
            return ["v.record(v.string(), v.number())"]
        if kind == "nullable":
            return [rng.choice(("v.nullable(v.string())", "v.nullable(v.number())"))]
        if kind == "storage":
            return ['v.optional(v.id("_storage"))']
        if kind == "any":
            return ["v.any()"]
        if kind == "int64":
            return ["v.int64()"]
        if kind == "object":
            return self._object(indent, table, depth=1)
        raise ValueError(kind)

    def _object(self, indent: str, table: Table, depth: int) -> list[str]:
        rng = self.rng
        used: set[str] = set()
        lines = ["v.object({"]
        for _ in range(rng.randint(2, 5)):
            kind = rng.choice(("string", "optional_string", "number", "boolean", "union", "object"))
            if kind == "object" and depth >= 2:
                kind = "string"
            choices = {"number": NUMBER_WORDS, "boolean": BOOLEAN_WORDS, "union": ("state", "kind", "mode")}
            name = self._unique(rng.choice(choices.get(kind, STRING_WORDS)), used)
            inner = indent + "  "
            value = (
                self._object(inner, table, depth + 1)
                if kind == "object"
                else self._validator(kind, inner, table)
            )
            lines.append(f"{inner}{name}: {value[0]}")
            lines += value[1:]
            lines[-1] += ","
        lines.append(f"{indent}}})")
        return lines

    def _field(self, kind: str, used: set[str], table: Table) -> FieldSpec:
        rng = self.rng
        if kind == "shared":
            constant = rng.choice(("visibility", "status", "priority", "money", "address"))
            table.shared.add(constant)
            if constant in ("visibility", "status", "priority") and constant not in used:
                used.add(constant)
                return FieldSpec(constant, "union", [f"{constant},"])
            base = {"money": "price", "address": "shippingAddress"}.get(constant, "state")
            name = self._unique(base, used)
            value = f"v.optional({constant})" if constant == "address" else constant
            return FieldSpec(
                name, "union" if constant in ("status", "priority") else "object", [f"{name}: {value},"]
            )
        if kind in ("id", "optional_id", "id_array"):
            target = self._target()
            value = f'v.id("{self.names[target]}")'
            if kind != "id":
                value = f"v.{'optional' if kind == 'optional_id' else 'array'}({value})"
            name = self._unique(self.ref_names[target] + ("Ids" if kind == "id_array" else "Id"), used)
            return FieldSpec(name, kind, [f"{name}: {value},"], target=self.names[target])
        words = {
            "number": NUMBER_WORDS,
            "optional_number": NUMBER_WORDS,
            "boolean": BOOLEAN_WORDS,
            "union": ("state", "kind", "channel", "frequency", "stage", "tier"),
            "object": ("settings", "profile", "metadata", "dimensions", "limits", "location"),
            "storage": ("imageId", "fileId", "avatarId", "attachmentId"),
            "string_array": ("tags", "aliases", "keywords", "labels", "scopes"),
            "record": ("counters", "attributes", "totals", "quotas"),
            "int64": ("sequence", "revision", "bigCounter"),
            "any": ("payload", "raw", "extra"),
        }.get(kind, STRING_WORDS)
        name = self._unique(rng.choice(words), used)
        rendered = self._validator(kind, "", table)
        lines = [f"{name}: {rendered[0]}", *rendered[1:]]
        lines[-1] += ","
        if len(lines) == 1 and rng.random() < 0.15:
            lines[0] += f" // {rng.choice(FIELD_NOTES)}"
        return FieldSpec(name, kind, lines)

    def table(self, index: int) -> Table:
        """Table number `index` of the schema."""
        rng = self.rng
        name = self.names[index]
        doc = f"{self.ref_names[index]} records." if rng.random() < 0.4 else None
        table = Table(name=name, doc=doc)
        used: set[str] = set()
        target_fields = rng.randint(8, 15)
        if rng.random() < 0.5:
            table.shared.add("timestamps")
            used |= {"createdAt", "updatedAt"}
            table.fields.append(FieldSpec("...timestamps", "spread", ["...timestamps,"]))
        if rng.random() < 0.15:
            table.shared.add("softDelete")
            used.add("deletedAt")
            table.fields.append(FieldSpec("...softDelete", "spread", ["...softDelete,"]))
        kinds = [k for k, _ in KINDS]
        weights = [w for _, w in KINDS]
        while len(used) < target_fields:
            kind = rng.choices(kinds, weights)[0]
            table.fields.append(self._field(kind, used, table))
        self._indexes(table, used)
        return table

    def _indexes(self, table: Table, used: set[str]) -> None:
        rng = self.rng
        names: set[str] = set()

        def add(call: str, index_name: str, body: str, indexed: tuple[str, ...] = ()) -> None:
            if index_name not in names and len(index_name) <= 64:
                names.add(index_name)
                table.chained.append(f'    .{call}("{index_name}", {body})')
                table.indexes.append(IndexSpec(call, index_name, indexed))

        fields = [f for f in table.fields if f.kind != "spread"]
        scalars = [f.name for f in fields if f.kind in INDEXABLE]
        has_time = "createdAt" in used
        for spec in fields:
            if spec.kind in ("id", "optional_id") and rng.random() < 0.65:
                if has_time and rng.random() < 0.2:
                    indexed = (spec.name, "createdAt")
                    add("index", f"by_{spec.name}_and_createdAt", f'["{spec.name}", "createdAt"]', indexed)
                else:
                    add("index", f"by_{spec.name}", f'["{spec.name}"]', (spec.name,))
        if scalars and rng.random() < 0.3:
            chosen = rng.choice(scalars)
            add("index", f"by_{chosen}", f'["{chosen}"]', (chosen,))
        strings = [f.name for f in fields if f.kind in ("string", "optional_string")]
        if strings and rng.random() < 0.15:
            search = rng.choice(strings)
            search_filters = tuple(s for s in scalars if s != search)[:2]
            quoted = ", ".join(f'"{f}"' for f in search_filters)
            body = f'{{ searchField: "{search}", filterFields: [{quoted}] }}'
            add("searchIndex", f"search_{search}", body, (search, *search_filters))
        if rng.random() < 0.06:
            table.fields.append(FieldSpec("embedding", "vector", ["embedding: v.array(v.float64()),"]))
            ids = [f.name for f in fields if f.kind == "id"][:1]
            filters = ", ".join(f'"{f}"' for f in ids)
            dimensions = rng.choice((768, 1024, 1536))
            body = f'{{ vectorField: "embedding", dimensions: {dimensions}, filterFields: [{filters}] }}'
            add("vectorIndex", "by_embedding", body)
