r"""One sigmoid unit with log loss: is this handwritten digit a 9? (lesson 08)

The smallest network there is, one unit, trained on real pictures. Each
picture is an 8 x 8 grid of grey levels (scikit-learn's bundled digits set,
1797 pictures, read from disk; nothing is downloaded), flattened into a row
of ``n = 64`` numbers in [0, 1]. **Rows are examples**: ``X`` has shape
``(m, n)``, ``y`` shape ``(m,)`` with ``y = 1`` for a 9 and ``0`` for any
other digit, ``w`` shape ``(n,)`` and ``b`` is a number. Pixel ``k``
(counted from 1, as the lesson writes ``x_k``) is row ``(k - 1) // 8``,
column ``(k - 1) % 8`` of the picture.

For one example the unit computes, in four small steps (its computational
graph)::

    u = w . x                  the weighted sum of the pixels
    z = u + b                  plus the bias
    a = sigma(z)               the unit's probability that the picture is a 9
    L = -(y log a + (1 - y) log(1 - a))      the log loss

and backward, by the chain rule, ``dL/da = -y/a + (1 - y)/(1 - a)``,
``da/dz = a (1 - a)``, and their product simplifies to ``dL/dz = a - y``;
then ``dL/db = a - y`` and ``dL/dw_k = (a - y) x_k``. Over ``m`` examples
the loss is the mean, and the gradient is the mean of the examples'
gradients, all at once: ``dw = X^T (a - y) / m``, ``db = mean(a - y)``.

Numerically the sigmoid is computed from ``exp(-|z|)`` and the loss as
``log(1 + e^z) - y z`` (``numpy.logaddexp``), the same function written so
that nothing overflows and ``log 0`` never happens.

numpy, matplotlib, scikit-learn and ipywidgets are imported inside the
functions that use them, so ``import mazur_nn`` stays fast.

Example
-------
>>> from mazur_nn import logistic
>>> data = logistic.load_nines()
>>> data.X_train.shape, data.X_test.shape, int(data.y_test.sum())
((1347, 64), (450, 64), 45)
>>> trained = logistic.train(data)
>>> scores = logistic.evaluate(trained, data)
>>> scores.correct, scores.m
(444, 450)
"""

from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass

from .tables import Table
from .validation import finite_number, positive_number

# Defaults of the lesson: full-batch gradient descent from zeros. With this
# learning rate the training loss falls at every epoch (twice as much makes
# the first step overshoot); 2000 epochs take about a tenth of a second.
LEARNING_RATE = 1.0
EPOCHS = 2000
MAX_EPOCHS = 100_000
MAX_LEARNING_RATE = 1e6  # keeps every weight finite for any allowed number of epochs
THRESHOLD = 0.5  # a >= 0.5 is read as "a 9"
SKLEARN_C = 1.0  # scikit-learn's default regularisation (see compare_with_sklearn)

# Okabe-Ito colours, as in mazur_nn.drawing: forward values blue, gradients vermillion.
FORWARD = "#0072B2"
GRADIENT = "#D55E00"
LOCAL = "#6F6F6F"
INK = "#222222"
PIXEL = "#E69F00"  # the pixels picked out in the graph's picture


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def _number(value: float, digits: int = 6) -> str:
    from .symbolic import format_number

    return format_number(value, digits)


def _read_only(array):
    array.setflags(write=False)
    return array


# -- the data ---------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Digits:
    """The digits split into a training and a held-out test part.

    ``X_train`` ``(m_train, 64)`` and ``X_test`` ``(m_test, 64)``: one picture
    per row, grey levels scaled to [0, 1]; ``y_train``, ``y_test``: 1.0 for a
    9, 0.0 otherwise; ``digits_train``, ``digits_test``: which digit (0-9) each
    picture shows; ``index_train``, ``index_test``: its position in
    ``sklearn.datasets.load_digits()``. Every array is read-only.
    """

    X_train: object
    y_train: object
    X_test: object
    y_test: object
    digits_train: object
    digits_test: object
    index_train: object
    index_test: object
    test_fraction: float
    seed: int

    @property
    def n(self) -> int:
        """Pixels per picture (inputs of the unit)."""
        return self.X_train.shape[1]

    def __repr__(self) -> str:
        return (
            f"Digits({len(self.y_train)} training and {len(self.y_test)} test pictures of "
            f"8x8 = {self.n} pixels; nines: {int(self.y_train.sum())} training, "
            f"{int(self.y_test.sum())} test; split seed {self.seed})"
        )

    def shapes(self) -> Table:
        """What each array holds, and its shape (rows are examples)."""
        rows = [
            ("X_train", str(self.X_train.shape), "one training picture per row, pixels in [0, 1]"),
            ("y_train", str(self.y_train.shape), "1 for a 9, 0 for any other digit"),
            ("X_test", str(self.X_test.shape), "held-out pictures: never used for training"),
            ("y_test", str(self.y_test.shape), "their labels"),
            ("w", f"({self.n},)", "one weight per pixel"),
            ("b", "()", "one number"),
        ]
        return Table(("array", "shape", "holds"), rows, "The data and the unit's parameters")

    def first(self, digit: int, split: str = "train") -> int:
        """Row of the first picture of ``digit`` in the ``"train"`` or ``"test"`` split.

        >>> data = load_nines()
        >>> k = data.first(9)
        >>> int(data.digits_train[k]), float(data.y_train[k])
        (9, 1.0)
        """
        if split not in ("train", "test"):
            raise ValueError(f"split: {split!r} is not allowed; allowed are train, test")
        if isinstance(digit, bool) or not isinstance(digit, numbers.Integral):
            raise TypeError(f"digit: expected a whole number from 0 to 9, got {digit!r}")
        digits = self.digits_train if split == "train" else self.digits_test
        rows = [k for k, d in enumerate(digits.tolist()) if d == digit]
        if not rows:
            raise ValueError(f"digit: {digit} does not occur in the {split} split")
        return rows[0]


def _raw_digits():
    """scikit-learn's bundled 8x8 digits (read from the installed package)."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return bunch.data, bunch.target


def load_nines(test_fraction: float = 0.25, seed: int = 0) -> Digits:
    """The 1797 bundled digits as "9 or not 9", split into training and test.

    Pixels are divided by 16 (their largest value), so they lie in [0, 1].
    The split is stratified (the same share of nines on both sides) and
    seeded (``sklearn.model_selection.train_test_split`` with
    ``random_state=seed``), so the same arguments always give the same split.

    >>> data = load_nines()
    >>> data  # doctest: +NORMALIZE_WHITESPACE
    Digits(1347 training and 450 test pictures of 8x8 = 64 pixels;
           nines: 135 training, 45 test; split seed 0)
    >>> float(data.X_train.min()), float(data.X_train.max())
    (0.0, 1.0)
    """
    fraction = finite_number(test_fraction, "test_fraction")
    if not 0.05 <= fraction <= 0.95:
        raise ValueError(
            f"test_fraction: {fraction} is not allowed; expected a number from 0.05 to 0.95"
        )
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed: expected a whole number from 0 to 2**32 - 1, got {seed!r}")
    if not 0 <= seed < 2**32:
        raise ValueError(
            f"seed: {seed} is not allowed; expected a whole number from 0 to 2**32 - 1"
        )
    import numpy as np
    from sklearn.model_selection import train_test_split

    pixels, digits = _raw_digits()
    X = pixels / 16.0
    y = (digits == 9).astype(float)
    index = np.arange(len(y))
    parts = train_test_split(
        X, y, digits, index, test_size=fraction, random_state=int(seed), stratify=y
    )
    X_train, X_test, y_train, y_test, d_train, d_test, i_train, i_test = (
        _read_only(np.ascontiguousarray(p)) for p in parts
    )
    return Digits(
        X_train, y_train, X_test, y_test, d_train, d_test, i_train, i_test, fraction, int(seed)
    )


# -- checking arrays ---------------------------------------------------------------


def _vector(value, field: str, length: int | None = None):
    """A 1-D float array of finite numbers (``length`` of them, if given)."""
    import numpy as np

    if isinstance(value, (str, bytes)):
        raise TypeError(f"{field}: expected an array of numbers, got text {value!r}")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected an array of numbers, got {value!r}") from None
    if array.ndim != 1:
        raise ValueError(
            f"{field}: expected a 1-D array of shape ({length if length else 'n'},), "
            f"got shape {array.shape}"
        )
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{field}: expected shape ({length},), got {array.shape}")
    _finite(array, field)
    return array


def _finite(array, field: str) -> None:
    import numpy as np

    bad = np.argwhere(~np.isfinite(array))
    if len(bad):
        where = ", ".join(str(int(i)) for i in bad[0])
        raise ValueError(
            f"{field}: {array[tuple(bad[0])]} at [{where}] is not allowed; expected finite numbers"
        )


def _matrix(value, field: str = "X"):
    """A 2-D float array ``(m, n)`` of finite numbers, at least one row."""
    import numpy as np

    if isinstance(value, (str, bytes)):
        raise TypeError(f"{field}: expected an (m, n) array of numbers, got text {value!r}")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected an (m, n) array of numbers, got {value!r}") from None
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(
            f"{field}: expected an (m, n) array, one example per row, got shape {array.shape}"
        )
    _finite(array, field)
    return array


def _labels(value, field: str, m: int):
    """``m`` targets, each from 0 to 1 (1 for a 9)."""
    y = _vector(value, field, m)
    if ((y < 0) | (y > 1)).any():
        k = int(((y < 0) | (y > 1)).argmax())
        raise ValueError(f"{field}: {y[k]} at [{k}] is not allowed; expected values from 0 to 1")
    return y


def _unit(w, b, X, y=None):
    X = _matrix(X, "X")
    w = _vector(w, "w", X.shape[1])
    b = finite_number(b, "b")
    if y is None:
        return w, b, X
    return w, b, X, _labels(y, "y", X.shape[0])


# -- the unit ---------------------------------------------------------------------


def sigmoid(z):
    """``1 / (1 + e^(-z))``, elementwise, computed from ``e^(-|z|)`` so that
    it never overflows.

    >>> [float(v) for v in sigmoid([0.0, 800.0, -800.0])]
    [0.5, 1.0, 0.0]
    """
    import numpy as np

    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _losses(z, y):
    """Each example's log loss ``-(y log a + (1 - y) log(1 - a))`` with
    ``a = sigma(z)``, written as ``log(1 + e^z) - y z``."""
    import numpy as np

    return np.logaddexp(0.0, z) - y * z


def probabilities(w, b, X):
    """``a = sigma(X w + b)``: the unit's probability of a 9 for each row of ``X``.

    >>> import numpy as np
    >>> probabilities(np.zeros(3), 0.0, np.ones((2, 3))).tolist()
    [0.5, 0.5]
    """
    w, b, X = _unit(w, b, X)
    return sigmoid(X @ w + b)


def log_loss(w, b, X, y) -> float:
    """The mean log loss over the ``m`` rows of ``X``:
    ``-(1/m) sum(y log a + (1 - y) log(1 - a))``.

    >>> import numpy as np
    >>> round(log_loss(np.zeros(2), 0.0, [[1.0, 0.0]], [1.0]), 9)  # log 2
    0.693147181
    """
    w, b, X, y = _unit(w, b, X, y)
    return float(_losses(X @ w + b, y).mean())


@dataclass(frozen=True, repr=False)
class Graph:
    """The computational graph of one unit for one example: every node's
    forward value and every derivative, named as in the lesson.

    Forward: ``u = w . x``, ``z = u + b``, ``a = sigma(z)``, ``L`` (log loss).
    Local derivatives: ``dL_da = -y/a + (1 - y)/(1 - a)``, ``da_dz = a (1 - a)``;
    ``dz/du = dz/db = 1`` and ``du/dw_k = x_k``. Gradients: ``dL_dz`` (their
    product, ``a - y``), ``dL_du = dL_db = dL_dz``, ``dL_dw = (a - y) x``.
    """

    x: object
    y: float
    w: object
    b: float
    u: float
    z: float
    a: float
    L: float
    dL_da: float
    da_dz: float
    dL_dz: float
    dL_du: float
    dL_db: float
    dL_dw: object

    def __repr__(self) -> str:
        f = _number
        return (
            f"Graph(one example, y = {f(self.y)}: z = {f(self.z)}, a = {f(self.a)}, "
            f"L = {f(self.L)}; dL/dz = a - y = {f(self.dL_dz)}, dL/db = {f(self.dL_db)})"
        )

    def pixels(self, count: int = 3) -> list[int]:
        """The ``count`` pixels (0-based columns) that add most to ``u``:
        largest ``|w_k x_k|``, then brightest ``x_k``, then first."""
        order = sorted(
            range(len(self.x)), key=lambda k: (-abs(self.w[k] * self.x[k]), -self.x[k], k)
        )
        return order[:count]

    def table(self, pixels: int = 3, digits: int = 6) -> Table:
        """Every node and derivative with its formula and value; the weights
        of the ``pixels`` pixels that add most to ``u`` (pixels counted from 1)."""

        def f(v):
            return _number(v, digits)

        rows = [
            ("y", "the label: 1 for a 9, 0 otherwise", f(self.y)),
            ("u", f"w . x = w_1 x_1 + ... + w_{len(self.x)} x_{len(self.x)}", f(self.u)),
            ("z", "u + b", f(self.z)),
            ("a", "sigma(z) = 1 / (1 + e^(-z))", f(self.a)),
            ("L", "-(y log a + (1 - y) log(1 - a))", f(self.L)),
            ("dL/da", "-y/a + (1 - y)/(1 - a)", f(self.dL_da)),
            ("da/dz", "a (1 - a)", f(self.da_dz)),
            ("dL/dz", "dL/da * da/dz = a - y", f(self.dL_dz)),
            ("dL/du", "dL/dz * dz/du = dL/dz * 1", f(self.dL_du)),
            ("dL/db", "dL/dz * dz/db = dL/dz * 1", f(self.dL_db)),
        ]
        for k in self.pixels(pixels):
            rows.append(
                (
                    f"dL/dw_{k + 1}",
                    f"dL/du * x_{k + 1} = {f(self.dL_du)} * {f(self.x[k])}",
                    f(self.dL_dw[k]),
                )
            )
        return Table(
            ("quantity", "formula", "value"),
            rows,
            "One unit, one example: forward values, then the chain rule backward",
        )


def forward_graph(w, b, x, y) -> Graph:
    """Forward and backward through one unit for ONE example ``x`` (shape
    ``(n,)``) with label ``y`` (1 for a 9, 0 otherwise).

    >>> import numpy as np
    >>> g = forward_graph(np.zeros(3), 0.0, [1.0, 0.5, 0.0], 1.0)
    >>> g.z, g.a, round(g.L, 9), g.dL_da, g.da_dz, g.dL_dz
    (0.0, 0.5, 0.693147181, -2.0, 0.25, -0.5)
    >>> g.dL_dw.tolist()
    [-0.5, -0.25, -0.0]
    """
    import numpy as np

    x = _vector(x, "x")
    w = _vector(w, "w", len(x))
    b = finite_number(b, "b")
    y = finite_number(y, "y")
    if not 0 <= y <= 1:
        raise ValueError(f"y: {y} is not allowed; expected a value from 0 to 1 (1 for a 9)")
    u = float(w @ x)
    z = u + b
    a = float(sigmoid(z))
    L = float(_losses(z, y))
    with np.errstate(divide="ignore", invalid="ignore"):
        # -y/a + (1 - y)/(1 - a); a term whose factor is 0 is 0 even when a is 0 or 1.
        dL_da = float(
            (-y / np.float64(a) if y else 0.0) + ((1 - y) / np.float64(1 - a) if y != 1 else 0.0)
        )
    da_dz = a * (1 - a)
    dL_dz = a - y  # dL/da * da/dz, simplified (see chain_rule_for_one_unit)
    dL_dw = _read_only(dL_dz * x)
    return Graph(
        _read_only(x.copy()),
        y,
        _read_only(w.copy()),
        b,
        u,
        z,
        a,
        L,
        dL_da,
        da_dz,
        dL_dz,
        dL_dz,
        dL_dz,
        dL_dw,
    )


@dataclass(frozen=True)
class Derivation:
    """``dL/dz = dL/da * da/dz`` worked out by sympy, as text and LaTeX."""

    dL_da: str
    sigma_prime: str
    da_dz: str
    product: str
    simplified: str
    latex: str

    def __repr__(self) -> str:
        return (
            f"dL/da = {self.dL_da}\n"
            f"da/dz = {self.sigma_prime} = {self.da_dz}\n"
            f"dL/dz = dL/da * da/dz = {self.product}\n"
            f"      = {self.simplified}"
        )

    def _repr_latex_(self) -> str:
        return self.latex


def chain_rule_for_one_unit() -> Derivation:
    """sympy differentiates the log loss by ``a`` and the sigmoid by ``z``
    (confirming ``sigma'(z) = a (1 - a)`` with ``a = sigma(z)``) and
    simplifies their product: ``dL/dz = a - y``.

    >>> chain_rule_for_one_unit().simplified
    'a - y'
    """
    import sympy as sp

    a, y, z = sp.symbols("a y z")
    loss = -(y * sp.log(a) + (1 - y) * sp.log(1 - a))
    sigma = 1 / (1 + sp.exp(-z))
    dL_da = sp.diff(loss, a)
    sigma_prime = sp.diff(sigma, z)
    da_dz = a * (1 - a)  # sigma' written in a = sigma(z)
    if sp.simplify(sigma_prime - da_dz.subs(a, sigma)) != 0:
        raise RuntimeError("sympy could not confirm that sigma'(z) = sigma(z) (1 - sigma(z))")
    product = dL_da * da_dz
    simplified = sp.factor(sp.simplify(product))
    latex = (
        r"$\displaystyle \frac{\partial L}{\partial a} = "
        + sp.latex(dL_da)
        + r",\quad \frac{\partial a}{\partial z} = "
        + sp.latex(sigma_prime)
        + " = "
        + sp.latex(da_dz)
        + r",\quad \frac{\partial L}{\partial z} = "
        + r"\frac{\partial L}{\partial a}\,\frac{\partial a}{\partial z} = "
        + sp.latex(simplified)
        + "$"
    )
    return Derivation(
        str(dL_da), str(sigma_prime), str(da_dz), str(product), str(simplified), latex
    )


# -- all m examples at once -------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Gradients:
    """The mean loss over ``m`` examples and its gradient: ``dw`` (shape
    ``(n,)``) and ``db``."""

    dw: object
    db: float
    loss: float
    m: int

    def __repr__(self) -> str:
        k = int(abs(self.dw).argmax())
        return (
            f"Gradients(m = {self.m} examples, n = {len(self.dw)} weights: "
            f"loss = {_number(self.loss, 9)}, db = {_number(self.db, 9)}, "
            f"largest |dw_k| is dw_{k + 1} = {_number(self.dw[k], 9)})"
        )


def gradients(w, b, X, y) -> Gradients:
    r"""The gradient of the mean log loss over the rows of ``X``, vectorised:
    ``a = sigma(X w + b)``, ``dw = X^T (a - y) / m``, ``db = mean(a - y)``.

    ``X`` is ``(m, n)``, ``a - y`` is ``(m,)``, so ``X^T (a - y)`` is ``(n,)``:
    for each pixel, the sum over the examples of ``(a - y) x_k``.

    >>> import numpy as np
    >>> g = gradients(np.zeros(2), 0.0, [[1.0, 0.0], [0.0, 1.0]], [1.0, 0.0])
    >>> g.dw.tolist(), g.db
    ([-0.25, 0.25], 0.0)
    """
    w, b, X, y = _unit(w, b, X, y)
    z = X @ w + b
    r = sigmoid(z) - y
    m = X.shape[0]
    return Gradients(_read_only(X.T @ r / m), float(r.mean()), float(_losses(z, y).mean()), m)


def gradients_by_loop(w, b, X, y) -> Gradients:
    """The same gradient the slow way: one :func:`forward_graph` per example,
    then the mean of their ``dL/dw`` and ``dL/db`` (a check on :func:`gradients`)."""
    import numpy as np

    w, b, X, y = _unit(w, b, X, y)
    dw, db, loss = np.zeros(X.shape[1]), 0.0, 0.0
    for x_i, y_i in zip(X, y):
        g = forward_graph(w, b, x_i, float(y_i))
        dw += g.dL_dw
        db += g.dL_db
        loss += g.L
    m = X.shape[0]
    return Gradients(_read_only(dw / m), db / m, loss / m, m)


def finite_differences(w, b, X, y, h: float = 1e-6) -> Gradients:
    """The gradient by central differences of :func:`log_loss`, one
    parameter at a time: ``(L(p + h) - L(p - h)) / 2h``; no calculus involved."""
    import numpy as np

    w, b, X, y = _unit(w, b, X, y)
    h = positive_number(h, "h")

    def loss(w_, b_):
        return float(_losses(X @ w_ + b_, y).mean())

    dw = np.empty_like(w)
    for k in range(len(w)):
        step = np.zeros_like(w)
        step[k] = h
        dw[k] = (loss(w + step, b) - loss(w - step, b)) / (2 * h)
    db = (loss(w, b + h) - loss(w, b - h)) / (2 * h)
    return Gradients(_read_only(dw), db, loss(w, b), X.shape[0])


def _bound(difference: float, bounds=(1e-12, 1e-8, 1e-4)) -> str:
    for bound in bounds:
        if difference < bound:
            return f"< {bound:.0e}".replace("e-0", "e-")
    return f"{difference:.1e}"


def gradient_check(w, b, X, y) -> Table:
    """The vectorised gradient against a loop over the examples and against
    finite differences: the largest difference over ``dw`` and ``db``."""
    fast = gradients(w, b, X, y)
    rows = []
    for label, other in (
        (f"a loop over the {fast.m} examples, one graph each", gradients_by_loop(w, b, X, y)),
        ("central finite differences of the loss, h = 1e-6", finite_differences(w, b, X, y)),
    ):
        difference = max(float(abs(fast.dw - other.dw).max()), abs(fast.db - other.db))
        rows.append((label, _bound(difference)))
    return Table(
        ("computed by", "largest difference from X^T (a - y) / m and mean(a - y)"),
        rows,
        f"The vectorised gradient (all {len(fast.dw)} weights and the bias), checked twice",
    )


# -- training -----------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class TrainedUnit:
    """The result of :func:`train`: the final ``w`` and ``b``, and the mean
    log loss on the training and the test split after each epoch
    (``train_loss[0]`` is before the first update)."""

    w: object
    b: float
    learning_rate: float
    epochs: int
    train_loss: tuple[float, ...]
    test_loss: tuple[float, ...]

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
        if isinstance(every, bool) or not isinstance(every, numbers.Integral) or every < 1:
            raise ValueError(f"every: {every!r} is not allowed; expected a whole number from 1")
        marks = list(range(0, self.epochs + 1, every))
        if marks[-1] != self.epochs:
            marks.append(self.epochs)
        rows = [(str(e), f"{self.train_loss[e]:.6f}", f"{self.test_loss[e]:.6f}") for e in marks]
        return Table(
            ("epoch", "training loss", "test loss"),
            rows,
            f"Mean log loss, learning rate {self.learning_rate:g}",
        )


def _check_epochs(epochs) -> int:
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral):
        raise TypeError(f"epochs: expected a whole number from 1 to {MAX_EPOCHS}, got {epochs!r}")
    if not 1 <= epochs <= MAX_EPOCHS:
        raise ValueError(
            f"epochs: {epochs} is not allowed; expected a whole number from 1 to {MAX_EPOCHS}"
        )
    return int(epochs)


def _check_learning_rate(learning_rate) -> float:
    rate = finite_number(learning_rate, "learning_rate")
    if not 0 < rate <= MAX_LEARNING_RATE:
        raise ValueError(
            f"learning_rate: {rate:g} is not allowed; expected a number above 0 "
            f"and at most {MAX_LEARNING_RATE:g}"
        )
    return rate


def train(
    data: Digits, learning_rate: float = LEARNING_RATE, epochs: int = EPOCHS, progress=None
) -> TrainedUnit:
    """Full-batch gradient descent on the training split, from ``w = 0``,
    ``b = 0``: each epoch computes the gradient over all training examples
    and steps against it, ``w <- w - learning_rate * dw``, ``b <- b -
    learning_rate * db``. Nothing is random: the same arguments give the
    same unit. ``progress(done, epochs)``, if given, is called about a
    hundred times along the way (for a progress bar).

    >>> trained = train(load_nines(), epochs=10)
    >>> len(trained.train_loss), round(trained.train_loss[0], 9)
    (11, 0.693147181)
    """
    import numpy as np

    if not isinstance(data, Digits):
        raise TypeError(f"data: expected the Digits from load_nines(), got {type(data).__name__}")
    rate = _check_learning_rate(learning_rate)
    epochs = _check_epochs(epochs)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress: expected a function progress(done, epochs), got {progress!r}")
    X, y, X_test, y_test = data.X_train, data.y_train, data.X_test, data.y_test
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    train_loss, test_loss = [], []
    chunk = max(1, epochs // 100)
    for epoch in range(epochs + 1):
        z = X @ w + b
        train_loss.append(float(_losses(z, y).mean()))
        test_loss.append(float(_losses(X_test @ w + b, y_test).mean()))
        if epoch == epochs:
            break
        r = sigmoid(z) - y  # dL/dz = a - y for every example, (m,); as in gradients()
        w = w - rate * (X.T @ r) / m
        b = b - rate * float(r.mean())
        done = epoch + 1
        if progress is not None and (done % chunk == 0 or done == epochs):
            progress(done, epochs)
    return TrainedUnit(_read_only(w), b, rate, epochs, tuple(train_loss), tuple(test_loss))


# -- how good is it? ------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Metrics:
    """Counts of a "9 or not 9" classifier on ``m`` examples: true positives
    (a 9 called 9), false positives (another digit called 9), false negatives
    (a 9 missed), true negatives; and the rates computed from them."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def m(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def correct(self) -> int:
        return self.tp + self.tn

    @property
    def accuracy(self) -> float:
        """Share of all examples classified right."""
        return self.correct / self.m

    @property
    def precision(self) -> float:
        """Of the pictures called 9, the share that are 9 (0 if none was called 9)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Of the nines, the share called 9 (0 if there are no nines)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def __repr__(self) -> str:
        return (
            f"Metrics(accuracy {_percent(self.accuracy)} ({self.correct} of {self.m}), "
            f"precision {_percent(self.precision)}, recall {_percent(self.recall)}; "
            f"TP {self.tp}, FP {self.fp}, FN {self.fn}, TN {self.tn})"
        )

    def table(self) -> Table:
        """The confusion counts: what each picture is (rows) against what
        the classifier said (columns)."""
        rows = [
            ("is a 9", f"TP = {self.tp}", f"FN = {self.fn}"),
            ("is another digit", f"FP = {self.fp}", f"TN = {self.tn}"),
        ]
        return Table(("", "called 9", "called not 9"), rows, f"Confusion counts, m = {self.m}")

    def rates(self) -> Table:
        """Accuracy, precision and recall with their formulas and counts."""
        rows = [
            (
                "accuracy",
                "(TP + TN) / m",
                f"{self.correct} / {self.m}",
                _percent(self.accuracy),
            ),
            (
                "precision",
                "TP / (TP + FP)",
                f"{self.tp} / {self.tp + self.fp}",
                _percent(self.precision),
            ),
            ("recall", "TP / (TP + FN)", f"{self.tp} / {self.tp + self.fn}", _percent(self.recall)),
        ]
        return Table(("rate", "formula", "counts", "value"), rows, f"Rates on m = {self.m}")


def metrics(y_true, y_pred) -> Metrics:
    """Confusion counts of predictions ``y_pred`` against labels ``y_true``
    (both 0/1 arrays of the same length), counted by hand.

    >>> metrics([1, 1, 0, 0, 0], [1, 0, 1, 0, 0])
    Metrics(accuracy 60.0 % (3 of 5), precision 50.0 %, recall 50.0 %; TP 1, FP 1, FN 1, TN 2)
    """
    import numpy as np

    t = _vector(y_true, "y_true")
    p = _vector(y_pred, "y_pred", len(t))
    for field, values in (("y_true", t), ("y_pred", p)):
        bad = ~np.isin(values, (0.0, 1.0))
        if bad.any():
            k = int(bad.argmax())
            raise ValueError(f"{field}: {values[k]} at [{k}] is not allowed; expected 0 or 1")
    if len(t) == 0:
        raise ValueError("y_true: empty; expected at least one example")
    t, p = t == 1, p == 1
    return Metrics(
        int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum()), int((~t & ~p).sum())
    )


def evaluate(trained: TrainedUnit, data: Digits) -> Metrics:
    """The trained unit's metrics on the held-out test split (threshold 0.5)."""
    return metrics(data.y_test, trained.predict(data.X_test))


@dataclass(frozen=True, repr=False)
class Comparison:
    """The unit and scikit-learn's ``LogisticRegression`` on the same test split."""

    unit: Metrics
    sklearn: Metrics
    C: float

    @property
    def difference(self) -> float:
        """Unit's accuracy minus scikit-learn's, in percentage points."""
        return 100 * (self.unit.accuracy - self.sklearn.accuracy)

    def __repr__(self) -> str:
        return (
            f"Comparison(test accuracy: this unit {_percent(self.unit.accuracy)}, "
            f"scikit-learn LogisticRegression(C={self.C:g}) {_percent(self.sklearn.accuracy)}; "
            f"difference {self.difference:+.1f} points)"
        )

    def table(self) -> Table:
        rows = [
            (
                name,
                f"{s.correct} of {s.m}",
                _percent(s.accuracy),
                _percent(s.precision),
                _percent(s.recall),
            )
            for name, s in (
                ("this unit (gradient descent)", self.unit),
                (f"scikit-learn LogisticRegression(C={self.C:g})", self.sklearn),
            )
        ]
        return Table(
            ("model", "right", "accuracy", "precision", "recall"),
            rows,
            "The same test pictures, two ways of fitting the same model",
        )


def compare_with_sklearn(
    data: Digits, trained: TrainedUnit | None = None, C: float = SKLEARN_C
) -> Comparison:
    """Fit ``sklearn.linear_model.LogisticRegression`` on the same training
    split and score both on the same test split.

    scikit-learn fits the same model (a sigmoid of ``X w + b``, log loss) but
    solves it with L-BFGS to the optimum, adding an L2 penalty ``|w|^2 / 2C``
    (default ``C = 1``). Our gradient descent has no penalty and stops after
    a fixed number of epochs, which keeps the weights small in a similar way.
    ``trained`` defaults to :func:`train` with the lesson's settings.
    """
    from sklearn.linear_model import LogisticRegression

    if not isinstance(data, Digits):
        raise TypeError(f"data: expected the Digits from load_nines(), got {type(data).__name__}")
    C = positive_number(C, "C")
    if trained is None:
        trained = train(data)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(data.X_train, data.y_train)
    return Comparison(evaluate(trained, data), metrics(data.y_test, model.predict(data.X_test)), C)


def learning_rate_table(
    data: Digits, rates=(0.1, 0.5, LEARNING_RATE, 4.0), epochs: int = EPOCHS
) -> Table:
    """Train once per learning rate: the final training loss, the test
    accuracy, and in how many epochs the training loss went up."""
    rows = []
    for rate in rates:
        trained = train(data, rate, epochs)
        rises = sum(
            after > before for before, after in zip(trained.train_loss, trained.train_loss[1:])
        )
        rows.append(
            (
                f"{trained.learning_rate:g}",
                f"{trained.train_loss[-1]:.6f}",
                _percent(evaluate(trained, data).accuracy),
                str(rises),
            )
        )
    return Table(
        (
            "learning rate",
            "training loss at the end",
            "test accuracy",
            "epochs where the loss rose",
        ),
        rows,
        f"{epochs} epochs from w = 0, b = 0 at several learning rates",
    )


def misclassified(trained: TrainedUnit, data: Digits) -> list[int]:
    """Rows of the test split the unit gets wrong, most confident mistakes first."""
    import numpy as np

    p = trained.probabilities(data.X_test)
    wrong = np.flatnonzero((p >= THRESHOLD) != (data.y_test == 1))
    confidence = np.abs(p[wrong] - THRESHOLD)
    return [int(k) for k in wrong[np.lexsort((wrong, -confidence))]]


def misclassified_table(trained: TrainedUnit, data: Digits) -> Table:
    """Every test picture the unit gets wrong: what it shows, the unit's
    probability of a 9, and what the unit said."""
    p = trained.probabilities(data.X_test)
    rows = [
        (
            str(k),
            str(int(data.index_test[k])),
            str(int(data.digits_test[k])),
            f"{p[k]:.3f}",
            "9" if p[k] >= THRESHOLD else "not 9",
        )
        for k in misclassified(trained, data)
    ]
    return Table(
        ("test row", "load_digits index", "digit", "a = P(9)", "unit says"),
        rows,
        f"The {len(rows)} test pictures the unit gets wrong (of {len(data.y_test)})",
    )


# -- pictures -------------------------------------------------------------------------


def _digit_axes(ax, image, title: str, color: str = INK, frame: str | None = None) -> None:
    ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9, color=color)
    for spine in ax.spines.values():
        spine.set_edgecolor(frame or LOCAL)
        spine.set_linewidth(2.5 if frame else 0.8)


def plot_examples(data: Digits, count: int = 24):
    """The first ``count`` training pictures, nines framed."""
    from .drawing import figure

    if isinstance(count, bool) or not isinstance(count, numbers.Integral) or not 1 <= count <= 60:
        raise ValueError(f"count: {count!r} is not allowed; expected a whole number from 1 to 60")
    columns = min(count, 12)
    rows = math.ceil(count / columns)
    fig = figure(columns * 0.85, rows * 1.05 + 0.4)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for k, ax in enumerate(axes):
        if k >= count:
            ax.set_axis_off()
            continue
        nine = data.y_train[k] == 1
        _digit_axes(
            ax,
            data.X_train[k],
            f"{int(data.digits_train[k])}" + (" (y = 1)" if nine else ""),
            GRADIENT if nine else INK,
            GRADIENT if nine else None,
        )
    fig.suptitle(f"The first {count} training pictures (8 x 8 pixels); nines framed", fontsize=10)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.85, wspace=0.15, hspace=0.45)
    return fig


def plot_loss(trained: TrainedUnit):
    """Training and test loss after each epoch (log scale)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    from .drawing import figure

    fig = figure(8, 3.6)
    ax = fig.subplots()
    epochs = range(trained.epochs + 1)
    ax.plot(epochs, trained.train_loss, color=FORWARD, label="training split")
    ax.plot(epochs, trained.test_loss, color=GRADIENT, linestyle="--", label="test split")
    for values, color in ((trained.train_loss, FORWARD), (trained.test_loss, GRADIENT)):
        ax.annotate(
            f"{values[-1]:.4f}",
            (trained.epochs, values[-1]),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=color,
        )
    ax.set_yscale("log")
    low = min(min(trained.train_loss), min(trained.test_loss))
    high = max(max(trained.train_loss), max(trained.test_loss))
    ticks = (0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 2, 5)
    ax.set_yticks([t for t in ticks if low * 0.9 <= t <= high * 1.1] or [low, high])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("epoch (one gradient step over all training pictures)")
    ax.set_ylabel("mean log loss (log scale)")
    ax.set_title(f"Log loss while training, learning rate {trained.learning_rate:g}")
    ax.legend()
    fig.subplots_adjust(left=0.12, right=0.9, bottom=0.15, top=0.9)
    return fig


def plot_misclassified(trained: TrainedUnit, data: Digits, limit: int = 12):
    """The test pictures the unit gets wrong (most confident first): the
    digit, what the unit said, and its probability of a 9."""
    from .drawing import figure

    rows_ = misclassified(trained, data)[:limit]
    p = trained.probabilities(data.X_test)
    count = max(1, len(rows_))
    columns = min(count, 6)
    rows = math.ceil(count / columns)
    fig = figure(columns * 1.6, rows * 1.9 + 0.3)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[len(rows_) :]:
        ax.set_axis_off()
    for ax, k in zip(axes, rows_):
        said = "9" if p[k] >= THRESHOLD else "not 9"
        _digit_axes(
            ax,
            data.X_test[k],
            f"a {int(data.digits_test[k])}, said {said}\nP(9) = {p[k]:.3f}",
            GRADIENT,
            GRADIENT,
        )
    fig.suptitle(
        f"Test pictures the unit gets wrong ({len(rows_)} shown)"
        if rows_
        else "The unit gets every test picture right",
        fontsize=10,
    )
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.78, wspace=0.2, hspace=0.6)
    return fig


def plot_weights(trained: TrainedUnit, data: Digits):
    """What the unit looks for: the average 9, the average other digit, and
    the 64 weights as an 8 x 8 picture (red pushes towards 9, blue away)."""
    from .drawing import figure

    fig = figure(10, 3.4)
    left, middle, right = fig.subplots(1, 3)
    nines = data.y_train == 1
    _digit_axes(left, data.X_train[nines].mean(axis=0), "the average 9 (training)")
    _digit_axes(middle, data.X_train[~nines].mean(axis=0), "the average other digit")
    limit = float(abs(trained.w).max()) or 1.0
    image = right.imshow(
        trained.w.reshape(8, 8), cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest"
    )
    right.set_xticks([])
    right.set_yticks([])
    right.set_title(f"the weights w (b = {trained.b:.2f})", fontsize=9)
    bar = fig.colorbar(image, ax=right, fraction=0.046, pad=0.04)
    bar.ax.tick_params(labelsize=8)
    bar.set_label("weight: red says 9, blue says not 9", fontsize=8)
    fig.subplots_adjust(left=0.02, right=0.93, bottom=0.05, top=0.88, wspace=0.15)
    return fig


def draw_graph(graph: Graph, pixels: int = 3, title: str | None = None):
    """The computational graph of one unit for one example: the picture,
    ``pixels`` of its 64 inputs with their weights, the nodes ``w . x``,
    ``+ b``, ``sigma`` and the log loss; forward values (blue) above the
    arrows, gradients (vermillion) below them, local derivatives (grey)
    under the nodes. Texts are kept in ``fig.mazur_texts`` (a dict)."""
    from matplotlib.patches import FancyBboxPatch, Rectangle
    from matplotlib.patheffects import withStroke

    from .drawing import figure

    W, H = 16.0, 5.2
    fig = figure(W, H)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, W)
    ax.set_ylim(0, H)
    ax.set_axis_off()
    texts = {}

    def f(v):
        return _number(v, 4)

    def box(x, y, width, height, color=INK, fill="white"):
        ax.add_patch(
            FancyBboxPatch(
                (x - width / 2, y - height / 2),
                width,
                height,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor=fill,
                edgecolor=color,
                linewidth=1.4,
            )
        )

    def text(key, x, y, s, color=INK, size=11.5, **kw):
        kw.setdefault("ha", "center")
        kw.setdefault("va", "center")
        texts[key] = ax.text(x, y, s, color=color, fontsize=size, **kw)

    def arrow(x0, y0, x1, y1, color=INK):
        ax.annotate(
            "",
            (x1, y1),
            (x0, y0),
            arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.3, "shrinkA": 0, "shrinkB": 0},
        )

    chosen = graph.pixels(pixels)
    n = len(graph.x)

    # The picture, its chosen pixels outlined.
    if n == 64:
        image_ax = fig.add_axes((0.01, 0.28, 0.1, 0.34))
        image_ax.imshow(
            graph.x.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest"
        )
        image_ax.set_xticks([])
        image_ax.set_yticks([])
        image_ax.set_title(f"the picture, y = {graph.y:g}", fontsize=9)
        for k in chosen:
            r, c = divmod(k, 8)
            image_ax.add_patch(
                Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor=PIXEL, linewidth=2.2)
            )
            image_ax.text(
                c,
                r,
                str(k + 1),
                color="white",
                fontsize=7,
                fontweight="bold",
                ha="center",
                va="center",
                path_effects=[withStroke(linewidth=2, foreground=INK)],
            )

    # Inputs: one box per chosen pixel, its weight and its gradient.
    y_mid = 3.0
    x_in, x_dot, x_plus, x_sig, x_loss = 3.1, 5.6, 8.3, 11.0, 13.7
    half = 0.4  # half the width of a node's box
    spacing = 1.15
    ys = [y_mid + spacing * (len(chosen) - 1) / 2 - spacing * i for i in range(len(chosen))]
    for k, y in zip(chosen, ys):
        box(x_in, y, 2.3, 0.95)
        text(f"x_{k + 1}", x_in, y + 0.27, rf"$x_{{{k + 1}}}$ = {f(graph.x[k])}", FORWARD)
        text(f"w_{k + 1}", x_in, y + 0.02, rf"$w_{{{k + 1}}}$ = {f(graph.w[k])}", FORWARD)
        text(
            f"dL/dw_{k + 1}",
            x_in,
            y - 0.27,
            rf"$\partial L/\partial w_{{{k + 1}}}$ = {f(graph.dL_dw[k])}",
            GRADIENT,
        )
        arrow(x_in + 1.15, y, x_dot - half, y_mid + 0.12 * (y - y_mid) / spacing)
    if n > len(chosen):
        text(
            "more",
            x_in,
            ys[-1] - 0.85,
            f"... and {n - len(chosen)} more pixels, each with its weight",
            LOCAL,
            10.5,
        )

    # The nodes.
    for x, label in ((x_dot, r"$w\cdot x$"), (x_plus, r"$+\,b$"), (x_sig, r"$\sigma$")):
        box(x, y_mid, 2 * half, 0.6)
        text(f"node:{label}", x, y_mid, label, INK, 15)
    box(x_loss, y_mid, 2 * half, 0.6)
    text("node:L", x_loss, y_mid, r"$L$", INK, 15)

    # Edges between nodes: forward value above, gradient below.
    def edge(x0, x1, key, forward, backward):
        arrow(x0 + half, y_mid, x1 - half, y_mid)
        middle = (x0 + x1) / 2
        text(key, middle, y_mid + 0.3, forward, FORWARD, 12)
        text("d" + key, middle, y_mid - 0.32, backward, GRADIENT, 12)

    edge(x_dot, x_plus, "u", f"u = {f(graph.u)}", rf"$\partial L/\partial u$ = {f(graph.dL_du)}")
    edge(x_plus, x_sig, "z", f"z = {f(graph.z)}", rf"$\partial L/\partial z$ = {f(graph.dL_dz)}")
    edge(x_sig, x_loss, "a", f"a = {f(graph.a)}", rf"$\partial L/\partial a$ = {f(graph.dL_da)}")
    arrow(x_loss + half, y_mid, x_loss + 2.0, y_mid)
    text("L", x_loss + 1.2, y_mid + 0.3, f"L = {f(graph.L)}", FORWARD, 12)
    text("dL", x_loss + 1.2, y_mid - 0.32, r"$\partial L/\partial L$ = 1", GRADIENT, 12)

    # The bias into +b, the label into L.
    box(x_plus, 1.0, 1.9, 0.75)
    text("b", x_plus, 1.15, f"b = {f(graph.b)}", FORWARD)
    text("dL/db", x_plus, 0.85, rf"$\partial L/\partial b$ = {f(graph.dL_db)}", GRADIENT)
    arrow(x_plus, 1.375, x_plus, y_mid - 0.3)
    box(x_loss, 1.0, 1.2, 0.5)
    text("y", x_loss, 1.0, f"y = {f(graph.y)}", INK)
    arrow(x_loss, 1.25, x_loss, y_mid - 0.3)

    # Local derivatives, grey, over the nodes.
    local = 11
    text("local:dot", x_dot, y_mid + 0.75, r"$\partial u/\partial w_k = x_k$", LOCAL, local)
    text(
        "local:plus",
        x_plus,
        y_mid + 0.75,
        r"$\partial z/\partial u = \partial z/\partial b = 1$",
        LOCAL,
        local,
    )
    text(
        "local:sigma",
        x_sig,
        y_mid + 0.75,
        rf"$\partial a/\partial z = a(1-a)$ = {f(graph.da_dz)}",
        LOCAL,
        local,
    )
    text(
        "local:loss",
        x_loss,
        y_mid + 0.75,
        r"$\partial L/\partial a = -\frac{y}{a} + \frac{1-y}{1-a}$",
        LOCAL,
        local,
    )
    text(
        "title",
        W / 2,
        H - 0.3,
        title
        or "One unit, one example: forward values above the arrows (blue), "
        "gradients below (vermillion), local derivatives in grey",
        INK,
        12.5,
    )
    text(
        "caption",
        W / 2,
        0.25,
        r"$\partial L/\partial z = \partial L/\partial a \cdot \partial a/\partial z = a - y$"
        rf" = {f(graph.dL_dz)};  "
        r"$\partial L/\partial w_k = (a - y)\,x_k$;  $\partial L/\partial b = a - y$",
        INK,
        12,
    )
    fig.mazur_texts = texts
    return fig


# -- the widget -------------------------------------------------------------------------


def settings_from_texts(learning_rate: str, epochs: str) -> tuple[float, int]:
    """The learning rate and the number of epochs from what a student typed
    (never evaluated as code); raises ``TypeError``/``ValueError`` naming the field.

    >>> settings_from_texts("0.5", "200")
    (0.5, 200)
    >>> settings_from_texts("-1", "200")
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: -1 is not allowed; expected a number above 0 and at most 1e+06
    """
    from .inputs import parse_number

    rate = _check_learning_rate(parse_number(learning_rate, "learning_rate"))
    count = parse_number(epochs, "epochs")
    if count != int(count):
        raise ValueError(
            f"epochs: {epochs.strip()} is not allowed; expected a whole number from 1 to "
            f"{MAX_EPOCHS}"
        )
    return rate, _check_epochs(int(count))


class DigitsTrainer:
    """Type a learning rate and a number of epochs, press **Train**: a
    progress bar follows the epochs, then the test accuracy, precision and
    recall and the loss curve show. A value that is not allowed shows a
    message (class ``mazur-message``) and the last result stays on screen.

    ``trainer.box`` is the ipywidgets ``VBox`` (class ``mazur-digits``); the
    trainer shows itself as that box in a notebook.
    """

    def __init__(
        self,
        data: Digits | None = None,
        learning_rate: float = LEARNING_RATE,
        epochs: int = EPOCHS,
    ) -> None:
        import ipywidgets as w

        self.data = data if data is not None else load_nines()
        if not isinstance(self.data, Digits):
            raise TypeError(
                f"data: expected the Digits from load_nines(), got {type(self.data).__name__}"
            )
        rate, epochs = _check_learning_rate(learning_rate), _check_epochs(epochs)
        wide = {"description_width": "initial"}
        self.rate_box = w.Text(
            value=f"{rate:g}", description="learning rate", continuous_update=False, style=wide
        )
        self.epochs_box = w.Text(
            value=str(epochs), description="epochs", continuous_update=False, style=wide
        )
        self.train_button = w.Button(description="Train", button_style="primary")
        self.progress = w.IntProgress(
            min=0, max=epochs, value=0, description="0 epochs", style=wide
        )
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.result = w.HTML("Press <b>Train</b> to train the unit from w = 0, b = 0.")
        self.result.add_class("mazur-digits-result")
        self.image = w.Image(format="png", layout=w.Layout(width="640px"))
        self.errors = w.Output()
        self.trained: TrainedUnit | None = None
        self.scores: Metrics | None = None
        self.train_button.on_click(lambda _: self.run())
        self.box = w.VBox(
            [
                w.HBox([self.rate_box, self.epochs_box, self.train_button]),
                self.progress,
                self.message,
                self.result,
                self.image,
                self.errors,
            ]
        )
        self.box.add_class("mazur-digits")

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)

    def set_text(self, field: str, text: str) -> None:
        """Type ``text`` into the ``"learning_rate"`` or ``"epochs"`` box (tests)."""
        {"learning_rate": self.rate_box, "epochs": self.epochs_box}[field].value = text

    def _show_problem(self, exc: Exception) -> None:
        self.message.value = (
            f"<span style='color:#b00020'>⚠ {html.escape(str(exc))}</span>"
            " <i>(showing the last result)</i>"
        )

    def run(self) -> None:
        """Train with the typed settings (what **Train** does)."""
        from .drawing import figure_to_png

        with self.errors:
            try:
                rate, epochs = settings_from_texts(self.rate_box.value, self.epochs_box.value)
            except (TypeError, ValueError) as exc:
                self._show_problem(exc)
                return
            self.message.value = ""
            self.progress.max = epochs
            self.progress.value = 0
            self.progress.description = "0 epochs"

            def progress(done: int, total: int) -> None:
                self.progress.value = done
                self.progress.description = f"{done} epochs"

            trained = train(self.data, rate, epochs, progress=progress)
            scores = evaluate(trained, self.data)
            self.trained, self.scores = trained, scores
            self.result.value = (
                f"<b>after {epochs} epochs at learning rate {rate:g}</b>: test accuracy "
                f"{_percent(scores.accuracy)} ({scores.correct} of {scores.m}), precision "
                f"{_percent(scores.precision)}, recall {_percent(scores.recall)}; "
                f"training loss {trained.train_loss[-1]:.6f}, test loss "
                f"{trained.test_loss[-1]:.6f}"
            )
            self.image.value = figure_to_png(plot_loss(trained))
