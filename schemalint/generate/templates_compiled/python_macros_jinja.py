from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_import_line = l_0_definition = missing
    try:
        t_1 = environment.filters['indent']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'indent' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    def macro(l_1_i):
        t_3 = []
        if l_1_i is missing:
            l_1_i = undefined("parameter 'i' was not provided", name='i')
        pass
        if (environment.getattr(l_1_i, 'alias') and environment.getattr(l_1_i, 'names')):
            pass
            t_3.extend((
                'from ',
                str(environment.getattr(l_1_i, 'module')),
                ' import ',
                str(environment.getitem(environment.getattr(l_1_i, 'names'), 0)),
                ' as ',
                str(environment.getattr(l_1_i, 'alias')),
            ))
        elif environment.getattr(l_1_i, 'alias'):
            pass
            t_3.extend((
                'import ',
                str(environment.getattr(l_1_i, 'module')),
                ' as ',
                str(environment.getattr(l_1_i, 'alias')),
            ))
        elif (not environment.getattr(l_1_i, 'names')):
            pass
            t_3.extend((
                'import ',
                str(environment.getattr(l_1_i, 'module')),
            ))
        elif environment.getattr(l_1_i, 'one_line'):
            pass
            t_3.extend((
                'from ',
                str(environment.getattr(l_1_i, 'module')),
                ' import ',
                str(t_2(context.eval_ctx, environment.getattr(l_1_i, 'names'), ', ')),
            ))
        else:
            pass
            t_3.extend((
                'from ',
                str(environment.getattr(l_1_i, 'module')),
                ' import (\n',
            ))
            for l_2_name in environment.getattr(l_1_i, 'names'):
                _loop_vars = {}
                pass
                t_3.extend((
                    '    ',
                    str(l_2_name),
                    ',\n',
                ))
            l_2_name = missing
            t_3.append(
                ')',
            )
        return concat(t_3)
    context.exported_vars.add('import_line')
    context.vars['import_line'] = l_0_import_line = Macro(environment, macro, 'import_line', ('i',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_d):
        t_4 = []
        if l_1_d is missing:
            l_1_d = undefined("parameter 'd' was not provided", name='d')
        pass
        if (environment.getattr(l_1_d, 'kind') == 'alias'):
            pass
            for l_2_line in environment.getattr(l_1_d, 'comments'):
                _loop_vars = {}
                pass
                t_4.extend((
                    str(l_2_line),
                    '\n',
                ))
            l_2_line = missing
            t_4.extend((
                str(environment.getattr(l_1_d, 'lines')),
                '\n',
            ))
        elif environment.getattr(l_1_d, 'functional'):
            pass
            for l_2_line in environment.getattr(l_1_d, 'comments'):
                _loop_vars = {}
                pass
                t_4.extend((
                    str(l_2_line),
                    '\n',
                ))
            l_2_line = missing
            t_4.extend((
                str(environment.getattr(l_1_d, 'name')),
                ' = TypedDict(\n    ',
                str(environment.getattr(l_1_d, 'name_literal')),
                ',\n    {\n',
            ))
            for l_2_f in environment.getattr(l_1_d, 'fields'):
                _loop_vars = {}
                pass
                for l_3_line in environment.getattr(l_2_f, 'comments'):
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        '        ',
                        str(l_3_line),
                        '\n',
                    ))
                l_3_line = missing
                t_4.extend((
                    str(environment.getattr(l_2_f, 'entry_line')),
                    '\n',
                ))
            l_2_f = missing
            t_4.append(
                '    },\n)\n',
            )
        else:
            pass
            t_4.extend((
                str(environment.getattr(l_1_d, 'header')),
                '\n',
            ))
            if environment.getattr(l_1_d, 'docstring'):
                pass
                t_4.extend((
                    '    ',
                    str(t_1(environment.getattr(l_1_d, 'docstring'), 4)),
                    '\n\n',
                ))
            for l_2_f in environment.getattr(l_1_d, 'fields'):
                _loop_vars = {}
                pass
                for l_3_line in environment.getattr(l_2_f, 'comments'):
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        '    ',
                        str(l_3_line),
                        '\n',
                    ))
                l_3_line = missing
                t_4.extend((
                    str(environment.getattr(l_2_f, 'class_line')),
                    '\n',
                ))
                if environment.getattr(l_2_f, 'docstring'):
                    pass
                    t_4.extend((
                        '    ',
                        str(t_1(environment.getattr(l_2_f, 'docstring'), 4)),
                        '\n',
                    ))
            l_2_f = missing
            if ((not environment.getattr(l_1_d, 'fields')) and (not environment.getattr(l_1_d, 'docstring'))):
                pass
                t_4.append(
                    '    pass\n',
                )
        return concat(t_4)
    context.exported_vars.add('definition')
    context.vars['definition'] = l_0_definition = Macro(environment, macro, 'definition', ('d',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=24&3=29&4=33&5=39&6=43&7=47&8=51&9=53&10=57&12=65&13=68&14=73&20=84&21=89&22=91&23=95&25=100&26=103&27=105&28=109&30=114&31=116&33=119&34=122&35=127&37=132&42=142&43=145&44=149&47=152&48=155&49=160&51=165&52=168&53=172&56=176'

# Generated by `python -m schemalint.generate.precompiled_build` from generators/python/_macros.jinja; do not edit.
