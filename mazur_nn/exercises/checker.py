"""Right or wrong, and which mistake: feedback that teaches.

A number is right when it is the step's value to the digits the student
gave (:mod:`~mazur_nn.exercises.answers`). A formula is right when it
equals the step's sympy expression: at several random points (a fixed
seed), confirmed symbolically when the expression is small enough.

A wrong answer is compared with the *known wrong variants* of the step,
each computed the same way as the right answer but with one slip: a
chain-rule factor left out, the sign flipped, one path of a hidden neuron
missing, the updated output weights used for a hidden gradient, the
learning rate not applied. A match names the mistake. A wrong formula that
matches none is divided by the right one: a constant ratio, or a ratio that
is one of the chain-rule factors, is named too.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> ex = exercise("02-dE_total_dw5")
>>> check_number(ex, "0.0822")
✓ Right: dE_total/dw5 = 0.082167041 (your answer counts as right within ± 0.00005, ...).
>>> check_number(ex, "0.4398").mistake
'missing_factor'
>>> check_formula(exercise("02-dE_total_dout_o1"), "t1 - out_o1").mistake
'sign'
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from .answers import format_half_unit, matches, parse_answer, tolerance_text
from .bank import (
    Exercise,
    _config,
    _lesson,
    chain_factors,
    expected_expression,
    factor_description,
    formula_text,
    paths_into,
    written_out,
)

POINTS = 6  # random points a formula is compared at
SEED = 20150317  # the post's date: the points are the same every run
RELATIVE = 1e-9  # two values at a point agree within this (relative)
CLOSE = 0.005  # a number this close (relative) but outside its tolerance: rounding
SYMBOLIC_LIMIT = 80  # sympy.count_ops above which simplify is not tried


@dataclass(frozen=True)
class Feedback:
    """What the checker says: right or not, why, and which mistake (an id
    such as ``"missing_factor"``, ``"sign"``, ``"malformed"``; ``None`` if
    right or unnamed); ``details`` holds what the mistake concerns."""

    correct: bool
    message: str
    mistake: str | None = None
    details: dict = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return ("✓ " if self.correct else "✗ ") + self.message

    __repr__ = __str__


@dataclass(frozen=True)
class Variant:
    """A known wrong answer: ``value`` for a number, ``expr`` for a formula."""

    mistake: str
    message: str
    value: float = math.nan
    expr: object = None
    details: dict = field(default_factory=dict, compare=False)


# -- evaluating sympy expressions at points, without eval -----------------------


def _sigma(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)


_FUNCTIONS = {"exp": math.exp, "log": math.log, "sigma": _sigma}


def _eval(expr, point: dict[str, float]) -> float:
    if expr.is_Symbol:
        return point[expr.name]
    if not expr.free_symbols:
        return float(expr)
    args = [_eval(a, point) for a in expr.args]
    if expr.is_Add:
        return math.fsum(args)
    if expr.is_Mul:
        return math.prod(args)
    if expr.is_Pow:
        result = args[0] ** args[1]
        if isinstance(result, complex):
            raise ValueError("complex power")
        return result
    function = _FUNCTIONS.get(type(expr).__name__)
    if function is None or len(args) != 1:
        raise ValueError(f"cannot evaluate {type(expr).__name__}")
    return function(args[0])


def value_at(expr, point: dict[str, float]) -> float:
    """``expr`` at ``point`` (name -> value) in floats; ``nan`` where it is
    undefined (log of a negative, division by zero, overflow).

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> value_at(x**2 + sympy.log(x), {"x": 1.0}), value_at(1 / (x - 1), {"x": 1.0})
    (1.0, nan)
    """
    try:
        result = _eval(expr, point)
    except (ArithmeticError, ValueError, TypeError, KeyError):
        return math.nan
    return result if math.isfinite(result) else math.nan


def _close(a: float, b: float) -> bool:
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= RELATIVE * max(1.0, abs(b))


def _same(first, second) -> bool:
    return all(_close(a, b) for a, b in zip(first, second))


def sample_points(names, count: int = POINTS, seed: int = SEED) -> list[dict[str, float]]:
    """``count`` random points for ``names``: out_*, targets and inputs in
    (0.05, 0.95), net_* in (-2, 2), weights, biases and eta in (-1, 1)."""
    rng = random.Random(seed)
    points = []
    for _ in range(count):
        point = {}
        for name in names:
            if name.startswith(("out_", "t", "i")):
                point[name] = rng.uniform(0.05, 0.95)
            elif name.startswith("net_"):
                point[name] = rng.uniform(-2.0, 2.0)
            else:
                point[name] = rng.uniform(-1.0, 1.0)
        points.append(point)
    return points


# -- the known wrong variants ---------------------------------------------------


def _product(factors):
    import sympy

    return sympy.Mul(*factors)


def formula_variants(step: str, config=None) -> list[Variant]:
    """The known wrong versions of ``step``'s expression (in formula names).

    >>> [v.mistake for v in formula_variants("dE_total/dw1")]
    ['missing_factor', 'missing_path', 'missing_path', 'missing_factor', 'missing_factor', 'sign']
    """
    import sympy

    from ..symbolic import for_network

    config = _config(config)
    names = config.network.names
    sym = for_network(config.network)
    if step.endswith("+") and step[:-1] in config.network.parameters:
        return _update_formula_variants(step[:-1], config)
    expected = expected_expression(step, config)
    result = []
    factors = chain_factors(step, names)
    exprs = {f: sym.expression(f) for f in factors}
    for f in factors:
        others = [exprs[g] for g in factors if g != f]
        meaning = factor_description(f, config)
        result.append(
            Variant(
                "missing_factor",
                f"missing the factor {f} = {formula_text(exprs[f])}, {meaning}",
                expr=_product(others),
                details={"factor": f},
            )
        )
        for path in paths_into(f, names):
            result.append(_path_variant(f, path, _product([sym.expression(path), *others])))
    for path in paths_into(step, names):
        result.append(_path_variant(step, path, sym.expression(path)))
    if step == "E_total" and len(names.neurons[-1]) > 1:
        for e in names.errors[:-1]:
            result.append(
                Variant(
                    "missing_term",
                    f"only {e}'s term: E_total adds the errors of every output",
                    expr=written_out(sym.symbol(e), config),
                    details={"term": e},
                )
            )
    if step.startswith("E_") and config.network.loss == "half_squared_error":
        result.append(
            Variant(
                "missing_factor",
                "missing the factor 1/2 of the half squared error, E = (t - out)**2/2",
                expr=2 * expected,
                details={"factor": "1/2"},
            )
        )
    if step.startswith("out_"):
        n = step[4:]
        result.append(
            Variant(
                "missing_activation",
                f"that is net_{n}, the net input; out_{n} passes it through the "
                f"{_activation(n, config)}",
                expr=sym.symbol(f"net_{n}"),
            )
        )
    result.append(Variant("sign", _sign_message(step, config), expr=sympy.Mul(-1, expected)))
    return result


def _activation(neuron: str, config) -> str:
    names = config.network.names
    layer = next(k for k, ns in enumerate(names.neurons) if neuron in ns)
    return config.network.activations[layer - 1]


def _sign_message(step: str, config) -> str:
    outputs = config.network.names.neurons[-1]
    if any(step == f"dE_total/dout_{o}" for o in outputs):
        return (
            f"the sign is flipped: {step} is (out - target), positive when the output is too large"
        )
    return "the sign is flipped"


def _path_variant(whole: str, path: str, expr) -> Variant:
    return Variant(
        "missing_path",
        f"only the path {path} is used; {whole} adds every path into the neuron",
        expr=expr,
        details={"path": path},
    )


def _update_formula_variants(p: str, config) -> list[Variant]:
    from ..symbolic import for_network

    sym = for_network(config.network)
    w, eta = sym.symbol(p), sym.symbol("eta")
    gradient = written_out(sym.expression(f"dE_total/d{p}"), config)
    result = [
        Variant(
            "no_learning_rate",
            f"the learning rate is not applied: {p}+ = {p} - eta * dE_total/d{p}",
            expr=w - gradient,
        ),
        Variant("sign", _update_sign(p), expr=w + eta * gradient),
    ]
    for v in formula_variants(f"dE_total/d{p}", config):
        if v.mistake != "sign":
            result.append(_in_gradient(v, expr=w - eta * v.expr))
    return result


def _update_sign(p: str) -> str:
    return f"the sign is flipped: {p} moves against the gradient, {p} - eta * dE_total/d{p}"


def _in_gradient(v: Variant, **changes) -> Variant:
    return Variant(v.mistake, f"in the gradient: {v.message}", details=v.details, **changes)


def number_variants(step: str, config=None, lesson=None) -> list[Variant]:
    """The known wrong values of ``step`` for ``config``, each differing
    from the right value.

    >>> [(v.mistake, round(v.value, 9)) for v in number_variants("w1+")][:3]
    [('no_learning_rate', 0.149561432), ('sign', 0.150219284), ('step_only', 0.000219284)]
    """
    config = _config(config)
    lesson = lesson or _lesson(config)
    exact = lesson.step(step).value
    if step.endswith("+") and step[:-1] in config.network.parameters:
        found = _update_number_variants(step[:-1], config, lesson)
    elif step == "E_total+":
        found = _after_number_variants(config, lesson)
    elif step.endswith("+"):
        found = [Variant("sign", "the sign is flipped", -exact)]
    else:
        point = dict(lesson.values)
        found = [
            Variant(v.mistake, v.message, value_at(v.expr, point), details=v.details)
            for v in formula_variants(step, config)
        ]
        found += _updated_weights_variants(step, config, lesson)
    result, seen = [], [exact]
    for v in found:
        if math.isfinite(v.value) and not any(_close(v.value, s) for s in seen):
            result.append(v)
            seen.append(v.value)
    return result


def _updated_weights_variants(step: str, config, lesson) -> list[Variant]:
    """A hidden gradient taken with the already updated weights of the
    layers after it (the slip behind the post's printed results)."""
    if config.hidden_uses != "original" or not step.startswith("dE_"):
        return []
    from ..symbolic import for_network

    names = config.network.names
    expr = for_network(config.network).expression(step)
    used = {str(s) for s in expr.free_symbols}
    hidden = [w for w in names.weights if w in used and _is_later(w, step, names)]
    if not hidden:
        return []
    point = dict(lesson.values)
    point.update({w: lesson.values[f"{w}+"] for w in hidden})
    shown = ", ".join(hidden)
    return [
        Variant(
            "updated_weights",
            f"you used the updated weights ({shown} after the update) in the hidden layer's "
            "chain rule; every gradient is taken with the original weights, before any "
            "weight changes (the post's printed results have the same slip)",
            value_at(expr, point),
            details={"weights": tuple(hidden)},
        )
    ]


def _is_later(weight: str, step: str, names) -> bool:
    """``weight`` belongs to a layer after the one ``step`` differentiates for."""
    layer_of = {w: k for k, layer in enumerate(names.weight_matrix) for row in layer for w in row}
    own = [layer_of[w] for w in names.weights if step.endswith(f"/d{w}")]
    hidden = [n for layer in names.neurons[1:-1] for n in layer]
    if not own and any(step.endswith(f"/dout_{h}") for h in hidden):
        h = step.rsplit("dout_", 1)[1]
        own = [next(k for k, ns in enumerate(names.neurons) if h in ns) - 1]
    return bool(own) and layer_of[weight] > own[0]


def _update_number_variants(p: str, config, lesson) -> list[Variant]:
    values = lesson.values
    w, g, eta = values[p], values[f"dE_total/d{p}"], values["eta"]
    result = [
        Variant(
            "no_learning_rate",
            f"the learning rate is not applied: {p}+ = {p} - eta * dE_total/d{p} "
            f"with eta = {eta:g}",
            w - g,
        ),
        Variant("sign", _update_sign(p), w + eta * g),
        Variant(
            "step_only",
            f"that is the step eta * dE_total/d{p}; {p}+ is {p} minus the step",
            eta * g,
        ),
    ]
    for v in number_variants(f"dE_total/d{p}", config, lesson):
        if v.mistake != "sign":
            result.append(_in_gradient(v, value=w - eta * v.value))
    return result


def _error_after(config, lesson, scale: float) -> float:
    """E_total after moving every updated parameter by ``-scale * gradient``."""
    from ..passes import forward

    network = config.network
    names = network.names
    moved = names.parameters if config.update_biases else names.weights
    changes = {p: lesson.values[p] - scale * lesson.values[f"dE_total/d{p}"] for p in moved}
    return forward(network.with_parameters(changes), config.inputs, config.targets)["E_total"]


def _after_number_variants(config, lesson) -> list[Variant]:
    eta = lesson.values["eta"]
    result = [
        Variant(
            "no_update",
            "that is E_total before the update; do the forward pass again with the new weights",
            lesson.values["E_total"],
        ),
        Variant(
            "no_learning_rate",
            "the learning rate is not applied: each weight moves by eta * its gradient",
            _error_after(config, lesson, 1.0),
        ),
        Variant(
            "sign",
            "the weights moved the wrong way: each moves against its gradient",
            _error_after(config, lesson, -eta),
        ),
    ]
    if config.hidden_uses == "original":
        updated = _lesson(config.replace(hidden_uses="updated")).values["E_total+"]
        result.append(
            Variant(
                "updated_weights",
                "the hidden weights were updated with gradients taken with the already "
                "updated output weights; every gradient is taken before any weight changes "
                "(this is the slip behind the post's printed 0.291027924)",
                updated,
            )
        )
    return result


# -- checking numbers -------------------------------------------------------------


def _nice(ratio: float) -> str:
    from fractions import Fraction

    fraction = Fraction(ratio).limit_denominator(12)
    if abs(float(fraction) - ratio) <= 1e-9 * max(1.0, abs(ratio)):
        return str(fraction)
    return f"{ratio:.4g}"


def check_number(exercise: Exercise, text: str, config=None) -> Feedback:
    """Feedback on a number typed for ``exercise`` (Mazur's example by default)."""
    from ..symbolic import format_number

    config = _config(config)
    try:
        answer = parse_answer(text)
    except (TypeError, ValueError) as exc:
        return Feedback(False, str(exc), "malformed")
    lesson = _lesson(config)
    exact = lesson.step(exercise.step).value
    name = exercise.step
    if matches(answer, exact):
        if exercise.digits and answer.significant < exercise.digits:
            return Feedback(
                False,
                f"Right as far as it goes, but too few digits: give at least "
                f"{exercise.digits} significant digits (you gave {answer.significant}); "
                "with fewer, a common slip would pass for the right answer.",
                "too_few_digits",
                {"needed": exercise.digits, "given": answer.significant},
            )
        return Feedback(True, f"Right: {name} = {format_number(exact)} ({tolerance_text(answer)}).")
    hits = [v for v in number_variants(name, config, lesson) if matches(answer, v.value)]
    if hits:
        v = min(hits, key=lambda v: abs(v.value - answer.value))
        return Feedback(False, f"Not yet: {v.message}.", v.mistake, dict(v.details))
    return _off(answer, exact)


def _off(answer, exact: float) -> Feedback:
    if exact == 0:
        return Feedback(False, f"Not yet: off by {abs(answer.value):.3g}.", "off")
    relative = (answer.value - exact) / abs(exact)
    direction = "too large" if answer.value > exact else "too small"
    details = {"relative": relative}
    if abs(relative) < CLOSE:
        return Feedback(
            False,
            f"Close, but off by {abs(relative):.3%}: outside ± "
            f"{format_half_unit(answer.decimals_shown)}, half a unit of your last digit. "
            "Keep every digit until the end and round only the result (round the last "
            "digit, do not just cut the rest off).",
            "rounding",
            details,
        )
    ratio = answer.value / exact
    nice = _nice(ratio)
    factor = f" It is {nice} times the right value." if "/" in nice or nice.isdigit() else ""
    return Feedback(
        False,
        f"Not yet: {abs(relative):.0%} {direction}.{factor} Check each factor, or ask for a hint.",
        "off",
        details,
    )


# -- checking formulas ------------------------------------------------------------


def _normalised(expr, config):
    """``expr`` with E_* written out, and, for a sigmoid neuron, net_n
    written as log(out_n / (1 - out_n)), so sigma(net_n) is out_n."""
    import sympy

    from ..symbolic import for_network

    sym = for_network(config.network)
    expr = written_out(expr, config)
    logits = {}
    for layer, neurons in enumerate(config.network.names.neurons[1:]):
        if config.network.activations[layer] == "sigmoid":
            for n in neurons:
                out = sym.symbol(f"out_{n}")
                logits[sym.symbol(f"net_{n}")] = sympy.log(out / (1 - out))
    return expr.xreplace(logits) if logits.keys() & expr.free_symbols else expr


def _symbolically_zero(difference) -> bool:
    """``difference`` simplifies to 0 (tried only on small expressions)."""
    import sympy

    from ..symbolic_functions import sigma

    if sympy.count_ops(difference) > SYMBOLIC_LIMIT:
        return False
    rewritten = difference.replace(
        lambda e: isinstance(e, sigma), lambda e: 1 / (1 + sympy.exp(-e.args[0]))
    )
    if sympy.expand(rewritten) == 0:
        return True
    return sympy.simplify(rewritten) == 0


def check_formula(exercise: Exercise, text: str, config=None) -> Feedback:
    """Feedback on a formula typed for ``exercise`` (Mazur's example by default)."""
    from .formula import FormulaError, parse_formula

    config = _config(config)
    try:
        parsed = parse_formula(text, exercise.names)
    except FormulaError as exc:
        position = getattr(exc, "position", 0)
        return Feedback(
            False, f"Cannot read the formula: {exc}", "malformed", {"position": position}
        )
    name = exercise.step
    expected = _normalised(expected_expression(name, config), config)
    student = _normalised(parsed, config)
    points = sample_points(exercise.names or config.network.names.parameters)

    def values(expr):
        return [value_at(expr, p) for p in points]

    right = values(expected)
    theirs = values(student)
    if _same(theirs, right):
        method = "symbolically" if _symbolically_zero(student - expected) else "numerically"
        return Feedback(
            True,
            f"Right: {name} = {formula_text(parsed)} "
            f"(equal to the lesson's formula, checked {method}).",
            details={"method": method},
        )
    for v in formula_variants(name, config):
        if _same(theirs, values(_normalised(v.expr, config))):
            return Feedback(False, f"Not yet: {v.message}.", v.mistake, dict(v.details))
    return _compare_factors(name, student, theirs, right, values, config)


def _compare_factors(name, student, theirs, right, values, config) -> Feedback:
    """Name what differs, from their formula divided by the right one."""
    found = _ratio_feedback(name, theirs, right, values, config)
    if found:
        return found
    names = config.network.names
    paths = paths_into(name, names)
    if paths and student.is_Add:
        found = _path_feedback(name, paths, student, values, config)
        if found:
            return found
    return _which_factor_differs(name, student, chain_factors(name, names), values, config)


def _ratio_feedback(name, theirs, right, values, config) -> Feedback | None:
    """A constant ratio, or a ratio that is one factor (or its inverse)."""
    from ..symbolic import for_network

    mask = [math.isfinite(a) and b != 0 for a, b in zip(theirs, right)]
    ratios = [a / b for a, b, keep in zip(theirs, right, mask) if keep]
    if not ratios:
        return Feedback(False, f"Not yet: your formula is undefined where {name} is not.", "off")
    if all(_close(r, ratios[0]) for r in ratios):
        nice = _nice(ratios[0])
        return Feedback(
            False,
            f"Not yet: off by a constant factor of {nice}: your formula is {nice} times {name}.",
            "constant_factor",
            {"factor": nice},
        )
    sym = for_network(config.network)
    names = config.network.names
    plain = [*names.neurons[0], *names.targets, *names.forward, *names.parameters]
    candidates = [
        *chain_factors(name, names),
        *plain,
        *(f for f in sym.factors if not f.startswith("delta_")),
    ]
    for f in dict.fromkeys(candidates):
        expr = sym.symbol(f) if f in plain else sym.expression(f)
        fv = [v for v, keep in zip(values(expr), mask) if keep]
        if _same(ratios, fv):
            return _factor_feedback("extra_factor", f"an extra factor {f}", f, config)
        if all(x != 0 for x in fv) and _same(ratios, [1 / x for x in fv]):
            return _factor_feedback("missing_factor", f"missing the factor {f}", f, config)
    return None


def _path_feedback(name, paths, student, values, config) -> Feedback | None:
    """For a sum of paths: which path of theirs differs, and how."""
    from ..symbolic import for_network

    sym = for_network(config.network)
    names = config.network.names
    terms = list(student.args)
    wrong = []
    for path in paths:
        right = values(sym.expression(path))
        matched = [t for t in terms if _same(values(t), right)]
        if matched:
            terms.remove(matched[0])
        else:
            wrong.append(path)
    if len(wrong) != 1 or len(terms) != 1:
        return None
    path, term = wrong[0], terms[0]
    found = _ratio_feedback(path, values(term), values(sym.expression(path)), values, config)
    found = found or _which_factor_differs(path, term, chain_factors(path, names), values, config)
    if found.mistake == "off":
        return Feedback(False, f"Not yet: your term for the path {path} differs.", "wrong_path")
    message = found.message.removeprefix("Not yet: ")
    return Feedback(
        False,
        f"Not yet: the other path is right; in the path {path}: {message}",
        found.mistake,
        {**found.details, "path": path},
    )


def _factor_feedback(mistake: str, head: str, factor: str, config) -> Feedback:
    from ..symbolic import for_network

    if "/" not in factor:
        return Feedback(False, f"Not yet: {head}.", mistake, {"factor": factor})
    formula = formula_text(for_network(config.network).expression(factor))
    message = f"Not yet: {head} = {formula}, {factor_description(factor, config)}."
    return Feedback(False, message, mistake, {"factor": factor})


def _which_factor_differs(name, student, own, values, config) -> Feedback:
    """Match the factors of their product with the right chain-rule factors."""
    import itertools

    from ..symbolic import for_network

    hint = "Ask for a hint: the first one lists the factors you need."
    if not own or not student.is_Mul or len(student.args) > 8:
        return Feedback(False, f"Not yet: your formula is not {name}. {hint}", "off")
    sym = for_network(config.network)
    args = list(student.args)
    pieces = [*args, *(a * b for a, b in itertools.combinations(args, 2))]
    piece_values = [values(p) for p in pieces]
    missing = [f for f in own if not any(_same(v, values(sym.expression(f))) for v in piece_values)]
    if len(missing) == len(own):
        return Feedback(False, f"Not yet: none of your factors is one of {name}'s. {hint}", "off")
    shown = ", ".join(f"{f} ({factor_description(f, config)})" for f in missing)
    return Feedback(
        False,
        f"Not yet: your product has the other factors right, but not {shown}. {hint}",
        "wrong_factor",
        {"factors": tuple(missing)},
    )
