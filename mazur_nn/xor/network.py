r"""Layers, and a network that learns XOR (lesson 10).

XOR answers 1 when exactly one of its two inputs is 1. No straight line
separates its two classes, so one neuron cannot learn it; a hidden layer
can. The network is the source's ("Neural Networks + Math Intuition", after
The Independent Code), built from the layer API of :mod:`mazur_nn.layers`::

    [Dense(2, 3), Tanh(), Dense(3, 1), Tanh()]    loss: MSE

- ``Dense``: ``Y = W X + B``; backward ``dE/dW = dE/dY X^T``,
  ``dE/dB = dE/dY`` summed over the batch, ``dE/dX = W^T dE/dY``.
- ``Tanh``: ``Y = tanh(X)``; backward ``dE/dX = dE/dY * (1 - tanh(X)^2)``
  (elementwise).
- ``MSE``: ``E = mean((Y - T)^2)``; ``dE/dY = 2 (Y - T) / 4`` for the four
  points.

**Examples are columns**: ``X`` has shape ``(2, 4)``, one column per XOR
point, and every layer's output has one column per point. Training is
full-batch gradient descent: every epoch is one forward pass on all four
points, one backward pass, one update.

**The one difference from the source.** The source's
``backward(output_gradient, learning_rate)`` changes ``W`` and ``B`` while it
goes back. Here ``backward`` only returns the gradients, and ``update``
returns a *new* network; the old one is unchanged. So you can look at every
gradient before anything moves (:func:`one_step`), and the source's numbers
are the same.

What the lesson uses:

- :func:`xor_data`, :func:`xor_network`, :func:`train_xor`: the data, the
  network (seed ``0`` by default) and its training;
- :func:`predictions_table`, :func:`loss_table`, :func:`loss_curve`,
  :func:`decision_surfaces`: what the network answers, and how it got there;
- :func:`one_step`: one training step, layer by layer, as text;
- :func:`dense_formulas_check`: the three Dense backward formulas derived by
  ``sympy.diff`` for a generic error ``E(Y)``; :data:`MISTAKES` are wrong
  versions of them, which the same check rejects;
- :func:`dense_backward_check`: the package's ``Dense.backward`` against
  sympy at random numbers;
- :class:`XorTrainer`: a small widget (learning rate, epochs, seed, *Train*).

numpy, sympy, matplotlib and ipywidgets are imported only inside the
functions that need them.

Example
-------
>>> record = train_xor(seed=0, learning_rate=0.3, epochs=1000)
>>> record
Epochs(1000 epochs: loss 1.170491405 -> 0.00036233)
>>> [round(float(y), 1) for y in record.network.predict(xor_data()[0])[0]]
[0.0, 1.0, 1.0, 0.0]
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .layers import MSE, Activation, Dense, Epochs, Sequential, Tanh
from .tables import Table
from .validation import positive_number

SEED = 0
"""The default seed: the first layer's weights come from ``seed``, the
second's from ``seed + 1``. With seed 0, learning rate 0.3 and 1000 epochs
the loss falls at every epoch, from 1.170491 to 0.000362, and the network
learns XOR; every seed from 0 to 11 does the same. (With learning rate 0.5
the loss jumps up for a while around epoch 215 before it settles.)"""
LEARNING_RATE = 0.3
EPOCHS = 1000
MAX_EPOCHS = 100_000
MAX_SEED = 2**32 - 1
MAX_SYMBOLIC_SIZE = 4  # sympy stays quick, and indices stay one digit


def format_number(value: float, digits: int = 9) -> str:
    """The course's number format (:func:`mazur_nn.symbolic.format_number`),
    imported when first used: that module loads sympy.

    >>> format_number(0.30000000000000004), format_number(-0.48469283, 4)
    ('0.3', '-0.4847')
    """
    from .symbolic import format_number as course_format

    return course_format(value, digits)


# -- checking what comes in ------------------------------------------------------------


def _whole_number(value, field: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``; an error naming ``field`` otherwise.

    >>> _whole_number(0, "epochs", 1, 10)
    Traceback (most recent call last):
    ...
    ValueError: epochs: 0 is not allowed; expected a whole number from 1 to 10
    """
    if isinstance(value, bool) or not isinstance(value, int):
        kind = "text" if isinstance(value, str) else type(value).__name__
        raise TypeError(
            f"{field}: expected a whole number from {low} to {high}, got {value!r} ({kind})"
        )
    if not low <= value <= high:
        raise ValueError(
            f"{field}: {value} is not allowed; expected a whole number from {low} to {high}"
        )
    return value


def _whole_number_text(text: str, field: str, low: int, high: int) -> int:
    """A whole number typed as text (digits only, never evaluated).

    >>> _whole_number_text(" 200 ", "epochs", 1, 1000)
    200
    >>> _whole_number_text("2e3", "epochs", 1, 1000)
    Traceback (most recent call last):
    ...
    TypeError: epochs: "2e3" is not a whole number; type digits only, such as 1000
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError(f"{field}: empty; type a whole number from {low} to {high}")
    if not stripped.isdigit() or len(stripped) > 12:
        shown = stripped if len(stripped) <= 20 else stripped[:20] + "..."
        raise TypeError(f'{field}: "{shown}" is not a whole number; type digits only, such as 1000')
    return _whole_number(int(stripped), field, low, high)


# -- the data, the network, training --------------------------------------------------


def xor_data():
    """``(X, T)``: the four XOR points as the columns of ``X`` (shape
    ``(2, 4)``) and their targets ``T`` (shape ``(1, 4)``).

    >>> X, T = xor_data()
    >>> X.tolist(), T.tolist()
    ([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]], [[0.0, 1.0, 1.0, 0.0]])
    """
    import numpy as np

    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    T = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, T


def xor_network(seed: int = SEED) -> Sequential:
    """``[Dense(2, 3), Tanh, Dense(3, 1), Tanh]`` with the MSE loss, untrained.

    Weights are uniform in ``±1/sqrt(inputs)`` (first layer from ``seed``,
    second from ``seed + 1``), biases 0 (see :meth:`Dense.create`).

    >>> xor_network(0)
    Sequential([Dense(2 -> 3), Tanh(), Dense(3 -> 1), Tanh()], mse)
    """
    seed = _whole_number(seed, "seed", 0, MAX_SEED - 1)
    return Sequential(
        [Dense.create(2, 3, seed), Tanh(), Dense.create(3, 1, seed + 1), Tanh()], MSE()
    )


def train_xor(
    seed: int = SEED, learning_rate: float = LEARNING_RATE, epochs: int = EPOCHS, progress=None
) -> Epochs:
    """Train :func:`xor_network` on the four points: ``epochs`` rounds of
    forward, backward and update on all four at once.

    Returns the layers' :class:`~mazur_nn.layers.Epochs` record: the loss
    before each epoch's update (``losses[0]`` is the untrained network's) and
    the trained network. ``progress(done, total)`` is called after every
    epoch.

    >>> train_xor(epochs=0)
    Traceback (most recent call last):
    ...
    ValueError: epochs: 0 is not allowed; expected a whole number from 1 to 100000
    >>> train_xor(learning_rate=0)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: 0.0 is not allowed; expected a positive finite number
    """
    learning_rate = positive_number(learning_rate, "learning_rate")
    epochs = _whole_number(epochs, "epochs", 1, MAX_EPOCHS)
    network = xor_network(seed)
    X, T = xor_data()
    return network.train(X, T, learning_rate, epochs, progress=progress)


def loss_of(network: Sequential) -> float:
    """The network's MSE on the four XOR points.

    >>> round(loss_of(xor_network(0)), 6)
    1.170491
    """
    X, T = xor_data()
    return network.loss.value(network.predict(X), T)


def _class(output: float) -> int:
    return 1 if output >= 0.5 else 0


def predictions_table(network: Sequential) -> Table:
    """Each XOR point, its target, the network's output (4 decimals) and the
    class it stands for (1 from 0.5 up).

    >>> print(predictions_table(xor_network(0)))
    The network's answers on the four XOR points (loss 1.170491)
    <BLANKLINE>
    x1 | x2 | target | output  | class | right?
    -- | -- | ------ | ------- | ----- | ------
    0  | 0  | 0      | 0       | 0     | yes
    0  | 1  | 1      | -0.4847 | 0     | no
    1  | 0  | 1      | -0.4345 | 0     | no
    1  | 1  | 0      | -0.6479 | 0     | yes
    """
    X, T = xor_data()
    outputs = network.predict(X)[0]
    rows = []
    for (x1, x2), target, output in zip(X.T, T[0], outputs):
        target, predicted = int(target), _class(float(output))
        rows.append(
            (
                str(int(x1)),
                str(int(x2)),
                str(target),
                format_number(round(float(output), 4), 4),
                str(predicted),
                "yes" if predicted == target else "no",
            )
        )
    return Table(
        ("x1", "x2", "target", "output", "class", "right?"),
        rows,
        f"The network's answers on the four XOR points (loss {loss_of(network):.6f})",
    )


def loss_table(record: Epochs, epochs=(1, 10, 50, 100, 200, 500)) -> Table:
    """The loss at the start of some epochs (before their update), and after
    the last update, to 6 decimals.

    >>> print(loss_table(train_xor(epochs=20), epochs=(1, 10)))
    The loss during training (MSE on the four points)
    <BLANKLINE>
    when                     | loss
    ------------------------ | --------
    start of epoch 1         | 1.170491
    start of epoch 10        | 0.253623
    after epoch 20 (the end) | 0.250007
    """
    total = len(record.losses)
    rows = [
        (f"start of epoch {k}", f"{record.losses[k - 1]:.6f}")
        for k in epochs
        if isinstance(k, int) and 1 <= k <= total
    ]
    rows.append((f"after epoch {total} (the end)", f"{loss_of(record.network):.6f}"))
    return Table(("when", "loss"), rows, "The loss during training (MSE on the four points)")


def loss_curve(record: Epochs, title: str = ""):
    """The loss before each epoch's update, on a log scale.

    >>> fig = loss_curve(train_xor(epochs=10))
    >>> fig.axes[0].get_yscale()
    'log'
    """
    from .drawing import figure

    fig = figure(6.0, 3.4)
    ax = fig.subplots()
    epochs = range(1, len(record.losses) + 1)
    ax.plot(epochs, record.losses, color="#0072B2", linewidth=2)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE on the 4 points (log scale)")
    ax.set_title(title or f"Training on XOR: {len(record.losses)} epochs")
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    return fig


def decision_surfaces(*networks: Sequential, titles=None):
    """Each network's output over the plane side by side, with its 0.5
    boundary and the four XOR points (see
    :func:`mazur_nn.surfaces.decision_surface`).

    >>> fig = decision_surfaces(xor_network(0), titles=["untrained"])
    >>> fig.axes[0].get_title()
    'untrained'
    """
    from .drawing import figure
    from .surfaces import decision_surface

    if not networks:
        raise ValueError("networks: expected at least one network")
    titles = list(titles) if titles is not None else [repr(n) for n in networks]
    if len(titles) != len(networks):
        raise ValueError(f"titles: expected {len(networks)} titles, got {len(titles)}")
    X, T = xor_data()
    fig = figure(4.3 * len(networks), 4.0)
    axes = fig.subplots(1, len(networks), squeeze=False)[0]
    for ax, network, title in zip(axes, networks, titles):
        decision_surface(network.predict, X, T[0].astype(int), title, ax=ax)
    fig.tight_layout()
    return fig


# -- one training step, layer by layer ---------------------------------------------------


@dataclass(frozen=True)
class TextBlock:
    """Text that shows as itself (no quotes) in a notebook."""

    text: str

    def __repr__(self) -> str:
        return self.text


def _cell(value: float) -> str:
    text = format_number(round(float(value), 6), 6)
    return "0" if text == "-0" else text


def _matrix_lines(A, indent: str = "  ") -> list[str]:
    """The rows of ``A``, numbers to 6 decimals, right-aligned in columns."""
    cells = [[_cell(v) for v in row] for row in A]
    widths = [max(len(row[c]) for row in cells) for c in range(len(cells[0]))]
    return [
        indent + "[" + "  ".join(s.rjust(w) for s, w in zip(row, widths)) + "]" for row in cells
    ]


def _shape(A) -> str:
    return f"shape ({A.shape[0]}, {A.shape[1]})"


_SLOPES = {
    "tanh": "1 - tanh(X)^2",
    "sigmoid": "sigma(X) (1 - sigma(X))",
    "relu": "1 where X > 0, else 0",
    "linear": "1",
}


_LOSS_TEXT = {
    "mse": "E = MSE = mean of (Y - T)^2",
    "half_squared_error": "E = 1/2 sum of (Y - T)^2, averaged over the columns",
}


def _loss_gradient_text(loss_name: str, outputs: int, batch: int) -> str:
    if loss_name == "mse":
        return f"2 (Y - T) / {outputs * batch}"
    if loss_name == "half_squared_error":
        return f"(Y - T) / {batch}"
    return "the loss's slope"


@dataclass(frozen=True)
class StepWalk:
    """One training step on the four XOR points, kept layer by layer:
    ``forward`` (what each layer received and gave), ``gradients`` (each
    layer's, from :meth:`Sequential.backward`), ``updated`` (the new network)
    and the loss before and after. ``forward_text``, ``backward_text`` and
    ``update_text`` write them out; the record's repr writes all three."""

    network: Sequential
    learning_rate: float
    forward: object  # mazur_nn.layers.Pass
    output_gradient: object  # dE/dY of the last layer's output
    gradients: tuple
    updated: Sequential
    loss_before: float
    loss_after: float

    @property
    def forward_text(self) -> TextBlock:
        X, T = xor_data()
        layers = self.network.layers
        lines = ["Forward pass: every layer's output, one column per XOR point", ""]
        lines += [f"inputs X, {_shape(X)}", *_matrix_lines(X)]
        outputs = [*self.forward.inputs[1:], self.forward.output]
        for k, (layer, Y) in enumerate(zip(layers, outputs), start=1):
            rule = "Y = W X + B" if isinstance(layer, Dense) else f"Y = {layer.name}(X)"
            last = "  <- the network's output" if k == len(layers) else ""
            lines += [f"layer {k}, {layer!r}: {rule}, {_shape(Y)}{last}", *_matrix_lines(Y)]
        lines += [f"targets T, {_shape(T)}", *_matrix_lines(T)]
        lines.append(
            f"loss: {_LOSS_TEXT.get(self.network.loss.name, 'E')} = {self.loss_before:.6f}"
        )
        return TextBlock("\n".join(lines))

    @property
    def backward_text(self) -> TextBlock:
        layers = self.network.layers
        Y = self.forward.output
        lines = ["Backward pass: last layer first; nothing changes yet", ""]
        rule = _loss_gradient_text(self.network.loss.name, *Y.shape)
        lines += [f"loss: dE/dY = {rule}, {_shape(Y)}", *_matrix_lines(self.output_gradient)]
        for k in range(len(layers), 0, -1):
            layer, grads = layers[k - 1], self.gradients[k - 1]
            passed = f": passed to layer {k - 1}" if k > 1 else ": not used (X is data)"
            if isinstance(layer, Activation):
                slope = _SLOPES.get(layer.name, "f'(X)")
                lines.append(f"layer {k}, {layer!r}: dE/dX = dE/dY * ({slope}){passed}")
                lines += _matrix_lines(grads.dX)
            else:
                batch = grads.dX.shape[1]
                lines.append(f"layer {k}, {layer!r}:")
                lines.append(f"  dE/dW = dE/dY X^T, {_shape(grads.dW)}")
                lines += _matrix_lines(grads.dW, "    ")
                lines.append(f"  dE/dB = dE/dY summed over the {batch} columns, {_shape(grads.dB)}")
                lines += _matrix_lines(grads.dB, "    ")
                lines.append(f"  dE/dX = W^T dE/dY, {_shape(grads.dX)}{passed}")
                lines += _matrix_lines(grads.dX, "    ")
        return TextBlock("\n".join(lines))

    @property
    def update_text(self) -> TextBlock:
        eta = format_number(self.learning_rate)
        lines = [
            f"Update, learning rate {eta}: a new network (the old one is unchanged)",
            "",
        ]
        for k, (old, new) in enumerate(zip(self.network.layers, self.updated.layers), start=1):
            if not isinstance(old, Dense):
                lines.append(f"layer {k}, {old!r}: nothing to learn")
                continue
            lines.append(f"layer {k}, {old!r}:")
            for name, before, after in (("W", old.W, new.W), ("B", old.B, new.B)):
                lines.append(f"  {name} -> {name} - {eta} dE/d{name}")
                left, right = _matrix_lines(before, "    "), _matrix_lines(after, "")
                width = max(len(line) for line in left)
                lines += [f"{a.ljust(width)}  ->  {b}" for a, b in zip(left, right)]
        lines.append(f"loss before the step {self.loss_before:.6f}, after {self.loss_after:.6f}")
        return TextBlock("\n".join(lines))

    def __repr__(self) -> str:
        return "\n\n".join(
            block.text for block in (self.forward_text, self.backward_text, self.update_text)
        )


def one_step(network: Sequential | None = None, learning_rate: float = LEARNING_RATE) -> StepWalk:
    """One training step of ``network`` (default :func:`xor_network`) on the
    four XOR points: forward, backward, update, each layer's numbers kept.

    >>> walk = one_step()
    >>> [round(walk.loss_before, 6), round(walk.loss_after, 6)]
    [1.170491, 0.355615]
    >>> walk.gradients[2].dW.shape  # layer 3, Dense(3 -> 1)
    (1, 3)
    """
    learning_rate = positive_number(learning_rate, "learning_rate")
    network = xor_network() if network is None else network
    if not isinstance(network, Sequential):
        raise TypeError(f"network: expected a Sequential, got {type(network).__name__}")
    X, T = xor_data()
    forward = network.forward(X)
    gradients = network.backward(forward, T)
    updated = network.update(gradients, learning_rate)
    return StepWalk(
        network=network,
        learning_rate=learning_rate,
        forward=forward,
        output_gradient=network.loss.gradient(forward.output, T),
        gradients=gradients,
        updated=updated,
        loss_before=network.loss.value(forward.output, T),
        loss_after=loss_of(updated),
    )


# -- the Dense formulas, derived by sympy --------------------------------------------------


def _dW(W, X, B, G):
    return G * X.T


def _dB(W, X, B, G):
    import sympy

    return G * sympy.ones(G.shape[1], 1)


def _dX(W, X, B, G):
    return W.T * G


def _dW_no_transpose(W, X, B, G):
    return G * X


def _dB_not_summed(W, X, B, G):
    return G


def _dX_no_transpose(W, X, B, G):
    return W * G


@dataclass(frozen=True)
class Formula:
    """A claimed backward rule of the Dense layer: the gradient with respect
    to ``of`` (``"W"``, ``"B"`` or ``"X"``) as ``rule(W, X, B, G)``, where
    ``G`` is the matrix ``dE/dY``."""

    of: str
    text: str
    latex: str
    rule: Callable

    def __post_init__(self) -> None:
        if self.of not in ("W", "B", "X"):
            raise ValueError(f"of: {self.of!r} is not allowed; allowed are W, B, X")
        if not callable(self.rule):
            raise TypeError(f"rule: expected a function (W, X, B, G) -> Matrix, got {self.rule!r}")


FORMULAS = (
    Formula("W", "dE/dY X^T", r"\frac{\partial E}{\partial Y} X^{T}", _dW),
    Formula(
        "B",
        "dE/dY summed over the batch",
        r"\frac{\partial E}{\partial Y} \mathbf{1}",
        _dB,
    ),
    Formula("X", "W^T dE/dY", r"W^{T} \frac{\partial E}{\partial Y}", _dX),
)
"""The three backward formulas of a Dense layer (``1`` is a column of ones:
multiplying by it sums each row over the batch)."""

MISTAKES = (
    Formula("W", "dE/dY X (no transpose)", r"\frac{\partial E}{\partial Y} X", _dW_no_transpose),
    Formula(
        "B",
        "dE/dY (not summed: right for one example only)",
        r"\frac{\partial E}{\partial Y}",
        _dB_not_summed,
    ),
    Formula("X", "W dE/dY (no transpose)", r"W \frac{\partial E}{\partial Y}", _dX_no_transpose),
)
"""Three plausible slips; :func:`check_dense_formula` rejects each."""


@dataclass(frozen=True)
class SymbolicDense:
    """A Dense layer in symbols: ``Y = W X + B 1^T`` for a batch of columns,
    a generic error ``E(y11, y12, ...)``, and ``delta_jc = dE/dy_jc`` (the
    matrix ``G = dE/dY``). ``derived`` holds, for ``"W"``, ``"B"`` and ``"X"``,
    the gradient ``sympy.diff`` gives for ``E(W X + B 1^T)``, with each
    ``dE/dy_jc`` it produces written ``delta_jc``."""

    W: object
    X: object
    B: object
    Y: object
    G: object
    E: object
    derived: dict

    @property
    def sizes(self) -> tuple[int, int, int]:
        """``(inputs, outputs, batch)``."""
        return self.X.shape[0], self.W.shape[0], self.X.shape[1]

    def __repr__(self) -> str:
        inputs, outputs, batch = self.sizes
        lines = [
            f"A Dense layer with {inputs} inputs and {outputs} outputs, "
            f"a batch of {batch} examples (columns)",
        ]
        for name in ("W", "X", "B"):
            lines += _sympy_matrix_lines(f"{name} = ", getattr(self, name))
        lines += _sympy_matrix_lines("Y = W X + B = ", self.Y)
        lines.append(f"E = {self.E}  (any error of the outputs)")
        lines += _sympy_matrix_lines("dE/dY = ", self.G)
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        import sympy

        L = sympy.latex
        ys = ", ".join(
            f"y_{{{j + 1}{c + 1}}}" for j in range(self.sizes[1]) for c in range(self.sizes[2])
        )
        rows = [
            rf"W &= {L(self.W)}, \quad X = {L(self.X)}, \quad B = {L(self.B)}",
            rf"Y &= W X + B = {L(self.Y)}",
            rf"E &= E\left({ys}\right), \quad \frac{{\partial E}}{{\partial Y}} = {L(self.G)}",
        ]
        return "$$\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}$$"


def _sympy_matrix_lines(label: str, M) -> list[str]:
    import sympy

    cells = [[sympy.sstr(M[j, c]) for c in range(M.shape[1])] for j in range(M.shape[0])]
    widths = [max(len(row[c]) for row in cells) for c in range(M.shape[1])]
    rows = [
        "[" + ", ".join(s.ljust(w) for s, w in zip(row, widths)).rstrip() + "]" for row in cells
    ]
    pad = " " * len(label)
    return [(label if k == 0 else pad) + row for k, row in enumerate(rows)]


def _check_sizes(inputs, outputs, batch) -> tuple[int, int, int]:
    return tuple(
        _whole_number(v, name, 1, MAX_SYMBOLIC_SIZE)
        for v, name in ((inputs, "inputs"), (outputs, "outputs"), (batch, "batch"))
    )


def symbolic_dense(inputs: int = 2, outputs: int = 2, batch: int = 2) -> SymbolicDense:
    """Build a Dense layer in symbols and differentiate ``E(W X + B 1^T)``
    with ``sympy.diff`` with respect to every ``w``, ``b`` and ``x``.

    ``E`` is an undefined sympy function of all the outputs, so what comes
    out holds for *any* error: sympy writes its partial derivatives as
    ``Subs(Derivative(E(...), ...), ...)``, which are renamed ``delta_jc``.

    >>> layer = symbolic_dense()
    >>> layer.derived["W"][0, 0]
    delta11*x11 + delta12*x12
    """
    return _symbolic_dense(*_check_sizes(inputs, outputs, batch))


@lru_cache(maxsize=8)
def _symbolic_dense(inputs: int, outputs: int, batch: int) -> SymbolicDense:
    import sympy

    W = sympy.Matrix(outputs, inputs, lambda j, i: sympy.Symbol(f"w{j + 1}{i + 1}"))
    X = sympy.Matrix(inputs, batch, lambda i, c: sympy.Symbol(f"x{i + 1}{c + 1}"))
    B = sympy.Matrix(outputs, 1, lambda j, _: sympy.Symbol(f"b{j + 1}"))
    G = sympy.Matrix(outputs, batch, lambda j, c: sympy.Symbol(f"delta{j + 1}{c + 1}"))
    Y = W * X + B * sympy.ones(1, batch)
    y_symbols = [sympy.Symbol(f"y{j + 1}{c + 1}") for j in range(outputs) for c in range(batch)]
    E = sympy.Function("E")
    composed = E(*Y)  # E(y11, y12, ..., y21, ...) with every y its expression in w, x, b
    by_position = list(G)  # row by row, as the arguments of E

    def rename(expr):
        """Each ``dE/dy`` sympy wrote (as ``Subs`` or ``Derivative``) -> its ``delta``."""

        def delta(d):
            derivative = d.expr if isinstance(d, sympy.Subs) else d
            ((variable, order),) = derivative.variable_count
            if order != 1:
                raise ValueError(f"unexpected derivative of order {order}")
            k = list(derivative.expr.args).index(variable)
            point = d.point[0] if isinstance(d, sympy.Subs) else variable
            if sympy.expand(point - Y[k]) != 0:
                raise ValueError(f"unexpected point {point} for argument {k + 1} of E")
            return by_position[k]

        # Outermost first: a Subs holds a Derivative of its own.
        renamed = expr.xreplace({d: delta(d) for d in expr.atoms(sympy.Subs)})
        renamed = renamed.xreplace({d: delta(d) for d in renamed.atoms(sympy.Derivative)})
        if renamed.atoms(sympy.Function, sympy.Derivative, sympy.Subs):
            raise ValueError(f"could not rename every derivative in {renamed}")
        return sympy.expand(renamed)

    def gradient(M):
        return M.applyfunc(lambda s: rename(sympy.diff(composed, s)))

    derived = {"W": gradient(W), "B": gradient(B), "X": gradient(X)}
    return SymbolicDense(W, X, B, Y, G, E(*y_symbols), derived)


@dataclass(frozen=True)
class FormulaCheck:
    """One claimed formula against ``sympy.diff``: ``derived`` is sympy's
    gradient, ``claimed`` the formula's (``None`` when its shape is wrong),
    ``agrees`` whether they are the same matrix."""

    formula: Formula
    derived: object
    claimed: object
    agrees: bool
    note: str = ""

    @property
    def left(self) -> str:
        return f"dE/d{self.formula.of}"

    def __repr__(self) -> str:
        head = f"{self.left} = {self.formula.text}: sympy agrees: {self.agrees}"
        if self.note:
            head += f" ({self.note})"
        lines = [head, *_sympy_matrix_lines("  sympy.diff gives ", self.derived)]
        if not self.agrees and self.claimed is not None:
            lines += _sympy_matrix_lines("  the formula gives ", self.claimed)
        return "\n".join(lines)

    def latex_row(self) -> str:
        import sympy

        left = rf"\frac{{\partial E}}{{\partial {self.formula.of}}}"
        if self.agrees:
            middle = rf"&= {sympy.latex(self.derived)} = {self.formula.latex}"
            verdict = r"\checkmark\ \text{sympy agrees}"
        else:
            shown = sympy.latex(self.claimed) if self.claimed is not None else r"\text{?}"
            middle = rf"&= {sympy.latex(self.derived)} \neq {shown} = {self.formula.latex}"
            verdict = r"\times\ \text{" + (self.note or "sympy disagrees") + "}"
        return rf"{left} {middle} & & {verdict}"

    def _repr_latex_(self) -> str:
        return "$$\\begin{aligned}\n" + self.latex_row() + "\n\\end{aligned}$$"


def check_dense_formula(
    formula: Formula, inputs: int = 2, outputs: int = 2, batch: int = 2
) -> FormulaCheck:
    """Does ``formula`` give what ``sympy.diff`` gives, on a Dense layer of
    these sizes and a generic error ``E``?

    >>> check_dense_formula(FORMULAS[0]).agrees
    True
    >>> check_dense_formula(MISTAKES[0]).agrees
    False
    """
    import sympy

    if not isinstance(formula, Formula):
        raise TypeError(f"formula: expected a Formula, got {type(formula).__name__}")
    layer = symbolic_dense(inputs, outputs, batch)
    derived = layer.derived[formula.of]
    try:
        claimed = sympy.Matrix(formula.rule(layer.W, layer.X, layer.B, layer.G))
    except sympy.ShapeError:
        return FormulaCheck(formula, derived, None, False, "its shapes do not fit")
    if claimed.shape != derived.shape:
        note = f"shape {claimed.shape}, expected {derived.shape}"
        return FormulaCheck(formula, derived, claimed, False, note)
    agrees = all(sympy.expand(d - c) == 0 for d, c in zip(derived, claimed))
    return FormulaCheck(formula, derived, claimed.applyfunc(sympy.expand), agrees)


@dataclass(frozen=True)
class FormulasCheck:
    """Several :class:`FormulaCheck` on one :class:`SymbolicDense` layer."""

    layer: SymbolicDense
    checks: tuple

    @property
    def all_agree(self) -> bool:
        return all(check.agrees for check in self.checks)

    def __repr__(self) -> str:
        inputs, outputs, batch = self.layer.sizes
        head = (
            f"The Dense backward formulas against sympy.diff of a generic E(W X + B), "
            f"{inputs} inputs, {outputs} outputs, batch of {batch} "
            f"(delta_jc = dE/dy_jc)"
        )
        return "\n".join([head, *(repr(check) for check in self.checks)])

    def _repr_latex_(self) -> str:
        rows = " \\\\\n".join(check.latex_row() for check in self.checks)
        return "$$\\begin{aligned}\n" + rows + "\n\\end{aligned}$$"


def dense_formulas_check(
    inputs: int = 2, outputs: int = 2, batch: int = 2, formulas=FORMULAS
) -> FormulasCheck:
    """The three backward formulas of a Dense layer (or ``formulas``, e.g.
    :data:`MISTAKES`), each checked by differentiation with sympy.

    >>> check = dense_formulas_check()
    >>> [c.agrees for c in check.checks]
    [True, True, True]
    >>> [c.agrees for c in dense_formulas_check(formulas=MISTAKES).checks]
    [False, False, False]
    """
    layer = symbolic_dense(inputs, outputs, batch)
    checks = tuple(check_dense_formula(f, inputs, outputs, batch) for f in formulas)
    return FormulasCheck(layer, checks)


# -- Dense.backward against sympy, in numbers -----------------------------------------------


@dataclass(frozen=True)
class BackwardCheck:
    """``Dense.backward`` and ``sympy.diff`` at the same numbers: the layer
    ``W``, ``B``, the batch ``X``, targets ``T`` and the error
    ``E = 1/2 sum (Y - T)^2``. ``package[g]`` and ``sympy[g]`` are the arrays
    for ``g`` in ``"W"``, ``"B"``, ``"X"``."""

    W: object
    B: object
    X: object
    T: object
    package: dict
    sympy: dict

    @property
    def largest_difference(self) -> float:
        import numpy as np

        return max(float(np.abs(self.package[g] - self.sympy[g]).max()) for g in self.package)

    def table(self) -> Table:
        rows = []
        for g in ("W", "B", "X"):
            name = {"W": "w", "B": "b", "X": "x"}[g]
            for index in _indices(self.package[g].shape):
                a, b = float(self.package[g][index]), float(self.sympy[g][index])
                label = f"{name}{index[0] + 1}" + (f"{index[1] + 1}" if g != "B" else "")
                rows.append(
                    (f"dE/d{label}", format_number(a, 12), format_number(b, 12), _difference(a - b))
                )
        return Table(
            ("gradient", "Dense.backward", "sympy.diff (exact)", "difference"),
            rows,
            "Dense.backward against sympy, E = 1/2 sum of (Y - T)^2",
        )

    def __repr__(self) -> str:
        lines = []
        for name in ("W", "B", "X", "T"):
            rows = _matrix_lines(getattr(self, name), "")
            lines += [(f"{name} = " if k == 0 else "    ") + row for k, row in enumerate(rows)]
        return "\n".join(lines) + "\n\n" + self.table().to_text()

    def _repr_markdown_(self) -> str:
        values = "  \n".join(
            f"`{name}` = {getattr(self, name).tolist()}" for name in ("W", "B", "X", "T")
        )
        return values + "\n\n" + self.table().to_markdown()


def _indices(shape):
    return [(j, c) for j in range(shape[0]) for c in range(shape[1])]


def _difference(d: float) -> str:
    return "< 1e-12" if abs(d) < 1e-12 else f"{abs(d):.1e}"


def dense_backward_check(seed: int = 0, inputs: int = 2, outputs: int = 2, batch: int = 2):
    """Random ``W``, ``B``, ``X``, ``T`` (two decimals, from ``seed``); the
    gradients of ``E = 1/2 sum (W X + B - T)^2`` from the package's
    ``Dense.backward`` (given ``dE/dY = Y - T``) and from ``sympy.diff`` of
    ``E`` itself, evaluated exactly.

    >>> check = dense_backward_check()
    >>> check.largest_difference < 1e-12
    True
    """
    import numpy as np
    import sympy

    seed = _whole_number(seed, "seed", 0, MAX_SEED)
    inputs, outputs, batch = _check_sizes(inputs, outputs, batch)
    rng = np.random.default_rng(seed)

    def numbers(rows, columns):
        return np.round(rng.uniform(-1, 1, (rows, columns)), 2)

    W, B = numbers(outputs, inputs), numbers(outputs, 1)
    X, T = numbers(inputs, batch), numbers(outputs, batch)
    dense = Dense(W, B)
    Y = dense.forward(X)
    grads = dense.backward(X, Y - T)
    package = {"W": grads.dW, "B": grads.dB, "X": grads.dX}

    layer = symbolic_dense(inputs, outputs, batch)
    exact = {}
    for symbols, values in ((layer.W, W), (layer.B, B), (layer.X, X)):
        for s, v in zip(symbols, values.ravel()):
            exact[s] = sympy.Rational(repr(float(v)))  # two decimals, exactly
    targets = [sympy.Rational(repr(float(t))) for t in T.ravel()]
    E = sum(((y - t) ** 2 for y, t in zip(layer.Y, targets)), sympy.Integer(0)) / 2
    found = {}
    for g in ("W", "B", "X"):
        M = getattr(layer, g)
        found[g] = np.array(
            [
                [float(sympy.diff(E, M[j, c]).subs(exact)) for c in range(M.shape[1])]
                for j in range(M.shape[0])
            ]
        )
    return BackwardCheck(W, B, X, T, package, found)


# -- the widget -----------------------------------------------------------------------------

FIELDS = ("learning_rate", "epochs", "seed")


def settings_from_texts(texts: dict) -> dict:
    """``learning_rate``, ``epochs`` and ``seed`` from what was typed.

    >>> settings_from_texts({"learning_rate": "0.5", "epochs": "1000", "seed": "0"})
    {'learning_rate': 0.5, 'epochs': 1000, 'seed': 0}
    >>> settings_from_texts({"learning_rate": "-1", "epochs": "1000", "seed": "0"})
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: -1.0 is not allowed; expected a positive finite number
    """
    from .inputs import parse_number

    return {
        "learning_rate": positive_number(
            parse_number(texts["learning_rate"], "learning_rate"), "learning_rate"
        ),
        "epochs": _whole_number_text(texts["epochs"], "epochs", 1, MAX_EPOCHS),
        "seed": _whole_number_text(texts["seed"], "seed", 0, MAX_SEED - 1),
    }


class XorTrainer:
    """Type a learning rate, a number of epochs and a seed, press *Train*:
    a progress bar, then the loss curve and the decision surface of the
    trained network, and its four answers.

    A value that is not allowed shows a message (class ``mazur-message``;
    what was typed stays in its box) and the last valid result stays on
    screen. ``widget`` is the ``ipywidgets.VBox`` (class ``mazur-xor``); the
    result line has class ``mazur-xor-result``.

    >>> trainer = XorTrainer(drawing=False)
    >>> trainer.set_text("epochs", "200")
    >>> trainer.train()
    >>> trainer.record
    Epochs(200 epochs: loss 1.170491405 -> 0.031555243)
    >>> trainer.set_text("learning_rate", "abc")
    >>> trainer.train()
    >>> "learning_rate: &quot;abc&quot; is not a number" in trainer.message.value
    True
    >>> len(trainer.record.losses)
    200
    """

    def __init__(
        self,
        learning_rate: float = LEARNING_RATE,
        epochs: int = EPOCHS,
        seed: int = SEED,
        drawing: bool = True,
    ) -> None:
        import ipywidgets as w

        self.drawing = drawing
        self.record: Epochs | None = None
        start = {"learning_rate": format_number(learning_rate), "epochs": str(epochs)}
        start["seed"] = str(seed)
        self.boxes = {
            field: w.Text(
                value=start[field],
                description=field,
                continuous_update=False,
                layout=w.Layout(width="230px"),
                style={"description_width": "100px"},
            )
            for field in FIELDS
        }
        self.train_button = w.Button(description="Train", button_style="primary")
        self.train_button.on_click(lambda _b: self.train())
        self.progress = w.IntProgress(min=0, max=epochs, description="0 epochs")
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.result = w.HTML()
        self.result.add_class("mazur-xor-result")
        self.loss_image = w.Image(format="png", layout=w.Layout(width="480px"))
        self.surface_image = w.Image(format="png", layout=w.Layout(width="350px"))
        self.errors = w.Output()
        children = [
            w.HBox([*self.boxes.values(), self.train_button]),
            self.progress,
            self.message,
            self.result,
        ]
        if drawing:
            children.append(w.HBox([self.loss_image, self.surface_image]))
        self.widget = w.VBox([*children, self.errors])
        self.widget.add_class("mazur-xor")
        self.train()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into a box, as a student would (used by tests)."""
        self.boxes[field].value = text

    def train(self) -> None:
        """Train from what the boxes say; show the result or a message."""
        with self.errors:
            texts = {field: box.value for field, box in self.boxes.items()}
            try:
                settings = settings_from_texts(texts)
            except (TypeError, ValueError) as exc:
                self.message.value = (
                    f"<span style='color:#b00020'>⚠ {html.escape(str(exc))}</span>"
                    " <i>(showing the last valid result)</i>"
                )
                return
            epochs = settings["epochs"]
            every = max(1, epochs // 50)
            self.progress.max = epochs
            self.progress.value = 0

            def progress(done, total):
                if done % every == 0 or done == total:
                    self.progress.value = done
                    self.progress.description = f"{done} epochs"

            try:
                record = train_xor(progress=progress, **settings)
            except ValueError as exc:  # the loss became NaN or infinite
                self.message.value = (
                    f"<span style='color:#b00020'>⚠ {html.escape(str(exc))}</span>"
                    " <i>(showing the last valid result)</i>"
                )
                return
            self.message.value = ""
            self.record = record
            X, _ = xor_data()
            outputs = ", ".join(format_number(v, 4) for v in record.network.predict(X)[0])
            self.result.value = html.escape(
                f"after {epochs} epochs: loss {loss_of(record.network):.6f}; "
                f"outputs for (0,0), (0,1), (1,0), (1,1): {outputs}"
            )
            if self.drawing:
                from .drawing import figure_to_png

                self.loss_image.value = figure_to_png(loss_curve(record))
                self.surface_image.value = figure_to_png(
                    decision_surfaces(record.network, titles=["after training"])
                )
