r"""The matrix formulas of the pass, layer by layer, as the source writes
them: forward (with the cost), backward and the update, in plain text and
in LaTeX.

>>> dZ = quantity_formula("dZ[1]", (2, 3, 1), ("tanh", "sigmoid"), "mse")
>>> print(dZ.text)
dA[1] * (1 - A[1] * A[1])
>>> print(dZ.latex)
dA^{[1]} \odot (1 - A^{[1]} \odot A^{[1]})
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.lessons.vectorised.notation import LOSS_WORDS, QUANTITY, Notation

# How each activation and its slope are written, in text and in LaTeX.
# ``{l}`` is the layer.
_G = {
    "sigmoid": ("sigmoid(Z[{l}])", r"\sigma(Z^{{[{l}]}})"),
    "tanh": ("tanh(Z[{l}])", r"\tanh(Z^{{[{l}]}})"),
    "relu": ("max(0, Z[{l}])", r"\max(0, Z^{{[{l}]}})"),
    "linear": ("Z[{l}]", r"Z^{{[{l}]}}"),
}
_SLOPE = {
    "sigmoid": ("A[{l}] * (1 - A[{l}])", r"A^{{[{l}]}} \odot (1 - A^{{[{l}]}})"),
    "tanh": ("(1 - A[{l}] * A[{l}])", r"(1 - A^{{[{l}]}} \odot A^{{[{l}]}})"),
    "relu": ("(Z[{l}] > 0)", r"[Z^{{[{l}]}} > 0]"),
    "linear": ("", ""),
}


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


def _latex_symbol(name: str) -> str:
    """``dW[1]`` -> ``dW^{[1]}``; ``X``, ``J`` unchanged."""
    found = QUANTITY.match(name)
    return f"{found.group(1)}^{{[{found.group(2)}]}}" if found else name


def _loss_formula(loss: str, outputs: int) -> tuple[str, str]:
    """One example's loss ``L(a, y)``: text and LaTeX."""
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
            name, f"{text}  (one example's loss: {LOSS_WORDS[loss]})", r"\mathcal{L}(a, y)", latex
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
        "A": tuple(s.format(l=l) for s in _G[g]),
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
        slope, lslope = (s.format(l=l) for s in _SLOPE[g])
        text = f"dA[{l}] * {slope}" if slope else f"dA[{l}]"
        latex = rf"dA^{{[{l}]}} \odot {lslope}" if lslope else f"dA^{{[{l}]}}"
        if l == L and g == "sigmoid" and loss == "binary_cross_entropy":
            n = sizes[-1]
            text += f" = A[{L}] - Y" if n == 1 else f" = (A[{L}] - Y) / {n}"
            latex += rf" = A^{{[{L}]}} - Y" if n == 1 else rf" = \frac{{A^{{[{L}]}} - Y}}{{{n}}}"
    return Formula(name, text, _latex_symbol(name), latex)


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


def formulas(model, part: str = "all") -> Formulas:
    """The matrix formulas of ``model``'s forward pass (with the cost),
    backward pass or update, written out layer by layer as the source does.

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1],
    ...                            "loss": "binary_cross_entropy"})
    >>> print(formulas(config, "backward"))
    Backward, layer by layer (matrices side by side are multiplied, * is elementwise)
    dA[2] = -(Y / A[2] - (1 - Y) / (1 - A[2]))
    dZ[2] = dA[2] * A[2] * (1 - A[2]) = A[2] - Y
    dW[2] = 1/m * dZ[2] A[1]^T
    db[2] = 1/m * sum over the m columns of dZ[2]
    dA[1] = W[2]^T dZ[2]
    dZ[1] = dA[1] * A[1] * (1 - A[1])
    dW[1] = 1/m * dZ[1] A[0]^T
    db[1] = 1/m * sum over the m columns of dZ[1]
    """
    from mazur_nn.core.validate import choice

    choice(part, "part", PARTS)
    if part == "all":
        parts = [formulas(model, p).formulas for p in PARTS[:-1]]
        return Formulas("Forward, backward and update", sum(parts, ()))
    notation = model if isinstance(model, Notation) else Notation.of(model)
    sizes, acts, loss, L = notation.sizes, notation.activations, notation.loss, notation.L

    def make(*names):
        return tuple(quantity_formula(name, sizes, acts, loss) for name in names)

    if part == "forward":
        names = [q for l in range(1, L + 1) for q in (f"Z[{l}]", f"A[{l}]")]
        return Formulas("Forward, every example at once (A[0] = X)", make(*names, "J", "L(a, y)"))
    if part == "backward":
        names = [f"dA[{L}]"]
        for l in range(L, 0, -1):
            names += [f"dZ[{l}]", f"dW[{l}]", f"db[{l}]"] + ([f"dA[{l - 1}]"] if l > 1 else [])
        return Formulas(
            "Backward, layer by layer (matrices side by side are multiplied, * is elementwise)",
            make(*names),
        )
    updates = []
    for l in range(1, L + 1):
        for q in ("W", "b"):
            updates.append(
                Formula(
                    f"{q}[{l}]",
                    f"{q}[{l}] - alpha * d{q}[{l}]  (alpha: the learning rate)",
                    _latex_symbol(f"{q}[{l}]"),
                    rf"{_latex_symbol(f'{q}[{l}]')} - \alpha\, {_latex_symbol(f'd{q}[{l}]')}",
                    ":=",
                    ":=",
                )
            )
    return Formulas("Update: a step against the gradient", tuple(updates))
