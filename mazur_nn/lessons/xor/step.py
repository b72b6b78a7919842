"""One training step on the four XOR points, kept layer by layer: what each
layer received and gave going forward, each layer's gradients going back
(nothing changes yet), then the update that makes a new network.

>>> walk = one_step()
>>> print(walk.update_text.text.splitlines()[-1])
loss before the step 1.170491, after 0.355615
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.layers import Activation, Dense, Sequential
from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import positive_number, wrong_kind
from mazur_nn.lessons.xor.network import LEARNING_RATE, loss_of, xor_data, xor_network
from mazur_nn.lessons.xor.text import TextBlock, matrix_lines, shape_text

_SQUARE = re.compile(r"(?<!\S)(\S+) \* \1(?!\S)")  # u * u, written u^2
MSE_TEXT = "E = MSE = mean of (Y - T)^2"
"""The source's words for the MSE; the registry's (``(t - out)^2 / n`` per
output) read otherwise."""


def written(expression: str, names: dict[str, str]) -> str:
    """A registry expression with its variables renamed, all at once.

    >>> written("out * (1 - out)", {"out": "A"})
    'A * (1 - A)'
    """
    pattern = r"\b(" + "|".join(map(re.escape, names)) + r")\b"
    return re.sub(pattern, lambda found: names[found.group(1)], expression)


def slope_text(name: str) -> str:
    """The slope ``dY/dX`` of an activation layer ``Y = f(X)``, from the
    registry's ``slope_text`` with ``out = f(X)``; a term times itself is
    written as its square.

    >>> slope_text("tanh"), slope_text("relu"), slope_text("linear")
    ('1 - tanh(X)^2', '(X > 0)', '1')
    """
    activation = get_activation(name)
    value = written(activation.text, {"net": "X"})
    return _SQUARE.sub(r"\1^2", written(activation.slope_text, {"net": "X", "out": value}))


def loss_text(name: str) -> str:
    """``E`` of the layer API's loss ``name``, in words: the registry's
    ``words`` summed over the outputs and averaged over the columns (the
    MSE in the source's words).

    >>> loss_text("half_squared_error")
    'E = half the squared difference, summed over the outputs, averaged over the columns'
    """
    if name == "mse":
        return MSE_TEXT
    return f"E = {get_loss(name).words}, summed over the outputs, averaged over the columns"


def _grouped(text: str) -> str:
    """``text`` in parentheses, unless it is one parenthesized group already."""
    depth = 0
    for char in text[:-1]:
        depth += (char == "(") - (char == ")")
        if depth == 0:  # closed (or never opened) before the end
            return f"({text})"
    return text if text.startswith("(") else f"({text})"


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
    forward: object  # mazur_nn.core.layers.Pass
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
        lines += [f"inputs X, {shape_text(X)}", *matrix_lines(X)]
        outputs = [*self.forward.inputs[1:], self.forward.output]
        for k, (layer, Y) in enumerate(zip(layers, outputs), start=1):
            rule = "Y = W X + B" if isinstance(layer, Dense) else f"Y = {layer.name}(X)"
            last = "  <- the network's output" if k == len(layers) else ""
            lines += [f"layer {k}, {layer!r}: {rule}, {shape_text(Y)}{last}", *matrix_lines(Y)]
        lines += [f"targets T, {shape_text(T)}", *matrix_lines(T)]
        lines.append(f"loss: {loss_text(self.network.loss.name)} = {self.loss_before:.6f}")
        return TextBlock("\n".join(lines))

    @property
    def backward_text(self) -> TextBlock:
        layers = self.network.layers
        Y = self.forward.output
        lines = ["Backward pass: last layer first; nothing changes yet", ""]
        rule = _loss_gradient_text(self.network.loss.name, *Y.shape)
        lines += [f"loss: dE/dY = {rule}, {shape_text(Y)}", *matrix_lines(self.output_gradient)]
        for k in range(len(layers), 0, -1):
            layer, grads = layers[k - 1], self.gradients[k - 1]
            passed = f": passed to layer {k - 1}" if k > 1 else ": not used (X is data)"
            if isinstance(layer, Activation):
                slope = _grouped(slope_text(layer.name))
                lines.append(f"layer {k}, {layer!r}: dE/dX = dE/dY * {slope}{passed}")
                lines += matrix_lines(grads.dX)
            else:
                batch = grads.dX.shape[1]
                lines.append(f"layer {k}, {layer!r}:")
                lines.append(f"  dE/dW = dE/dY X^T, {shape_text(grads.dW)}")
                lines += matrix_lines(grads.dW, "    ")
                lines.append(
                    f"  dE/dB = dE/dY summed over the {batch} columns, {shape_text(grads.dB)}"
                )
                lines += matrix_lines(grads.dB, "    ")
                lines.append(f"  dE/dX = W^T dE/dY, {shape_text(grads.dX)}{passed}")
                lines += matrix_lines(grads.dX, "    ")
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
                left, right = matrix_lines(before, "    "), matrix_lines(after, "")
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
        raise wrong_kind("network", "a Sequential", type(network).__name__)
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
