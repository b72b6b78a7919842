"""What the network answers on the four XOR points, and how its loss fell
during training, as tables.

>>> from mazur_nn.lessons.xor import train_xor
>>> loss_table(train_xor(epochs=3), epochs=(1,)).rows
[('start of epoch 1', '1.170491'), ('after epoch 3 (the end)', '0.258172')]
"""

from __future__ import annotations

from mazur_nn.core.layers import Epochs, Sequential
from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.lessons.xor.network import loss_of, xor_data


def _class(output: float) -> int:
    return 1 if output >= 0.5 else 0


def predictions_table(network: Sequential) -> Table:
    """Each XOR point, its target, the network's output (4 decimals) and the
    class it stands for (1 from 0.5 up).

    >>> from mazur_nn.lessons.xor import xor_network
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

    >>> from mazur_nn.lessons.xor import train_xor
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
