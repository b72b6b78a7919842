"""Where the network's parts go, in px of an SVG :data:`WIDTH` px wide.

Layers are columns, inputs on the left, then an ``E_total`` box on the
right. Each neuron is a circle with its name inside and its value under it
(outputs also their target, on a second line). A layer's neurons are
spaced evenly around the middle, at least a *pitch* apart (the circle, the
value lines under it and, with one bias per neuron, the bias square above
it), so the picture grows taller with its widest layer. A shared bias is
a square in a band above the network, a little to the left of the layer it
feeds; a bias per neuron is a square right above its neuron.

Fonts are at least :data:`MIN_FONT` px; a small network (one hidden layer
of at most four neurons, at most 16 weights) gets bigger circles and fonts.
Up to 16 weights, numbers are written with all 9 decimals, past that with 4
by the neurons and on the weights (the tooltips and the caption keep all
of them).

>>> from mazur_nn.core.names import Names
>>> lay = layout(Names((2, 2, 2), "shared"), top=70)
>>> lay.xy["i1"], lay.xy["o2"], lay.radius, lay.digits
((62.0, 130.0), (480.0, 300.0), 26, 9)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from mazur_nn.core.names import Names
from mazur_nn.render.svg.placement import BOLD_EM

WIDTH = 680
MARGIN = 12
MIN_FONT = 12
BOX_WIDTH, BOX_HEIGHT = 118, 48  # the E_total box
TO_BOX = 70  # from the output column to the E_total box
MAX_SPACING = 170  # between two neurons of a layer
MIN_BAND = 300  # the height a small network's neurons spread over
BIAS_BAND = 30  # above the network, for the shared biases
BIAS_ROOM = 24  # above each neuron, for a bias per neuron


@dataclass(frozen=True)
class Layout:
    """Positions (px, y down) and sizes of one network shape's parts."""

    layers: tuple[tuple[str, ...], ...]
    xy: dict[str, tuple[float, float]]  # neuron -> centre
    radius: float
    name_font: float
    value_font: float  # neuron values, weight and bias labels
    line: float  # line height of the value font
    digits: int  # decimals written by the neurons and on the weights
    gap: float  # between two layers' columns
    error_box: tuple[float, float, float, float]  # centre x, centre y, width, height
    biases: dict[str, tuple[float, float]]  # bias -> centre of its square
    bias_side: float
    bias_feeds: dict[str, tuple[str, ...]]  # bias -> the neurons it feeds
    shared_biases: bool

    @property
    def neurons(self) -> tuple[str, ...]:
        return tuple(n for layer in self.layers for n in layer)


def layout(names: Names, top: float, stretch: float = 1.0) -> Layout:
    """Positions for a network's :class:`~mazur_nn.core.names.Names`, its
    parts starting ``top`` px down (under the caption); ``stretch`` spreads
    the neurons of a layer farther apart (more room for the labels)."""
    return _layout(names.sizes, names.bias_mode, top, stretch)


@lru_cache(maxsize=64)
def _layout(sizes: tuple[int, ...], bias_mode: str, top: float, stretch: float) -> Layout:
    names = Names(sizes, bias_mode)
    layers = names.neurons
    widest = max(len(layer) for layer in layers)
    longest = max(len(n) for n in names.bias_of) if names.bias_of else 2
    few = len(names.weights) <= 16  # all 9 decimals
    small = few and widest <= 4 and len(layers) <= 3  # bigger circles and fonts
    name_font = 15 if small else 13
    value_font = 13 if small else MIN_FONT
    line = math.ceil(1.25 * value_font)
    radius = max(26 if small else 21, math.ceil(longest * BOLD_EM * name_font / 2) + 4)
    shared = names.bias_mode == "shared"
    above = 4 + (0 if shared else BIAS_ROOM)  # room over a circle
    rows = [2 if k == len(layers) - 1 else 1 for k in range(len(layers))]
    pitch = [above + 2 * radius + 4 + r * line + 8 for r in rows]
    band = max(max(len(layer) * p for layer, p in zip(layers, pitch)), MIN_BAND if small else 0)
    band *= stretch
    spacing = []
    for layer, p in zip(layers, pitch):
        even = (band - max(pitch)) / (len(layer) - 1) if len(layer) > 1 else 0.0
        spacing.append(max(p, min(MAX_SPACING * stretch, even)))
    first = top + (BIAS_BAND if shared else 0)
    reach = max((len(layer) - 1) / 2 * s for layer, s in zip(layers, spacing))
    middle = first + above + radius + reach

    box_x = WIDTH - MARGIN - BOX_WIDTH / 2
    x_last = box_x - BOX_WIDTH / 2 - TO_BOX
    x_first = MARGIN + 50
    gap = (x_last - x_first) / (len(layers) - 1)
    xy = {}
    for k, (layer, s) in enumerate(zip(layers, spacing)):
        for j, n in enumerate(layer):
            xy[n] = (x_first + k * gap, middle + (j - (len(layer) - 1) / 2) * s)

    side = 12 if small else 10
    feeds: dict[str, list[str]] = {}
    for n, b in names.bias_of.items():
        feeds.setdefault(b, []).append(n)
    biases = {}
    for b, fed in feeds.items():
        x, y = xy[fed[0]]
        if shared:
            biases[b] = (x - 0.3 * gap, top + BIAS_BAND / 2)
        else:
            biases[b] = (x, y - radius - 4 - side / 2 - 4)
    return Layout(
        layers=layers,
        xy=xy,
        radius=radius,
        name_font=name_font,
        value_font=value_font,
        line=line,
        digits=9 if few else 4,
        gap=gap,
        error_box=(box_x, middle, BOX_WIDTH, BOX_HEIGHT),
        biases=biases,
        bias_side=side,
        bias_feeds={b: tuple(ns) for b, ns in feeds.items()},
        shared_biases=shared,
    )
