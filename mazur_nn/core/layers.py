"""The layer API: Dense, activation layers and losses, composed into a
:class:`Sequential` network (source: "Neural Networks + Math Intuition",
after The Independent Code).

Every layer computes its output and its backward rule side by side:

- ``Dense``: ``Y = W X + B``; backward gives ``dE/dW = dE/dY X^T``,
  ``dE/dB = dE/dY`` (summed over the batch) and ``dE/dX = W^T dE/dY``.
- ``Activation`` (``Sigmoid``, ``Tanh``, ``ReLU``, ``Linear``): ``Y = f(X)``;
  backward multiplies the incoming gradient elementwise by ``f'``.
- ``Softmax``: each column of ``Y`` is the softmax of that column of ``X``;
  backward multiplies the incoming gradient by the Jacobian,
  ``dX_j = sum over k of dY_k * dY_k/dX_j``.
- losses (``HalfSquaredError``, ``MSE``, ``BinaryCrossEntropy``,
  ``CrossEntropy``): the error of a batch and its gradient ``dE/dY``.

It is the core's engine in matrix form, not a second one: activations and
losses are the same expressions as the core's (see
:mod:`mazur_nn.core.functions`), and the sums run in the same order, so Mazur's
network built from these layers gives the core's numbers to the last bit.

Unlike the source, ``backward`` only returns gradients; :meth:`Sequential.update`
returns a new network, so a student can look at the gradients first.

**Batches**: examples are columns. ``X`` has shape ``(n_inputs, m)`` for
``m`` examples, each layer's output ``(n_neurons, m)``, targets ``(n_outputs, m)``.
The error of a batch is the mean over its examples of the core's ``E_total``.

Example
-------
>>> import numpy as np
>>> net = Sequential([Dense.from_values([[0.15, 0.2], [0.25, 0.3]], [0.35, 0.35]), Sigmoid(),
...                   Dense.from_values([[0.4, 0.45], [0.5, 0.55]], [0.6, 0.6]), Sigmoid()],
...                  HalfSquaredError())
>>> X, T = np.array([[0.05], [0.10]]), np.array([[0.01], [0.99]])
>>> forward = net.forward(X)
>>> round(float(net.loss.value(forward.output, T)), 9)
0.298371109
>>> grads = net.backward(forward, T)
>>> round(float(grads[2].dW[0, 0]), 9)  # dE_total/dw5
0.082167041
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mazur_nn.core.functions import elementwise_activation, get_activation, get_loss
from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import (
    array_of_dimensions,
    positive_number,
    probability_vector,
    whole_number,
)

MAX_EPOCHS = 1_000_000


def dot(A, B):
    """``A @ B`` with each sum taken left to right, as the core does
    (``w1*i1 + w2*i2``), so results match the core to the last bit.

    >>> import numpy as np
    >>> dot(np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]])).tolist()
    [[11.0]]
    """
    result = A[:, 0:1] * B[0:1, :]
    for k in range(1, A.shape[1]):
        result = result + A[:, k : k + 1] * B[k : k + 1, :]
    return result


def _check_batch(X, rows: int, field_name: str):
    X = array_of_dimensions(X, field_name, 2)
    if X.shape[0] != rows:
        raise ValueError(
            f"{field_name}: expected {rows} rows (one per input, examples as columns), "
            f"got shape {X.shape}"
        )
    return X


# -- Dense ----------------------------------------------------------------------


@dataclass(frozen=True)
class DenseGradients:
    """``dW = dE/dY X^T``, ``dB = dE/dY`` summed over the batch, ``dX = W^T dE/dY``."""

    dW: np.ndarray
    dB: np.ndarray
    dX: np.ndarray


@dataclass(frozen=True, eq=False)
class Dense:
    """A fully connected layer ``Y = W X + B``: ``W`` is (outputs, inputs),
    ``B`` is (outputs, 1)."""

    W: np.ndarray
    B: np.ndarray

    @classmethod
    def from_values(cls, W, B) -> Dense:
        """A layer with these weights (one row per neuron) and biases.

        >>> Dense.from_values([[1, 2, 3]], [0.5]).W.shape
        (1, 3)
        """
        W = array_of_dimensions(W, "W", 2)
        if np.ndim(B) == 1:
            B = array_of_dimensions(B, "B", 1).reshape(-1, 1)
        else:
            B = array_of_dimensions(B, "B", 2)
        if B.shape != (W.shape[0], 1):
            raise ValueError(f"B: expected {W.shape[0]} biases (one per row of W), got {B.shape}")
        return cls(W, B)

    @classmethod
    def create(cls, inputs: int, outputs: int, seed: int = 0) -> Dense:
        """Weights uniform in ``±1/sqrt(inputs)`` from ``seed``, biases 0."""
        inputs, outputs = whole_number(inputs, "inputs", 1), whole_number(outputs, "outputs", 1)
        rng = np.random.default_rng(seed)
        limit = 1.0 / inputs**0.5
        return cls(rng.uniform(-limit, limit, (outputs, inputs)), np.zeros((outputs, 1)))

    @property
    def shape(self) -> tuple[int, int]:
        """``(inputs, outputs)``."""
        return self.W.shape[1], self.W.shape[0]

    def forward(self, X):
        X = _check_batch(X, self.W.shape[1], "X")
        return dot(self.W, X) + self.B

    def backward(self, X, dY) -> DenseGradients:
        return DenseGradients(
            dW=dot(dY, X.T), dB=dY.sum(axis=1, keepdims=True), dX=dot(self.W.T, dY)
        )

    def update(self, grads: DenseGradients, learning_rate, update_biases: bool = True) -> Dense:
        """A new layer one step against the gradient."""
        B = self.B - learning_rate * grads.dB if update_biases else self.B
        return Dense(self.W - learning_rate * grads.dW, B)

    def __repr__(self) -> str:
        return f"Dense({self.shape[0]} -> {self.shape[1]})"


# -- activations -------------------------------------------------------------------


@dataclass(frozen=True)
class ActivationGradients:
    """``dX = dE/dY * f'(X)`` (elementwise)."""

    dX: np.ndarray


@dataclass(frozen=True)
class Activation:
    """``Y = f(X)`` elementwise, with ``f`` one of the core's activations."""

    name: str

    def __post_init__(self) -> None:
        elementwise_activation(self.name)

    def forward(self, X):
        value, _ = get_activation(self.name).array_functions
        return value(X)

    def backward(self, X, dY, Y=None) -> ActivationGradients:
        value, slope = get_activation(self.name).array_functions
        Y = value(X) if Y is None else Y
        return ActivationGradients(dY * slope(X, Y))

    def update(self, grads, learning_rate, update_biases: bool = True) -> Activation:
        return self  # nothing to learn

    def __repr__(self) -> str:
        return f"{self.name.capitalize() if self.name != 'relu' else 'ReLU'}()"


@dataclass(frozen=True)
class Softmax:
    """``Y = softmax(X)``, column by column: every output of a column
    depends on every input of that column. The values and the Jacobian are
    the core's (:meth:`mazur_nn.core.functions.Activation.layer_values`,
    :meth:`~mazur_nn.core.functions.Activation.jacobian`), so the numbers
    are the engine's to the last bit.

    >>> import numpy as np
    >>> Softmax().forward(np.array([[0.0], [0.0]])).tolist()
    [[0.5], [0.5]]
    """

    name: str = "softmax"

    def forward(self, X):
        columns = [
            get_activation(self.name).layer_values(X[:, m].tolist()) for m in range(X.shape[1])
        ]
        return np.array(columns, dtype=float).T.reshape(X.shape)

    def backward(self, X, dY, Y=None) -> ActivationGradients:
        activation = get_activation(self.name)
        Y = self.forward(X) if Y is None else Y
        dX = np.zeros_like(dY, dtype=float)
        for m in range(X.shape[1]):
            jacobian = activation.jacobian(X[:, m].tolist(), Y[:, m].tolist())
            for j in range(X.shape[0]):
                dX[j, m] = sum(dY[k, m] * jacobian[k][j] for k in range(X.shape[0]))
        return ActivationGradients(dX)

    def update(self, grads, learning_rate, update_biases: bool = True) -> Softmax:
        return self  # nothing to learn

    def __repr__(self) -> str:
        return "Softmax()"


def activation_layer(name: str) -> Activation | Softmax:
    """The layer of the core's activation ``name``."""
    return Softmax() if get_activation(name).layerwise else Activation(name)


def Sigmoid() -> Activation:  # noqa: N802 (a layer, named like one)
    return Activation("sigmoid")


def Tanh() -> Activation:  # noqa: N802
    return Activation("tanh")


def ReLU() -> Activation:  # noqa: N802
    return Activation("relu")


def Linear() -> Activation:  # noqa: N802
    return Activation("linear")


# -- losses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Loss:
    """The mean over a batch of the core's ``E_total``, and ``dE/dY``."""

    name: str

    def __post_init__(self) -> None:
        get_loss(self.name)

    def _check(self, Y, T):
        T = array_of_dimensions(T, "targets", 2)
        if T.shape != Y.shape:
            raise ValueError(f"targets: expected shape {Y.shape} like the output, got {T.shape}")
        rule = get_loss(self.name).targets
        if rule != "any" and ((T < 0) | (T > 1)).any():
            raise ValueError(f"targets: {self.name} needs targets in [0, 1]")
        if rule == "probability":
            for m in range(T.shape[1]):
                column = T[:, m].tolist()
                names = [f"t{k + 1}" for k in range(len(column))]
                probability_vector(column, f"targets (column {m})", names, self.name)
            if ((Y <= 0) & (T > 0)).any():
                raise ValueError(
                    "outputs: an output is exactly 0 where its target is not (a saturated "
                    f"softmax), so {self.name} is infinite there; the core's passes compute "
                    "it from the net inputs (log-sum-exp) and stay finite"
                )
        return T

    def value(self, Y, T) -> float:
        T = self._check(Y, T)
        value, _ = get_loss(self.name).array_functions
        if get_loss(self.name).targets == "probability":
            Y = np.where(T > 0, Y, 1.0)  # a target of 0 adds -0 * log(out) = 0, also at out = 0
        return float(value(T, Y, Y.shape[0]).sum(axis=0).mean())

    def gradient(self, Y, T):
        """``dE/dY``: each example's slope, divided by the batch size."""
        T = self._check(Y, T)
        _, slope = get_loss(self.name).array_functions
        return slope(T, Y, Y.shape[0]) / Y.shape[1]


def HalfSquaredError() -> Loss:  # noqa: N802
    return Loss("half_squared_error")


def MSE() -> Loss:  # noqa: N802
    return Loss("mse")


def BinaryCrossEntropy() -> Loss:  # noqa: N802
    return Loss("binary_cross_entropy")


def CrossEntropy() -> Loss:  # noqa: N802
    """``-sum of t ln out`` over the outputs; each column of targets a
    probability vector (after a :class:`Softmax`, its gradient times the
    Jacobian is ``out - t``)."""
    return Loss("cross_entropy")


# -- the network ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pass:
    """A forward pass: ``inputs[k]`` is what layer ``k`` received, ``output``
    what the last layer gave."""

    inputs: tuple
    output: np.ndarray


@dataclass(frozen=True)
class Epochs:
    """The error before each epoch's update, and the trained network."""

    losses: tuple[float, ...]
    network: Sequential

    def __repr__(self) -> str:
        return (
            f"Epochs({len(self.losses)} epochs: loss {format_number(self.losses[0])} -> "
            f"{format_number(self.losses[-1])})"
        )


@dataclass(frozen=True, eq=False)
class Sequential:
    """Layers applied in order, and the loss of the last one's output."""

    layers: tuple
    loss: Loss = field(default_factory=MSE)

    def __init__(self, layers, loss: Loss | None = None) -> None:
        object.__setattr__(self, "layers", tuple(layers))
        object.__setattr__(self, "loss", loss or MSE())
        if not self.layers:
            raise ValueError("layers: expected at least one layer")

    def forward(self, X) -> Pass:
        inputs = []
        for layer in self.layers:
            inputs.append(X)
            X = layer.forward(X)
        return Pass(tuple(inputs), X)

    def predict(self, X):
        return self.forward(X).output

    def backward(self, forward: Pass, T) -> tuple:
        """Every layer's gradients, last layer first computed, returned in
        layer order. Nothing changes."""
        dY = self.loss.gradient(forward.output, T)
        grads: list[DenseGradients | ActivationGradients] = []
        for k in range(len(self.layers) - 1, -1, -1):
            layer, X = self.layers[k], forward.inputs[k]
            Y = forward.inputs[k + 1] if k + 1 < len(self.layers) else forward.output
            grad = (
                layer.backward(X, dY, Y)
                if isinstance(layer, (Activation, Softmax))
                else layer.backward(X, dY)
            )
            grads.insert(0, grad)
            dY = grad.dX
        return tuple(grads)

    def update(self, grads, learning_rate, update_biases: bool = True) -> Sequential:
        """A new network, every layer one step against its gradient."""
        learning_rate = positive_number(learning_rate, "learning_rate")
        layers = [
            layer.update(g, learning_rate, update_biases) for layer, g in zip(self.layers, grads)
        ]
        return Sequential(layers, self.loss)

    def train(
        self, X, T, learning_rate, epochs: int, update_biases: bool = True, progress=None
    ) -> Epochs:
        """Full-batch gradient descent: ``epochs`` rounds of forward, backward
        and update on the batch ``X`` (examples as columns)."""
        learning_rate = positive_number(learning_rate, "learning_rate")
        epochs = whole_number(epochs, "epochs", 1, MAX_EPOCHS)
        network, losses = self, []
        for epoch in range(epochs):
            forward = network.forward(X)
            loss = network.loss.value(forward.output, T)
            if not np.isfinite(loss):
                raise ValueError(
                    f"training stopped at epoch {epoch + 1}: the loss became {loss}; "
                    f"try a smaller learning rate than {learning_rate}"
                )
            losses.append(loss)
            network = network.update(network.backward(forward, T), learning_rate, update_biases)
            if progress is not None:
                progress(epoch + 1, epochs)
        return Epochs(tuple(losses), network)

    def __repr__(self) -> str:
        return f"Sequential([{', '.join(map(repr, self.layers))}], {self.loss.name})"


# -- the core's networks as layers -------------------------------------------------------


def from_network(network) -> Sequential:
    """The core :class:`~mazur_nn.core.network.Network` as layers: one ``Dense``
    and one ``Activation`` per layer (a shared bias is repeated per neuron)."""
    names, params = network.names, network.parameters
    layers = []
    for k, (rows, act) in enumerate(zip(names.weight_matrix, network.activations)):
        W = np.array([[params[w] for w in row] for row in rows])
        B = np.array([[params[names.bias_of[n]]] for n in names.neurons[k + 1]])
        layers += [Dense(W, B), activation_layer(act)]
    return Sequential(layers, Loss(network.loss))


def gradients_by_name(network, grads) -> dict[str, float]:
    """The layers' gradients under the core's names (``w1``, ``b1``...); a
    shared bias gets the sum over the neurons it feeds."""
    names = network.names
    result: dict[str, float] = {}
    dense = [g for g in grads if isinstance(g, DenseGradients)]
    for k, (rows, g) in enumerate(zip(names.weight_matrix, dense)):
        for j, row in enumerate(rows):
            for i, w in enumerate(row):
                result[w] = float(g.dW[j, i])
        for j, n in enumerate(names.neurons[k + 1]):
            b = names.bias_of[n]
            result[b] = result.get(b, 0.0) + float(g.dB[j, 0])
    return {p: result[p] for p in names.parameters}
