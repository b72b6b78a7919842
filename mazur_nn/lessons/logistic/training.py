"""Training: full-batch gradient descent on the training split, from
``w = 0``, ``b = 0``, with the mean log loss on both splits after each epoch.

>>> from mazur_nn.lessons.logistic import load_nines
>>> trained = train(load_nines(), learning_rate=1.0, epochs=100)
>>> trained.train_loss[0] > trained.train_loss[50] > trained.train_loss[100]
True
>>> trained.predict(load_nines().X_test[:3]).tolist()
[0.0, 0.0, 0.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mazur_nn.core.table import Table
from mazur_nn.core.validate import (
    finite_number,
    is_whole,
    not_allowed,
    parse_number,
    read_only,
    whole_in_range,
    wrong_kind,
)
from mazur_nn.lessons.logistic.data import Digits, loaded_digits
from mazur_nn.lessons.logistic.unit import log_losses, probabilities, sigmoid

# Defaults of the lesson: full-batch gradient descent from zeros. With this
# learning rate the training loss falls at every epoch (twice as much makes
# the first step overshoot); 2000 epochs take about a tenth of a second.
LEARNING_RATE = 1.0
EPOCHS = 2000
MAX_EPOCHS = 100_000
MAX_LEARNING_RATE = 1e6  # keeps every weight finite for any allowed number of epochs
THRESHOLD = 0.5  # a >= 0.5 is read as "a 9"


@dataclass(frozen=True, repr=False)
class TrainedUnit:
    """The result of :func:`train`: the final ``w`` and ``b``, and the mean
    log loss on the training and the test split after each epoch
    (``train_loss[0]`` is before the first update)."""

    w: object
    b: float
    train_loss: tuple[float, ...]
    test_loss: tuple[float, ...]
    learning_rate: float  # the settings it was trained with
    epochs: int

    def __repr__(self) -> str:
        return (
            f"TrainedUnit({self.epochs} epochs of gradient descent at learning rate "
            f"{self.learning_rate:g}: training loss {self.train_loss[0]:.6f} -> "
            f"{self.train_loss[-1]:.6f}, test loss {self.test_loss[0]:.6f} -> "
            f"{self.test_loss[-1]:.6f})"
        )

    def probabilities(self, X):
        """The unit's probability of a 9 for each row of ``X``."""
        return probabilities(self.w, self.b, X)

    def predict(self, X):
        """1.0 where the probability is at least 0.5 (a 9), else 0.0."""
        return (self.probabilities(X) >= THRESHOLD).astype(float)

    def loss_table(self, every: int | None = None) -> Table:
        """The losses every ``every`` epochs (ten rows by default), as a
        progress log would print them."""
        if every is None:
            every = max(1, self.epochs // 10)
        if not is_whole(every) or every < 1:
            raise not_allowed("every", repr(every), "a whole number from 1")
        marks = list(range(0, self.epochs + 1, every))
        if marks[-1] != self.epochs:
            marks.append(self.epochs)
        rows = [(str(e), f"{self.train_loss[e]:.6f}", f"{self.test_loss[e]:.6f}") for e in marks]
        return Table(
            ("epoch", "training loss", "test loss"),
            rows,
            f"Mean log loss, learning rate {self.learning_rate:g}",
        )


def checked_epochs(epochs) -> int:
    """A whole number of epochs from 1 to ``MAX_EPOCHS``.

    >>> checked_epochs(0)
    Traceback (most recent call last):
    ...
    ValueError: epochs: 0 is not allowed; expected a whole number from 1 to 100000
    """
    return whole_in_range(epochs, "epochs", 1, MAX_EPOCHS)


def checked_learning_rate(learning_rate) -> float:
    """A learning rate above 0 and at most ``MAX_LEARNING_RATE``.

    >>> checked_learning_rate(1e7)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: 1e+07 is not allowed; expected a number above 0 and at most 1e+06
    """
    rate = finite_number(learning_rate, "learning_rate")
    if not 0 < rate <= MAX_LEARNING_RATE:
        raise not_allowed(
            "learning_rate", f"{rate:g}", f"a number above 0 and at most {MAX_LEARNING_RATE:g}"
        )
    return rate


def settings_from_texts(learning_rate: str, epochs: str) -> tuple[float, int]:
    """The learning rate and the number of epochs from what a student typed
    (never evaluated as code); raises ``TypeError``/``ValueError`` naming the field.

    >>> settings_from_texts(" 2 ", "1e3")
    (2.0, 1000)
    >>> settings_from_texts("0.5", "200")
    (0.5, 200)
    >>> settings_from_texts("-1", "200")
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: -1 is not allowed; expected a number above 0 and at most 1e+06
    """
    rate = checked_learning_rate(parse_number(learning_rate, "learning_rate"))
    count = parse_number(epochs, "epochs")
    if count != int(count):
        raise not_allowed("epochs", epochs.strip(), f"a whole number from 1 to {MAX_EPOCHS}")
    return rate, checked_epochs(int(count))


def train(
    data: Digits, learning_rate: float = LEARNING_RATE, epochs: int = EPOCHS, progress=None
) -> TrainedUnit:
    """Full-batch gradient descent on the training split, from ``w = 0``,
    ``b = 0``: each epoch computes the gradient over all training examples
    and steps against it, ``w <- w - learning_rate * dw``, ``b <- b -
    learning_rate * db``. Nothing is random: the same arguments give the
    same unit. ``progress(done, epochs)``, if given, is called about a
    hundred times along the way (for a progress bar).

    >>> from mazur_nn.lessons.logistic import load_nines
    >>> trained = train(load_nines(), epochs=10)
    >>> len(trained.train_loss), round(trained.train_loss[0], 9)
    (11, 0.693147181)
    """
    loaded_digits(data)
    rate = checked_learning_rate(learning_rate)
    epochs = checked_epochs(epochs)
    if progress is not None and not callable(progress):
        raise wrong_kind("progress", "a function progress(done, epochs)", repr(progress))
    X, y, X_test, y_test = data.X_train, data.y_train, data.X_test, data.y_test
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    train_loss, test_loss = [], []
    chunk = max(1, epochs // 100)
    for epoch in range(epochs + 1):
        z = X @ w + b
        train_loss.append(float(log_losses(z, y).mean()))
        test_loss.append(float(log_losses(X_test @ w + b, y_test).mean()))
        if epoch == epochs:
            break
        r = sigmoid(z) - y  # dL/dz = a - y for every example, (m,); as in gradients()
        w = w - rate * (X.T @ r) / m
        b = b - rate * float(r.mean())
        done = epoch + 1
        if progress is not None and (done % chunk == 0 or done == epochs):
            progress(done, epochs)
    return TrainedUnit(
        w=read_only(w),
        b=b,
        train_loss=tuple(train_loss),
        test_loss=tuple(test_loss),
        learning_rate=rate,
        epochs=epochs,
    )
