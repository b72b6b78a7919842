"""The hint ladder of an exercise: what is needed, the pieces, the worked solution.

Level 1 names what a step is computed from: the chain-rule factors of a
product, the paths of a sum (both read from
:mod:`~mazur_nn.exercises.chain`), or the quantities in its formula. Level
2 gives their values, or, for a formula in plain names, the definitions to
start from in names a student can type. Level 3 is the lesson's worked
step.

Example
-------
>>> from mazur_nn.exercises.bank import exercises_for
>>> ex = exercises_for("02")[2]
>>> print(hints(ex, level=1))  # doctest: +NORMALIZE_WHITESPACE
dE_total/dw5 is a product of three chain-rule factors:
dE_total/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5
>>> print(hints(exercises_for("03")[1], level=2))
dE_o1/dout_h1 = (out_o1 - t1)*out_o1*(1 - out_o1)*w5 = 0.055399425
dE_o2/dout_h1 = (out_o2 - t2)*out_o2*(1 - out_o2)*w7 = -0.019049118
"""

from __future__ import annotations

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation
from mazur_nn.core.numbers import format_number
from mazur_nn.core.statements import fill
from mazur_nn.core.validate import wrong_kind
from mazur_nn.course.steps import build_lesson, plan_for
from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.expressions import expected_expression, formula_text, written_out
from mazur_nn.exercises.model import Exercise, config_or_default
from mazur_nn.exercises.typed.formula import FUNCTIONS
from mazur_nn.symbolic.model import for_network

HINT_LEVELS = (1, 2, 3)
_COUNT = {2: "two", 3: "three", 4: "four"}


def ingredients(step_name: str, config: Config | None = None) -> tuple[str, ...]:
    """What a step is computed from: its chain-rule factors, its paths, or
    the quantities in its formula.

    >>> ingredients("w5+")
    ('w5', 'eta', 'dE_total/dw5')
    """
    config = config_or_default(config)
    chain = chain_of(config)
    found = chain.factors_of(step_name) or chain.paths_into(step_name)
    if found:
        return found
    lesson = build_lesson(config)
    symbols = plan_for(config).templates[lesson.step(step_name).index].symbols
    order = {s: i for i, s in enumerate((*config.network.names.parameters, "eta"))}
    return tuple(sorted(symbols, key=lambda s: order.get(s, len(order))))


def _factor_formula(factor: str, config: Config) -> str:
    """The formula of a chain-rule factor or a gradient, '' for a plain name."""
    sym = for_network(config.network)
    return formula_text(sym.factors[factor]) if factor in sym.factors else ""


def _slope_rule(neuron: str, config: Config) -> list[str]:
    """The activation's derivative in its own name, when a student can type
    that name (``sigma'(x) = sigma(x)*(1 - sigma(x))``)."""
    chain = chain_of(config)
    f = for_network(config.network).definitions[f"out_{neuron}"].func.__name__
    if f not in FUNCTIONS:
        return []
    activation = get_activation(chain.activation_of(neuron))
    slope = fill(activation.slope_text, out=f"{f}(x)").replace(" * ", "*")
    return [f"The {activation.words}'s derivative: {f}'(x) = {slope}."]


def _formula_pieces(step_name: str, config: Config) -> str:
    """Hint 2 of a formula made of plain names: the definitions to start
    from, written in names a student can type."""
    sym, chain = for_network(config.network), chain_of(config)
    derivative = chain.derivative_of(step_name)
    if derivative:
        top, by = derivative
        definition = formula_text(written_out(sym.definitions[top], config))
        lines = [
            f"Start from {top} = {definition} and differentiate it with respect to {by}, "
            "treating every other name as a constant."
        ]
        neuron = chain.neuron_of_slope(step_name)
        return "\n".join(lines + (_slope_rule(neuron, config) if neuron else []))
    expr = sym.definitions[step_name]
    parts = sorted(str(s) for s in expr.free_symbols if str(s) in sym.definitions)
    lines = [f"{step_name} = {formula_text(expr)}, with"]
    lines += [f"  {x} = {formula_text(written_out(sym.definitions[x], config))}" for x in parts]
    lines.append(f"(The answer box does not know {', '.join(parts)}: write them out like this.)")
    return "\n".join(lines)


def _needed(step_name: str, parts: tuple[str, ...], config: Config) -> str:
    """Hint 1: the factors of a product, the paths of a sum, or the
    quantities a step is computed from."""
    chain = chain_of(config)
    factors = chain.factors_of(step_name)
    if factors:
        count = _COUNT.get(len(factors), str(len(factors)))
        return f"{step_name} is a product of {count} chain-rule factors: " + " * ".join(factors)
    if chain.paths_into(step_name):
        return f"{step_name} adds up every path into it: " + " + ".join(parts)
    if not parts:  # a linear activation's slope
        return f"{step_name} is a constant: it is computed from no other quantity."
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{step_name} is computed from {listed}."


def hints(exercise: Exercise, config: Config | None = None, level: int = 1) -> str:
    """The hint ladder: level 1 names the factors needed, level 2 gives
    their values, level 3 the worked solution."""
    if isinstance(level, bool) or level not in HINT_LEVELS:
        raise wrong_kind("level", "1, 2 or 3", repr(level), ValueError)
    config = config_or_default(config)
    lesson = build_lesson(config)
    step = lesson.step(exercise.step)
    parts = ingredients(step.name, config)
    if level == 1:
        return _needed(step.name, parts, config)
    sym = for_network(config.network)
    if level == 2 and exercise.kind == "formula" and not any(x in sym.factors for x in parts):
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
