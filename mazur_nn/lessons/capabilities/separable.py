"""Data that no straight line separates, and the best straight line for it.

:class:`Points` are labelled points, examples as columns (``X`` of shape
``(2, m)``, labels ``(1, m)``): two noisy circles, one inside the other
(:func:`circles`), or the four XOR points (:func:`xor`). :func:`best_line`
tries every straight line that matters, so no line gets more of them
right: about two thirds of the circles, three of the four XOR points.
:func:`accuracy` scores any model with a ``predict(X)`` method.

scikit-learn is imported when the circles are made.

Example
-------
>>> best_line(circles(100, seed=0))
BestLine(68.0 % right: Line(label 1 where -0.5601 x - 0.4025 y + 0.3508 > 0))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mazur_nn.core.validate import (
    finite_array,
    finite_number,
    float_array,
    whole_number,
    wrong_kind,
)
from mazur_nn.lessons.capabilities.formats import percent, signed
from mazur_nn.lessons.capabilities.limits import MAX_POINTS, MAX_SEED


def point_columns(values, field: str = "points"):
    """``values`` as a finite float array of shape ``(2, k)``: one point
    ``(x, y)`` per column.

    >>> point_columns([[0, 1], [2, 3]]).tolist()
    [[0.0, 1.0], [2.0, 3.0]]
    >>> point_columns([[0, 1, 2]])
    Traceback (most recent call last):
    ...
    ValueError: points: expected shape (2, k), one point (x, y) per column, got (1, 3)
    """
    array = float_array(values, field)
    if array.ndim != 2 or array.shape[0] != 2 or array.shape[1] < 1:
        raise wrong_kind(
            field, "shape (2, k), one point (x, y) per column", array.shape, ValueError
        )
    return finite_array(array, field)


@dataclass(frozen=True, eq=False)
class Points:
    """Labelled points: ``X`` of shape ``(2, m)``, ``labels`` of shape
    ``(1, m)`` with values 0 or 1."""

    X: object
    labels: object
    name: str = "points"

    def __post_init__(self) -> None:
        X = point_columns(self.X, "X")
        labels = float_array(self.labels, "labels").reshape(1, -1)
        if labels.shape[1] != X.shape[1]:
            expected = f"{X.shape[1]} labels (one per column of X)"
            raise wrong_kind("labels", expected, labels.shape[1], ValueError)
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

    m, seed = whole_number(m, "m", 4, MAX_POINTS), whole_number(seed, "seed", 0, MAX_SEED)
    noise = finite_number(noise, "noise")
    if not 0.0 <= noise <= 1.0:
        raise wrong_kind("noise", "a number from 0 to 1", noise, ValueError)
    factor = finite_number(factor, "factor")
    if not 0.0 < factor < 1.0:
        raise wrong_kind("factor", "a number between 0 and 1 (exclusive)", factor, ValueError)
    X, y = make_circles(n_samples=m, noise=noise, factor=factor, random_state=seed)
    return Points(X.T, y.reshape(1, -1), "circles")


def xor() -> Points:
    """The four XOR points of lesson 10: label 1 where exactly one input is 1.
    The smallest data set no straight line separates.

    >>> xor()
    Points(4 XOR: 2 with label 1, 2 with label 0)
    """
    return Points([[0, 0, 1, 1], [0, 1, 0, 1]], [[0, 1, 1, 0]], "XOR")


def outputs(model, X):
    """The outputs of ``model`` (anything with ``predict(X)``) for ``X``, a
    ``(1, k)`` array.

    >>> outputs(Line((1.0, 0.0), 0.0), [[-1, 2], [0, 0]]).tolist()
    [[0.0, 1.0]]
    """
    if not hasattr(model, "predict"):
        raise wrong_kind("model", "something with a predict(X) method", repr(model))
    return np.asarray(model.predict(X), dtype=float).reshape(1, -1)


def _points(points) -> Points:
    if not isinstance(points, Points):
        raise wrong_kind("points", "Points (see circles())", type(points).__name__)
    return points


def accuracy(model, points: Points) -> float:
    """The fraction of ``points`` that ``model`` (anything with
    ``predict(X)``) puts on the right side of 0.5.

    >>> line = Line((1.0, 0.0), 0.0)  # x > 0: label 1
    >>> accuracy(line, Points([[-1, 1, 2], [0, 0, 0]], [[0, 1, 0]]))
    0.6666666666666666
    """
    predicted = outputs(model, _points(points).X) > 0.5
    return float((predicted == (points.labels > 0.5)).mean())


@dataclass(frozen=True)
class Line:
    """The straight-line classifier ``label 1 where w . x + b > 0``."""

    w: tuple[float, float]
    b: float

    def predict(self, X):
        X = point_columns(X, "X")
        return ((self.w[0] * X[0] + self.w[1] * X[1] + self.b) > 0).astype(float)[None, :]

    def __repr__(self) -> str:
        (w1, w2), b = self.w, self.b
        return f"Line(label 1 where {w1:.4f} x {signed(w2)} y {signed(b)} > 0)"


@dataclass(frozen=True)
class BestLine:
    """The best straight line for some points, and its accuracy on them."""

    line: Line
    accuracy: float

    def __repr__(self) -> str:
        return f"BestLine({percent(self.accuracy)} right: {self.line!r})"


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
    X, ones = _points(points).X, points.labels[0] > 0.5
    m = points.m
    if m < 2:
        raise wrong_kind("points", "at least 2 points", m, ValueError)
    if m > MAX_POINTS:
        raise wrong_kind("points", f"at most {MAX_POINTS} points", m, ValueError)
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
