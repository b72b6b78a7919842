r"""The lesson's pictures: the digits, the loss curves, the mistakes, the
weights as an 8 x 8 picture, and the computational graph of one example
with its values and gradients.

Every function returns a figure from :func:`mazur_nn.render.figure.figure`,
which shows itself as PNG in a notebook. A figure module: it imports
matplotlib, and the lesson's package loads it only when a picture is asked for.

>>> from mazur_nn.lessons.logistic import forward_graph
>>> fig = draw_graph(forward_graph([2.0, -1.0], 0.0, [1.0, 1.0], 1.0), pixels=2)
>>> fig.mazur_texts["z"].get_text(), fig.mazur_texts["dz"].get_text()
('z = 1', '$\\partial L/\\partial z$ = -0.2689')
"""

from __future__ import annotations

import math
from functools import partial

from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, NullFormatter

from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import is_whole, not_allowed
from mazur_nn.lessons.logistic.data import Digits
from mazur_nn.lessons.logistic.evaluation import misclassified
from mazur_nn.lessons.logistic.graph import Graph
from mazur_nn.lessons.logistic.training import THRESHOLD, TrainedUnit
from mazur_nn.render.figure import figure

# Okabe-Ito colours, as in mazur_nn.render.svg.palette: forward values blue, gradients vermillion.
FORWARD = "#0072B2"
GRADIENT = "#D55E00"
LOCAL = "#6F6F6F"
INK = "#222222"
PIXEL = "#E69F00"  # the pixels picked out in the graph's picture


def _digit_axes(ax, image, title: str, color: str = INK, frame: str | None = None) -> None:
    ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9, color=color)
    for spine in ax.spines.values():
        spine.set_edgecolor(frame or LOCAL)
        spine.set_linewidth(2.5 if frame else 0.8)


def _picture_grid(count: int, most_columns: int, width: float, height: float, top: float):
    """A figure and its panels for ``count`` pictures, in rows of at most
    ``most_columns`` panels of ``width`` x ``height`` inches, ``top`` inches
    more for the title. Panels past ``count`` are hidden (with no picture at
    all, the one panel is)."""
    columns = min(max(count, 1), most_columns)
    rows = math.ceil(max(count, 1) / columns)
    fig = figure(columns * width, rows * height + top)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[count:]:
        ax.set_axis_off()
    return fig, axes


def plot_examples(data: Digits, count: int = 24):
    """The first ``count`` training pictures, nines framed."""
    if not is_whole(count) or not 1 <= count <= 60:
        raise not_allowed("count", repr(count), "a whole number from 1 to 60")
    fig, axes = _picture_grid(count, 12, 0.85, 1.05, 0.4)
    for k, ax in enumerate(axes[:count]):
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
    rows_ = misclassified(trained, data)[:limit]
    p = trained.probabilities(data.X_test)
    fig, axes = _picture_grid(len(rows_), 6, 1.6, 1.9, 0.3)
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
    W, H = 16.0, 5.2
    fig = figure(W, H)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, W)
    ax.set_ylim(0, H)
    ax.set_axis_off()
    texts = {}

    f = partial(format_number, digits=4)

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
