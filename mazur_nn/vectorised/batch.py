"""Backpropagation in matrix form over a batch of ``m`` examples (lesson 09;
source: a tutorial on a 2-3-1 network, seed 003).

The source's notation: ``m`` examples, ``n`` input variables, layers ``l``,
weights ``w`` and biases ``b``. Layer ``l`` has ``n[l]`` neurons
(``n[0] = n`` inputs); examples are the **columns** of ``X`` and ``Y``::

    W[l]: (n[l], n[l-1])     b[l]: (n[l], 1)     Z[l], A[l]: (n[l], m)

    Z[l] = W[l] A[l-1] + b[l]          A[0] = X
    A[l] = g(Z[l])                     g: the layer's activation
    J    = 1/m * sum over the m columns of L(A[L], Y)

and backward, from the last layer ``L`` down to layer 1 (``*`` is
elementwise, matrices side by side are multiplied)::

    dA[L] = dL/dA[L]                   the loss's slope, column by column
    dZ[l] = dA[l] * g'(Z[l])
    dW[l] = 1/m * dZ[l] A[l-1]^T       (shape of W[l])
    db[l] = 1/m * sum over the m columns of dZ[l]
    dA[l-1] = W[l]^T dZ[l]

**Where 1/m sits.** Column ``j`` of ``dA[l]`` and ``dZ[l]`` is the partial
derivative of example ``j``'s own loss ``L`` (no 1/m): every example keeps
its own column. ``dW[l]`` and ``db[l]`` are the partials of the *cost*
``J``, the mean of the ``m`` losses, so the 1/m comes in there, once. (The
layer API, :mod:`mazur_nn.layers`, puts the 1/m into ``dA[L]`` instead:
then its ``dZ`` is this ``dZ`` divided by ``m`` and its ``dW``, ``db`` are
the same.) ``L`` is the core's ``E_total`` of one example: for the lesson's
one sigmoid output and binary cross-entropy ``L(a, y) = -(y ln a + (1 - y)
ln(1 - a))``, and then ``dZ[L] = A[L] - Y``.

The numbers come from the layer API's ``Dense`` and activation layers and
the core's loss expressions: the same engine as the core. So for ``m = 1``
the matrices hold the core's scalar partials to the last bit
(:func:`compare_with_core`), and for ``m > 1`` ``dW``, ``db`` are the mean
of the ``m`` examples' partials (:func:`check_batch`).

Example
-------
>>> from mazur_nn import Config
>>> config = Config.from_dict({"layers": [2, 3, 1], "seed": 3, "inputs": [0.5, 0.2],
...                            "targets": [1], "loss": "binary_cross_entropy"})
>>> batch = vectorised_pass(config, [[0.5, -0.3], [0.2, 0.8]], [[1, 0]])
>>> batch.m, batch.W[1].shape, batch.dW[1].shape, batch.dZ[1].shape
(2, (3, 2), (3, 2), (3, 2))
>>> print(batch.quantity("dW[2]"))
dW[2] = 1/m * dZ[2] A[1]^T    shape (1, 3)
[[0.094091 0.090092 0.015185]]
>>> compare_with_core(config).max_difference  # m = 1: the core's partials, exactly
0.0

numpy is imported inside the functions, matplotlib only by
:func:`draw_matrices`.
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

import re
import types
from dataclasses import dataclass

from .tables import Table

DECIMALS = 6  # how matrices are printed
QUANTITY_NAMES = ("W", "b", "Z", "A", "dA", "dZ", "dW", "db")
_QUANTITY = re.compile(r"^(dW|db|dZ|dA|W|b|Z|A)\[(\d+)\]$")

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
LOSS_WORDS = {
    "binary_cross_entropy": "binary cross-entropy",
    "half_squared_error": "half squared error (Mazur's)",
    "mse": "mean squared error",
}


def _np():
    import numpy

    return numpy


# -- the model ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Model:
    dense: tuple  # Dense layers, layer 1 first
    activations: tuple  # their activations' names, layer 1 first
    loss: str
    network: object  # the core's Network, or None for a Sequential
    config: object  # the Config, or None

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.dense[0].W.shape[1], *(d.W.shape[0] for d in self.dense))


def _model(model) -> _Model:
    """A Config, a Network or a Sequential (Dense and activation layers in turn)."""
    from .config import Config
    from .layers import Activation, Dense, Sequential, from_network
    from .network import Network

    config = model if isinstance(model, Config) else None
    network = model.network if config is not None else model
    if isinstance(network, Network):
        layers = from_network(network)
    elif isinstance(model, Sequential):
        network, layers = None, model
    else:
        raise TypeError(
            "model: expected a Config, a Network or a Sequential of Dense and activation "
            f"layers, got {type(model).__name__}"
        )
    dense, acts = layers.layers[0::2], layers.layers[1::2]
    if (
        len(dense) != len(acts)
        or not all(isinstance(d, Dense) for d in dense)
        or not all(isinstance(a, Activation) for a in acts)
    ):
        raise ValueError(
            "model: expected Dense and activation layers in turn "
            f"(Dense, Sigmoid(), Dense, Sigmoid(), ...), got {layers!r}"
        )
    for l in range(1, len(dense)):
        if dense[l].W.shape[1] != dense[l - 1].W.shape[0]:
            raise ValueError(
                f"model: W[{l + 1}] has {dense[l].W.shape[1]} columns, expected "
                f"{dense[l - 1].W.shape[0]} (one per neuron of layer {l})"
            )
    return _Model(tuple(dense), tuple(a.name for a in acts), layers.loss.name, network, config)


def _whole_number(value, field: str, smallest: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < smallest:
        raise ValueError(f"{field}: expected a whole number >= {smallest}, got {value!r}")
    return value


def _shape(shape) -> str:
    return "(" + ", ".join(map(str, shape)) + ")"


# -- formulas ----------------------------------------------------------------------------


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
    found = _QUANTITY.match(name)
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


def _formula(name: str, sizes, activations, loss) -> Formula:
    """The definition of one quantity of the pass (``"dW[1]"``, ``"J"``...)."""
    L = len(sizes) - 1
    found = _QUANTITY.match(name)
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
        return "$$\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}$$"


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
    from .validation import choice

    choice(part, "part", PARTS)
    if part == "all":
        parts = [formulas(model, p).formulas for p in PARTS[:-1]]
        return Formulas("Forward, backward and update", sum(parts, ()))
    notation = model if isinstance(model, Notation) else Notation.of(model)
    sizes, acts, loss, L = notation.sizes, notation.activations, notation.loss, notation.L

    def make(*names):
        return tuple(_formula(name, sizes, acts, loss) for name in names)

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


# -- the notation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Notation:
    """The source's notation for one network and a batch of ``m`` examples:
    ``sizes`` are ``n[0], n[1], ..., n[L]``.

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
    >>> notation = Notation.of(config, m=4)
    >>> notation.L, notation.n(1), notation.shape("W", 1), notation.shape("Z", 2)
    (2, 3, (3, 2), (1, 4))
    """

    sizes: tuple[int, ...]
    m: int
    activations: tuple[str, ...]
    loss: str

    @classmethod
    def of(cls, model, m: int = 1) -> Notation:
        found = _model(model)
        return cls(found.sizes, _whole_number(m, "m"), found.activations, found.loss)

    @property
    def L(self) -> int:  # noqa: N802 (the source's name)
        """The number of layers with weights (the output layer's ``l``)."""
        return len(self.sizes) - 1

    def n(self, l: int) -> int:
        """``n[l]``: the neurons of layer ``l`` (``n[0]``: the inputs)."""
        if isinstance(l, bool) or not isinstance(l, int) or not 0 <= l <= self.L:
            raise ValueError(f"l: expected a layer from 0 to {self.L}, got {l!r}")
        return self.sizes[l]

    def shape(self, quantity: str, l: int) -> tuple[int, int]:
        """The shape of ``quantity`` (``"W"``, ``"dZ"``...) of layer ``l``."""
        if quantity not in QUANTITY_NAMES:
            raise ValueError(
                f"quantity: {quantity!r} is not allowed; allowed are {', '.join(QUANTITY_NAMES)}"
            )
        if quantity in ("W", "dW"):
            return (self.n(l), self.n(l - 1))
        if quantity in ("b", "db"):
            return (self.n(l), 1)
        return (self.n(l), self.m)

    def glossary(self) -> Table:
        """Every symbol, what it means, and its value or shape here."""
        L, m = self.L, self.m
        each = ", ".join
        rows = [
            ("m", "examples in the batch: the columns of X and Y", str(m)),
            ("n = n[0]", "input variables: the rows of X", str(self.sizes[0])),
            ("l", "a layer: l = 0 the inputs, l = L the output layer", f"0 .. {L} (L = {L})"),
            ("n[l]", "neurons of layer l", each(f"n[{l}] = {self.n(l)}" for l in range(1, L + 1))),
            (
                "W[l]",
                "weights into layer l: W[l][j, k] joins neuron k of layer l-1 to neuron j",
                each(f"W[{l}] {_shape(self.shape('W', l))}" for l in range(1, L + 1)),
            ),
            (
                "b[l]",
                "biases of layer l, one row per neuron (a bias shared by the layer: in every row)",
                each(f"b[{l}] {_shape(self.shape('b', l))}" for l in range(1, L + 1)),
            ),
            (
                "Z[l], A[l]",
                "net inputs and outputs of layer l, one column per example; A[0] = X",
                each(f"Z[{l}] {_shape(self.shape('Z', l))}" for l in range(1, L + 1)),
            ),
            ("g", "the activation: A[l] = g(Z[l])", each(self.activations)),
            ("L(a, y), J", "one example's loss; the cost J is its mean", LOSS_WORDS[self.loss]),
            ("dW[l], db[l]", "dJ/dW[l], dJ/db[l]: the cost's gradient (with the 1/m)", ""),
            ("dZ[l], dA[l]", "column j: dL/dZ[l], dL/dA[l] of example j (no 1/m)", ""),
        ]
        shape = "-".join(map(str, self.sizes))
        return Table(
            ("symbol", "meaning", "here"), rows, f"The notation: a {shape} network, m = {m}"
        )

    def layer_table(self) -> Table:
        """Per layer ``l``: ``n[l]``, the activation and the shapes of
        ``W[l]``, ``b[l]``, ``Z[l]`` and ``A[l]`` for ``m`` examples."""
        rows = [("0", "input", str(self.sizes[0]), "-", "-", "-", _shape((self.sizes[0], self.m)))]
        for l in range(1, self.L + 1):
            rows.append(
                (
                    str(l),
                    "output" if l == self.L else "hidden",
                    str(self.n(l)),
                    self.activations[l - 1],
                    _shape(self.shape("W", l)),
                    _shape(self.shape("b", l)),
                    _shape(self.shape("Z", l)),
                )
            )
        header = ("l", "layer", "n[l]", "g", "W[l]", "b[l]", "Z[l], A[l] (A[0] = X)")
        return Table(header, rows, f"Layer by layer, for m = {self.m} examples")

    def formulas(self, part: str = "all") -> Formulas:
        return formulas(self, part)

    def __repr__(self) -> str:
        return self.glossary().to_text()

    def _repr_markdown_(self) -> str:
        return self.glossary().to_markdown()


def layer_table(model, m: int = 1) -> Table:
    """``Notation.of(model, m).layer_table()``.

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
    >>> layer_table(config, 4).rows[1]
    ('1', 'hidden', '3', 'sigmoid', '(3, 2)', '(3, 1)', '(3, 4)')
    """
    return Notation.of(model, m).layer_table()


# -- the pass --------------------------------------------------------------------------------


def _text(value) -> str:
    """An array (or a number) rounded to ``DECIMALS``, as numpy prints it."""
    np = _np()
    rounded = np.round(np.asarray(value, dtype=float), DECIMALS) + 0.0  # no -0.000000
    if rounded.ndim == 0:
        return f"{float(rounded):.{DECIMALS}f}"
    return np.array2string(
        rounded, precision=DECIMALS, floatmode="fixed", suppress_small=True, max_line_width=100
    )


def _latex_matrix(value) -> str:
    np = _np()
    rounded = np.round(np.asarray(value, dtype=float), DECIMALS) + 0.0
    if rounded.ndim == 0:
        return f"{float(rounded):.{DECIMALS}f}"
    rows = [" & ".join(f"{x:.{DECIMALS}f}" for x in row) for row in rounded]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


@dataclass(frozen=True, eq=False)
class Quantity:
    """One quantity of a pass: its name, definition and value (a matrix, or
    the cost ``J``), shown rounded to ``DECIMALS`` decimals."""

    formula: Formula
    value: object

    @property
    def name(self) -> str:
        return self.formula.name

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(_np().shape(self.value))

    def __repr__(self) -> str:
        head = f"{self.name} = {self.formula.text}"
        if not self.shape:
            return f"{head} = {_text(self.value)}"
        return f"{head}    shape {_shape(self.shape)}\n{_text(self.value)}"

    def latex_line(self) -> str:
        f = self.formula
        shape = rf" \quad {self.shape[0]} \times {self.shape[1]}" if self.shape else ""
        definition = f" = {f.latex}" if f.name not in ("X", "Y") else ""
        return f"{f.latex_name} &{definition} = {_latex_matrix(self.value)}{shape}"

    def _repr_latex_(self) -> str:
        return "$$\\begin{aligned}\n" + self.latex_line() + "\n\\end{aligned}$$"


class Quantities(tuple):
    """Several quantities shown together."""

    def __repr__(self) -> str:
        return "\n\n".join(map(repr, self))

    def _repr_latex_(self) -> str:
        lines = [q.latex_line() for q in self]
        return "$$\\begin{aligned}\n" + " \\\\[4pt]\n".join(lines) + "\n\\end{aligned}$$"


def _frozen(array):
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class VectorisedPass:
    """A forward and backward pass over ``m`` examples in the source's
    notation. ``W``, ``b``, ``Z``, ``A``, ``dA``, ``dZ``, ``dW``, ``db`` map a
    layer ``l`` to its matrix (``A[0]`` is ``X``; ``dA`` has layers 1 to
    ``L``); ``losses`` is each example's loss (a row), ``J`` their mean.
    ``batch["dW[1]"]`` is ``batch.dW[1]``; :meth:`show` displays some."""

    notation: Notation
    X: object
    Y: object
    W: types.MappingProxyType
    b: types.MappingProxyType
    Z: types.MappingProxyType
    A: types.MappingProxyType
    dA: types.MappingProxyType
    dZ: types.MappingProxyType
    dW: types.MappingProxyType
    db: types.MappingProxyType
    losses: object
    J: float

    @property
    def m(self) -> int:
        return self.notation.m

    @property
    def L(self) -> int:  # noqa: N802
        return self.notation.L

    def names(self) -> tuple[str, ...]:
        """Every quantity's name, in the order the pass computes it."""
        L = self.L
        forward = ["A[0]", "Y"] + [q for l in range(1, L + 1) for q in (f"Z[{l}]", f"A[{l}]")]
        backward = [f"dA[{L}]"]
        for l in range(L, 0, -1):
            backward += [f"dZ[{l}]", f"dW[{l}]", f"db[{l}]"] + ([f"dA[{l - 1}]"] if l > 1 else [])
        return (*forward, "L", "J", *backward)

    def __getitem__(self, name: str):
        if name == "X":
            return self.X
        if name in ("Y", "J"):
            return getattr(self, name)
        if name == "L":
            return self.losses
        found = _QUANTITY.match(name) if isinstance(name, str) else None
        table = getattr(self, found.group(1)) if found else {}
        layer = int(found.group(2)) if found else None
        if layer not in table:
            layers = f"with l from 1 to {self.L} (A[0] = X)"
            raise ValueError(
                f"name: {name!r} is not a quantity of this pass; allowed are X, Y, L, J and "
                f"W[l], b[l], Z[l], A[l], dA[l], dZ[l], dW[l], db[l] {layers}"
            )
        return table[layer]

    def quantity(self, name: str) -> Quantity:
        """One quantity with its definition, to display."""
        value = self[name]
        notation = self.notation
        formula = _formula(name, notation.sizes, notation.activations, notation.loss)
        return Quantity(formula, value)

    def show(self, *names: str) -> Quantities:
        """Some quantities (``"Z[1]"``, ``"dW[2]"``, ``"J"``...) together."""
        return Quantities(self.quantity(name) for name in names)

    def __repr__(self) -> str:
        shape = "-".join(map(str, self.notation.sizes))
        head = (
            f"VectorisedPass({shape} network, m = {self.m} examples, "
            f"{LOSS_WORDS[self.notation.loss]}: J = {_text(self.J)})"
        )
        return head + "\n\n" + repr(self.show(*self.names()))


def _check_batch(values, field: str, rows: int, what: str):
    np = _np()
    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected numbers, got {values!r}") from None
    if array.ndim != 2:
        raise ValueError(
            f"{field}: expected 2 dimensions ({rows} rows, {what}; one column per example), "
            f"got shape {_shape(array.shape)}"
        )
    if array.shape[0] != rows:
        raise ValueError(
            f"{field}: expected {rows} rows ({what}; one column per example), "
            f"got shape {_shape(array.shape)}"
        )
    if array.shape[1] == 0:
        raise ValueError(f"{field}: expected at least one example (a column), got none")
    if not np.isfinite(array).all():
        raise ValueError(f"{field}: NaN or infinite values are not allowed")
    return array


def _finite(name: str, value):
    np = _np()
    if not np.isfinite(value).all():
        raise ValueError(
            f"{name}: NaN or infinite entries; the numbers left float64's range "
            "(an output at exactly 0 or 1 for cross-entropy?); use smaller weights or inputs"
        )
    return value


def _compute(name: str, make):
    """``make()``, with arithmetic errors and non-finite results named."""
    np = _np()
    try:
        with np.errstate(all="ignore"):
            value = make()
    except (OverflowError, ZeroDivisionError, ValueError) as exc:
        raise ValueError(
            f"{name}: the numbers left float64's range ({exc}); use smaller weights or inputs"
        ) from None
    return _finite(name, value)


def vectorised_pass(model, X=None, Y=None) -> VectorisedPass:
    """Forward and backward over the batch ``X`` (shape ``(n[0], m)``) with
    targets ``Y`` (shape ``(n[L], m)``): every matrix of the source's
    notation, computed by the layer API's ``Dense`` and activation layers.

    ``model`` is a :class:`~mazur_nn.config.Config`, a
    :class:`~mazur_nn.network.Network` or a
    :class:`~mazur_nn.layers.Sequential` (Dense and activation layers in
    turn). With a Config, ``X`` and ``Y`` default to its one example
    (``m = 1``).

    >>> from mazur_nn import mazur_example
    >>> one = vectorised_pass(mazur_example())
    >>> one.m, round(float(one.dW[2][0, 0]), 9)  # Mazur's dE_total/dw5
    (1, 0.082167041)
    >>> vectorised_pass(mazur_example(), [[0.05, 0.1]], [[0.01], [0.99]])
    Traceback (most recent call last):
    ...
    ValueError: X: expected 2 rows (n[0] = 2 inputs; one column per example), got shape (1, 2)
    """
    from .layers import Loss
    from .losses import get_loss

    found = _model(model)
    sizes, L = found.sizes, len(found.sizes) - 1
    if X is None and Y is None and found.config is not None:
        X = [[x] for x in found.config.inputs]
        Y = [[t] for t in found.config.targets]
    elif X is None or Y is None:
        missing = "X" if X is None else "Y"
        raise ValueError(f"{missing}: needed (only a Config brings its own one example)")
    X = _check_batch(X, "X", sizes[0], f"n[0] = {sizes[0]} inputs")
    Y = _check_batch(Y, "Y", sizes[-1], f"n[{L}] = {sizes[-1]} outputs")
    m = X.shape[1]
    if Y.shape != (sizes[-1], m):
        raise ValueError(
            f"Y: expected shape {_shape((sizes[-1], m))} (one column per example of X), "
            f"got {_shape(Y.shape)}"
        )
    if found.loss == "binary_cross_entropy" and ((Y < 0) | (Y > 1)).any():
        raise ValueError("Y: binary_cross_entropy needs targets in [0, 1]")

    acts = [_activation_layer(name) for name in found.activations]
    W = {l: found.dense[l - 1].W.copy() for l in range(1, L + 1)}
    b = {l: found.dense[l - 1].B.copy() for l in range(1, L + 1)}
    Z, A = {}, {0: X}
    for l in range(1, L + 1):
        dense = found.dense[l - 1]
        Z[l] = _compute(f"Z[{l}]", lambda l=l, dense=dense: dense.forward(A[l - 1]))
        A[l] = _compute(f"A[{l}]", lambda l=l: acts[l - 1].forward(Z[l]))
    value, slope = get_loss(found.loss).array_functions
    losses = _compute("L", lambda: value(Y, A[L], sizes[-1]).sum(axis=0, keepdims=True))
    J = _compute("J", lambda: Loss(found.loss).value(A[L], Y))
    dA = {L: _compute(f"dA[{L}]", lambda: slope(Y, A[L], sizes[-1]))}
    dZ, dW, db = {}, {}, {}
    for l in range(L, 0, -1):
        dZ[l] = _compute(f"dZ[{l}]", lambda l=l: acts[l - 1].backward(Z[l], dA[l], A[l]).dX)
        grads = found.dense[l - 1].backward(A[l - 1], dZ[l])
        dW[l] = _finite(f"dW[{l}]", grads.dW / m)
        db[l] = _finite(f"db[{l}]", grads.dB / m)
        if l > 1:
            dA[l - 1] = _finite(f"dA[{l - 1}]", grads.dX)

    def frozen(table):
        return types.MappingProxyType({k: _frozen(v) for k, v in sorted(table.items())})

    notation = Notation(sizes, m, found.activations, found.loss)
    return VectorisedPass(
        notation,
        _frozen(X),
        _frozen(Y),
        frozen(W),
        frozen(b),
        frozen(Z),
        frozen(A),
        frozen(dA),
        frozen(dZ),
        frozen(dW),
        frozen(db),
        _frozen(losses),
        float(J),
    )


def _activation_layer(name: str):
    from .layers import Activation

    return Activation(name)


def shapes_table(record: VectorisedPass) -> Table:
    """Every quantity's shape, read from the pass, beside its gradient's:
    ``dW[l]`` has the shape of ``W[l]``, ``dZ[l]`` that of ``Z[l]``.

    >>> from mazur_nn import mazur_example
    >>> shapes_table(vectorised_pass(mazur_example())).rows[1]
    ('W[1]', '(2, 2)', 'n[1] x n[0]', 'dW[1]', '(2, 2)')
    """
    rows = [("A[0] = X", _shape(record.X.shape), "n[0] x m", "-", "-")]
    symbols = {"W": "n[{l}] x n[{k}]", "b": "n[{l}] x 1", "Z": "n[{l}] x m", "A": "n[{l}] x m"}
    for l in range(1, record.L + 1):
        for q in ("W", "b", "Z", "A"):
            gradient = f"d{q}[{l}]"
            shape = _shape(record[gradient].shape) if l in getattr(record, f"d{q}") else "-"
            rows.append(
                (
                    f"{q}[{l}]",
                    _shape(record[f"{q}[{l}]"].shape),
                    symbols[q].format(l=l, k=l - 1),
                    gradient,
                    shape,
                )
            )
    rows.append(("Y", _shape(record.Y.shape), f"n[{record.L}] x m", "-", "-"))
    return Table(
        ("quantity", "shape", "in symbols", "gradient", "its shape"),
        rows,
        f"Shapes for m = {record.m} examples: each gradient has its quantity's shape",
    )


# -- the core's names and partials ---------------------------------------------------------------


def parameter_entries(network) -> dict[str, tuple[tuple[str, int, int, int], ...]]:
    """For each core parameter, the matrix entries holding its partial:
    ``(quantity, l, j, k)``, e.g. ``w2 -> (("dW", 1, 0, 1),)``. A bias shared
    by a layer is in every row of ``db[l]``: its partial is their sum.

    >>> from mazur_nn import mazur_example
    >>> entries = parameter_entries(mazur_example().network)
    >>> entries["w6"], entries["b2"]
    ((('dW', 2, 0, 1),), (('db', 2, 0, 0), ('db', 2, 1, 0)))
    """
    names = network.names
    result: dict[str, list] = {}
    for l, rows in enumerate(names.weight_matrix, start=1):
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                result[w] = [("dW", l, j, k)]
    for l, neurons in enumerate(names.neurons[1:], start=1):
        for j, neuron in enumerate(neurons):
            result.setdefault(names.bias_of[neuron], []).append(("db", l, j, 0))
    return {p: tuple(result[p]) for p in names.parameters}


def _entry_label(entries) -> str:
    return " + ".join(f"{q}[{l}][{j}, {k}]" for q, l, j, k in entries)


def _entry_value(record: VectorisedPass, entries) -> float:
    values = [float(getattr(record, q)[l][j, k]) for q, l, j, k in entries]
    total = values[0]
    for v in values[1:]:
        total = total + v  # left to right, as the core sums a shared bias
    return total


def source_names(network) -> dict[str, str]:
    """The source's name of each parameter: ``w`` + the node it comes from
    (counted over all layers, inputs first) + the neuron it goes to (counted
    in its layer); ``b1``, ``b2`` for a bias shared by a layer; ``-`` for a
    bias per neuron (the source has none).

    >>> from mazur_nn.network import Network
    >>> names = source_names(Network.create([2, 3, 1]))
    >>> [names[w] for w in ("w1", "w2", "w3", "w7", "w9", "b1")]
    ['w11', 'w21', 'w12', 'w31', 'w51', 'b1']
    """
    names, sizes = network.names, network.sizes
    wide = sum(sizes) >= 10
    result = {}
    for l, rows in enumerate(names.weight_matrix, start=1):
        before = sum(sizes[: l - 1])
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                result[w] = f"w{before + k + 1},{j + 1}" if wide else f"w{before + k + 1}{j + 1}"
    for b in names.biases:
        result[b] = b if network.bias_mode == "shared" else "-"
    return {p: result[p] for p in names.parameters}


def names_table(model) -> Table:
    """Three names for each number: the course's (Mazur's), the source's and
    the matrix entry (column ``j`` is example ``j``).

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
    >>> names_table(config).rows[1]
    ('w2', 'w21', 'W[1][0, 1]', 'from i2 to h1')
    """
    found = _model(model)
    if found.network is None:
        raise TypeError("model: expected a Config or a Network (the course's names come from it)")
    network = found.network
    names = network.names
    source = source_names(network)
    rows = []
    for l, layer in enumerate(names.weight_matrix, start=1):
        for j, row in enumerate(layer):
            for k, w in enumerate(row):
                what = f"from {names.neurons[l - 1][k]} to {names.neurons[l][j]}"
                rows.append((w, source[w], f"W[{l}][{j}, {k}]", what))
    for b, entries in parameter_entries(network).items():
        if b in names.biases:
            cells = " = ".join(f"b[{l}][{j}, 0]" for _, l, j, _ in entries)
            fed = ", ".join(names.neurons[l][j] for _, l, j, _ in entries)
            rows.append((b, source[b], cells, f"bias of {fed}"))
    for l, neurons in enumerate(names.neurons[1:], start=1):
        for j, n in enumerate(neurons):
            for course, letter, matrix in (("net", "z", "Z"), ("out", "a", "A")):
                rows.append(
                    (f"{course}_{n}", f"{letter}{l}{j + 1}", f"{matrix}[{l}][{j}, j]", "example j")
                )
    return Table(
        ("course", "source", "matrix entry", "what"),
        rows,
        "Names: the course's, the source's, and the matrix entry",
    )


@dataclass(frozen=True)
class Match:
    """One parameter's partial: by the core and by the matrix form."""

    parameter: str
    source_name: str
    entry: str
    core: float
    matrix: float

    @property
    def difference(self) -> float:
        return self.matrix - self.core


@dataclass(frozen=True)
class CoreComparison:
    """The matrix form against the core's scalar partials, for ``m = 1``."""

    matches: tuple[Match, ...]

    @property
    def max_difference(self) -> float:
        return max(abs(match.difference) for match in self.matches)

    def table(self) -> Table:
        """Every value in full (Python's shortest exact repr): equal strings
        are equal floats."""
        rows = [
            (
                match.parameter,
                match.source_name,
                f"dE_total/d{match.parameter}",
                repr(match.core),
                match.entry,
                repr(match.matrix),
                repr(match.difference),
            )
            for match in self.matches
        ]
        header = ("parameter", "source", "core", "core's value", "matrix entry", "matrix value")
        title = "m = 1: the core's scalar partials and the matrices (largest difference "
        title += f"{self.max_difference!r})"
        return Table((*header, "difference"), rows, title)

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_markdown_(self) -> str:
        return self.table().to_markdown()


def _config(config, field: str = "config"):
    from .config import Config

    if not isinstance(config, Config):
        raise TypeError(f"{field}: expected a Config (a network with its example), got {config!r}")
    return config


def compare_with_core(config) -> CoreComparison:
    """For ``config``'s one example (``m = 1``): each parameter's partial
    from the core (:func:`mazur_nn.backward`, ``dE_total/dw1``...) beside
    its entry of ``dW[l]`` or ``db[l]``. They are the same floats.

    >>> from mazur_nn import mazur_example
    >>> result = compare_with_core(mazur_example())
    >>> result.matches[4].entry, result.matches[4].matrix == result.matches[4].core
    ('dW[2][0, 0]', True)
    """
    from .passes import backward

    config = _config(config)
    record = vectorised_pass(config)
    core = backward(config.network, config.inputs, config.targets).gradients
    sources = source_names(config.network)
    matches = tuple(
        Match(p, sources[p], _entry_label(entries), core[p], _entry_value(record, entries))
        for p, entries in parameter_entries(config.network).items()
    )
    return CoreComparison(matches)


@dataclass(frozen=True)
class BatchRow:
    parameter: str
    entry: str
    matrix: float
    core_mean: float
    layers: float
    finite_difference: float

    @property
    def max_difference(self) -> float:
        values = (self.matrix, self.core_mean, self.layers, self.finite_difference)
        return max(values) - min(values)


@dataclass(frozen=True)
class BatchCheck:
    """``dW``, ``db`` over ``m`` examples, four ways: the matrix form, the
    mean of the core's ``m`` scalar partials, the layer API's
    ``Sequential.backward`` (its 1/m in ``dA[L]``), and a central finite
    difference of the cost ``J``."""

    m: int
    rows: tuple[BatchRow, ...]
    step: float

    @property
    def max_difference(self) -> float:
        return max(row.max_difference for row in self.rows)

    def table(self) -> Table:
        from .check import bound

        rows = [
            (
                r.parameter,
                r.entry,
                f"{r.matrix:.12f}",
                f"{r.core_mean:.12f}",
                f"{r.layers:.12f}",
                f"{r.finite_difference:.10f}",
                bound(r.max_difference),
            )
            for r in self.rows
        ]
        header = (
            "parameter",
            "matrix entry",
            "matrix form",
            f"mean of {self.m} core partials",
            "layer API",
            f"finite difference (h={self.step:g})",
            "largest difference",
        )
        title = f"dJ/dp for m = {self.m} examples, four ways: they agree within "
        return Table(header, rows, title + bound(self.max_difference)[2:])

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_markdown_(self) -> str:
        return self.table().to_markdown()


def check_batch(config, X, Y, step: float = 1e-6) -> BatchCheck:
    """The batch gradient of every parameter four ways (see
    :class:`BatchCheck`). The finite difference changes one parameter of
    the core's network and averages the core's ``E_total`` over the batch.

    >>> from mazur_nn import mazur_example
    >>> X, Y = [[0.05, 0.5], [0.1, -0.2]], [[0.01, 0.5], [0.99, 0.5]]
    >>> check_batch(mazur_example(), X, Y).max_difference < 1e-9
    True
    """
    from .check import finite_difference
    from .layers import from_network, gradients_by_name
    from .passes import backward
    from .validation import positive_number

    config = _config(config)
    step = positive_number(step, "step")
    network = config.network
    record = vectorised_pass(config, X, Y)
    m = record.m
    examples = [(record.X[:, j].tolist(), record.Y[:, j].tolist()) for j in range(m)]
    singles = [backward(network, x, y).gradients for x, y in examples]
    layers = from_network(network)
    grads = layers.backward(layers.forward(record.X), record.Y)
    by_name = gradients_by_name(network, grads)
    rows = []
    for p, entries in parameter_entries(network).items():
        total = singles[0][p]
        for single in singles[1:]:
            total = total + single[p]
        numeric = 0.0
        for x, y in examples:
            numeric = numeric + finite_difference(network, x, y, p, step)
        rows.append(
            BatchRow(
                p,
                _entry_label(entries),
                _entry_value(record, entries),
                total / m,
                by_name[p],
                numeric / m,
            )
        )
    return BatchCheck(m, tuple(rows), step)


# -- the figure ----------------------------------------------------------------------------------

CELL = 0.48  # inches per matrix cell
INK = "#222222"


def _cell_text(value: float) -> str:
    if value == 0 or abs(value) >= 0.01:
        return f"{value:.2f}"
    if abs(value) >= 0.001:
        return f"{value:.3f}"
    return f"{value:.0e}".replace("e-0", "e-")


def draw_matrices(record: VectorisedPass):
    """Every matrix of the pass as a grid of coloured cells (blue negative,
    red positive, each matrix scaled to its largest entry), with its name
    and shape: per layer, the forward row ``W, b, Z, A`` above the backward
    row ``dW, db, dZ, dA``, so each gradient sits under its quantity, with
    the same shape.

    >>> from mazur_nn import mazur_example
    >>> fig = draw_matrices(vectorised_pass(mazur_example()))
    >>> sorted(fig.mazur_matrices)[:3]
    ['A[1]', 'A[2]', 'W[1]']
    """
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    from .drawing import figure

    np = _np()
    L, m = record.L, record.m
    columns = ("W", "b", "Z", "A")
    widths = {
        "W": max(record.W[l].shape[1] for l in range(1, L + 1)),
        "b": 1,
        "Z": m,
        "A": m,
    }
    gap, label_width, title_height = 1.4, 3.6, 1.3
    xs, x = {}, label_width
    for c in columns:
        xs[c] = x
        x += widths[c] + gap
    total_width = x - gap + 0.4
    rows = [(l, backward) for l in range(1, L + 1) for backward in (False, True)]
    heights = [record.notation.n(l) for l, _ in rows]
    total_height = sum(heights) + title_height * len(rows) + 1.6
    fig = figure(total_width * CELL, total_height * CELL)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, total_width)
    ax.set_ylim(total_height, 0)
    ax.set_axis_off()
    cmap = colormaps["RdBu_r"]
    drawn = {}
    y = 0.2
    for (l, backward), height in zip(rows, heights):
        y += title_height
        label = f"layer {l}\n{'backward' if backward else 'forward'}"
        ax.text(0.3, y + height / 2, label, ha="left", va="center", size=9, color=INK)
        for c in columns:
            name = f"{'d' if backward else ''}{c}[{l}]"
            table = getattr(record, name.split("[")[0])
            if l not in table:
                continue
            value = np.asarray(table[l])
            scale = float(np.abs(value).max()) or 1.0
            for (j, k), v in np.ndenumerate(value):
                colour = cmap(0.5 + 0.5 * float(v) / scale)
                ax.add_patch(
                    Rectangle(
                        (xs[c] + k, y + j), 1, 1, facecolor=colour, edgecolor="white", linewidth=1
                    )
                )
                dark = abs(float(v)) / scale > 0.6
                ax.text(
                    xs[c] + k + 0.5,
                    y + j + 0.5,
                    _cell_text(float(v)),
                    ha="center",
                    va="center",
                    size=7,
                    color="white" if dark else INK,
                )
            rows_, cols_ = value.shape
            ax.text(
                xs[c],
                y - 0.25,
                f"{name}  {rows_} \u00d7 {cols_}",
                ha="left",
                va="bottom",
                size=8.5,
                weight="bold",
                color=INK,
            )
            drawn[name] = value.shape
        y += height
    ax.text(
        0.3,
        y + 0.9,
        "colour: each matrix scaled to its largest entry, blue negative, red positive; "
        f"columns of Z, A, dZ, dA: the m = {m} examples",
        ha="left",
        va="center",
        size=8,
        color=INK,
    )
    fig.mazur_matrices = drawn
    return fig
