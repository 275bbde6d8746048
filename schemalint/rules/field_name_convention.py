"""N404 field-name-convention: field names (at every depth) not in the configured case."""

from __future__ import annotations

from collections.abc import Iterator

from schemalint.identifiers import is_identifier
from schemalint.ir import Table
from schemalint.irquery import distinct_fields, is_package_table
from schemalint.naming import is_camel_case, is_snake_case, to_camel_case, to_snake_case
from schemalint.rules.base import Rule, RuleContext, Violation


class FieldNameConvention(Rule):
    def check_table(self, ctx: RuleContext, table: Table) -> Iterator[Violation]:
        if is_package_table(table):
            return
        camel = ctx.options.get_str("case") == "camelCase"
        for ref in distinct_fields(table):
            # Leading underscores are reserved-name's business; invalid names invalid-identifier's.
            name = ref.name.lstrip("_")
            if not name or not is_identifier(ref.name):
                continue
            if is_camel_case(name) if camel else is_snake_case(name):
                continue
            prefix = ref.name[: len(ref.name) - len(name)]
            suggestion = prefix + (to_camel_case(name) if camel else to_snake_case(name))
            yield Violation(
                f'Field name "{ref.name}" is not {"camelCase" if camel else "snake_case"}'
                + (f' (in "{ref.path}")' if not ref.top_level else ""),
                help=f'Rename it to "{suggestion}".',
                span=ref.span,
                field=ref.path,
            )
