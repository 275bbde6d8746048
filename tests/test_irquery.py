"""The shared questions rules ask about the IR (schemalint.irquery)."""

from __future__ import annotations

import dataclasses

from ir_builders import fld, obj, table

from schemalint.ir import (
    DbIndex,
    SearchIndex,
    Table,
    VAny,
    VArray,
    VectorIndex,
    VFloat64,
    VId,
    VLiteral,
    VNull,
    VObject,
    VRecord,
    VString,
    VUnion,
    VUnknown,
)
from schemalint.irquery import (
    FieldRef,
    alternatives,
    can_contain_field,
    describe_validator,
    distinct_fields,
    distinct_fields_of,
    field_validators,
    find_field,
    index_path_problem,
    is_distinct,
    is_leading_index_field,
    nesting_depth,
    resolve_field,
    table_fields,
    table_indexes,
    table_validators,
    unwrap_nullable,
)

ADDRESS = obj(fld("city", VString()), fld("geo", obj(fld("lat", VFloat64()))))
PLACES = table(
    "places",
    fld("name", VString()),
    fld("address", ADDRESS),
    fld("tags", VArray(element=obj(fld("label", VString())))),
    fld("meta", VRecord(keys=VString(), values=obj(fld("note", VString())))),
    fld("data", VAny()),
)


def test_table_fields_visits_every_depth_with_dotted_paths() -> None:
    paths = [ref.path for ref in table_fields(PLACES)]
    assert paths == [
        "name",
        "address",
        "address.city",
        "address.geo",
        "address.geo.lat",
        "tags",
        "tags.label",
        "meta",
        "meta.note",
        "data",
    ]


def test_table_fields_are_the_field_refs_the_constructor_makes() -> None:
    # table_fields builds its FieldRefs without the dataclass __init__; they must not differ.
    for ref in table_fields(PLACES):
        made = FieldRef(table=ref.table, path=ref.path, field=ref.field, through=ref.through)
        assert ref == made and hash(ref) == hash(made) and repr(ref) == repr(made)
        assert {f.name: getattr(ref, f.name) for f in dataclasses.fields(FieldRef)} == {
            f.name: getattr(made, f.name) for f in dataclasses.fields(FieldRef)
        }


def test_fields_inside_arrays_and_records_are_not_indexable() -> None:
    refs = {ref.path: ref for ref in table_fields(PLACES)}
    assert refs["address.geo.lat"].indexable
    assert refs["address.geo.lat"].depth == 3
    assert refs["tags.label"].through == ("array",) and not refs["tags.label"].indexable
    assert refs["meta.note"].through == ("record",) and not refs["meta.note"].indexable
    assert refs["name"].top_level and not refs["address.city"].top_level


def test_union_documents_yield_each_members_fields_as_top_level() -> None:
    events = table(
        "events",
        document=VUnion(
            members=(
                obj(fld("kind", VString()), fld("target", VString())),
                obj(fld("kind", VString()), fld("page", VString())),
            )
        ),
    )
    refs = list(table_fields(events))
    assert [r.path for r in refs] == ["kind", "target", "kind", "page"]
    assert all(r.top_level and r.through == () for r in refs)


def test_staged_document_fields_are_visited_once() -> None:
    name = fld("name", VString(), line=3)
    staged = obj(name, fld("email", VString(), line=9))
    users = Table(name="users", document=obj(name), staged_document=staged)
    assert [r.path for r in table_fields(users)] == ["name", "email"]


def test_can_contain_field_walks_objects_and_unions() -> None:
    document = PLACES.document
    assert can_contain_field(document, "address.geo.lat")
    assert not can_contain_field(document, "address.zip")
    union = VUnion(members=(obj(fld("a", VString())), obj(fld("b", VString()))))
    assert can_contain_field(union, "b")


def test_can_contain_field_fails_through_arrays_records_and_scalars() -> None:
    document = PLACES.document
    assert not can_contain_field(document, "tags.label")
    assert not can_contain_field(document, "meta.note")
    assert not can_contain_field(document, "name.length")


def test_can_contain_field_passes_anything_under_any_and_single_system_fields() -> None:
    document = PLACES.document
    assert can_contain_field(document, "data.whatever.deep")
    assert can_contain_field(obj(fld("x", VUnknown(reason="?"))), "x.y")
    assert can_contain_field(document, "_creationTime")
    assert can_contain_field(document, "_id")
    assert not can_contain_field(document, "address._id")


def test_resolve_field_returns_the_validators_at_a_path() -> None:
    assert resolve_field(PLACES, "address.city") == (VString(),)
    assert resolve_field(PLACES, "address.zip") == ()
    assert resolve_field(PLACES, "data.x") == (VAny(),)
    assert resolve_field(PLACES, "_id") == (VId(table_name="places"),)
    union = table("u", document=VUnion(members=(obj(fld("a", VString())), obj(fld("a", VNull())))))
    assert resolve_field(union, "a") == (VString(), VNull())


def test_find_field_finds_declared_fields_only_where_indexable() -> None:
    found = find_field(PLACES, "address.city")
    assert found is not None and found.name == "city"
    assert find_field(PLACES, "tags.label") is None


def test_is_leading_index_field_looks_at_first_fields_of_database_indexes() -> None:
    posts = table(
        "posts",
        fld("authorId", VString()),
        fld("channel", VString()),
        indexes=(
            DbIndex(name="by_channel_author", fields=("channel", "authorId")),
            DbIndex(name="by_staged", fields=("authorId",), staged=True),
        ),
    )
    assert is_leading_index_field(posts, "channel")
    assert is_leading_index_field(posts, "authorId")
    assert not is_leading_index_field(posts, "authorId", include_staged=False)


def test_table_indexes_lists_all_kinds_with_their_field_paths() -> None:
    docs = table(
        "docs",
        indexes=(DbIndex(name="by_a", fields=("a", "b")),),
        search=(SearchIndex(name="s", search_field="body", filter_fields=("a",)),),
        vector=(VectorIndex(name="v", vector_field="emb", dimensions=8, filter_fields=()),),
    )
    assert [(i.kind, i.name, i.fields) for i in table_indexes(docs)] == [
        ("db", "by_a", ("a", "b")),
        ("search", "s", ("body", "a")),
        ("vector", "v", ("emb",)),
    ]


def test_nesting_depth_counts_objects_arrays_and_records_not_unions() -> None:
    assert nesting_depth(VString()) == 0
    assert nesting_depth(obj(fld("a", VString()))) == 1
    assert nesting_depth(PLACES.document) == 3  # document → address → geo
    assert nesting_depth(VArray(element=VArray(element=VString()))) == 2
    assert nesting_depth(VUnion(members=(VString(), VArray(element=VString())))) == 1


def test_field_validators_stop_at_object_fields() -> None:
    value = VUnion(members=(VArray(element=VAny()), obj(fld("inner", VAny()))))
    kinds = [v.kind for v in field_validators(value)]
    assert kinds == ["union", "array", "any", "object"]


def test_unwrap_nullable_and_alternatives() -> None:
    nullable = VUnion(members=(VString(), VNull()))
    assert unwrap_nullable(nullable) == VString()
    assert unwrap_nullable(VString(optional=True)) == VString(optional=True)
    both = VUnion(members=(VString(), VFloat64()))
    assert unwrap_nullable(both) is both
    nested = VUnion(members=(VString(), VUnion(members=(VFloat64(), VNull()))))
    assert [v.kind for v in alternatives(nested)] == ["string", "float64", "null"]


def test_can_contain_field_passes_missing_keys_of_partly_unevaluated_objects() -> None:
    partial = VObject(fields=(fld("a", VString()),), unknown_parts=(VUnknown(reason="spread"),))
    assert can_contain_field(obj(fld("meta", partial)), "meta.anything")
    assert not can_contain_field(obj(fld("meta", partial)), "meta.a.b")


def test_index_path_problem_follows_convexs_field_path_parser() -> None:
    assert index_path_problem("address.city") is None
    assert index_path_problem(".address.city.") is None  # surrounding dots are trimmed
    assert index_path_problem("a..b") == "Identifier cannot be empty"
    assert index_path_problem("...") == "Empty path ..."
    assert index_path_problem("$kind") == "Field name $kind starts with '$', which is reserved."


def test_describe_validator_writes_validators_like_convexs_errors() -> None:
    record = VRecord(keys=VFloat64(), values=VArray(element=VId(table_name="users")))
    assert describe_validator(record) == 'v.record(v.number(), v.array(v.id("users")))'
    nan = VLiteral(value=float("nan"), value_type="number")
    assert describe_validator(VUnion(members=(nan, VLiteral(value="a", value_type="string")))) == (
        'v.union(v.literal(NaN), v.literal("a"))'
    )
    assert describe_validator(obj(fld("a", VString()))) == "v.object({…})"


def test_table_validators_pairs_each_validator_with_its_field() -> None:
    events = table(
        "events",
        document=VUnion(members=(obj(fld("tags", VArray(element=VString()))), obj(fld("n", VFloat64())))),
    )
    pairs = [(v.kind, ref.path if ref is not None else None) for v, ref in table_validators(events)]
    assert pairs == [
        ("union", None),
        ("object", None),
        ("object", None),
        ("array", "tags"),
        ("string", "tags"),
        ("float64", "n"),
    ]


def test_distinct_fields_skip_a_field_shared_by_union_members_and_keep_everything_else() -> None:
    shared = fld("owner", VString(), line=2)
    kinds = VUnion(
        members=(obj(shared, fld("a", VString(), line=3)), obj(shared, fld("b", VString(), line=4)))
    )
    tables = [
        table(
            "plain",
            fld("name", VString(), line=2),
            fld("maybe", VUnion(members=(VString(), VNull())), line=3),
        ),
        table("events", document=kinds),
        table("nested", fld("payload", kinds, line=5)),
        table(
            "one_object_member", fld("x", VUnion(members=(obj(fld("y", VString(), line=6)), VNull())), line=5)
        ),
    ]
    for t in tables:
        expected, seen = [], set()
        for ref in table_fields(t):  # the definition: first of each (path, span)
            key = (ref.path, ref.span) if ref.span is not None else (ref.path, id(ref.field))
            if key not in seen:
                seen.add(key)
                expected.append(ref)
        assert list(distinct_fields(t)) == expected
        assert [ref for ref in table_fields(t) if is_distinct(ref)] == expected
    assert [ref.path for ref in distinct_fields(tables[1])] == ["owner", "a", "b"]
    assert [ref.path for ref in distinct_fields(tables[2])] == [
        "payload",
        "payload.owner",
        "payload.a",
        "payload.b",
    ]


def test_distinct_fields_of_a_kind_are_those_whose_own_validator_has_it() -> None:
    users = table(
        "users",
        fld("org", VId(table_name="orgs")),
        fld("tags", VArray(element=VId(table_name="tags"))),
        fld("manager", VUnion(members=(VId(table_name="users"), VNull()))),
        fld("name", VString()),
    )
    assert [ref.path for ref in distinct_fields_of(users, VId)] == ["org"]
    assert [ref.path for ref in distinct_fields_of(users, VId, VUnion)] == ["org", "manager"]
