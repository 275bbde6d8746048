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
    context.vars['import_line'] = l_0_import_line
    context.exported_vars.discard('import_line')
    included_template = environment.get_template('_models.jinja', 'api.py.jinja')._get_default_module(context)
    l_0_definition = getattr(included_template, 'definition', missing)
    if l_0_definition is missing:
        l_0_definition = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'api.py.jinja') does not export the requested name 'definition'", name='definition')
    context.vars['definition'] = l_0_definition
    context.exported_vars.discard('definition')
    yield str(environment.getattr((undefined(name='api') if l_0_api is missing else l_0_api), 'header'))
    yield '\n"""The typed function API of this Convex project: `ConvexApi(client)`, with pydantic models.\n\nArguments are keyword arguments named as in Convex (a Python keyword gets a trailing `_`). An\noptional argument left out (or given `OMITTED`) is not sent; `None` is sent only where the\nvalidator allows `v.null()`. Every argument is validated before it is sent and every result\nas it arrives, strictly (a `pydantic.ValidationError` otherwise). Where a validator says int64,\narguments take `int` and results give `int` (`Int64`): sent and read as `ConvexInt64`.\n'
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
    yield '"""The kind of every function of this API, by its Convex name."""\n\n\nclass ConvexCaller(Protocol):\n    """What the API needs of a client; `convex.ConvexClient` has it."""\n\n    def query(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n    def mutation(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n    def action(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n    def subscribe(self, name: str, args: dict[str, Any], /) -> Any: ...\n\n\ndef _encoded(\n    args: dict[str, object], types: Mapping[str, Any] | None\n) -> dict[str, object]:\n    """The arguments to send: each validated as its type (`Any` when the validator does not\n    say) and dumped (Convex names, `Int64` as `ConvexInt64`); `OMITTED` ones left out."""\n    sent: dict[str, object] = {}\n    for key, value in args.items():\n        if value is OMITTED:\n            continue\n        adapter = _adapter(types.get(key, Any) if types is not None else Any)\n        sent[key] = adapter.dump_python(adapter.validate_python(value, strict=True))\n    return sent\n\n\n@functools.cache\ndef _adapter(annotation: Any) -> TypeAdapter[Any]:\n    return TypeAdapter(annotation)\n\n\ndef _decoded(value: object, annotation: Any) -> Any:\n    """`value` validated as `annotation` (strictly: nothing is converted but int64 values;\n    fields are read by their Convex names only), or as it is for `Any`."""\n    if annotation is Any:\n        return value\n    return _adapter(annotation).validate_python(value, strict=True, by_name=False)\n\n\n_T = TypeVar("_T")\n\n\nclass Subscription(Generic[_T]):\n    """A live query, from a `subscribe_<query>` method: iterate it (`for result in sub`, or\n    `async for result in sub`) to get its result, validated, each time it changes;\n    `unsubscribe()` ends it."""\n\n    def __init__(self, inner: Any, decode: Any) -> None:\n        self._inner = inner\n        self._decode = decode\n\n    def __iter__(self) -> Subscription[_T]:\n        return self\n\n    def __next__(self) -> _T:\n        return cast(_T, _decoded(next(self._inner), self._decode))\n\n    def __aiter__(self) -> Subscription[_T]:\n        return self\n\n    async def __anext__(self) -> _T:\n        return cast(_T, _decoded(await self._inner.__anext__(), self._decode))\n\n    def unsubscribe(self) -> None:\n        """Stop the subscription (other subscriptions to the same query are unaffected)."""\n        self._inner.unsubscribe()\n\n\nclass _Namespace:\n    def __init__(self, client: ConvexCaller) -> None:\n        self._client = client\n\n    def _call(\n        self,\n        kind: FunctionKind,\n        name: str,\n        args: dict[str, object],\n        encode: Mapping[str, Any] | None,\n        decode: Any,\n    ) -> Any:\n        sent = _encoded(args, encode)\n        if kind == "query":\n            result = self._client.query(name, sent)\n        elif kind == "mutation":\n            result = self._client.mutation(name, sent)\n        else:\n            result = self._client.action(name, sent)\n        return _decoded(result, decode)\n\n    def _subscribe(\n        self,\n        name: str,\n        args: dict[str, object],\n        encode: Mapping[str, Any] | None,\n        decode: Any,\n    ) -> Subscription[Any]:\n        inner = self._client.subscribe(name, _encoded(args, encode))\n        return Subscription(inner, decode)\n'
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
debug_info = '1=20&2=26&3=32&11=34&13=37&14=40&21=44&22=47&23=50&28=56&30=58&32=61&33=65&141=76&142=79&148=85&150=87&153=91&154=93&155=95&159=98&161=100&163=104&164=107&166=109&169=112&170=115&172=118&173=121&175=123&177=127&179=130&180=132&182=135&184=137&189=142&192=144&194=147&195=150&197=152&200=155&201=158&203=161&204=164&206=166&208=170&210=173&212=175'

# Generated by `python -m schemalint.generate.precompiled_build` from generators/pydantic/api.py.jinja; do not edit.
