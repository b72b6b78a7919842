"""Checking a formula: equal to the step's expression, a known slip, or what differs.

A formula is read with the restricted grammar of
:mod:`~mazur_nn.exercises.typed.formula`, and it is right when it equals
the step's sympy expression: symbolically when sympy can finish within its
budget, else at fresh random points in high precision
(:mod:`~mazur_nn.exercises.checking.equality`), never in floats alone, so
float noise neither rejects a right formula nor lets through one that is
off by a little (``out_o1 - t1 + 0.0000000009`` is told it is very close).
Floats at fresh random points (:mod:`~mazur_nn.exercises.typed.points`)
then name what is wrong.
Both are first normalised: E_* written out,
a net input written out (``b2 + out_h1*w5 + out_h2*w6``) named ``net_o1``,
and for a sigmoid neuron ``net_n`` written as ``log(out_n / (1 - out_n))``,
so ``sigma(net_n)`` and ``out_n`` are the same. A wrong formula is
compared with the step's known wrong formulas
(:mod:`~mazur_nn.exercises.slips.formulas`), then divided by the right one
(:mod:`~mazur_nn.exercises.checking.factors`).

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> ex = exercise("02-dout_o1_dnet_o1")
>>> check_formula(ex, "sigma(net_o1)*(1 - sigma(net_o1))").details
{'method': 'symbolically'}
>>> check_formula(ex, "out_o1*(1 + out_o1)").mistake
'sigmoid_derivative'
>>> check_formula(exercise("02-dE_total_dout_o1"), "1.000000001*(out_o1 - t1)").mistake
'nearly'
>>> check_formula(exercise("01-E_total"), "(t1 - sigma(b2 + out_h1*w5 + out_h2*w6))**2/2"
...               " + (t2 - out_o2)**2/2").correct
True
"""

from __future__ import annotations

import math

import sympy

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import echo
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.checking.equality import equal
from mazur_nn.exercises.checking.factors import compare_factors
from mazur_nn.exercises.expressions import expected_expression, written_out
from mazur_nn.exercises.model import Exercise, config_or_default
from mazur_nn.exercises.slips.feedback import Feedback
from mazur_nn.exercises.slips.formulas import formula_variants
from mazur_nn.exercises.typed.formula import FormulaError, parse_formula
from mazur_nn.exercises.typed.points import all_close, sample_points, value_at
from mazur_nn.symbolic.functions import sigma
from mazur_nn.symbolic.model import for_network

# A function of the grammar undone: out = sigma(net) gives net = log(out / (1 - out)).
INVERSES = {sigma: lambda out: sympy.log(out / (1 - out))}


def _named(expr, config):
    """``expr`` with each neuron's net input written out (``b2 + out_h1*w5 +
    out_h2*w6``, also inside a longer sum) replaced by its name ``net_o1``,
    and its activation of that (``sigma(net_o1)``) by ``out_o1``, layer by
    layer, so a net input written in the layer before's outputs is found too.

    >>> import sympy
    >>> from mazur_nn import mazur_example
    >>> b2, w5, w6, out_h1, out_h2, t1 = sympy.symbols("b2 w5 w6 out_h1 out_h2 t1", real=True)
    >>> from mazur_nn.symbolic.functions import sigma
    >>> _named(t1 - sigma(out_h2*w6 + b2 + out_h1*w5), mazur_example())
    -out_o1 + t1
    """
    sym = for_network(config.network)
    for neurons in config.network.names.neurons[1:]:
        for n in neurons:
            net, out = sym.symbol(f"net_{n}"), sym.symbol(f"out_{n}")
            written = sym.definitions[f"net_{n}"]
            if written.free_symbols <= expr.free_symbols:
                expr = expr.subs(written, net)
            activation = sym.definitions[f"out_{n}"]
            expr = expr.xreplace({activation: out, activation.rewrite(sympy.exp): out})
    return expr


def _normalised(expr, config: Config):
    """``expr`` with E_* written out, net inputs and activations written
    out named (:func:`_named`), and, for a neuron whose activation the
    grammar can undo (:data:`INVERSES`: the sigmoid), net_n written in
    out_n (``log(out_n / (1 - out_n))``), so ``sigma(net_n)`` is ``out_n``."""
    sym = for_network(config.network)
    expr = _named(written_out(expr, config), config)
    nets = {}
    for n in (n for layer in config.network.names.neurons[1:] for n in layer):
        inverse = INVERSES.get(sym.definitions[f"out_{n}"].func)
        if inverse is not None:
            nets[sym.symbol(f"net_{n}")] = inverse(sym.symbol(f"out_{n}"))
    expr = expr.xreplace(nets) if nets.keys() & expr.free_symbols else expr
    return on_the_simplex(expr, config)


def on_the_simplex(expr, config: Config):
    """``expr`` with what a softmax output layer and the cross-entropy's
    targets always satisfy written in: the outputs add up to 1, and so do
    the targets (the last of each is 1 minus the others). So
    ``out_o1 - t1`` is right for ``dE_total/dnet_o1``, which the chain rule
    writes as a sum of paths: the two are equal wherever the network can be.

    >>> from mazur_nn import mazur_softmax_example
    >>> out, t = sympy.symbols("out_o2 t2", real=True)
    >>> on_the_simplex(out - t, mazur_softmax_example())
    -out_o1 + t1
    """
    network = config.network
    if not get_activation(network.activations[-1]).layerwise:
        return expr
    sym, names = for_network(network), network.names
    groups = [[sym.symbol(f"out_{o}") for o in names.neurons[-1]]]
    if get_loss(network.loss).targets == "probability":
        groups.append([sym.symbol(t) for t in names.targets])
    last = {group[-1]: 1 - sympy.Add(*group[:-1]) for group in groups}
    return expr.xreplace(last) if last.keys() & expr.free_symbols else expr


def _deltas_written_out(expr, config: Config):
    """``expr`` with each ``delta_n`` (taught in lesson 02, allowed where an
    exercise lists it) replaced by what it stands for, dE_total/dnet_n."""
    sym = for_network(config.network)
    deltas = {
        s: written_out(sym.expression(str(s)), config)
        for s in expr.free_symbols
        if str(s).startswith("delta_") and str(s) in sym.factors
    }
    return expr.xreplace(deltas) if deltas else expr


def _constant_feedback(name: str, student, exercise: Exercise, cancelled: bool) -> Feedback:
    """A formula that is a constant, whatever the names' values: most often
    a missing bracket (``out_o1 * 1 - out_o1`` is 0; ``cancelled``: its
    names cancel out, else it has none)."""
    changes = ", ".join(exercise.in_terms_of) or "the network's numbers"
    if student == 0:
        said = "your formula is 0 whatever the numbers"
    else:
        said = "your formula is a constant, the same whatever the numbers"
    brackets = (
        " * and / are done before + and -: put brackets around a sum or difference you "
        "multiply, as in a*(b - c)."
        if cancelled or student == 0
        else ""
    )
    return Feedback(
        False,
        f"Not yet: as typed, {said}, but {name} changes with {changes}.{brackets}",
        "constant",
    )


SHOWN_VALUE_NAMES = 3  # at most this many typed numbers are compared with the names' values


def _decimals(number) -> int | None:
    """How many decimals a typed number shows (``1/100``: 2), or None."""
    q = int(number.q)
    for k in range(13):
        if 10**k % q == 0:
            return k
    return None


def _value_for_name(exercise: Exercise, parsed, expected, config: Config) -> Feedback | None:
    """A number typed where a name belongs (``out_o1 - 0.01`` for
    ``out_o1 - t1``): the number is the value of one of the exercise's
    names, to the digits typed, and the formula with that name in its
    place is right; or it is exactly that value. None otherwise."""
    values = build_lesson(config).values
    numbers = [
        a for a in parsed.atoms(sympy.Rational) if not a.is_Integer and a != sympy.Rational(1, 2)
    ]
    for number in sorted(numbers, key=abs)[:SHOWN_VALUE_NAMES]:
        decimals = _decimals(abs(number))
        if decimals is None or decimals < 1:
            continue
        typed = float(abs(number))
        sign = 1 if number > 0 else -1
        for n in (n for n in exercise.names if n in values and values[n] != 0):
            value = values[n]
            if abs(typed - abs(value)) > 0.5 * 10.0**-decimals:
                continue
            symbol = sympy.Symbol(n, real=True) * (sign if value > 0 else -sign)
            replaced = _normalised(parsed.xreplace({number: symbol}), config)
            names = exercise.names or config.network.names.parameters
            exact = typed == abs(value)
            if equal(replaced, expected, names)[0] or (exact and decimals >= 2):
                rounded = "" if exact else " rounded"
                return Feedback(
                    False,
                    f"Not yet: {format_number(typed)} is the value of {n}{rounded} in this "
                    f"network: write the name {n} rather than its value. A formula is written "
                    "in the names, so that it holds for any numbers.",
                    "value_for_name",
                    {"name": n},
                )
    return None


NEARLY = 1e-6  # closer than this, relative to the largest right value: "very close"


def _nearly(theirs, right) -> bool:
    """Every value of ``theirs`` is within :data:`NEARLY` of the right one,
    relative to the largest right value (a tiny constant added to a
    value near 0 is still "very close")."""
    scale = max((abs(r) for r in right if math.isfinite(r)), default=0.0)
    return all(
        math.isfinite(a) and math.isfinite(b) and abs(a - b) <= NEARLY * scale
        for a, b in zip(theirs, right)
    )


def check_formula(exercise: Exercise, text: str, config: Config | None = None) -> Feedback:
    """Feedback on a formula typed for ``exercise`` (Mazur's example by default)."""
    config = config_or_default(config)
    try:
        parsed = parse_formula(text, exercise.names)
    except FormulaError as exc:
        position = getattr(exc, "position", 0)
        return Feedback(
            False, f"Cannot read the formula: {exc}", "malformed", {"position": position}
        )
    name = exercise.step
    parsed = _deltas_written_out(parsed, config)
    expected = _normalised(expected_expression(name, config), config)
    student = _normalised(parsed, config)
    names = exercise.names or config.network.names.parameters
    points = sample_points(names)  # fresh for every check

    def values(expr):
        return [value_at(expr, p) for p in points]

    same, method = equal(student, expected, names)
    if same:
        return Feedback(
            True,
            f"Right: {name} = {echo(' '.join(text.split()))} "
            f"(equal to the lesson's formula, checked {method}).",
            details={"method": method},
        )
    if not student.free_symbols:
        for v in formula_variants(name, config):  # a slip that is a constant (0: a dropped term)
            wrong = _normalised(v.expr, config) if isinstance(v.expr, sympy.Expr) else None
            if wrong is not None and not wrong.free_symbols and wrong == student:
                return Feedback(False, f"Not yet: {v.message}.", v.mistake, dict(v.details))
        return _constant_feedback(name, student, exercise, cancelled=bool(parsed.free_symbols))
    named = _value_for_name(exercise, parsed, expected, config)
    if named is not None:
        return named
    right = values(expected)
    theirs = values(student)
    if _nearly(theirs, right):
        return Feedback(
            False,
            f"Not yet: your formula is very close to {name} but not equal to it (checked "
            f"{method}): look for a small number added, or a factor that is not exactly 1.",
            "nearly",
            {"method": method},
        )
    for v in formula_variants(name, config):
        if all_close(theirs, values(_normalised(v.expr, config))):
            return Feedback(False, f"Not yet: {v.message}.", v.mistake, dict(v.details))
    return compare_factors(name, student, theirs, right, values, config)
