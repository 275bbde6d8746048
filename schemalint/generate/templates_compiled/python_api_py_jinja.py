from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'api.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_api = resolve('api')
    l_0_incomplete = resolve('incomplete')
    l_0_import_line = l_0_definition = missing
    try:
        t_1 = environment.filters['indent']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'indent' found.")
    pass
    included_template = environment.get_template('_macros.jinja', 'api.py.jinja')._get_default_module(context)
    l_0_import_line = getattr(included_template, 'import_line', missing)
    if l_0_import_line is missing:
        l_0_import_line = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'api.py.jinja') does not export the requested name 'import_line'", name='import_line')
    l_0_definition = getattr(included_template, 'definition', missing)
    if l_0_definition is missing:
        l_0_definition = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'api.py.jinja') does not export the requested name 'definition'", name='definition')
    context.vars.update({'import_line': l_0_import_line, 'definition': l_0_definition})
    context.exported_vars.difference_update(('import_line', 'definition'))
    yield str(environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'header'))
    yield '\n"""The typed function API of this Convex project: `ConvexApi(client)`.\n\nArguments are keyword arguments named as in Convex (a Python keyword gets a trailing `_`). An\noptional argument left out (or given `OMITTED`) is not sent. Where a validator says int64,\narguments take `int` and results give `int`: the facade converts to and from the `convex`\nclient\'s `ConvexInt64`. Array and record arguments take any `Sequence` and `Mapping`;\nresults are plain `list`s and `dict`s.\n'
    if (undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete):
        pass
        yield '\n'
        for l_1_line in (undefined(name='incomplete') if l_0_incomplete is missing else l_0_incomplete):
            _loop_vars = {}
            pass
            yield str(l_1_line)
            yield '\n'
        l_1_line = missing
    yield '"""\n\nfrom __future__ import annotations\n\n'
    for l_1_group in environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'imports'):
        _loop_vars = {}
        pass
        for l_2_i in l_1_group:
            _loop_vars = {}
            pass
            yield str(context.call((undefined(name='import_line') if l_0_import_line is missing else l_0_import_line), l_2_i, _loop_vars=_loop_vars))
            yield '\n'
        l_2_i = missing
        yield '\n'
    l_1_group = missing
    yield 'FunctionKind: TypeAlias = Literal["query", "mutation", "action"]\n'
    yield str(environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'function_name_alias'))
    yield '\n\n'
    if environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'functions'):
        pass
        yield 'FUNCTIONS: Final[Mapping[FunctionName, FunctionKind]] = {\n'
        for (l_1_identifier, l_1_kind) in environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'functions'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(l_1_identifier)
            yield ': '
            yield str(l_1_kind)
            yield ',\n'
        l_1_identifier = l_1_kind = missing
        yield '}\n'
    else:
        pass
        yield 'FUNCTIONS: Final[Mapping[FunctionName, FunctionKind]] = {}\n'
    yield '"""The kind of every function of this API, by its Convex name."""\n\n\nclass ConvexCaller(Protocol):\n    """What the API needs of a client; `convex.ConvexClient` has it."""\n\n    def query(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n    def mutation(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n    def action(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n    def subscribe(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n\nclass Omitted(enum.Enum):\n    """The type of `OMITTED`, the default of optional arguments: an argument left at it is not sent."""\n\n    OMITTED = "OMITTED"\n\n\nOMITTED: Final = Omitted.OMITTED\n\n\n@dataclass(frozen=True)\nclass _Conv:\n    """Where a value holds int64 numbers: here (`int64`), in list items, in dict entries (named\n    `fields`, or any other key: `values`), or in the variant of a dict picked by its `tag`."""\n\n    int64: bool = False\n    items: _Conv | None = None\n    values: _Conv | None = None\n    fields: Mapping[str, _Conv] | None = None\n    tag: str | None = None\n    variants: Mapping[str, _Conv] | None = None\n\n\n_INT64: Final = _Conv(int64=True)\n\n\ndef _convert(value: object, conv: _Conv, leaf: Callable[[object], object]) -> object:\n    """`value` with `leaf` applied wherever `conv` says int64."""\n    if isinstance(value, Sequence) and not isinstance(value, str | bytes):\n        items = conv.items\n        if items is None:\n            return value\n        return [_convert(item, items, leaf) for item in value]\n    if isinstance(value, Mapping):\n        if conv.tag is not None and conv.variants is not None:\n            tag = value.get(conv.tag)\n            variant = conv.variants.get(tag) if isinstance(tag, str) else None\n            return _convert(value, variant, leaf) if variant is not None else value\n        fields = conv.fields or {}\n        converted: dict[object, object] = {}\n        for key, item in value.items():\n            sub = fields.get(key, conv.values) if isinstance(key, str) else None\n            converted[key] = _convert(item, sub, leaf) if sub is not None else item\n        return converted\n    return leaf(value) if conv.int64 else value\n\n\ndef _to_int64(value: object) -> object:\n    if isinstance(value, int) and not isinstance(value, bool):\n        return ConvexInt64(value)\n    return value\n\n\ndef _from_int64(value: object) -> object:\n    return value.value if isinstance(value, ConvexInt64) else value\n\n\n_T = TypeVar("_T")\n\n\nclass Subscription(Generic[_T]):\n    """A live query, from a `subscribe_<query>` method: iterate it (`for result in sub`, or\n    `async for result in sub`) to get its result each time it changes; `unsubscribe()` ends it."""\n\n    def __init__(self, inner: Any, decode: _Conv | None) -> None:\n        self._inner = inner\n        self._decode = decode\n\n    def __iter__(self) -> Subscription[_T]:\n        return self\n\n    def __next__(self) -> _T:\n        return cast(_T, self._result(next(self._inner)))\n\n    def __aiter__(self) -> Subscription[_T]:\n        return self\n\n    async def __anext__(self) -> _T:\n        return cast(_T, self._result(await self._inner.__anext__()))\n\n    def unsubscribe(self) -> None:\n        """Stop the subscription (other subscriptions to the same query are unaffected)."""\n        self._inner.unsubscribe()\n\n    def _result(self, value: object) -> object:\n        decode = self._decode\n        return _convert(value, decode, _from_int64) if decode is not None else value\n\n\ndef _encoded(args: dict[str, object], encode: _Conv | None) -> dict[str, object]:\n    sent = {key: value for key, value in args.items() if value is not OMITTED}\n    if encode is not None:\n        sent = cast(dict[str, object], _convert(sent, encode, _to_int64))\n    return sent\n\n\nclass _Namespace:\n    def __init__(self, client: ConvexCaller) -> None:\n        self._client = client\n\n    def _call(\n        self,\n        kind: FunctionKind,\n        name: str,\n        args: dict[str, object],\n        encode: _Conv | None,\n        decode: _Conv | None,\n    ) -> Any:\n        sent = _encoded(args, encode)\n        if kind == "query":\n            result = self._client.query(name, sent)\n        elif kind == "mutation":\n            result = self._client.mutation(name, sent)\n        else:\n            result = self._client.action(name, sent)\n        return _convert(result, decode, _from_int64) if decode is not None else result\n\n    def _subscribe(\n        self,\n        name: str,\n        args: dict[str, object],\n        encode: _Conv | None,\n        decode: _Conv | None,\n    ) -> Subscription[Any]:\n        inner = self._client.subscribe(name, _encoded(args, encode))\n        return Subscription(inner, decode)\n'
    l_1_loop = missing
    for l_1_d, l_1_loop in LoopContext(environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'definitions'), undefined):
        _loop_vars = {}
        pass
        if ((environment.getattr(l_1_loop, 'first') or environment.getattr(l_1_d, 'is_class')) or environment.getattr(environment.getattr(l_1_loop, 'previtem'), 'is_class')):
            pass
            yield '\n\n'
        else:
            pass
            yield '\n'
        yield str(context.call((undefined(name='definition') if l_0_definition is missing else l_0_definition), l_1_d, _loop_vars=_loop_vars))
    l_1_loop = l_1_d = missing
    for l_1_ns in environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'namespaces'):
        _loop_vars = {}
        pass
        yield '\n\n'
        yield str(environment.getattr(l_1_ns, 'header'))
        yield '\n    '
        yield str(t_1(environment.getattr(l_1_ns, 'docstring'), 4))
        yield '\n'
        if environment.getattr(l_1_ns, 'children'):
            pass
            yield '\n    def __init__(self, client: ConvexCaller) -> None:\n        super().__init__(client)\n'
            yield str(environment.getattr(l_1_ns, 'child_lines'))
            yield '\n'
        for l_2_m in environment.getattr(l_1_ns, 'methods'):
            _loop_vars = {}
            pass
            yield '\n'
            if (environment.getattr(l_2_m, 'params') or environment.getattr(l_2_m, 'var_keyword')):
                pass
                yield '    def '
                yield str(environment.getattr(l_2_m, 'name'))
                yield '(\n        self,\n'
                if environment.getattr(l_2_m, 'params'):
                    pass
                    yield '        *,\n'
                for l_3_p in environment.getattr(l_2_m, 'params'):
                    _loop_vars = {}
                    pass
                    yield str(environment.getattr(l_3_p, 'line'))
                    yield '\n'
                l_3_p = missing
                if environment.getattr(l_2_m, 'var_keyword'):
                    pass
                    yield '        **'
                    yield str(environment.getattr(l_2_m, 'var_keyword'))
                    yield ',\n'
                yield str(environment.getattr(l_2_m, 'returns_line'))
                yield '\n'
            else:
                pass
                yield str(environment.getattr(l_2_m, 'bare_header'))
                yield '\n'
            yield '        '
            yield str(t_1(environment.getattr(l_2_m, 'docstring'), 8))
            yield '\n'
            if environment.getattr(l_2_m, 'cast'):
                pass
                yield '        return cast(\n'
                yield str(environment.getattr(l_2_m, 'cast_lines'))
                yield '\n            self._call(\n'
                yield str(environment.getattr(l_2_m, 'call_lines'))
                yield '\n            ),\n        )\n'
            else:
                pass
                yield '        return self._call(\n'
                yield str(environment.getattr(l_2_m, 'call_lines'))
                yield '\n        )\n'
            if environment.getattr(l_2_m, 'subscription'):
                pass
                yield '\n'
                if (environment.getattr(l_2_m, 'params') or environment.getattr(l_2_m, 'var_keyword')):
                    pass
                    yield '    def '
                    yield str(environment.getattr(l_2_m, 'subscription'))
                    yield '(\n        self,\n'
                    if environment.getattr(l_2_m, 'params'):
                        pass
                        yield '        *,\n'
                    for l_3_p in environment.getattr(l_2_m, 'params'):
                        _loop_vars = {}
                        pass
                        yield str(environment.getattr(l_3_p, 'line'))
                        yield '\n'
                    l_3_p = missing
                    if environment.getattr(l_2_m, 'var_keyword'):
                        pass
                        yield '        **'
                        yield str(environment.getattr(l_2_m, 'var_keyword'))
                        yield ',\n'
                    yield str(environment.getattr(l_2_m, 'subscription_returns_line'))
                    yield '\n'
                else:
                    pass
                    yield str(environment.getattr(l_2_m, 'bare_subscription_header'))
                    yield '\n'
                yield '        '
                yield str(t_1(environment.getattr(l_2_m, 'subscription_docstring'), 8))
                yield '\n        return self._subscribe(\n'
                yield str(environment.getattr(l_2_m, 'subscribe_lines'))
                yield '\n        )\n'
        l_2_m = missing
    l_1_ns = missing

blocks = {}
debug_info = '1=20&2=29&10=31&12=34&13=37&20=41&21=44&22=47&27=53&29=55&31=58&32=62&179=73&180=76&186=82&188=84&191=88&192=90&193=92&197=95&199=97&201=101&202=104&204=106&207=109&208=112&210=115&211=118&213=120&215=124&217=127&218=129&220=132&222=134&227=139&230=141&232=144&233=147&235=149&238=152&239=155&241=158&242=161&244=163&246=167&248=170&250=172'

# Generated by `python -m schemalint.generate.precompiled_build` from generators/python/api.py.jinja; do not edit.
