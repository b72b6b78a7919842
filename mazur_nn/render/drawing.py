"""The network drawn for one lesson step, big enough to project in class.

Layers are columns, left to right: inputs, hidden layers, outputs, then an
``E_total`` box. Each neuron is a circle with its name inside and its value
under it (inputs their input, the others ``out_n``, outputs also their
target). Each weight is a line labelled ``w5 = 0.4``; each bias a small
square (one per layer, or one per neuron) with thin lines to what it feeds.

The step's parts are highlighted in its section's colour (Okabe-Ito palette,
safe for colour-blind students): forward blue, error vermillion, chain rule
orange, update green. Its neurons are filled, its weights drawn thick, and
its quantity written as the caption. A chain-rule step also draws its path:
arrows from ``E_total`` back through the neurons to the weight's source, so
the error is seen flowing back. An update step labels its weight with the
old and the new value. Steps of the "after" section show the values after
the update.

Bigger networks (more than 16 weights) keep the weights unlabelled, except
the step's own; layers of four or more neurons write values beside the
circles.

Every artist that stands for something is kept in ``fig.mazur_artists``, a
dict, so tests and widgets can inspect them: neuron names (``"h1"``) map to
their circle, weights (``"w5"``) to their line, biases (``"b1"``) to their
square, ``"b1->h1"`` to a bias's line, ``"label:w5"`` to a label,
``"E_total"`` to the error box, ``"o1->E_total"`` to an output's line to it,
``"path:o1->h1"`` to an arrow of the chain path, and ``"caption"`` and
``"header"`` to the texts at the bottom. (Past 100 weights, the ones not
highlighted share one LineCollection, ``"weights"``.) With ``ax=`` given, the dict is put
on ``ax.figure`` (and on ``ax``).

This module imports matplotlib (the widgets import it when they first
draw). The figure uses the object-oriented API (no pyplot state, no
leaked figures) with an Agg canvas; it shows itself in a notebook as PNG,
and :func:`figure_to_png` gives the bytes for an ``ipywidgets.Image``.
Drawing Mazur's network takes about 15 ms and the PNG (640 x 360) about
40 ms more; nothing is random, so the same step gives the same bytes.

Example
-------
>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> lesson = build_lesson(mazur_example())
>>> fig = draw_network(lesson, "dE_total/dw5")
>>> fig.mazur_artists["caption"].get_text()
'Gradient of w5:  dE_total/dw5 = 0.082167041'
>>> fig.mazur_artists["w5"].get_linewidth() > fig.mazur_artists["w6"].get_linewidth()
True
>>> from mazur_nn.render.figure import figure_to_png
>>> figure_to_png(fig)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import SECTIONS, Lesson, Step
from mazur_nn.render.figure import INK, figure
from mazur_nn.render.svg.shown import ShownValues, chain_flow, resolve_step

# Okabe-Ito, one colour per kind of step; TINTS fill the highlighted neurons.
COLORS = {"forward": "#0072B2", "error": "#D55E00", "chain": "#E69F00", "update": "#009E73"}
TINTS = {"forward": "#CCE3F0", "error": "#F7DCCC", "chain": "#FAECCC", "update": "#CCEBE3"}
ARROW_COLOR = "#C07A00"  # the chain path: a darker orange, to stand out on orange weights
GREY = "#9A9A9A"
LIGHT = "#C8C8C8"

WIDTH, HEIGHT = 8.0, 4.5  # inches; data units are inches, so circles stay round
MAX_LABELLED_WEIGHTS = 16
MAX_SINGLE_LINES = 100  # more weights: the unhighlighted ones drawn as one collection
# Where along its line a weight's label may go, in order of preference; lines
# alternate between the two orders so that crossing lines keep them apart.
ALONG_EVEN = (0.3, 0.7, 0.5, 0.22, 0.78, 0.4, 0.6)
ALONG_ODD = (0.7, 0.3, 0.5, 0.78, 0.22, 0.6, 0.4)


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in inches from the bottom left."""

    layers: tuple[tuple[str, ...], ...]
    xy: dict  # neuron -> (x, y)
    radius: float
    compact: bool  # values beside the circles, smaller fonts
    digits: int  # decimals of the values by the neurons (the caption has them all)
    error_box: tuple[float, float, float, float]  # x, y (centre), width, height
    biases: dict  # bias -> (x, y) of its square
    bias_feeds: dict  # bias -> neurons it feeds
    label_weights: bool

    @property
    def name_size(self) -> float:
        return 14 if self.radius >= 0.25 else 7.5 if self.radius >= 0.12 else 5.5

    @property
    def show_text(self) -> bool:
        """False when the circles are too small for names and values."""
        return self.radius >= 0.07

    @property
    def value_size(self) -> float:
        return 11 if not self.compact else 8.5 if self.radius >= 0.25 else 7.5

    @property
    def label_size(self) -> float:
        return 10.5 if not self.compact else 9 if self.radius >= 0.25 else 8


def layout(names) -> Layout:
    """Positions for a network's :class:`~mazur_nn.core.names.Names`."""
    layers = names.neurons
    widest = max(len(layer) for layer in layers)
    x_first, x_last = 0.7, 5.55
    gap = (x_last - x_first) / (len(layers) - 1)
    compact = widest >= 4 or gap < 1.5
    bottom, top = (1.2, 4.05) if compact else (1.6, 3.6)
    xy = {}
    spacings = []
    for k, layer in enumerate(layers):
        x = x_first + k * gap
        spacing = min(2.0, (top - bottom) / max(len(layer) - 1, 1))
        if len(layer) > 1:
            spacings.append(spacing)
        middle = (top + bottom) / 2
        for j, n in enumerate(layer):
            xy[n] = (x, middle + ((len(layer) - 1) / 2 - j) * spacing)
    radius = min(0.3, 0.36 * min(spacings, default=2.0), 0.2 * gap)
    biases, feeds = {}, {}
    for k, layer in enumerate(layers[1:], start=1):
        for n in layer:
            feeds.setdefault(names.bias_of[n], []).append(n)
        for b in names.layer_biases[k - 1]:
            fed = feeds[b]
            x, y = xy[fed[0]]
            if len(fed) > 1:  # shared: above the layer, a little to the left
                biases[b] = (x - 0.28 * gap, min(y + 0.7, HEIGHT - 0.18))
            elif compact:  # per neuron, little room: up and to the left
                biases[b] = (x - 1.7 * radius, y + 1.1 * radius)
            else:  # per neuron: straight above
                biases[b] = (x, y + radius + 0.3)
    box = (x_last + 1.65, (top + bottom) / 2, 1.2, 0.75)
    return Layout(
        layers=layers,
        xy=xy,
        radius=radius,
        compact=compact,
        digits=9 if gap >= 1.5 else 4,
        error_box=box,
        biases=biases,
        bias_feeds={b: tuple(ns) for b, ns in feeds.items()},
        label_weights=len(names.weights) <= MAX_LABELLED_WEIGHTS,
    )


def new_figure() -> Figure:
    """An empty figure of the network drawing's size."""
    return figure(WIDTH, HEIGHT)


def draw_network(lesson: Lesson, step=None, ax=None) -> Figure:
    """Draw ``lesson``'s network with ``step`` highlighted; return the figure.

    ``step`` is a :class:`~mazur_nn.course.steps.Step`, its index, its name
    (``"dE_total/dw5"``) or ``None`` (the plain network with its error).
    ``ax`` is an Axes to draw on, about 8 x 4.5 inches; by default a new
    figure is made (see :func:`new_figure`).
    """
    step = resolve_step(lesson, step)
    if ax is None:
        fig = new_figure()
        ax = fig.add_axes((0, 0, 1, 1))
    fig = ax.figure
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_axis_off()
    names = lesson.config.network.names
    lay = layout(names)
    values = ShownValues(lesson, step)
    artists: dict = {}
    board = _Board()  # what is placed, so the weights' labels find free spots
    _draw_neurons(ax, lay, names, values, step, artists, board)
    _draw_error_box(ax, lay, values, step, artists, board)
    _draw_biases(ax, lay, values, step, artists, board)
    _draw_weights(ax, lay, names, values, step, artists, board)
    if step is not None and step.kind == "chain":
        _draw_path(ax, lay, names, step, artists)
    _draw_caption(ax, lesson, step, values, artists)
    fig.mazur_artists = artists
    ax.mazur_artists = artists
    return fig


def _color(step: Step | None) -> str:
    return COLORS[step.kind] if step is not None else INK


def _label(ax, x, y, text, size, highlight=None, ha="center"):
    """A parameter's label in a white rounded box; bold and edged in the
    colour ``highlight`` if given."""
    return ax.text(
        x,
        y,
        text,
        size=size,
        ha=ha,
        va="center",
        color=INK,
        weight="bold" if highlight else "normal",
        zorder=6,
        bbox={
            "boxstyle": "round,pad=0.25",
            "facecolor": "white",
            "edgecolor": highlight or LIGHT,
            "linewidth": 1.6 if highlight else 0.8,
        },
    )


# -- keeping labels apart ------------------------------------------------------------


def _text_box(x, y, text, size, ha="center", va="center", pad=0.25, bold=False):
    """Estimated extent of a text, in inches: (x0, y0, x1, y1). DejaVu Sans
    digits are 0.64 em wide, letters a little less: 0.6 em is close enough,
    0.68 em in bold."""
    lines = text.split("\n")
    em = 0.68 if bold else 0.6
    width = (max(len(line) for line in lines) * em + 2 * pad) * size / 72
    height = (len(lines) * 1.25 + 2 * pad) * size / 72
    x0 = {"left": x, "center": x - width / 2, "right": x - width}[ha]
    y0 = {"bottom": y, "center": y - height / 2, "top": y - height}[va]
    return (x0, y0, x0 + width, y0 + height)


class _Board:
    """Boxes already taken, so a label can look for a free spot."""

    def __init__(self) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []

    def add(self, box) -> None:
        self.boxes.append(box)

    def overlap(self, box) -> float:
        x0, y0, x1, y1 = box
        total = 0.0
        for a0, b0, a1, b1 in self.boxes:
            w, h = min(x1, a1) - max(x0, a0), min(y1, b1) - max(y0, b0)
            if w > 0 and h > 0:
                total += w * h
        return total


# -- pieces -----------------------------------------------------------------------


def _draw_neurons(ax, lay, names, values, step, artists, board):
    """A circle per neuron, its name inside, its value (and target) under it,
    or beside it when the layers are crowded."""

    marked = set(step.neurons) if step is not None else set()
    r = lay.radius
    targets = {o: (t, values.values[t]) for o, t in zip(names.neurons[-1], names.targets)}
    for k, layer in enumerate(lay.layers):
        for n in layer:
            x, y = lay.xy[n]
            on = n in marked
            circle = Circle(
                (x, y),
                r,
                facecolor=TINTS[step.kind] if on else "white",
                edgecolor=_color(step) if on else "#444444",
                linewidth=3.0 if on else 1.4,
                zorder=4,
            )
            ax.add_patch(circle)
            artists[n] = circle
            board.add((x - r, y - r, x + r, y + r))
            value = values(n if k == 0 else f"out_{n}")
            if lay.show_text:
                _neuron_texts(ax, lay, n, (x, y), value, targets.get(n), board)


def _neuron_texts(ax, lay, n, xy, value, target, board):
    """The name in the circle; the value (and target) under it, or beside it."""
    x, y = xy
    r = lay.radius
    ax.text(x, y, n, size=lay.name_size, weight="bold", ha="center", va="center", zorder=5)
    lines = [format_number(value, lay.digits)]
    if target is not None:
        lines.append(f"{target[0]} = {format_number(target[1])}")
    if lay.compact:
        at, ha, va = (x + r + 0.03, y - 0.7 * r), "left", "center"
    else:
        at, ha, va = (x, y - r - 0.05), "center", "top"
    text = "\n".join(lines)
    size = lay.value_size
    ax.text(
        *at,
        text,
        size=size,
        ha=ha,
        va=va,
        color=INK,
        zorder=5,
        linespacing=1.2,
        bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "linewidth": 0},
    )
    board.add(_text_box(*at, text, size, ha, va, pad=0.1))


def _draw_error_box(ax, lay, values, step, artists, board):
    """The ``E_total`` box right of the outputs, a line from each output."""

    x, y, w, h = lay.error_box
    on = step is not None and (step.kind == "error" or step.name.startswith("dE_total"))
    color = _color(step) if on else "#444444"
    for o in lay.layers[-1]:
        ox, oy = lay.xy[o]
        lit = on and step.kind == "error" and o in step.neurons
        line = Line2D(
            (ox, x - w / 2),
            (oy, y),
            color=color if lit else GREY,
            linewidth=4.0 if lit else 1.2,
            zorder=2 if lit else 1,
        )
        ax.add_line(line)
        artists[f"{o}->E_total"] = line
    box = FancyBboxPatch(
        (x - w / 2, y - h / 2),
        w,
        h,
        boxstyle="round,pad=0.02,rounding_size=0.12",
        facecolor=TINTS[step.kind] if on else "white",
        edgecolor=color,
        linewidth=2.5 if on else 1.2,
        zorder=4,
    )
    ax.add_patch(box)
    artists["E_total"] = box
    board.add((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    title = "E_total+" if values.after else "E_total"
    ax.text(x, y + 0.14, title, size=13, weight="bold", ha="center", va="center", zorder=5)
    ax.text(x, y - 0.16, values.text("E_total"), size=11, ha="center", va="center", zorder=5)


def _draw_biases(ax, lay, values, step, artists, board):
    """A small square per bias, thin dashed lines to the neurons it feeds."""

    marked = set(step.weights) if step is not None else set()
    side = min(0.1, lay.radius) if lay.compact else 0.22
    for b, (bx, by) in lay.biases.items():
        on = b in marked
        color = _color(step) if on else GREY
        for n in lay.bias_feeds[b]:
            x, y = lay.xy[n]
            lit = on and (n in step.neurons or not step.neurons)  # net_h1: only b1->h1
            line = Line2D(
                (bx, x),
                (by, y),
                color=color if lit else GREY,
                linewidth=3.0 if lit else 0.9,
                linestyle="-" if lit else (0, (3, 2)),
                zorder=2 if lit else 1,
            )
            ax.add_line(line)
            artists[f"{b}->{n}"] = line
        square = Rectangle(
            (bx - side / 2, by - side / 2),
            side,
            side,
            facecolor=TINTS[step.kind] if on else "white",
            edgecolor=color if on else "#666666",
            linewidth=2.0 if on else 1.0,
            zorder=4,
        )
        ax.add_patch(square)
        artists[b] = square
        board.add((bx - side / 2, by - side / 2, bx + side / 2, by + side / 2))
        if on or lay.label_weights:
            text, size = _parameter_text(b, values, step, on), lay.label_size
            beside = len(lay.bias_feeds[b]) == 1 and not lay.compact  # above its neuron
            x = bx + side / 2 + 0.06 if beside else bx - side / 2 - 0.06
            ha = "left" if beside else "right"
            highlight = _color(step) if on else None
            artists[f"label:{b}"] = _label(ax, x, by, text, size, highlight, ha=ha)
            board.add(_text_box(x, by, text, size, ha, bold=on))


def _draw_weights(ax, lay, names, values, step, artists, board):
    """A line per weight; the step's weights thick and coloured, and labelled
    ``w5 = 0.4`` (an update step adds ``w5+ = 0.35891648``). A label goes at
    30 % or 70 % along its line, alternately, or the nearest free spot."""

    marked = set(step.weights) if step is not None else set()
    ends = {}
    for k, matrix in enumerate(names.weight_matrix):
        for j, row in enumerate(matrix):
            for i, w in enumerate(row):
                (x0, y0), (x1, y1) = lay.xy[lay.layers[k][i]], lay.xy[lay.layers[k + 1][j]]
                ends[w] = (x0, y0, x1, y1, (i + j) % 2)
    bundled = len(ends) > MAX_SINGLE_LINES
    if bundled:  # hundreds of lines: one collection draws them much faster
        segments = [((e[0], e[1]), (e[2], e[3])) for w, e in ends.items() if w not in marked]
        artists["weights"] = ax.add_collection(
            LineCollection(segments, colors=GREY, linewidths=0.6, zorder=1)
        )
    for w, (x0, y0, x1, y1, _) in ends.items():
        on = w in marked
        if bundled and not on:
            continue
        line = Line2D(
            (x0, x1),
            (y0, y1),
            color=_color(step) if on else GREY,
            linewidth=5.0 if on else 1.2,
            zorder=2 if on else 1,
            solid_capstyle="round",
        )
        ax.add_line(line)
        artists[w] = line
    labelled = [w for w in ends if w in marked]
    if lay.label_weights:
        labelled += [w for w in ends if w not in marked]
    for w in labelled:
        x0, y0, x1, y1, odd = ends[w]
        on = w in marked
        text, size = _parameter_text(w, values, step, on), lay.label_size
        spots = [(t, 0.0) for t in (ALONG_ODD if odd else ALONG_EVEN)]
        if on and step.kind == "update":  # a long label: beside the line, not on it
            half = _text_box(0, 0, text, size)[3] + 0.06
            spots = [(t, d) for d in (half, -half) for t in (0.5, 0.4, 0.6)] + spots
        x, y, box = _free_spot(board, (x0, y0, x1, y1), text, size, spots, bold=on)
        board.add(box)
        highlight = _color(step) if on else None
        artists[f"label:{w}"] = _label(ax, x, y, text, size, highlight)


def _free_spot(board, segment, text, size, spots, bold=False):
    """The first spot (fraction along the segment, offset across it in
    inches) where the label overlaps nothing placed, else the least bad."""
    x0, y0, x1, y1 = segment
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    if ny < 0:  # a positive offset goes up
        nx, ny = -nx, -ny
    best = None
    for t, d in spots:
        x, y = x0 + t * (x1 - x0) + d * nx, y0 + t * (y1 - y0) + d * ny
        box = _text_box(x, y, text, size, bold=bold)
        score = board.overlap(box)
        if best is None or score < best[0]:
            best = (score, x, y, box)
        if score < 0.01:  # a corner touching is fine
            break
    return best[1:]


def _parameter_text(p, values, step, on):
    if on and step.kind == "update":
        return f"{p} = {values.text(p)}\n{p}+ = {format_number(values.values[f'{p}+'])}"
    return f"{p} = {values.text(p)}"


def _draw_path(ax, lay, names, step, artists):
    """Arrows from E_total back along the chain-rule path, layer by layer."""

    flow = chain_flow(names, step)
    if not flow:
        return
    points = lay.radius * 72
    width, scale = (3.0, 18) if lay.radius >= 0.25 else (1.8, 11)

    def arrow(key, start, end, shrink_a):
        patch = FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>,head_length=0.55,head_width=0.3",
            mutation_scale=scale,
            connectionstyle="arc3,rad=0.18",
            color=ARROW_COLOR,
            linewidth=width,
            shrinkA=shrink_a,
            shrinkB=points + 3,
            zorder=3,
        )
        ax.add_patch(patch)
        artists[f"path:{key}"] = patch

    top, first = flow[0]
    if step.name.startswith("dE") and top == len(names.neurons) - 1:
        x, y, w, _ = lay.error_box
        for o in first:
            arrow(f"E_total->{o}", (x - w / 2, y), lay.xy[o], 3)
    for (k, upper), (k_next, lower) in zip(flow, flow[1:]):
        if k_next == k - 1:
            for a in upper:
                for b in lower:
                    arrow(f"{a}->{b}", lay.xy[a], lay.xy[b], points + 2)


def _draw_caption(ax, lesson, step, values, artists):
    """The step's place (small, coloured) and its quantity (big) at the bottom."""
    if step is None:
        n = lesson.config.network
        header = "-".join(map(str, n.sizes)) + " network, " + "/".join(n.activations)
        caption = f"Total error:  E_total = {values.text('E_total')}"
    else:
        header = f"Step {step.index + 1} of {len(lesson.steps)}  \u00b7  {SECTIONS[step.section]}"
        caption = f"{step.title}:  {step.name} = {step.shown_value}"
        if step.kind == "update":
            old = step.name.removesuffix("+")
            caption += f"   (was {format_number(lesson.values[old])})"
    size = min(15.0, 7.6 * 72 / (0.56 * len(caption)))
    artists["header"] = ax.text(
        0.15, 0.66, header, size=10.5, color=_color(step), weight="bold", va="center"
    )
    artists["caption"] = ax.text(0.15, 0.3, caption, size=size, color=INK, va="center")
