"""Function code for a synthetic project (`python -m benchmarks.synth --functions`).

Shaped after the real Convex projects of the corpus: query and mutation modules over groups of a
few tables (`convex/api/*.ts`) reading by index (`withIndex` with `q.eq`, compound ranges,
`order`/`take`/`collect`/`first`/`paginate`), by id (`ctx.db.get`), writing (`insert`, `patch`,
`delete`), scanning with `.filter` where no index exists, now and then naming an index the table
does not have or comparing a compound index's fields out of order; helper functions in
`convex/model/*.ts` (one module per table file) imported through the barrel
`convex/model/index.ts` (`export * from ...` of every helper module); and suppression comments on
some of the findings: own-line and trailing `schemalint-ignore` on scans and unknown indexes, a
`schemalint-ignore-file` atop some modules, a few that suppress nothing any more.

Everything is drawn from an RNG of its own, so the schema files of a project are those of the
plain variant byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from benchmarks.synth_fields import FieldSpec, IndexSpec, Table

# Tables per function module: a module per domain object, a few tables each.
GROUP_SIZES = (2, 3, 4, 5, 6)
SCAN_SHARE = 0.12  # tables with a `.filter` scan on a field no index starts with
UNKNOWN_INDEX_SHARE = 0.03  # tables queried with an index name they do not have
RANGE_ORDER_SHARE = 0.3  # of the compound indexes: a range that skips the leading field
# modules that start with a `schemalint-ignore-file`: of those with a scan or an unknown index, and
# of the others (a directive left behind)
FILE_DIRECTIVE_SHARE = (0.3, 0.02)
STALE_DIRECTIVE_SHARE = 0.01  # index queries carrying a line directive that suppresses nothing

ARG_VALIDATORS = {
    "string": "v.string()",
    "optional_string": "v.string()",
    "number": "v.number()",
    "optional_number": "v.number()",
    "boolean": "v.boolean()",
    "union": "v.string()",
}
RULE_CODES = {"filter-without-index": "Q603", "unknown-index": "Q601"}
TS_TYPES = {"v.string()": "string", "v.number()": "number", "v.boolean()": "boolean"}
SCAN_REASONS = ("small table", "admin screen only", "bounded by the caller", "runs in a nightly job")
ENDINGS = ((".collect()",), (".take(20)",), (".take(100)",), (".first()",), ('.order("desc")', ".take(50)"))


def _pascal(name: str) -> str:
    return name[0].upper() + name[1:]


@dataclass(frozen=True)
class TableView:
    """What the function code needs of one table: its fields' argument validators and its indexes."""

    name: str
    single: str  # `get{single}`: the table name without its plural s (or the name when it has none)
    args: dict[str, str]  # field -> argument validator (`v.string()`, `v.id("t")`)
    indexes: tuple[IndexSpec, ...]  # the `.index(...)` ones whose fields all have an argument validator
    timestamps: bool

    @classmethod
    def of(cls, table: Table) -> TableView:
        args: dict[str, str] = {}
        for spec in table.fields:
            args.update(_arg(spec))
        timestamps = "timestamps" in table.shared
        if timestamps:
            args.update(createdAt="v.number()", updatedAt="v.number()")
        indexes = tuple(i for i in table.indexes if i.call == "index" and all(f in args for f in i.fields))
        single = table.name[:-1] if table.name.endswith("s") else table.name
        return cls(table.name, _pascal(single), args, indexes, timestamps)

    @property
    def plural(self) -> str:
        return _pascal(self.name)

    def unindexed(self) -> list[str]:
        """Fields with an argument validator that no index starts with."""
        leading = {i.fields[0] for i in self.indexes}
        return [f for f in self.args if f not in leading and f not in ("createdAt", "updatedAt")]


def _arg(spec: FieldSpec) -> dict[str, str]:
    if spec.target is not None and spec.kind in ("id", "optional_id"):
        return {spec.name: f'v.id("{spec.target}")'}
    validator = ARG_VALIDATORS.get(spec.kind)
    return {spec.name: validator} if validator else {}


def _ts_type(validator: str) -> str:
    if validator.startswith("v.id("):
        return f"Id<{validator[5:-1]}>"
    return TS_TYPES[validator]


class FunctionWriter:
    """Draws the function code of one project from `rng`."""

    def __init__(self, rng: random.Random, tables: list[Table]) -> None:
        self.rng = rng
        self.views = [TableView.of(t) for t in tables]

    # model helpers ------------------------------------------------------------------------

    def model_module(self, views: list[TableView]) -> tuple[str, dict[str, list[Helper]]]:
        """A helper module for `views`: its text and the helpers it exports, by table."""
        lines = [
            'import type { QueryCtx } from "../_generated/server";',
            'import type { Id } from "../_generated/dataModel";',
            "",
        ]
        exported: dict[str, list[Helper]] = {}
        for view in views:
            name = f"get{view.single}OrThrow"
            exported[view.name] = [Helper(name, None)]
            lines += [
                f'export async function {name}(ctx: QueryCtx, id: Id<"{view.name}">) {{',
                "  const doc = await ctx.db.get(id);",
                f'  if (doc === null) throw new Error("{view.single} not found");',
                "  return doc;",
                "}",
                "",
            ]
            single = [i for i in view.indexes if len(i.fields) == 1]
            if single and self.rng.random() < 0.6:
                index = self.rng.choice(single)
                field = index.fields[0]
                name = f"load{view.plural}By{_pascal(field)}"
                exported[view.name].append(Helper(name, field))
                lines += [
                    f"export async function {name}(ctx: QueryCtx, {field}: {_ts_type(view.args[field])}) {{",
                    "  return await ctx.db",
                    f'    .query("{view.name}")',
                    f'    .withIndex("{index.name}", (q) => q.eq("{field}", {field}))',
                    "    .collect();",
                    "}",
                    "",
                ]
        return "\n".join(lines), exported

    # function modules ---------------------------------------------------------------------

    def api_module(self, views: list[TableView], helpers: dict[str, list[Helper]]) -> str:
        """A module of queries and mutations over `views` (helpers: table -> its model helpers)."""
        rng = self.rng
        body: list[str] = []
        used_helpers: set[str] = set()
        uses_pagination = False
        flagged: set[str] = set()
        for view in views:
            for function in self._functions(view, helpers.get(view.name, [])):
                body += ["", *function.lines]
                used_helpers |= function.helpers
                uses_pagination |= function.paginated
                flagged |= function.flagged
        header: list[str] = []
        if rng.random() < FILE_DIRECTIVE_SHARE[0 if flagged else 1]:
            named = sorted(flagged or {"filter-without-index"})
            rules = ", ".join(RULE_CODES[n] if rng.random() < 0.5 else n for n in named)
            header.append(f"// schemalint-ignore-file {rules}: legacy module, rewritten next quarter")
        header += [
            'import { v } from "convex/values";',
            'import { query, mutation, internalMutation } from "../_generated/server";',
        ]
        if uses_pagination:
            header.append('import { paginationOptsValidator } from "convex/server";')
        imported = sorted(used_helpers | {"requireIdentity"})
        header.append(f'import {{ {", ".join(imported)} }} from "../model";')
        return "\n".join([*header, *body, ""])

    def _functions(self, view: TableView, helpers: list[Helper]) -> Iterator[_Function]:
        rng = self.rng
        yield self._get(view, helpers)
        for index in view.indexes:
            if rng.random() < 0.7:
                yield self._list(view, index)
        listing = [h for h in helpers if h.field is not None]
        if listing and rng.random() < 0.7:
            yield self._list_through_helper(view, listing[0])
        if rng.random() < 0.8:
            yield self._create(view)
        if rng.random() < 0.6:
            yield self._update(view)
        if rng.random() < 0.25:
            yield self._remove(view)
        unindexed = view.unindexed()
        if unindexed and rng.random() < SCAN_SHARE:
            yield self._scan(view, rng.choice(unindexed))
        if unindexed and rng.random() < UNKNOWN_INDEX_SHARE:
            yield self._unknown_index(view, rng.choice(unindexed))

    def _directive(self, rule: str, reason_share: float = 1.0) -> str:
        reason = f": {self.rng.choice(SCAN_REASONS)}" if self.rng.random() < reason_share else ""
        return f"schemalint-ignore {rule}{reason}"

    def _stale(self) -> list[str]:
        """Now and then a directive left behind after its finding went away."""
        if self.rng.random() < STALE_DIRECTIVE_SHARE:
            return [f"    // {self._directive('filter-without-index')}"]
        return []

    def _get(self, view: TableView, helpers: list[Helper]) -> _Function:
        through = helpers and self.rng.random() < 0.5
        fetch = f"await {helpers[0].name}(ctx, args.id)" if through else "await ctx.db.get(args.id)"
        used = {helpers[0].name} if through else set()
        return _Function(
            [
                f"export const get{view.single} = query({{",
                f'  args: {{ id: v.id("{view.name}") }},',
                "  handler: async (ctx, args) => {",
                "    await requireIdentity(ctx);",
                f"    return {fetch};",
                "  },",
                "});",
            ],
            used,
        )

    def _list(self, view: TableView, index: IndexSpec) -> _Function:
        rng = self.rng
        first = index.fields[0]
        args = {first: view.args[first]}
        if len(index.fields) > 1 and rng.random() < RANGE_ORDER_SHARE:
            # skips the leading field: index-range-order
            second = index.fields[1]
            args = {second: view.args[second]}
            range_ = f'(q) => q.gte("{second}", args.{second})'
        elif len(index.fields) > 1:
            args["since"] = "v.number()"
            range_ = f'(q) => q.eq("{first}", args.{first}).gte("{index.fields[1]}", args.since)'
        else:
            range_ = f'(q) => q.eq("{first}", args.{first})'
        paginated = rng.random() < 0.2
        if paginated:
            args["paginationOpts"] = "paginationOptsValidator"
            ending: tuple[str, ...] = (".paginate(args.paginationOpts)",)
        else:
            ending = rng.choice(ENDINGS)
        chain = [f'      .query("{view.name}")', f'      .withIndex("{index.name}", {range_})']
        booleans = [f for f, a in view.args.items() if a == "v.boolean()"]
        if booleans and rng.random() < 0.3:
            chain.append(f'      .filter((q) => q.eq(q.field("{rng.choice(booleans)}"), true))')
        name = f"list{view.plural}By{''.join(_pascal(f) for f in index.fields)}"
        return _Function(
            [
                f"export const {name} = query({{",
                f"  args: {{ {', '.join(f'{k}: {a}' for k, a in args.items())} }},",
                "  handler: async (ctx, args) => {",
                *self._stale(),
                "    return await ctx.db",
                *chain,
                *(f"      {step}" for step in ending[:-1]),
                f"      {ending[-1]};",
                "  },",
                "});",
            ],
            paginated=paginated,
        )

    def _list_through_helper(self, view: TableView, helper: Helper) -> _Function:
        field = helper.field or ""
        return _Function(
            [
                f"export const list{view.plural}For{_pascal(field)} = query({{",
                f"  args: {{ {field}: {view.args[field]} }},",
                f"  handler: async (ctx, args) => await {helper.name}(ctx, args.{field}),",
                "});",
            ],
            {helper.name},
        )

    def _create(self, view: TableView) -> _Function:
        fields = [f for f in view.args if f not in ("createdAt", "updatedAt")][:3]
        args = ", ".join(f"{f}: {view.args[f]}" for f in fields)
        if view.timestamps:
            insert = [
                "    const now = Date.now();",
                f'    return await ctx.db.insert("{view.name}", {{',
                "      ...args,",
                "      createdAt: now,",
                "      updatedAt: now,",
                "    });",
            ]
        else:
            insert = [f'    return await ctx.db.insert("{view.name}", args);']
        return _Function(
            [
                f"export const create{view.single} = mutation({{",
                f"  args: {{ {args} }},",
                "  handler: async (ctx, args) => {",
                "    await requireIdentity(ctx);",
                *insert,
                "  },",
                "});",
            ]
        )

    def _update(self, view: TableView) -> _Function:
        fields = [f for f in view.args if f not in ("createdAt", "updatedAt")]
        field = self.rng.choice(fields) if fields else None
        extra = f", {field}: {view.args[field]}" if field else ""
        stamp = ", updatedAt: Date.now()" if view.timestamps else ""
        return _Function(
            [
                f"export const update{view.single} = mutation({{",
                f'  args: {{ id: v.id("{view.name}"){extra} }},',
                "  handler: async (ctx, args) => {",
                "    const { id, ...fields } = args;",
                "    const existing = await ctx.db.get(id);",
                f'    if (existing === null) throw new Error("{view.single} not found");',
                f"    await ctx.db.patch(id, {{ ...fields{stamp} }});",
                "  },",
                "});",
            ]
        )

    def _remove(self, view: TableView) -> _Function:
        return _Function(
            [
                f"export const remove{view.single} = internalMutation({{",
                f'  args: {{ id: v.id("{view.name}") }},',
                "  handler: async (ctx, args) => {",
                "    await ctx.db.delete(args.id);",
                "  },",
                "});",
            ]
        )

    def _scan(self, view: TableView, field: str) -> _Function:
        """A query reading the whole table (filter-without-index), suppressed half the time."""
        rng = self.rng
        scan = f'ctx.db.query("{view.name}").filter((q) => q.eq(q.field("{field}"), args.{field}))'
        place = rng.random()
        if place < 0.35:
            lines = [
                f"    // {self._directive('filter-without-index')}",
                f"    return await {scan}.collect();",
            ]
        elif place < 0.5:
            lines = [f"    return await {scan}.collect(); // {self._directive('Q603', 0.0)}"]
        else:
            lines = [f"    return await {scan}.collect();"]
        return _Function(
            [
                f"export const find{view.plural}By{_pascal(field)} = query({{",
                f"  args: {{ {field}: {view.args[field]} }},",
                "  handler: async (ctx, args) => {",
                *lines,
                "  },",
                "});",
            ],
            flagged=frozenset({"filter-without-index"}),
        )

    def _unknown_index(self, view: TableView, field: str) -> _Function:
        """A query naming an index the table does not have (unknown-index), sometimes suppressed."""
        query = f'ctx.db.query("{view.name}").withIndex("by_{field}", (q) => q.eq("{field}", args.{field}))'
        directive = [f"    // {self._directive('unknown-index')}"] if self.rng.random() < 0.3 else []
        return _Function(
            [
                f"export const first{view.single}By{_pascal(field)} = query({{",
                f"  args: {{ {field}: {view.args[field]} }},",
                "  handler: async (ctx, args) => {",
                *directive,
                f"    return await {query}.first();",
                "  },",
                "});",
            ],
            flagged=frozenset({"unknown-index"}),
        )


@dataclass(frozen=True)
class Helper:
    """A helper function of `convex/model/`: its name and the field it lists by (None: by id)."""

    name: str
    field: str | None


@dataclass
class _Function:
    lines: list[str]
    helpers: set[str] | frozenset[str] = frozenset()
    paginated: bool = False
    flagged: frozenset[str] = frozenset()  # the rules meant to find it (a scan, an unknown index)


AUTH_TS = """\
import type { QueryCtx } from "../_generated/server";

// Every public function starts here.
export async function requireIdentity(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw new Error("Not signed in");
  return identity;
}
"""


def function_files(tables: list[Table], parts: list[str], per_part: int, seed: int) -> dict[str, str]:
    """The function code of a project whose `tables` are written, in order, `per_part` a file,
    to the table files named `parts`: relative path -> text."""
    rng = random.Random(f"schemalint-bench-functions:{seed}:{len(tables)}")
    writer = FunctionWriter(rng, tables)
    files: dict[str, str] = {"convex/model/auth.ts": AUTH_TS}
    helpers: dict[str, list[Helper]] = {}
    for number, part in enumerate(parts):
        views = writer.views[number * per_part : (number + 1) * per_part]
        text, exported = writer.model_module(views)
        files[f"convex/model/{part}.ts"] = text
        helpers.update(exported)
    barrel = ['export * from "./auth";', *(f'export * from "./{part}";' for part in parts), ""]
    files["convex/model/index.ts"] = "\n".join(barrel)
    start = 0
    while start < len(writer.views):
        group = writer.views[start : start + rng.choice(GROUP_SIZES)]
        files[f"convex/api/{group[0].name}.ts"] = writer.api_module(group, helpers)
        start += len(group)
    return files
