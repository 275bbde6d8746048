from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'table.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page = resolve('page')
    l_0_fields_table = missing
    try:
        t_1 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    included_template = environment.get_template('_fields.md.j2', 'table.md.j2')._get_default_module(context)
    l_0_fields_table = getattr(included_template, 'fields_table', missing)
    if l_0_fields_table is missing:
        l_0_fields_table = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'table.md.j2') does not export the requested name 'fields_table'", name='fields_table')
    context.vars['fields_table'] = l_0_fields_table
    context.exported_vars.discard('fields_table')
    yield str(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'notice'))
    yield '\n# '
    yield str(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '\n\n'
    for l_1_paragraph in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'):
        _loop_vars = {}
        pass
        yield str(l_1_paragraph)
        yield '\n\n'
    l_1_paragraph = missing
    yield str(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'source'))
    yield ' [All tables](README.md)\n\n## Fields\n\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'shape'):
        pass
        yield str(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'shape'))
        yield '\n\n'
    for l_1_table in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fields'):
        _loop_vars = {}
        pass
        yield str(context.call((undefined(name='fields_table') if l_0_fields_table is missing else l_0_fields_table), l_1_table, _loop_vars=_loop_vars))
        yield '\n'
    l_1_table = missing
    if (not t_1(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'))):
        pass
        yield '## Staged changes\n\nA validator proposed with `.staged(...)`: Convex checks existing documents against it in the\nbackground while the fields above stay enforced.\n\n'
        if environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'), 'changes'):
            pass
            yield '| Field | Change | Current type | Staged type |\n| --- | --- | --- | --- |\n'
            for l_1_change in environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'), 'changes'):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.getattr(l_1_change, 'path'))
                yield ' | '
                yield str(environment.getattr(l_1_change, 'change'))
                yield ' | '
                yield str(environment.getattr(l_1_change, 'current'))
                yield ' | '
                yield str(environment.getattr(l_1_change, 'staged'))
                yield ' |\n'
            l_1_change = missing
            yield '\n'
        elif environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'), 'tables'):
            pass
            if environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'), 'sentence'):
                pass
                yield str(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'), 'sentence'))
                yield '\n\n'
            for l_1_table in environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'staged'), 'tables'):
                _loop_vars = {}
                pass
                yield str(context.call((undefined(name='fields_table') if l_0_fields_table is missing else l_0_fields_table), l_1_table, _loop_vars=_loop_vars))
                yield '\n'
            l_1_table = missing
        else:
            pass
            yield 'The staged validator is the same as the current one.\n\n'
    yield '## Indexes\n\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'indexes'):
        pass
        yield '| Name | Fields | Staged |\n| --- | --- | --- |\n'
        for l_1_index in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'indexes'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_index, 'name'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'fields'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'staged'))
            yield ' |\n'
        l_1_index = missing
        yield '\n'
    yield 'Convex adds `_creationTime` as the last field of every index, and gives every table the\nindexes `by_id` and `by_creation_time`.\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'search_indexes'):
        pass
        yield '\n### Search indexes\n\n| Name | Search field | Filter fields | Staged |\n| --- | --- | --- | --- |\n'
        for l_1_index in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'search_indexes'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_index, 'name'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'search_field'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'filter_fields'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'staged'))
            yield ' |\n'
        l_1_index = missing
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'vector_indexes'):
        pass
        yield '\n### Vector indexes\n\n| Name | Vector field | Dimensions | Filter fields | Staged |\n| --- | --- | ---: | --- | --- |\n'
        for l_1_index in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'vector_indexes'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_index, 'name'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'vector_field'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'dimensions'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'filter_fields'))
            yield ' | '
            yield str(environment.getattr(l_1_index, 'staged'))
            yield ' |\n'
        l_1_index = missing
    yield '\n## Referenced by\n\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'referenced_by'):
        pass
        yield '| Table | Field | Refers to |\n| --- | --- | --- |\n'
        for l_1_row in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'referenced_by'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_row, 'table'))
            yield ' | '
            yield str(environment.getattr(l_1_row, 'field'))
            yield ' | '
            yield str(environment.getattr(l_1_row, 'cardinality'))
            yield ' |\n'
        l_1_row = missing
    else:
        pass
        yield 'No table references this one.\n'
    yield '\n## Relationships\n\n```mermaid\n'
    yield str(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'diagram'))
    yield '\n```\n'
    if (not t_1(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'findings'))):
        pass
        yield '\n## Findings\n\n'
        if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'findings'):
            pass
            yield '| Severity | Rule | Message | Location |\n| --- | --- | --- | --- |\n'
            for l_1_finding in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'findings'):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.getattr(l_1_finding, 'severity'))
                yield ' | '
                yield str(environment.getattr(l_1_finding, 'rule'))
                yield ' | '
                yield str(environment.getattr(l_1_finding, 'message'))
                yield ' | '
                yield str(environment.getattr(l_1_finding, 'location'))
                yield ' |\n'
            l_1_finding = missing
        else:
            pass
            yield '`schemalint check` reports nothing for this table.\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'notes'):
        pass
        yield '\n## Notes\n\n'
        l_1_loop = missing
        for l_1_note, l_1_loop in LoopContext(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'notes'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.getattr(l_1_loop, 'index'))
            yield '. '
            yield str(l_1_note)
            yield '\n'
        l_1_loop = l_1_note = missing

blocks = {}
debug_info = '1=19&2=25&3=27&5=29&6=32&9=35&13=37&14=39&17=41&18=44&20=47&26=50&29=53&30=57&33=67&34=69&35=71&38=73&39=76&48=83&51=86&52=90&58=99&64=102&65=106&68=115&74=118&75=122&81=134&84=137&85=141&94=152&96=154&100=157&103=160&104=164&110=176&114=180&115=183'

# Generated by `python -m schemalint.generate.precompiled_build` from generators/docs/table.md.j2; do not edit.
