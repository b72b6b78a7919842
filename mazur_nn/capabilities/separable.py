"""What networks can and cannot do (source: "Neural Networks: Everything you
Wanted to Know").

The universal approximation theorem says one hidden layer is enough to
approximate any continuous function *on a given range*. This module shows
both halves of that sentence with the layer API (:mod:`mazur_nn.layers`):

- **can**: points on two circles, one inside the other, are not linearly
  separable. :func:`best_line` tries every straight line that matters and
  still gets about two thirds right; a network with one hidden layer of a
  few ``tanh`` neurons (:func:`one_hidden_layer`) bends its boundary round
  the inner circle and gets nearly all of them (:func:`compare_classifiers`).
- the activations that make the bends, their derivatives derived by sympy
  (:func:`activation_formulas`) and drawn (:func:`activation_gallery`);
- **cannot**: a network trained on ``x * y`` for points in ``[0, 1]^2``
  (:func:`fit_product`) is close there and hopeless at ``(10, 10)``: its
  ``tanh`` neurons saturate, so its output can never pass a bound
  (:func:`output_bound`). It learned the function on a range, not
  multiplication (:func:`extrapolation_table`, :func:`diagonal_plot`).

Examples are columns, as in the layer API: ``X`` has shape ``(2, m)``,
labels and targets ``(1, m)``. Everything is seeded, so the same call gives
the same numbers. numpy, sympy, matplotlib and scikit-learn are imported
inside the functions. The trainings (about a second each) are cached.

Example
-------
>>> points = circles(100, seed=0)
>>> points
Points(100 on two circles: 50 inner (label 1), 50 outer (label 0))
>>> best_line(points).accuracy  # no straight line does better
0.68
>>> fit = fit_product()
>>> round(float(fit.predict([[0.5], [0.5]])[0, 0]), 2), float(fit.predict([[10], [10]])[0, 0]) < 10
(0.25, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .validation import finite_number, positive_number

MAX_POINTS = 1000
MAX_HIDDEN = 256
GALLERY = ("sigmoid", "tanh", "relu", "linear")
SATURATED = 0.99  # |tanh(net)| above this: the neuron is saturated
# Where the x*y network is tried: inside its training square, then far outside.
PRODUCT_POINTS = ((0.5, 0.5), (0.2, 0.9), (1.0, 1.0), (2.0, 3.0), (5.0, 5.0), (10.0, 10.0))


# -- checks ------------------------------------------------------------------------


def _whole(value, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{field}: expected a whole number from {low} to {high}, got {value!r}")
    return value


def _seed(value, field: str = "seed") -> int:
    return _whole(value, field, 0, 2**31 - 2)  # seed + 1 is used too


def _columns(values, field: str = "points"):
    """A finite float array of shape ``(2, k)``: one point per column."""
    import numpy as np

    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected numbers, got {values!r}") from None
    if array.ndim != 2 or array.shape[0] != 2 or array.shape[1] < 1:
        raise ValueError(
            f"{field}: expected shape (2, k), one point (x, y) per column, got {array.shape}"
        )
    if not np.isfinite(array).all():
        raise ValueError(f"{field}: NaN or infinite values are not allowed")
    return array


def _pairs(values, field: str = "points"):
    """``(x, y)`` pairs (a list of them) as a ``(2, k)`` array."""
    import numpy as np

    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected (x, y) pairs of numbers, got {values!r}") from None
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] < 1:
        raise ValueError(f"{field}: expected a list of (x, y) pairs, got shape {array.shape}")
    return _columns(array.T, field)


def _range(low, high) -> tuple[float, float]:
    low, high = finite_number(low, "low"), finite_number(high, "high")
    if not low < high:
        raise ValueError(f"high: expected a number greater than low = {low}, got {high}")
    return low, high


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.1f} %"


def _signed(value: float) -> str:
    """``+ 0.4025`` or ``- 0.4025``, to follow another term."""
    return f"{'-' if value < 0 else '+'} {abs(value):.4f}"


def _decimals(value: float, digits: int = 4) -> str:
    text = f"{value:.{digits}f}"
    return "0." + "0" * digits if text == "-0." + "0" * digits else text


# -- data that no straight line separates ------------------------------------------


@dataclass(frozen=True, eq=False)
class Points:
    """Labelled points: ``X`` of shape ``(2, m)``, ``labels`` of shape
    ``(1, m)`` with values 0 or 1."""

    X: object
    labels: object
    name: str = "points"

    def __post_init__(self) -> None:
        import numpy as np

        X = _columns(self.X, "X")
        labels = np.array(self.labels, dtype=float).reshape(1, -1)
        if labels.shape[1] != X.shape[1]:
            raise ValueError(
                f"labels: expected {X.shape[1]} labels (one per column of X), got {labels.shape[1]}"
            )
        if not np.isin(labels, (0.0, 1.0)).all():
            raise ValueError("labels: expected 0 or 1 only")
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "labels", labels)

    @property
    def m(self) -> int:
        return self.X.shape[1]

    def __repr__(self) -> str:
        ones = int(self.labels.sum())
        return (
            f"Points({self.m} on two circles: {ones} inner (label 1), "
            f"{self.m - ones} outer (label 0))"
            if self.name == "circles"
            else f"Points({self.m} {self.name}: {ones} with label 1, {self.m - ones} with label 0)"
        )


def circles(m: int = 100, seed: int = 0, noise: float = 0.1, factor: float = 0.5) -> Points:
    """``m`` points on two noisy circles (scikit-learn's ``make_circles``):
    the inner one (radius ``factor``) labelled 1, the outer one (radius 1)
    labelled 0. No straight line separates them.

    >>> points = circles(6, seed=1)
    >>> points.X.shape, points.labels.tolist()
    ((2, 6), [[0.0, 0.0, 1.0, 0.0, 1.0, 1.0]])
    """
    from sklearn.datasets import make_circles

    m, seed = _whole(m, "m", 4, MAX_POINTS), _seed(seed)
    noise = finite_number(noise, "noise")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise: expected a number from 0 to 1, got {noise}")
    factor = finite_number(factor, "factor")
    if not 0.0 < factor < 1.0:
        raise ValueError(f"factor: expected a number between 0 and 1 (exclusive), got {factor}")
    X, y = make_circles(n_samples=m, noise=noise, factor=factor, random_state=seed)
    return Points(X.T, y.reshape(1, -1), "circles")


def xor() -> Points:
    """The four XOR points of lesson 10: label 1 where exactly one input is 1.
    The smallest data set no straight line separates.

    >>> xor()
    Points(4 XOR: 2 with label 1, 2 with label 0)
    """
    return Points([[0, 0, 1, 1], [0, 1, 0, 1]], [[0, 1, 1, 0]], "XOR")


def _outputs(model, X):
    """The model's outputs for ``X``, a ``(1, k)`` array."""
    import numpy as np

    if not hasattr(model, "predict"):
        raise TypeError(f"model: expected something with a predict(X) method, got {model!r}")
    return np.asarray(model.predict(X), dtype=float).reshape(1, -1)


def accuracy(model, points: Points) -> float:
    """The fraction of ``points`` that ``model`` (anything with
    ``predict(X)``) puts on the right side of 0.5.

    >>> line = Line((1.0, 0.0), 0.0)  # x > 0: label 1
    >>> accuracy(line, Points([[-1, 1, 2], [0, 0, 0]], [[0, 1, 0]]))
    0.6666666666666666
    """
    if not isinstance(points, Points):
        raise TypeError(f"points: expected Points (see circles()), got {type(points).__name__}")
    predicted = _outputs(model, points.X) > 0.5
    return float((predicted == (points.labels > 0.5)).mean())


@dataclass(frozen=True)
class Line:
    """The straight-line classifier ``label 1 where w . x + b > 0``."""

    w: tuple[float, float]
    b: float

    def predict(self, X):
        X = _columns(X, "X")
        return ((self.w[0] * X[0] + self.w[1] * X[1] + self.b) > 0).astype(float)[None, :]

    def __repr__(self) -> str:
        (w1, w2), b = self.w, self.b
        return f"Line(label 1 where {w1:.4f} x {_signed(w2)} y {_signed(b)} > 0)"


@dataclass(frozen=True)
class BestLine:
    """The best straight line for some points, and its accuracy on them."""

    line: Line
    accuracy: float

    def __repr__(self) -> str:
        return f"BestLine({_percent(self.accuracy)} right: {self.line!r})"


def best_line(points: Points) -> BestLine:
    """The straight line that gets the most ``points`` right: every line
    that matters is tried, so no line does better.

    Why that is every line: any line can be slid, then turned, until it
    touches two of the points without any other point changing side; a tiny
    nudge then puts those two on whichever sides we like. So it is enough to
    try the line through each pair of points, both ways round, and count the
    others (plus 2). Exact when no three points lie on one line (true for
    noisy data); it takes m^2 / 2 lines, so ``m`` is at most 1000.

    >>> best_line(xor()).accuracy  # the famous 3 out of 4
    0.75
    """
    import numpy as np

    if not isinstance(points, Points):
        raise TypeError(f"points: expected Points (see circles()), got {type(points).__name__}")
    X, ones = points.X, points.labels[0] > 0.5
    m = points.m
    if m < 2:
        raise ValueError(f"points: expected at least 2 points, got {m}")
    if m > MAX_POINTS:
        raise ValueError(f"points: expected at most {MAX_POINTS} points, got {m}")
    best = (-1, 0, 1, 1.0)  # correct count, i, j, orientation
    for i in range(m - 1):
        d = X[:, i + 1 :] - X[:, i : i + 1]  # directions to the later points
        normals = np.vstack([-d[1], d[0]])
        side = normals.T @ (X - X[:, i : i + 1])  # (pairs, m); 0 at i and j
        above, below = side > 0, side < 0
        up = (above & ones).sum(axis=1) + (below & ~ones).sum(axis=1)  # label 1 above
        down = (below & ones).sum(axis=1) + (above & ~ones).sum(axis=1)
        for counts, sign in ((up, 1.0), (down, -1.0)):
            k = int(np.argmax(counts))
            if counts[k] > best[0]:
                best = (int(counts[k]), i, i + 1 + k, sign)
    correct, i, j, sign = best
    line = _nudged_line(X, i, j, sign, ones[i], ones[j])
    return BestLine(line, float(accuracy(line, points)))


def _nudged_line(X, i, j, sign, one_i, one_j) -> Line:
    """The line through points ``i`` and ``j`` (label 1 on the side
    ``sign``), nudged so that both land on the side of their label."""
    import numpy as np

    p, d = X[:, i], X[:, j] - X[:, i]
    length = float(np.hypot(*d))
    normal, along = sign * np.array([-d[1], d[0]]), d / length
    g = normal @ (X - p[:, None])  # the line's value at every point
    t = along @ (X - p[:, None])  # how far along the line
    others = np.ones(X.shape[1], dtype=bool)
    others[[i, j]] = False
    gap = np.abs(g[others]).min() if others.any() else 1.0
    eps = 0.5 * gap / (1.0 + 2.0 * np.abs(t).max() / length)
    alpha = eps if one_i else -eps  # the value at p
    beta = ((eps if one_j else -eps) - alpha) / length  # turns the line about p
    w = normal + beta * along
    return Line((float(w[0]), float(w[1])), float(alpha - w @ p))


# -- a linear classifier against one hidden layer -----------------------------------


def linear_classifier(seed: int = 0):
    """``sigmoid(w . x + b)``: logistic regression as a one-layer network.
    Its boundary (output 0.5) is always a straight line.

    >>> linear_classifier()
    Sequential([Dense(2 -> 1), Sigmoid()], binary_cross_entropy)
    """
    from .layers import BinaryCrossEntropy, Dense, Sequential, Sigmoid

    seed = _seed(seed)
    return Sequential([Dense.create(2, 1, seed), Sigmoid()], BinaryCrossEntropy())


def one_hidden_layer(hidden: int = 8, seed: int = 0):
    """``hidden`` tanh neurons, then one sigmoid output: each hidden neuron
    is a straight line, the output bends them into a curve.

    >>> one_hidden_layer(3)
    Sequential([Dense(2 -> 3), Tanh(), Dense(3 -> 1), Sigmoid()], binary_cross_entropy)
    """
    from .layers import BinaryCrossEntropy, Dense, Sequential, Sigmoid, Tanh

    hidden, seed = _whole(hidden, "hidden", 1, MAX_HIDDEN), _seed(seed)
    layers = [Dense.create(2, hidden, seed), Tanh(), Dense.create(hidden, 1, seed + 1), Sigmoid()]
    return Sequential(layers, BinaryCrossEntropy())


@dataclass(frozen=True, eq=False)
class Classifier:
    """A trained classifier with its training history and accuracies."""

    name: str
    network: object  # the trained Sequential
    training: object  # its Epochs
    train_accuracy: float
    test_accuracy: float

    def predict(self, X):
        return self.network.predict(_columns(X, "X"))

    def __repr__(self) -> str:
        losses = self.training.losses
        return (
            f"Classifier({self.name}: loss {_decimals(losses[0])} -> {_decimals(losses[-1])} "
            f"in {len(losses)} epochs, {_percent(self.train_accuracy)} right)"
        )


def train_classifier(
    name: str, network, points: Points, test: Points, learning_rate=1.0, epochs: int = 1000
) -> Classifier:
    """``network`` trained on ``points`` by full-batch gradient descent,
    scored on ``points`` and on the unseen ``test`` points."""
    for field_name, value in (("points", points), ("test", test)):
        if not isinstance(value, Points):
            raise TypeError(f"{field_name}: expected Points, got {type(value).__name__}")
    learning_rate = positive_number(learning_rate, "learning_rate")
    training = network.train(points.X, points.labels, learning_rate, epochs)
    trained = training.network
    return Classifier(name, trained, training, accuracy(trained, points), accuracy(trained, test))


def _logistic_regression(points: Points, test: Points) -> tuple[float, float]:
    """scikit-learn's logistic regression (a straight line), scored."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression().fit(points.X.T, points.labels[0])
    return model.score(points.X.T, points.labels[0]), model.score(test.X.T, test.labels[0])


@dataclass(frozen=True, eq=False)
class Comparison:
    """Straight lines against one hidden layer on the same circles."""

    points: Points
    test: Points
    best: BestLine
    logistic: tuple[float, float]  # scikit-learn's accuracy on points, test
    linear: Classifier
    network: Classifier

    def table(self):
        """Each model's accuracy on its training points and on new ones."""
        from .tables import Table

        n = self.network.network.layers[0].shape[1]
        rows = [
            (
                "best possible straight line (every line tried)",
                "3",
                _percent(self.best.accuracy),
                _percent(accuracy(self.best.line, self.test)),
            ),
            ("scikit-learn LogisticRegression", "3", *map(_percent, self.logistic)),
            (
                "linear classifier: sigmoid(w . x + b)",
                "3",
                _percent(self.linear.train_accuracy),
                _percent(self.linear.test_accuracy),
            ),
            (
                f"one hidden layer: 2-{n}-1, tanh then sigmoid",
                str(4 * n + 1),
                _percent(self.network.train_accuracy),
                _percent(self.network.test_accuracy),
            ),
        ]
        return Table(
            ("model", "parameters", f"right of {self.points.m} training points", "of new points"),
            rows,
            f"Two circles ({self.points.m} points): straight lines against a hidden layer",
        )

    def outputs_table(self):
        """The smallest and largest output each trained model gives the
        training points: the linear one answers about 0.5 everywhere."""
        from .tables import Table

        rows = []
        for model in (self.linear, self.network):
            out = _outputs(model, self.points.X)
            rows.append(
                (
                    model.name,
                    _decimals(out.min()),
                    _decimals(out.max()),
                    _decimals(model.training.losses[-1]),
                )
            )
        return Table(
            ("model", "smallest output", "largest output", "final loss"),
            rows,
            "What each model answers on the training points",
        )

    def boundaries(self):
        """The linear classifier's boundary and the network's, side by side."""
        from .drawing import figure
        from .surfaces import decision_surface

        fig = figure(9.0, 4.2)
        left, right = fig.subplots(1, 2)
        for model, ax in ((self.linear, left), (self.network, right)):
            title = f"{model.name}: {_percent(model.train_accuracy)} right"
            decision_surface(model.predict, self.points.X, self.points.labels, title, ax=ax)
        fig.tight_layout()
        return fig

    def __repr__(self) -> str:
        return (
            f"Comparison(best line {_percent(self.best.accuracy)}, "
            f"linear classifier {_percent(self.linear.train_accuracy)}, "
            f"one hidden layer {_percent(self.network.train_accuracy)})"
        )


def compare_classifiers(
    m: int = 100, seed: int = 0, hidden: int = 8, learning_rate=1.0, epochs: int = 1000
) -> Comparison:
    """Circles of ``m`` points (``seed``; new points for the test: ``seed +
    1``), the best straight line, scikit-learn's logistic regression, and
    the linear classifier and the one-hidden-layer network trained by
    gradient descent with the same settings. Cached: the same arguments
    give the same (immutable) result at once.

    >>> compare_classifiers(hidden=0)
    Traceback (most recent call last):
    ...
    ValueError: hidden: expected a whole number from 1 to 256, got 0
    """
    m, seed = _whole(m, "m", 4, MAX_POINTS), _seed(seed)
    hidden = _whole(hidden, "hidden", 1, MAX_HIDDEN)
    learning_rate = positive_number(learning_rate, "learning_rate")
    points, test = _circles_pair(m, seed)
    return Comparison(
        points,
        test,
        best_line(points),
        _logistic_regression(points, test),
        _trained(m, seed, 0, learning_rate, epochs),
        _trained(m, seed, hidden, learning_rate, epochs),
    )


@lru_cache(maxsize=4)
def _circles_pair(m, seed) -> tuple[Points, Points]:
    """Training circles (``seed``) and new ones for the test (``seed + 1``)."""
    return circles(m, seed), circles(m, seed + 1)


@lru_cache(maxsize=16)
def _trained(m, seed, hidden, learning_rate, epochs) -> Classifier:
    """The linear classifier (``hidden = 0``) or a one-hidden-layer network
    trained on the circles: cached, as a training takes about a second."""
    points, test = _circles_pair(m, seed)
    if hidden == 0:
        name, network = "linear classifier", linear_classifier(seed)
    else:
        name, network = f"one hidden layer ({hidden} tanh)", one_hidden_layer(hidden, seed)
    return train_classifier(name, network, points, test, learning_rate, epochs)


def hidden_size_table(
    sizes=(1, 2, 3, 4, 8), m: int = 100, seed: int = 0, learning_rate=1.0, epochs: int = 1000
):
    """How many hidden neurons the circles need: accuracy by hidden size.
    One neuron is one line; two make a band; three can close round the
    inner circle."""
    from .tables import Table

    if isinstance(sizes, (int, str)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"sizes: expected a list of hidden sizes, got {sizes!r}")
    sizes = [_whole(h, "sizes", 1, MAX_HIDDEN) for h in sizes]
    if not sizes:
        raise ValueError("sizes: expected at least one hidden size")
    m, seed = _whole(m, "m", 4, MAX_POINTS), _seed(seed)
    learning_rate = positive_number(learning_rate, "learning_rate")
    rows = []
    for h in sizes:
        c = _trained(m, seed, h, learning_rate, epochs)
        rows.append((str(h), str(4 * h + 1), _percent(c.train_accuracy), _percent(c.test_accuracy)))
    return Table(
        ("hidden neurons", "parameters", "right of the training points", "of new points"),
        rows,
        f"One hidden layer of tanh neurons on the circles ({epochs} epochs each)",
    )


# -- activation functions and their derivatives --------------------------------------


def _net_out():
    import sympy

    return sympy.Symbol("net", real=True), sympy.Symbol("out", real=True)


def _sympy_forms(name: str):
    """``(f in net, f' in net, f' in out or None)``, derived by sympy from
    the course's :meth:`~mazur_nn.activations.Activation.sympy_value`."""
    import sympy

    from .activations import get_activation
    from .symbolic_functions import sigma

    net, out = _net_out()
    value = get_activation(name).sympy_value(net)
    explicit = value.replace(sigma, lambda a: 1 / (1 + sympy.exp(-a)))
    slope = sympy.diff(explicit, net)
    in_out = sympy.diff(value, net).subs(value, out)
    in_out = None if net in in_out.free_symbols else in_out
    return explicit, slope, in_out


def activation_curves(name: str, x):
    """``(values, slopes)`` of the activation at the points ``x``: the
    values from the course's own expression (as the layers compute them),
    the slopes from sympy's derivative, computed independently.

    >>> values, slopes = activation_curves("tanh", [0.0, 1.0])
    >>> values.round(6).tolist(), slopes.round(6).tolist()
    ([0.0, 0.761594], [1.0, 0.419974])
    """
    import numpy as np
    import sympy

    from .activations import get_activation

    activation = get_activation(name)
    x = np.array(x, dtype=float)
    if x.ndim != 1 or x.size < 1:
        raise ValueError(f"x: expected a list of numbers, got shape {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError("x: NaN or infinite values are not allowed")
    net, _ = _net_out()
    slope = sympy.lambdify(net, _sympy_forms(name)[1], "numpy")
    values = np.asarray(activation.array_functions[0](x), dtype=float)
    slopes = np.broadcast_to(np.asarray(slope(x), dtype=float), x.shape).copy()
    return values, slopes


def activation_gallery(names=GALLERY, low=-5.0, high=5.0, steps: int = 201):
    """Each activation (solid) and its derivative (dashed) on ``[low, high]``."""
    import numpy as np

    from .activations import get_activation
    from .drawing import figure

    names = _activation_names(names)
    low, high = _range(low, high)
    steps = _whole(steps, "steps", 2, 10_000)
    x = np.linspace(low, high, steps)
    columns = min(len(names), 2)
    rows = -(-len(names) // columns)
    fig = figure(4.2 * columns, 3.0 * rows)
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax, name in zip(axes, names):
        values, slopes = activation_curves(name, x)
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.plot(x, values, color="#0072B2", linewidth=2.2, label=f"{name}(net)")
        ax.plot(x, slopes, color="#D55E00", linewidth=2.0, linestyle="--", label="derivative")
        ax.set_title(get_activation(name).description, fontsize=9)
        ax.set_xlabel("net")
        ax.legend(loc="upper left", fontsize=8)
    for ax in axes[len(names) :]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def _activation_names(names) -> tuple[str, ...]:
    from .activations import get_activation

    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise TypeError(f"names: expected a list of activation names, got {names!r}")
    names = tuple(names)
    if not names:
        raise ValueError("names: expected at least one activation")
    for name in names:
        get_activation(name)
    return names


def _text(expr) -> str:
    """sympy's plain text, with a Piecewise as ``a if c, else b``."""
    import sympy

    if isinstance(expr, sympy.Piecewise):
        parts = [
            sympy.sstr(e) if c is sympy.true else f"{sympy.sstr(e)} if {sympy.sstr(c)}"
            for e, c in expr.args
        ]
        return ", else ".join(parts)
    return sympy.sstr(expr)


@dataclass(frozen=True)
class Formulas:
    """Each activation, its derivative in ``net`` and (where it can be
    written so) in ``out``, and the derivative at two points."""

    rows: tuple  # (name, f, f', f' in out or None, f'(a), f'(b)) with sympy objects
    at: tuple[float, float]

    def _numbers(self, row) -> tuple[str, str]:
        return _decimals(row[4], 6), _decimals(row[5], 6)

    def table(self):
        from .tables import Table

        a, b = (_decimals(v, 0) for v in self.at)
        rows = [
            (r[0], _text(r[1]), _text(r[2]), _text(r[3]) if r[3] is not None else "-")
            + self._numbers(r)
            for r in self.rows
        ]
        return Table(
            ("activation", "f(net)", "f'(net)", "f' in terms of out", f"f'({a})", f"f'({b})"),
            rows,
            "Activations and their derivatives, derived by sympy",
        )

    def latex(self) -> str:
        import sympy

        a, b = (_decimals(v, 0) for v in self.at)
        lines = [
            r"\begin{array}{l|c|c|c|r|r}",
            rf"\text{{activation}} & f(net) & f'(net) & f' \text{{ in terms of }} out "
            rf"& f'({a}) & f'({b}) \\ \hline",
        ]
        for r in self.rows:
            in_out = sympy.latex(r[3]) if r[3] is not None else "-"
            fa, fb = self._numbers(r)
            lines.append(
                rf"\text{{{r[0]}}} & {sympy.latex(r[1])} & {sympy.latex(r[2])} & {in_out} "
                rf"& {fa} & {fb} \\[4pt]"
            )
        lines.append(r"\end{array}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.table().to_text()

    def _repr_latex_(self) -> str:
        return f"$$\n{self.latex()}\n$$"


def activation_formulas(names=GALLERY, at=(0.0, 5.0)) -> Formulas:
    """Each activation's formula and derivative, derived by sympy, and the
    derivative's value at the two points ``at`` (default 0 and 5: how
    steep it is in the middle and far out, where it saturates).

    >>> print(activation_formulas(["sigmoid"]).table().rows[0][3])
    out*(1 - out)
    """
    names = _activation_names(names)
    if isinstance(at, str) or not hasattr(at, "__len__") or len(at) != 2:
        raise ValueError(f"at: expected two numbers, got {at!r}")
    at = (finite_number(at[0], "at[0]"), finite_number(at[1], "at[1]"))
    rows = []
    for name in names:
        f, slope, in_out = _sympy_forms(name)
        _, values = activation_curves(name, list(at))
        rows.append((name, f, slope, in_out, float(values[0]), float(values[1])))
    return Formulas(tuple(rows), at)


# -- x * y on [0, 1]^2, and outside -------------------------------------------------


def product_data(m: int = 50, seed: int = 0, low=0.0, high=1.0):
    """``(X, T)``: ``m`` points uniform in ``[low, high]^2`` (``seed``)
    and their products ``x * y``.

    >>> X, T = product_data(4, seed=0)
    >>> X.shape, T.shape, bool(abs(T[0, 0] - X[0, 0] * X[1, 0]) < 1e-15)
    ((2, 4), (1, 4), True)
    """
    import numpy as np

    m, seed = _whole(m, "m", 4, 10_000), _seed(seed)
    low, high = _range(low, high)
    X = np.random.default_rng(seed).uniform(low, high, (2, m))
    return X, (X[0] * X[1])[None, :]


@dataclass(frozen=True, eq=False)
class ProductFit:
    """A 2-hidden-1 network (tanh, then a linear output) trained on
    ``x * y`` for points in ``[low, high]^2``."""

    network: object  # the trained Sequential
    training: object  # its Epochs
    m: int
    low: float
    high: float

    @property
    def hidden(self) -> int:
        return self.network.layers[0].shape[1]

    def predict(self, points):
        """The network's ``x * y`` for ``points`` of shape ``(2, k)``."""
        return self.network.predict(_columns(points))

    def hidden_outputs(self, points):
        """The hidden neurons' ``tanh`` outputs, shape ``(hidden, k)``."""
        forward = self.network.forward(_columns(points))
        return forward.inputs[2]

    def __repr__(self) -> str:
        losses = self.training.losses
        square = f"[{self.low:g}, {self.high:g}]^2"
        return (
            f"ProductFit(2-{self.hidden}-1, tanh then linear, trained on x*y for {self.m} points "
            f"in {square}: loss {_decimals(losses[0])} -> {losses[-1]:.2e} in {len(losses)} epochs)"
        )


def product_network(hidden: int = 16, seed: int = 0):
    """``hidden`` tanh neurons and a linear output, with the mean squared
    error: a regression network.

    >>> product_network(4)
    Sequential([Dense(2 -> 4), Tanh(), Dense(4 -> 1), Linear()], mse)
    """
    from .layers import MSE, Dense, Linear, Sequential, Tanh

    hidden, seed = _whole(hidden, "hidden", 1, MAX_HIDDEN), _seed(seed)
    layers = [Dense.create(2, hidden, seed), Tanh(), Dense.create(hidden, 1, seed + 1), Linear()]
    return Sequential(layers, MSE())


def fit_product(
    hidden: int = 16,
    m: int = 50,
    seed: int = 0,
    learning_rate=0.2,
    epochs: int = 2000,
    low=0.0,
    high=1.0,
) -> ProductFit:
    """:func:`product_network` trained by full-batch gradient descent on
    :func:`product_data`. Cached: the same arguments give the same result at
    once.

    >>> fit_product(hidden=0)
    Traceback (most recent call last):
    ...
    ValueError: hidden: expected a whole number from 1 to 256, got 0
    """
    hidden, m, seed = (
        _whole(hidden, "hidden", 1, MAX_HIDDEN),
        _whole(m, "m", 4, 10_000),
        _seed(seed),
    )
    learning_rate = positive_number(learning_rate, "learning_rate")
    low, high = _range(low, high)
    return _fit_product(hidden, m, seed, learning_rate, epochs, low, high)


@lru_cache(maxsize=8)
def _fit_product(hidden, m, seed, learning_rate, epochs, low, high) -> ProductFit:
    X, T = product_data(m, seed, low, high)
    training = product_network(hidden, seed).train(X, T, learning_rate, epochs)
    return ProductFit(training.network, training, m, low, high)


def _check_fit(fit) -> ProductFit:
    if not isinstance(fit, ProductFit):
        raise TypeError(f"fit: expected a ProductFit (see fit_product()), got {type(fit).__name__}")
    return fit


def extrapolation_table(fit: ProductFit, points=PRODUCT_POINTS):
    """The network's ``x * y`` against the true product, inside the
    training square and outside it, with how many hidden neurons saturate
    (``|tanh| > 0.99``)."""
    from .tables import Table

    fit = _check_fit(fit)
    P = _pairs(points)
    predicted = fit.predict(P)[0]
    saturated = (abs(fit.hidden_outputs(P)) > SATURATED).sum(axis=0)
    rows = []
    for k in range(P.shape[1]):
        x, y = P[:, k]
        inside = fit.low <= x <= fit.high and fit.low <= y <= fit.high
        rows.append(
            (
                f"{x:g}",
                f"{y:g}",
                f"{x * y:g}",
                _decimals(predicted[k]),
                _decimals(predicted[k] - x * y),
                "yes" if inside else "no",
                f"{int(saturated[k])} of {fit.hidden}",
            )
        )
    return Table(
        ("x", "y", "true x*y", "network", "error", "inside the training square", "saturated tanh"),
        rows,
        f"x*y learned on [{fit.low:g}, {fit.high:g}]^2, tried inside and outside",
    )


def inside_error(fit: ProductFit, steps: int = 21) -> float:
    """The largest ``|network - x * y|`` on a ``steps`` x ``steps`` grid
    covering the training square."""
    import numpy as np

    from .surfaces import grid

    fit = _check_fit(fit)
    _, _, P = grid((fit.low, fit.high), (fit.low, fit.high), _whole(steps, "steps", 2, 1000))
    return float(np.abs(fit.predict(P)[0] - P[0] * P[1]).max())


@dataclass(frozen=True)
class OutputBound:
    """``|output| <= |b| + sum_j |v_j|``: with ``|tanh| <= 1``, the
    network's output can never leave this bound, whatever the input. Far
    out along the diagonal every hidden neuron is saturated at
    ``sign(w_j1 + w_j2)``, so the output levels off at ``diagonal_limit``."""

    bias: float
    weights: float  # sum of |v_j|, the output layer's weights
    hidden: int
    diagonal_limit: float  # b + sum_j v_j sign(w_j1 + w_j2)

    @property
    def bound(self) -> float:
        return abs(self.bias) + self.weights

    def __repr__(self) -> str:
        return (
            f"OutputBound(|output| <= |b| + sum of the {self.hidden} |v_j| = "
            f"{abs(self.bias):.4f} + {self.weights:.4f} = {self.bound:.4f} for every input; "
            f"along x = y it levels off at {self.diagonal_limit:.4f})"
        )


def output_bound(fit: ProductFit) -> OutputBound:
    """The largest output the fitted network can ever give: each hidden
    output is a ``tanh``, between -1 and 1, so the linear output
    ``v . h + b`` stays within ``|b| + sum |v_j|``; and the value it
    levels off at along ``x = y``."""
    import numpy as np

    fit = _check_fit(fit)
    first, last = fit.network.layers[0], fit.network.layers[2]
    v, b = last.W[0], float(last.B[0, 0])
    limit = b + float(v @ np.sign(first.W[:, 0] + first.W[:, 1]))
    return OutputBound(b, float(np.abs(v).sum()), fit.hidden, limit)


def diagonal_plot(fit: ProductFit, high=10.0, steps: int = 201):
    """The network's ``x * y`` and the true one along the diagonal
    ``x = y`` from 0 to ``high``, the training range shaded: the whole way
    (left) and near the training square (right)."""
    import numpy as np

    from .drawing import figure

    fit = _check_fit(fit)
    high = finite_number(high, "high")
    if not high > fit.high:
        raise ValueError(f"high: expected a number above the training range's {fit.high}")
    steps = _whole(steps, "steps", 2, 10_000)
    bound = output_bound(fit).bound
    fig = figure(9.0, 3.8)
    for ax, end in zip(fig.subplots(1, 2), (high, min(high, 2.0 * fit.high))):
        x = np.linspace(min(0.0, fit.low), end, steps)
        ax.axvspan(fit.low, fit.high, color="#009E73", alpha=0.15, label="training range")
        ax.plot(x, x * x, color="#222222", linewidth=2.0, label="true x*y = x^2")
        ax.plot(
            x,
            fit.predict(np.vstack([x, x]))[0],
            color="#D55E00",
            linewidth=2.2,
            linestyle="--",
            label="network",
        )
        if end == high:
            ax.axhline(bound, color="#0072B2", linewidth=1.0, linestyle=":", label="output bound")
        ax.set_xlabel("x = y")
        ax.set_title(f"x*y along the diagonal x = y, 0 to {end:g}", fontsize=10)
        ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig
