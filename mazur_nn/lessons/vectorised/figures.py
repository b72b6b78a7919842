"""Every matrix of a pass as a grid of coloured cells, forward above
backward, so each gradient sits under its quantity. A figure module: it
imports matplotlib, and the lesson's package loads it when
:func:`draw_matrices` is first asked for.

>>> _cell_text(0.0042), _cell_text(-0.25), _cell_text(3e-05)
('0.004', '-0.25', '3e-5')
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.patches import Rectangle

from mazur_nn.lessons.vectorised.batch import VectorisedPass
from mazur_nn.render.figure import INK, figure

CELL = 0.48  # inches per matrix cell


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
    >>> from mazur_nn.lessons.vectorised import vectorised_pass
    >>> fig = draw_matrices(vectorised_pass(mazur_example()))
    >>> sorted(fig.mazur_matrices)[:3]
    ['A[1]', 'A[2]', 'W[1]']
    """
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
