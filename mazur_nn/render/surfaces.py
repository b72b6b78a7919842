"""Decision surfaces: what a classifier answers over the whole plane.

A student sees more in one picture of the answers everywhere than in any
table: :func:`decision_surface` colours every point of a grid by the model's
output, draws the 0.5 line (the boundary) and the training points on top.

Models are plain functions ``predict(points) -> outputs`` where ``points``
has shape ``(2, N)`` (examples as columns, as in :mod:`mazur_nn.core.layers`).

Example
-------
>>> import numpy as np
>>> fig = decision_surface(lambda P: (P[0] + P[1] > 1).astype(float)[None, :],
...                        np.array([[0, 1], [0, 1]]), np.array([0, 1]), "x + y > 1")
>>> fig.axes[0].get_title()
'x + y > 1'
"""

from __future__ import annotations

import numpy as np

from mazur_nn.render.figure import figure


def grid(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), steps: int = 121):
    """``(xs, ys, points)``: the grid's coordinates and its points as a
    ``(2, steps * steps)`` array."""

    if isinstance(steps, bool) or not isinstance(steps, int) or not 2 <= steps <= 1000:
        raise ValueError(f"steps: expected a whole number from 2 to 1000, got {steps!r}")
    xs, ys = np.meshgrid(np.linspace(*xlim, steps), np.linspace(*ylim, steps))
    return xs, ys, np.vstack([xs.ravel(), ys.ravel()])


def decision_surface(
    predict, X, labels, title: str = "", xlim=None, ylim=None, ax=None, steps: int = 121
):
    """The model's output over the plane, its 0.5 boundary, and the points
    ``X`` (shape ``(2, m)``) coloured by their ``labels`` (0 or 1)."""

    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels).ravel()
    if X.ndim != 2 or X.shape[0] != 2 or X.shape[1] != labels.size:
        raise ValueError(
            f"X: expected shape (2, m) with one label per column, got {X.shape} "
            f"and {labels.size} labels"
        )
    pad = 0.5
    xlim = xlim or (X[0].min() - pad, X[0].max() + pad)
    ylim = ylim or (X[1].min() - pad, X[1].max() + pad)
    xs, ys, points = grid(xlim, ylim, steps)
    outputs = np.asarray(predict(points), dtype=float).reshape(xs.shape)
    if ax is None:
        fig = figure(4.2, 4.0)
        ax = fig.subplots()
    levels = np.linspace(min(0.0, outputs.min()), max(1.0, outputs.max()), 21)
    ax.contourf(xs, ys, outputs, levels=levels, cmap="RdBu_r", alpha=0.75)
    ax.contour(xs, ys, outputs, levels=[0.5], colors="black", linewidths=1.5)
    for value, marker, color in ((0, "o", "#0072B2"), (1, "s", "#D55E00")):
        chosen = labels == value
        ax.scatter(
            X[0, chosen],
            X[1, chosen],
            marker=marker,
            c=color,
            edgecolors="white",
            s=60,
            label=f"label {value}",
            zorder=3,
        )
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_title(title)
    ax.legend(loc="upper right", fontsize=8)
    return ax.figure
