"""The exercises of lessons 01 to 04, built from the lesson steps, and their hints.

Each :class:`Exercise` asks for one step of the worked example: a number
(with the digits it needs stated in the prompt) or a formula in the
network's names. Expected values are the lesson's own step values, so an
exercise built from any config (a quiz's fresh numbers) has its answers.
:func:`hints` gives a ladder: which factors are needed, then their values,
then the worked solution.

Example
-------
>>> [e.id for e in exercises_for("02")]
['02-dE_total_dout_o1', '02-dout_o1_dnet_o1', '02-dE_total_dw5']
>>> ex = exercises_for("02")[2]
>>> ex.kind, ex.digits, round(expected_value(ex), 9)
('number', 3, 0.082167041)
>>> print(hints(ex, level=1))  # doctest: +NORMALIZE_WHITESPACE
dE_total/dw5 is a product of three chain-rule factors:
dE_total/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mazur_nn.core.config import Config, mazur_example
from mazur_nn.core.names import Names, latex_name

LESSONS = ("01", "02", "03", "04")
KINDS = ("number", "formula")
FUNCTIONS_TEXT = "numbers, + - * / ** and parentheses, and the functions exp, log and sigma"


def number_rule(digits: int) -> str:
    """How to write a number answer with ``digits`` significant digits, and
    how close it must be, shown on a neutral example (never the answer).

    >>> print(number_rule(3))  # doctest: +NORMALIZE_WHITESPACE
    Give at least 3 significant digits, as 0.123 or 1.23e-1; your answer counts
    as right within half a unit of its last digit (0.123: within ± 0.0005).
    """
    from mazur_nn.exercises.answers import format_half_unit

    shown = "123456789"[:digits]
    plain, scientific = f"0.{shown}", f"{shown[0]}.{shown[1:]}e-1".replace(".e", "e")
    return (
        f"Give at least {digits} significant digits, as {plain} or {scientific}; your answer "
        f"counts as right within half a unit of its last digit ({plain}: within "
        f"± {format_half_unit(digits)})."
    )


@dataclass(frozen=True)
class Exercise:
    """One question on one lesson step.

    ``names`` are the names a formula may use (empty for a number);
    ``in_terms_of`` the ones the right formula needs; ``digits`` the
    significant digits a number needs (0 for a formula).
    """

    id: str
    lesson: str
    step: str
    kind: str
    title: str
    prompt: str
    prompt_latex: str
    names: tuple[str, ...] = ()
    in_terms_of: tuple[str, ...] = ()
    digits: int = 0
    rule: str = ""

    @property
    def question_latex(self) -> str:
        """The prompt without its rule (how to write the answer), for
        displays that state the rule once or in smaller print."""
        return self.prompt_latex.removesuffix(self.rule).rstrip()

    def __str__(self) -> str:
        return f"Exercise {self.id}: {self.prompt}"

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return f"**Exercise {self.id}.** {self.prompt_latex}"


# -- the chain rule's structure, by name --------------------------------------


def chain_factors(name: str, names: Names) -> tuple[str, ...]:
    """The chain-rule factors whose product is ``name`` (empty if it is not
    such a product).

    >>> chain_factors("dE_total/dw1", Names((2, 2, 2), "shared"))
    ('dE_total/dout_h1', 'dout_h1/dnet_h1', 'dnet_h1/dw1')
    >>> chain_factors("dE_o2/dout_h1", Names((2, 2, 2), "shared"))
    ('dE_total/dout_o2', 'dout_o2/dnet_o2', 'dnet_o2/dout_h1')
    """
    gradient = re.fullmatch(r"dE_total/d(\w+)", name)
    if gradient and gradient.group(1) in names.weights:
        w = gradient.group(1)
        for layer, rows in enumerate(names.weight_matrix, start=1):
            for j, row in enumerate(rows):
                if w in row:
                    n = names.neurons[layer][j]
                    return (f"dE_total/dout_{n}", f"dout_{n}/dnet_{n}", f"dnet_{n}/d{w}")
    path = re.fullmatch(r"dE_(\w+)/dout_(\w+)", name)
    if path and path.group(1) in names.neurons[-1] and path.group(2) not in names.neurons[-1]:
        o, h = path.groups()
        return (f"dE_total/dout_{o}", f"dout_{o}/dnet_{o}", f"dnet_{o}/dout_{h}")
    return ()


def paths_into(name: str, names: Names) -> tuple[str, ...]:
    """The paths that ``dE_total/dout_h`` adds up, for a hidden neuron ``h``
    (empty otherwise).

    >>> paths_into("dE_total/dout_h1", Names((2, 2, 2), "shared"))
    ('dE_o1/dout_h1', 'dE_o2/dout_h1')
    """
    match = re.fullmatch(r"dE_total/dout_(\w+)", name)
    hidden = [n for layer in names.neurons[1:-1] for n in layer]
    if not match or match.group(1) not in hidden:
        return ()
    n = match.group(1)
    layer = next(k for k, ns in enumerate(names.neurons) if n in ns)
    following = names.neurons[layer + 1]
    if following == names.neurons[-1]:
        return tuple(f"dE_{nxt}/dout_{n}" for nxt in following)
    return tuple(f"dE_total/dout_{n} via {nxt}" for nxt in following)


def _activation_of(neuron: str, config: Config) -> str:
    names = config.network.names
    layer = next(k for k, ns in enumerate(names.neurons) if neuron in ns)
    return config.network.activations[layer - 1]


def factor_description(factor: str, config: Config) -> str:
    """What a chain-rule factor means, in words.

    >>> factor_description("dout_o1/dnet_o1", mazur_example())
    "the sigmoid's derivative"
    >>> factor_description("dnet_o1/dout_h1", mazur_example())
    'the weight from h1 to o1'
    """
    names = config.network.names
    slope = re.fullmatch(r"dout_(\w+)/dnet_\1", factor)
    if slope:
        return f"the {_activation_of(slope.group(1), config)}'s derivative"
    error = re.fullmatch(r"dE_total/dout_(\w+)", factor)
    if error:
        n = error.group(1)
        if n in names.neurons[-1]:
            return f"how the error changes with out_{n}"
        return f"how the error changes with out_{n}, added up over every path"
    local = re.fullmatch(r"dnet_(\w+)/d(\w+)", factor)
    if local:
        n, wrt = local.groups()
        if wrt.startswith("out_"):
            return f"the weight from {wrt[4:]} to {n}"
        return f"what {wrt} multiplies in net_{n}"
    path = re.fullmatch(r"dE_(\w+)/dout_(\w+)", factor)
    if path:
        return f"the path from out_{path.group(2)} through {path.group(1)}"
    return factor


def formula_names(names: Names, update: bool = False) -> tuple[str, ...]:
    """The names a formula may use: inputs, targets, net_* and out_*, the
    parameters (and ``eta`` for an update); no E_* names.

    >>> formula_names(Names((2, 2, 2), "shared"))[:6]
    ('i1', 'i2', 't1', 't2', 'net_h1', 'out_h1')
    """
    result = (*names.neurons[0], *names.targets, *names.forward, *names.parameters)
    return (*result, "eta") if update else result


# -- expected answers ---------------------------------------------------------


def _config(config: Config | None) -> Config:
    if config is None:
        return mazur_example()
    if not isinstance(config, Config):
        raise TypeError(f"config: expected a Config, got {type(config).__name__}")
    return config


def _lesson(config: Config):
    from mazur_nn.course.steps import build_lesson

    return build_lesson(config)


def expected_value(exercise: Exercise, config: Config | None = None) -> float:
    """The value of the exercise's step for ``config`` (Mazur's by default)."""
    return _lesson(_config(config)).step(exercise.step).value


def expected_expression(step: str, config: Config | None = None):
    """The sympy expression a formula answer to ``step`` must equal, in
    formula names (E_* written out; an update as ``w - eta * gradient``).

    >>> expected_expression("E_total")
    (-out_o1 + t1)**2/2 + (-out_o2 + t2)**2/2
    """
    from mazur_nn.symbolic.model import for_network

    config = _config(config)
    sym = for_network(config.network)
    if step.endswith("+") and step[:-1] in config.network.parameters:
        p = step[:-1]
        gradient = sym.expression(f"dE_total/d{p}")
        expr = sym.symbol(p) - sym.symbol("eta") * gradient
    else:
        try:
            expr = sym.expression(step)
        except KeyError:
            raise ValueError(f"step: {step!r} has no formula a student can write") from None
    return written_out(expr, config)


def formula_text(expr) -> str:
    """``expr`` as plain text, its factors in the order the chain rule built them.

    >>> formula_text(expected_expression("E_total"))
    '(t1 - out_o1)**2/2 + (t2 - out_o2)**2/2'
    """
    import sympy

    return sympy.sstr(expr, order="none")


def written_out(expr, config: Config):
    """``expr`` with every E_* replaced by its definition (in out_* and t*)."""
    from mazur_nn.symbolic.model import for_network

    sym = for_network(config.network)
    errors = {sym.symbol(e): sym.definitions[e] for e in config.network.names.errors}
    for _ in range(3):
        if not errors.keys() & expr.free_symbols:
            break
        expr = expr.xreplace(errors)
    return expr


# -- the bank -------------------------------------------------------------------


def _plan(names: Names) -> dict[str, list[tuple[str, str]]]:
    h, o = names.neurons[-2][0], names.neurons[-1][0]
    w_out, w_in = names.weight_matrix[-1][0][0], names.weight_matrix[-2][0][0]
    return {
        "01": [(f"out_{h}", "number"), (f"E_{o}", "number"), ("E_total", "formula")],
        "02": [
            (f"dE_total/dout_{o}", "formula"),
            (f"dout_{o}/dnet_{o}", "formula"),
            (f"dE_total/d{w_out}", "number"),
        ],
        "03": [
            (f"dE_{o}/dout_{h}", "number"),
            (f"dE_total/dout_{h}", "formula"),
            (f"dE_total/d{w_in}", "number"),
        ],
        "04": [(f"{w_out}+", "number"), (f"{w_in}+", "number"), ("E_total+", "number")],
    }


def exercise_id(lesson_id: str, step: str) -> str:
    """``"02-dE_total_dw5"``, ``"04-w5_plus"``: safe in file names and keys."""
    return f"{lesson_id}-{step.replace('/', '_').replace('+', '_plus')}"


def number_exercise(lesson_id: str, step, config: Config, lesson) -> Exercise:
    """A number exercise on ``step`` of ``lesson`` (built from ``config``),
    with an id made from ``lesson_id`` and the step's name."""
    from mazur_nn.exercises.answers import significant_digits_needed
    from mazur_nn.exercises.wrong_numbers import number_variants, other_quantities

    others = [v.value for v in number_variants(step.name, config, lesson)]
    others += [  # another quantity must not pass for this one, unless they coincide
        v
        for name, v in other_quantities(step.name, config, lesson).items()
        if abs(v - step.value) > 1e-6 * abs(step.value)
        and (step.name.endswith("+") or not name.endswith("+"))  # after the update: later
    ]

    digits = significant_digits_needed(step.value, others)
    rule = number_rule(digits)
    return Exercise(
        id=exercise_id(lesson_id, step.name),
        lesson=lesson_id,
        step=step.name,
        kind="number",
        title=step.title,
        prompt=f"{step.title}. Compute {step.name} for this network. {rule}",
        prompt_latex=f"{step.title}. Compute ${latex_name(step.name)}$ for this network. {rule}",
        digits=digits,
        rule=rule,
    )


def _formula_exercise(lesson_id: str, step, config: Config) -> Exercise:
    names = config.network.names
    update = step.kind == "update"
    allowed = formula_names(names, update)
    expected = expected_expression(step.name, config)
    needed = tuple(n for n in allowed if n in {str(s) for s in expected.free_symbols})
    terms = ", ".join(needed)
    rule = f"You may use the network's names ({', '.join(allowed)}), {FUNCTIONS_TEXT}."
    terms_latex = ", ".join(f"${latex_name(n)}$" for n in needed)
    return Exercise(
        id=exercise_id(lesson_id, step.name),
        lesson=lesson_id,
        step=step.name,
        kind="formula",
        title=step.title,
        prompt=f"{step.title}. Write {step.name} as a formula in {terms}. {rule}",
        prompt_latex=(
            f"{step.title}. Write ${latex_name(step.name)}$ as a formula in {terms_latex}. {rule}"
        ),
        names=allowed,
        in_terms_of=needed,
        rule=rule,
    )


def exercises_for(lesson_id: str, config: Config | None = None) -> tuple[Exercise, ...]:
    """The exercises of lesson ``"01"`` to ``"04"`` for ``config`` (Mazur's
    example by default)."""
    if lesson_id not in LESSONS:
        raise ValueError(f"lesson_id: {lesson_id!r} has no exercises; allowed are {LESSONS}")
    config = _config(config)
    lesson = _lesson(config)
    result = []
    for name, kind in _plan(config.network.names)[lesson_id]:
        step = lesson.step(name)
        if kind == "number":
            result.append(number_exercise(lesson_id, step, config, lesson))
        else:
            result.append(_formula_exercise(lesson_id, step, config))
    return tuple(result)


def all_exercises(config: Config | None = None) -> tuple[Exercise, ...]:
    """Every exercise of lessons 01 to 04, in order."""
    return tuple(e for lesson_id in LESSONS for e in exercises_for(lesson_id, config))


def exercise(exercise_id: str, config: Config | None = None) -> Exercise:
    """The exercise called ``exercise_id`` (``"02-dE_total_dw5"``).

    >>> exercise("01-out_h1").step
    'out_h1'
    """
    lesson_id = str(exercise_id).split("-", 1)[0]
    if lesson_id in LESSONS:
        for e in exercises_for(lesson_id, config):
            if e.id == exercise_id:
                return e
    raise ValueError(f"exercise_id: no exercise called {exercise_id!r}")


# -- hints ----------------------------------------------------------------------

HINT_LEVELS = (1, 2, 3)
_COUNT = {2: "two", 3: "three", 4: "four"}


def ingredients(step_name: str, config: Config | None = None) -> tuple[str, ...]:
    """What a step is computed from: its chain-rule factors, its paths, or
    the quantities in its formula.

    >>> ingredients("w5+")
    ('w5', 'eta', 'dE_total/dw5')
    """
    from mazur_nn.course.steps import plan_for

    config = _config(config)
    names = config.network.names
    found = chain_factors(step_name, names) or paths_into(step_name, names)
    if found:
        return found
    lesson = _lesson(config)
    symbols = plan_for(config).templates[lesson.step(step_name).index].symbols
    order = {s: i for i, s in enumerate((*names.parameters, "eta"))}
    return tuple(sorted(symbols, key=lambda s: order.get(s, len(order))))


def _factor_formula(factor: str, config: Config) -> str:
    from mazur_nn.symbolic.model import for_network

    if "/" not in factor:
        return ""
    try:
        return formula_text(for_network(config.network).expression(factor))
    except KeyError:
        return ""


def _formula_pieces(step_name: str, config: Config) -> str:
    """Hint 2 of a formula made of plain names: the definitions to start
    from, written in names a student can type."""
    from mazur_nn.symbolic.model import for_network

    sym = for_network(config.network)
    derivative = re.fullmatch(r"d(\w+)/d(\w+)", step_name)
    if derivative:
        top, by = derivative.groups()
        definition = formula_text(written_out(sym.definitions[top], config))
        lines = [
            f"Start from {top} = {definition} and differentiate it with respect to {by}, "
            "treating every other name as a constant."
        ]
        if definition.startswith("sigma("):
            lines.append("The sigmoid's derivative: sigma'(x) = sigma(x)*(1 - sigma(x)).")
        return "\n".join(lines)
    expr = sym.definitions[step_name]
    parts = sorted(str(s) for s in expr.free_symbols if str(s) in sym.definitions)
    lines = [f"{step_name} = {formula_text(expr)}, with"]
    lines += [f"  {x} = {formula_text(written_out(sym.definitions[x], config))}" for x in parts]
    lines.append(f"(The answer box does not know {', '.join(parts)}: write them out like this.)")
    return "\n".join(lines)


def hints(exercise: Exercise, config: Config | None = None, level: int = 1) -> str:
    """The hint ladder: level 1 names the factors needed, level 2 gives
    their values, level 3 the worked solution.

    >>> ex = exercises_for("03")[1]
    >>> print(hints(ex, level=2))
    dE_o1/dout_h1 = (out_o1 - t1)*out_o1*(1 - out_o1)*w5 = 0.055399425
    dE_o2/dout_h1 = (out_o2 - t2)*out_o2*(1 - out_o2)*w7 = -0.019049118
    """
    from mazur_nn.core.numbers import format_number

    if isinstance(level, bool) or level not in HINT_LEVELS:
        raise ValueError(f"level: expected 1, 2 or 3, got {level!r}")
    config = _config(config)
    lesson = _lesson(config)
    step = lesson.step(exercise.step)
    names = config.network.names
    parts = ingredients(step.name, config)
    if level == 1:
        factors = chain_factors(step.name, names)
        if factors:
            count = _COUNT.get(len(factors), str(len(factors)))
            return f"{step.name} is a product of {count} chain-rule factors: " + " * ".join(factors)
        if paths_into(step.name, names):
            return f"{step.name} adds up every path into it: " + " + ".join(parts)
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
        return f"{step.name} is computed from {listed}."
    if level == 2 and exercise.kind == "formula" and not any("/" in x for x in parts):
        return _formula_pieces(step.name, config)
    if level == 2:
        lines = []
        for part in parts:
            formula = _factor_formula(part, config)
            shown = format_number(lesson.values[part])
            middle = f" = {formula}" if formula and formula not in (part, shown) else ""
            lines.append(f"{part}{middle} = {shown}")
        return "\n".join(lines)
    solution = step.equation_text()
    if exercise.kind == "formula":
        written = expected_expression(step.name, config)
        if formula_text(written) != step.formula:
            solution += f"\nIn the allowed names: {step.name} = {formula_text(written)}"
    return solution
