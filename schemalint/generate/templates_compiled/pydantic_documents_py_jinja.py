from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'documents.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_documents = resolve('documents')
    l_0_incomplete = resolve('incomplete')
    l_0_import_line = l_0_definition = missing
    try:
        t_1 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    included_template = environment.get_template('_macros.jinja', 'documents.py.jinja')._get_default_module(context)
    l_0_import_line = getattr(included_template, 'import_line', missing)
    if l_0_import_line is missing:
        l_0_import_line = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'documents.py.jinja') does not export the requested name 'import_line'", name='import_line')
    context.vars['import_line'] = l_0_import_line
    context.exported_vars.discard('import_line')
    included_template = environment.get_template('_models.jinja', 'documents.py.jinja')._get_default_module(context)
    l_0_definition = getattr(included_template, 'definition', missing)
    if l_0_definition is missing:
        l_0_definition = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'documents.py.jinja') does not export the requested name 'definition'", name='definition')
    context.vars['definition'] = l_0_definition
    context.exported_vars.discard('definition')
    yield str(environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'header'))
    yield '\n"""Document models of this Convex project\'s tables: pydantic models that check what they hold.\n\nModels are strict (a value of the wrong type is an error, never converted, also when a field\nis assigned) and have no fields beyond their validator\'s. `<Table>Id` types are `NewType`s over `str`. int64 and commitTs\nvalues are `Int64`: a Python `int`, read from and sent as the `convex` client\'s `ConvexInt64`.\nAn optional field that is left out is `OMITTED`, never `None` (`None` is the value of\n`v.null()`), and is left out again when the model is dumped. A field whose Convex name is not\na Python name (`_id`, `_creationTime`, keywords) has a Python name (`id`, `creationTime`,\n`class_`) and keeps its Convex name as its alias: models read and dump Convex names, and are\nbuilt with either.\n'
    if (undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete):
        pass
        yield '\n'
        for l_1_line in (undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete):
            _loop_vars = {}
            pass
            yield str(l_1_line)
            yield '\n'
        l_1_line = missing
    yield '"""\n\nfrom __future__ import annotations\n\nimport enum\nfrom typing import '
    yield str(environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'typing_names'))
    yield '\n\nfrom convex import ConvexInt64\n'
    yield str(context.call((undefined(name='import_line') if l_0_import_line is missing else l_0_import_line), environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'pydantic_import')))
    yield '\nfrom pydantic_core import PydanticCustomError, core_schema\n\n\nclass Omitted(enum.Enum):\n    """The type of `OMITTED`: an optional field or argument that is left out (not `None`)."""\n\n    OMITTED = "OMITTED"\n\n    @classmethod\n    def __get_pydantic_core_schema__(\n        cls, source: object, handler: GetCoreSchemaHandler\n    ) -> core_schema.CoreSchema:\n        # Only `OMITTED` itself is one: no value that is read can become it.\n        return core_schema.is_instance_schema(cls)\n\n\nOMITTED: Final = Omitted.OMITTED\n\n\ndef _int64_in(value: object) -> object:\n    return value.value if isinstance(value, ConvexInt64) else value\n\n\ndef _int64_out(value: int, info: SerializationInfo) -> Any:\n    # JSON has one kind of number: `model_dump_json()` writes the int.\n    return value if info.mode == "json" else ConvexInt64(value)\n\n\nInt64: TypeAlias = Annotated[\n    int, Strict(), BeforeValidator(_int64_in), PlainSerializer(_int64_out)\n]\n"""An int64 or commitTs value: an `int`, read from and sent as the client\'s `ConvexInt64`."""\n\n\ndef _int64_literal_in(value: object) -> object:\n    value = _int64_in(value)\n    if isinstance(value, bool) or not isinstance(value, int):  # `5.0` would equal `5`\n        raise PydanticCustomError("int64_literal", "not an int or a ConvexInt64")\n    return value\n\n\nclass _AsInt64:\n    """The type of `AS_INT64`."""\n\n    def __get_pydantic_core_schema__(\n        self, source: object, handler: GetCoreSchemaHandler\n    ) -> core_schema.CoreSchema:\n        return core_schema.no_info_before_validator_function(\n            _int64_literal_in,\n            handler(source),\n            serialization=core_schema.plain_serializer_function_ser_schema(\n                _int64_out, info_arg=True\n            ),\n        )\n\n\nAS_INT64: Final = _AsInt64()\n"""`Annotated[Literal[5], AS_INT64]` is `v.literal(5n)`: read from and sent as a `ConvexInt64`."""\n'
    if environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'no_value'):
        pass
        yield '\n\nclass _NoValueSchema:\n    """What pydantic validates `NoValue` with: nothing."""\n\n    def __get_pydantic_core_schema__(\n        self, source: object, handler: GetCoreSchemaHandler\n    ) -> core_schema.CoreSchema:\n        return core_schema.no_info_plain_validator_function(_no_value)\n\n\ndef _no_value(value: object) -> NoReturn:\n    raise ValueError("v.union() with no members has no value")\n\n\nNoValue: TypeAlias = Annotated[Never, _NoValueSchema()]\n"""The type of `v.union()`, of which no value is valid."""\n'
    yield '\n\nclass _Model(BaseModel):\n    """The base of every generated model."""\n\n    model_config = ConfigDict(\n        strict=True,\n        extra="forbid",\n        validate_assignment=True,\n        validate_by_name=True,\n        validate_by_alias=True,\n        serialize_by_alias=True,\n        protected_namespaces=(),\n        ser_json_bytes="base64",\n        val_json_bytes="base64",\n        ser_json_inf_nan="constants",\n    )\n\n    @model_serializer(mode="wrap")\n    def _without_omitted(\n        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo\n    ) -> dict[str, Any]:\n        data: dict[str, Any] = handler(self)\n        by_alias = info.by_alias is not False\n        for name, field in type(self).model_fields.items():\n            if getattr(self, name) is OMITTED:\n                data.pop(field.alias if by_alias and field.alias else name, None)\n        return data\n\n\n'
    yield str(environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'table_name_alias'))
    yield '\n"""The name of every table of the schema."""\n\n'
    for l_1_id in environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'id_types'):
        _loop_vars = {}
        pass
        for l_2_line in environment.getattr(l_1_id, 'comments'):
            _loop_vars = {}
            pass
            yield str(l_2_line)
            yield '\n'
        l_2_line = missing
        yield str(environment.getattr(l_1_id, 'name'))
        yield ' = NewType('
        yield str(environment.getattr(l_1_id, 'name_literal'))
        yield ', str)\n'
    l_1_id = missing
    l_1_loop = missing
    for l_1_d, l_1_loop in LoopContext(environment.getattr((undefined(name='documents') if l_0_documents is missing else l_0_documents), 'definitions'), undefined):
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_d, 'is_class') or (t_1(environment.getattr(l_1_loop, 'previtem')) and environment.getattr(environment.getattr(l_1_loop, 'previtem'), 'is_class'))):
            pass
            yield '\n\n'
        else:
            pass
            yield '\n'
        yield str(context.call((undefined(name='definition') if l_0_definition is missing else l_0_definition), l_1_d, _loop_vars=_loop_vars))
    l_1_loop = l_1_d = missing

blocks = {}
debug_info = '1=20&2=26&3=32&14=34&16=37&17=40&25=44&28=46&87=48&136=52&139=54&140=57&141=60&143=63&146=69&147=72&153=78'

# Generated by `python -m schemalint.generate.precompiled_build` from generators/pydantic/documents.py.jinja; do not edit.
