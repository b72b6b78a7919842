r"""The matrix formulas of the pass, layer by layer, as the source writes
them: forward (with the cost), backward and the update, in plain text and
in LaTeX.

How an activation and its slope are written comes from the registry
(:mod:`mazur_nn.core.functions`): its ``text``, ``latex``, ``slope_text`` and
``slope_latex`` with ``net`` -> ``Z[l]`` and ``out`` -> ``A[l]``, products
made elementwise (``\odot``) in LaTeX. So any activation in the registry is
written out, one the lesson never named too.

>>> dZ = quantity_formula("dZ[1]", (2, 3, 1), ("tanh", "sigmoid"), "mse")
>>> print(dZ.text)
dA[1] * (1 - A[1] * A[1])
>>> print(dZ.latex)
dA^{[1]} \odot (1 - A^{[1]} \odot A^{[1]})
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

import re
from dataclasses import dataclass

from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.validate import choice
from mazur_nn.lessons.vectorised.symbols import (
    QUANTITY,
    backward_names,
    forward_names,
    latex_symbol,
    loss_words,
)

_SQUARE = re.compile(r"\b(net|out)\^(?:2|\{2\})(?!\d)")  # out^2: out times itself
_SIDE_BY_SIDE = re.compile(r"(\bnet|\bout|\))\s+(?=[(\[]|net\b|out\b)")  # out (1 - out)


def written(expression: str, names: dict[str, str]) -> str:
    r"""A registry expression with its variables renamed, all at once.

    >>> written(r"\sigma(net)", {"net": "Z^{[1]}"})
    '\\sigma(Z^{[1]})'
    """
    pattern = r"\b(" + "|".join(map(re.escape, names)) + r")\b"
    return re.sub(pattern, lambda found: names[found.group(1)], expression)


def elementwise(latex: str) -> str:
    r"""A slope in LaTeX with its products of ``net`` and ``out`` written
    elementwise, as matrices need: side by side or squared, they get
    ``\odot``.

    >>> elementwise("out (1 - out)"), elementwise("1 - out^2")
    ('out \\odot (1 - out)', '1 - out \\odot out')
    """
    return _SIDE_BY_SIDE.sub(r"\1 \\odot ", _SQUARE.sub(r"\1 \\odot \1", latex))


def factor(expression: str) -> str:
    """``expression`` as a factor of a product: in parentheses when a sum,
    a difference or a comparison stands outside every bracket.

    >>> factor("1 - A * A"), factor("A * (1 - A)"), factor("[Z > 0]")
    ('(1 - A * A)', 'A * (1 - A)', '[Z > 0]')
    """
    depth = 0
    for char in expression:
        depth += (char in "([{") - (char in ")]}")
        if depth == 0 and char in "+-<>=":
            return f"({expression})"
    return expression


def activation_formula(name: str, l: int) -> tuple[str, str]:
    r"""``A[l] = g(Z[l])``'s right side, text and LaTeX, from the registry.

    >>> activation_formula("relu", 2)
    ('max(0, Z[2])', '\\max(0, Z^{[2]})')
    """
    g = get_activation(name)
    return written(g.text, {"net": f"Z[{l}]"}), written(g.latex, {"net": f"Z^{{[{l}]}}"})


def slope_formula(name: str, l: int) -> tuple[str, str]:
    r"""``g'(Z[l])`` as a factor of ``dZ[l] = dA[l] * g'(Z[l])``, text and
    LaTeX, from the registry; ``("", "")`` when the slope is 1.

    >>> slope_formula("sigmoid", 1)
    ('A[1] * (1 - A[1])', 'A^{[1]} \\odot (1 - A^{[1]})')
    >>> slope_formula("linear", 1)
    ('', '')
    """
    g = get_activation(name)
    if g.slope_text.strip() == "1":
        return "", ""
    text = written(g.slope_text, {"net": f"Z[{l}]", "out": f"A[{l}]"})
    latex = written(elementwise(g.slope_latex), {"net": f"Z^{{[{l}]}}", "out": f"A^{{[{l}]}}"})
    return factor(text), factor(latex)


def aligned(lines, separator: str = " \\\\\n") -> str:
    r"""LaTeX lines, aligned at their ``&``, as display math.

    >>> print(aligned(["Z &= W A + b", "A &= g(Z)"]))
    $$\begin{aligned}
    Z &= W A + b \\
    A &= g(Z)
    \end{aligned}$$
    """
    return "$$\\begin{aligned}\n" + separator.join(lines) + "\n\\end{aligned}$$"


@dataclass(frozen=True)
class Formula:
    """``name = text`` in plain text, and the same in LaTeX."""

    name: str
    text: str
    latex_name: str
    latex: str
    sign: str = "="  # ":=" for an update
    latex_sign: str = "="


_WRITTEN_LOSSES = ("binary_cross_entropy", "half_squared_error", "mse")
"""The losses the lesson writes as the source does (``L(a, y)`` in ``a`` and
``y``, and ``dA[L]``); any other comes from the registry's ``text`` and
``latex``."""


def _registry_loss_formula(loss: str, outputs: int) -> tuple[str, str]:
    """``L(a, y)`` from the registry: its ``text`` and ``latex`` in ``a``, ``y``."""
    entry = get_loss(loss)
    if outputs == 1:
        names = {"t": "y", "out": "a", "n": "1"}
        return written(entry.text, names), written(entry.latex, names)
    names = {"t": "y_k", "out": "a_k", "n": str(outputs)}
    return f"sum over k of {written(entry.text, names)}", rf"\sum_k {written(entry.latex, names)}"


def _loss_formula(loss: str, outputs: int) -> tuple[str, str]:
    """One example's loss ``L(a, y)``: text and LaTeX."""
    if loss not in _WRITTEN_LOSSES:
        return _registry_loss_formula(loss, outputs)
    if outputs == 1:
        text = {
            "binary_cross_entropy": "-(y ln a + (1 - y) ln(1 - a))",
            "half_squared_error": "1/2 (y - a)^2",
            "mse": "(y - a)^2",
        }[loss]
        latex = {
            "binary_cross_entropy": r"-\left(y \ln a + (1 - y) \ln(1 - a)\right)",
            "half_squared_error": r"\tfrac{1}{2} (y - a)^2",
            "mse": r"(y - a)^2",
        }[loss]
        return text, latex
    text = {
        "binary_cross_entropy": f"1/{outputs} * sum over k of "
        "-(y_k ln a_k + (1 - y_k) ln(1 - a_k))",
        "half_squared_error": "sum over k of 1/2 (y_k - a_k)^2",
        "mse": f"1/{outputs} * sum over k of (y_k - a_k)^2",
    }[loss]
    latex = {
        "binary_cross_entropy": rf"\frac{{1}}{{{outputs}}} \sum_k -\left(y_k \ln a_k"
        r" + (1 - y_k) \ln(1 - a_k)\right)",
        "half_squared_error": r"\sum_k \tfrac{1}{2} (y_k - a_k)^2",
        "mse": rf"\frac{{1}}{{{outputs}}} \sum_k (y_k - a_k)^2",
    }[loss]
    return text, latex


def _loss_slope(loss: str, L: int, outputs: int) -> tuple[str, str]:
    """``dA[L]``, the loss's slope, elementwise: text and LaTeX."""
    a, la = f"A[{L}]", f"A^{{[{L}]}}"
    if loss not in _WRITTEN_LOSSES:
        return f"dL/d{a}", rf"\frac{{\partial \mathcal{{L}}}}{{\partial {la}}}"
    scale, lscale = ("", "") if outputs == 1 else (f"1/{outputs} * ", rf"\frac{{1}}{{{outputs}}}")
    if loss == "binary_cross_entropy":
        inner = rf"-\frac{{Y}}{{{la}}} + \frac{{1 - Y}}{{1 - {la}}}"
        return (
            f"{scale}-(Y / {a} - (1 - Y) / (1 - {a}))",
            rf"{lscale}\left({inner}\right)" if lscale else inner,
        )
    if loss == "half_squared_error":
        return f"{a} - Y", f"{la} - Y"
    return f"2/{outputs} * ({a} - Y)", rf"\frac{{2}}{{{outputs}}} ({la} - Y)"


def quantity_formula(name: str, sizes, activations, loss) -> Formula:
    """The definition of one quantity of the pass (``"dW[1]"``, ``"J"``...)."""
    L = len(sizes) - 1
    found = QUANTITY.match(name)
    if name in ("X", "A[0]"):
        if name == "X":
            return Formula(name, "the inputs, one column per example", "X", "X")
        return Formula(name, "X, the inputs, one column per example", "A^{[0]}", "X")
    if name == "Y":
        return Formula(name, "the targets, one column per example", "Y", "Y")
    if name == "L(a, y)":
        text, latex = _loss_formula(loss, sizes[-1])
        return Formula(
            name, f"{text}  (one example's loss: {loss_words(loss)})", r"\mathcal{L}(a, y)", latex
        )
    if name == "L":
        return Formula(
            name,
            f"L(A[{L}][:, j], Y[:, j]) for each example j",
            r"\mathcal{L}",
            rf"\mathcal{{L}}\left(A^{{[{L}]}}_{{:,j}}, Y_{{:,j}}\right)_{{j = 1 .. m}}",
        )
    if name == "J":
        return Formula(
            "J",
            f"1/m * sum over the m columns of L(A[{L}], Y)",
            "J",
            rf"\frac{{1}}{{m}} \sum_{{j=1}}^{{m}} \mathcal{{L}}\left(A^{{[{L}]}}_{{:,j}},"
            r" Y_{:,j}\right)",
        )
    kind, l = found.group(1), int(found.group(2))
    g = activations[l - 1]
    text, latex = {
        "W": (f"the weights into layer {l}", r"\text{weights}"),
        "b": (f"the biases of layer {l}", r"\text{biases}"),
        "Z": (f"W[{l}] A[{l - 1}] + b[{l}]", f"W^{{[{l}]}} A^{{[{l - 1}]}} + b^{{[{l}]}}"),
        "A": activation_formula(g, l),
        "dW": (
            f"1/m * dZ[{l}] A[{l - 1}]^T",
            rf"\frac{{1}}{{m}}\, dZ^{{[{l}]}} A^{{[{l - 1}]\top}}",
        ),
        "db": (
            f"1/m * sum over the m columns of dZ[{l}]",
            rf"\frac{{1}}{{m}} \sum_{{j=1}}^{{m}} dZ^{{[{l}]}}_{{:,j}}",
        ),
    }.get(kind, ("", ""))
    if kind == "dA":
        if l == L:
            text, latex = _loss_slope(loss, L, sizes[-1])
        else:
            text, latex = f"W[{l + 1}]^T dZ[{l + 1}]", f"W^{{[{l + 1}]\\top}} dZ^{{[{l + 1}]}}"
    if kind == "dZ":
        slope, lslope = slope_formula(g, l)
        text = f"dA[{l}] * {slope}" if slope else f"dA[{l}]"
        latex = rf"dA^{{[{l}]}} \odot {lslope}" if lslope else f"dA^{{[{l}]}}"
        if l == L and g == "sigmoid" and loss == "binary_cross_entropy":
            n = sizes[-1]
            text += f" = A[{L}] - Y" if n == 1 else f" = (A[{L}] - Y) / {n}"
            latex += rf" = A^{{[{L}]}} - Y" if n == 1 else rf" = \frac{{A^{{[{L}]}} - Y}}{{{n}}}"
    return Formula(name, text, latex_symbol(name), latex)


@dataclass(frozen=True)
class Formulas:
    """A few formulas shown together: aligned text, or LaTeX."""

    title: str
    formulas: tuple[Formula, ...]

    def __repr__(self) -> str:
        width = max(len(f.name) for f in self.formulas)
        lines = [f"{f.name.ljust(width)} {f.sign} {f.text}" for f in self.formulas]
        return "\n".join([self.title, *lines])

    def _repr_latex_(self) -> str:
        lines = [f"{f.latex_name} &{f.latex_sign} {f.latex}" for f in self.formulas]
        return aligned(lines)


PARTS = ("forward", "backward", "update", "all")


def network_formulas(sizes, activations, loss: str, part: str = "all") -> Formulas:
    """The matrix formulas of a network (``sizes`` ``n[0] .. n[L]``, the
    layers' ``activations`` and the ``loss``): its forward pass (with the
    cost), backward pass or update, written out layer by layer as the source
    does (:func:`~mazur_nn.lessons.vectorised.formulas` reads them off a model).

    >>> print(network_formulas((2, 1), ("sigmoid",), "half_squared_error", "update"))
    Update: a step against the gradient
    W[1] := W[1] - alpha * dW[1]  (alpha: the learning rate)
    b[1] := b[1] - alpha * db[1]  (alpha: the learning rate)
    """
    choice(part, "part", PARTS)
    if part == "all":
        parts = [network_formulas(sizes, activations, loss, p).formulas for p in PARTS[:-1]]
        return Formulas("Forward, backward and update", sum(parts, ()))
    L = len(sizes) - 1

    def make(*names):
        return tuple(quantity_formula(name, sizes, activations, loss) for name in names)

    if part == "forward":
        forward = make(*forward_names(L), "J", "L(a, y)")
        return Formulas("Forward, every example at once (A[0] = X)", forward)
    if part == "backward":
        return Formulas(
            "Backward, layer by layer (matrices side by side are multiplied, * is elementwise)",
            make(*backward_names(L)),
        )
    updates = []
    for l in range(1, L + 1):
        for q in ("W", "b"):
            updates.append(
                Formula(
                    f"{q}[{l}]",
                    f"{q}[{l}] - alpha * d{q}[{l}]  (alpha: the learning rate)",
                    latex_symbol(f"{q}[{l}]"),
                    rf"{latex_symbol(f'{q}[{l}]')} - \alpha\, {latex_symbol(f'd{q}[{l}]')}",
                    ":=",
                    ":=",
                )
            )
    return Formulas("Update: a step against the gradient", tuple(updates))
