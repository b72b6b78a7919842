"""What differs in a wrong formula that is none of the known slips.

Their formula divided by the right one, at the same random points: a
constant ratio is a constant factor; a ratio that is one of the chain-rule
factors (or a plain name such as ``out_h1``) is an extra factor, its
inverse a missing one. For a sum of paths, the one path that differs is
compared the same way; for a product, it is said which of the right
factors none of theirs matches.

Example
-------
>>> from mazur_nn.exercises.bank import exercise
>>> from mazur_nn.exercises.checking.formulas import check_formula
>>> check_formula(exercise("02-dE_total_dout_o1"), "3*(out_o1 - t1)")
✗ Not yet: off by a constant factor of 3: your formula is 3 times dE_total/dout_o1.
>>> check_formula(exercise("02-dE_total_dout_o1"), "(out_o1 - t1)*out_h1").details
{'factor': 'out_h1'}
"""

from __future__ import annotations

import itertools
import math

from mazur_nn.exercises.chain import chain_of
from mazur_nn.exercises.expressions import formula_names, formula_text
from mazur_nn.exercises.slips.feedback import Feedback, nice_ratio
from mazur_nn.exercises.typed.points import all_close, close
from mazur_nn.symbolic.model import for_network


def compare_factors(name, student, theirs, right, values, config) -> Feedback:
    """Name what differs, from their formula divided by the right one.

    ``student`` is their normalised expression, ``theirs`` and ``right``
    the two formulas' values at the checker's points, ``values`` the
    function that gives any expression's values there.
    """
    found = _ratio_feedback(name, theirs, right, values, config)
    if found:
        return found
    chain = chain_of(config)
    paths = chain.paths_into(name)
    if paths and student.is_Add:
        found = _path_feedback(name, paths, student, values, config)
        if found:
            return found
    return _which_factor_differs(name, student, chain.factors_of(name), values, config)


def _ratio_feedback(name, theirs, right, values, config) -> Feedback | None:
    """A constant ratio, or a ratio that is one factor (or its inverse)."""
    mask = [math.isfinite(a) and b != 0 for a, b in zip(theirs, right)]
    ratios = [a / b for a, b, keep in zip(theirs, right, mask) if keep]
    if len(ratios) < max(2, len(right) // 2):  # one ratio is "constant" by itself
        return Feedback(False, f"Not yet: your formula is undefined where {name} is not.", "off")
    if all(close(r, ratios[0]) for r in ratios):
        nice = nice_ratio(ratios[0])
        if nice == "-1":
            return Feedback(
                False,
                f"Not yet: {name} has the opposite sign: the paths of a sum are added, and "
                "each starts with (out - target).",
                "sign",
            )
        return Feedback(
            False,
            f"Not yet: off by a constant factor of {nice}: your formula is {nice} times {name}.",
            "constant_factor",
            {"factor": nice},
        )
    sym, chain = for_network(config.network), chain_of(config)
    plain = formula_names(config.network.names)
    deltas = {f"delta_{n}" for n in chain.slope}
    candidates = [
        *chain.factors_of(name),
        *plain,
        *(f for f in sym.factors if f not in deltas),
    ]
    for f in dict.fromkeys(candidates):
        expr = sym.symbol(f) if f in plain else sym.expression(f)
        fv = [v for v, keep in zip(values(expr), mask) if keep]
        if all_close(ratios, fv):
            return _factor_feedback("extra_factor", f"an extra factor {f}", f, config)
        if all(x != 0 for x in fv) and all_close(ratios, [1 / x for x in fv]):
            return _factor_feedback("missing_factor", f"missing the factor {f}", f, config)
    return None


def _path_feedback(name, paths, student, values, config) -> Feedback | None:
    """For a sum of paths: which path of theirs differs, and how."""
    sym, chain = for_network(config.network), chain_of(config)
    terms = list(student.args)
    wrong = []
    for path in paths:
        right = values(sym.expression(path))
        matched = [t for t in terms if all_close(values(t), right)]
        if matched:
            terms.remove(matched[0])
        else:
            wrong.append(path)
    if len(wrong) != 1 or len(terms) != 1:
        return None
    path, term = wrong[0], terms[0]
    found = _ratio_feedback(path, values(term), values(sym.expression(path)), values, config)
    found = found or _which_factor_differs(path, term, chain.factors_of(path), values, config)
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
    if factor in formula_names(config.network.names):
        return Feedback(False, f"Not yet: {head}.", mistake, {"factor": factor})
    formula = formula_text(for_network(config.network).expression(factor))
    message = f"Not yet: {head} = {formula}, {chain_of(config).describe(factor)}."
    return Feedback(False, message, mistake, {"factor": factor})


def _which_factor_differs(name, student, own, values, config) -> Feedback:
    """Match the factors of their product with the right chain-rule factors."""
    hint = f"{name} is built from its chain-rule factors: check each one."
    if not own or not student.is_Mul or len(student.args) > 8:
        return Feedback(False, f"Not yet: your formula is not {name}. {hint}", "off")
    sym = for_network(config.network)
    args = list(student.args)
    pieces = [*args, *(a * b for a, b in itertools.combinations(args, 2))]
    piece_values = [values(p) for p in pieces]
    missing = [
        f for f in own if not any(all_close(v, values(sym.expression(f))) for v in piece_values)
    ]
    if len(missing) == len(own):
        return Feedback(False, f"Not yet: none of your factors is one of {name}'s. {hint}", "off")
    shown = ", ".join(f"{f} ({chain_of(config).describe(f)})" for f in missing)
    return Feedback(
        False,
        f"Not yet: your product has the other factors right, but not {shown}. {hint}",
        "wrong_factor",
        {"factors": tuple(missing)},
    )
