"""The SVG document of one lesson step, built as a string.

Painted bottom to top: the background, the caption, the biases' lines and
squares, the weights (a halo under the step's own, the line, and a wider
invisible line that is easy to click), the ``E_total`` box with a line
from each output, the chain path's arrows, the neurons with their values,
then every label, the lists of labels that found no room on the picture,
and the legend. Each neuron, weight, bias and the error box is a group
with ``data-name``, a class (``mazur-neuron``, ``mazur-weight``,
``mazur-bias``, ``mazur-error``), ``tabindex="0"`` and a ``<title>``; a
label repeats its part's ``data-name`` and ``<title>`` (class
``mazur-label``), so hovering or clicking it is the same as the part.

Labels are placed most important first: the step's own parameters, the
"× 0" marks of a path that carries nothing, the biases, then the weights
one gap between two layers at a time, each at the first free spot along
its line (30 % or 70 % of the way, alternately, so that crossing lines keep
their labels apart, then anywhere along it). When one weight of a gap finds
no free spot, the whole gap's labels go to a list under the network
(``w17 = 0.12`` in a grid, boxed in the weight's sign style), so a dense
network is read line by line from the list instead of from a jumble.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> svg = network_svg(build_lesson(mazur_example()), "dE_total/dw5")
>>> svg.startswith("<svg") and 'role="img"' in svg and "w5 = 0.4" in svg
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from html import escape

from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import Lesson, Step
from mazur_nn.render.svg.layout import MARGIN, MIN_FONT, WIDTH, Layout, layout
from mazur_nn.render.svg.palette import style_sheet
from mazur_nn.render.svg.paths import NOTHING, Arrow, ChainPath, chain_path
from mazur_nn.render.svg.placement import (
    BASELINE,
    EM,
    HEIGHT_EM,
    LINE_EM,
    Board,
    Box,
    along,
    grid,
    label_box,
    text_box,
    text_width,
)
from mazur_nn.render.svg.shown import ShownValues, resolve_step
from mazur_nn.render.svg.words import caption, description, header, title, tooltips

HEADER_FONT = 13
CAPTION_FONT = 15
ERROR_FONT = 14
MIN_WEIGHT_WIDTH, MAX_WEIGHT_WIDTH = 1.25, 6.0  # px, by a weight's size
# Where along its line a weight's label may go, in order of preference; lines
# alternate between the two orders so that crossing lines keep them apart.
ALONG_EVEN = (0.3, 0.7, 0.5, 0.22, 0.78, 0.4, 0.6)
ALONG_ODD = (0.7, 0.3, 0.5, 0.78, 0.22, 0.6, 0.4)
ALONG_MORE = tuple(t / 100 for t in range(15, 90, 5) if t % 10 or t in (20, 80))
LEADERS = (16.0, 32.0)  # how far off its line a label may go, with a leader line
STRETCHES = (1.0, 1.4, 1.8)  # how far apart neurons may be spread to make room for labels
MAX_STRETCHED = 24  # weights between two layers: more never find room, however spread


def network_svg(lesson: Lesson, step: Step | int | str | None = None) -> str:
    """The SVG document of ``lesson``'s network with ``step`` highlighted.

    ``step`` is a :class:`~mazur_nn.course.steps.Step`, its index, its name
    (``"dE_total/dw5"``) or ``None`` (the network and its error). The same
    input gives the same bytes."""
    key = _key(lesson)
    return _Scene(lesson, resolve_step(lesson, step), stretch(lesson, key), key).svg()


def _key(lesson: Lesson) -> tuple:
    """What the picture's layout depends on: the shape and the numbers."""
    network = lesson.config.network
    return (network.sizes, network.bias_mode, len(lesson.steps), *lesson.values.items())


class _Memory(dict):
    """A dict that forgets its oldest entries past ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key, value):
        if len(self) >= self.size:
            del self[next(iter(self))]
        self[key] = value
        return value


_STRETCHES = _Memory(32)  # lesson key -> stretch
_PLAIN = _Memory(128)  # (lesson key, after, stretch, top) -> the plain labels' places


def stretch(lesson: Lesson, key: tuple | None = None) -> float:
    """How far apart a lesson's neurons are spread: the least of
    :data:`STRETCHES` at which every weight and bias label finds room on the
    picture, before and after the update (1 if none does: then lists take
    them). The same for every step, so the picture keeps still while the
    student steps through; remembered for the last few lessons' numbers."""
    key = _key(lesson) if key is None else key
    if key in _STRETCHES:
        return _STRETCHES[key]
    last = lesson.steps[-1] if lesson.steps and lesson.steps[-1].section == "after" else None
    steps = [None] if last is None else [None, last]

    def fits(s: float) -> bool:
        return not any(_Scene(lesson, t, s, key, plain=True).lists for t in steps)

    sizes = lesson.config.network.sizes
    crowded = max(a * b for a, b in zip(sizes, sizes[1:])) > MAX_STRETCHED
    chosen = STRETCHES[0]
    if not crowded and not fits(chosen) and fits(STRETCHES[-1]):  # not even the widest: none
        chosen = next(s for s in STRETCHES[1:] if s == STRETCHES[-1] or fits(s))
    return _STRETCHES.remember(key, chosen)


def _f(value: float) -> str:
    """A coordinate, to a tenth of a px."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(x: float, y: float, text: str, size: float, anchor="middle", bold=False) -> str:
    """One line of text whose middle is at ``y``."""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{_f(x)}" y="{_f(y + BASELINE * size)}" font-size="{size:g}" '
        f'text-anchor="{anchor}"{weight}>{escape(text)}</text>'
    )


def _rect(box: Box, cls: str, extra: str = "") -> str:
    x0, y0, x1, y1 = box
    return (
        f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(x1 - x0)}" height="{_f(y1 - y0)}" '
        f'class="{cls}"{extra}/>'
    )


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def _sign(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "zero"


class _Scene:
    """Everything one diagram draws: placed first (on :attr:`board`), then
    written out as SVG."""

    def __init__(
        self,
        lesson: Lesson,
        step: Step | None,
        stretch: float = 1.0,
        key: tuple | None = None,
        plain: bool = False,
    ) -> None:
        """Place everything; ``plain``: only the parts and the plain labels,
        enough to see which labels need a list. ``key`` (:func:`_key`) lets
        steps of one lesson share the plain labels' places."""
        self.lesson = lesson
        self.key = (_key(lesson) if key is None else key, stretch)
        self.step = step
        self.plain = plain
        self.names = lesson.config.network.names
        self.values = ShownValues(lesson, step)
        self.kind = step.kind if step is not None else None
        self.marked = set(step.weights) if step is not None else set()
        self.lit = set(step.neurons) if step is not None else set()
        self.board = Board(WIDTH)
        self.leaders: dict[Box, tuple[float, float]] = {}  # a label's box -> its line's point
        self.candidates: dict[tuple[str, ...], _Lazy] = {}
        self.layers: dict[str, list[str]] = {
            k: [] for k in ("back", "weights", "error", "arrows", "neurons", "labels")
        }
        self.tips = {} if plain else tooltips(lesson, step)
        self.path = ChainPath() if plain else chain_path(lesson, step)
        top = self._caption()
        self.board.top = top  # labels stay under the caption, whatever its length
        self.lay: Layout = layout(self.names, top, stretch)
        self._neurons()
        self._error_box()
        self._biases()
        self._weights()
        self._arrows()
        self._labels()
        if not plain:
            bottom = self._lists(max(b[3] for b in self.board.taken()))
            self.height = self._legend(bottom) + MARGIN

    # -- the caption at the top -------------------------------------------------------

    def _caption(self) -> float:
        """The step's place (small) and its quantity (big); the y under them."""
        lesson, step = self.lesson, self.step
        out = self.layers["back"]
        y = MARGIN + HEADER_FONT * HEIGHT_EM / 2
        x = MARGIN
        if self.kind is not None:
            out.append(_rect((x, y - 6, x + 12, y + 6), f"mz-head-{self.kind}", ' rx="2"'))
            x += 18
        text = header(lesson, step)
        out.append(_text(x, y, text, HEADER_FONT, "start", bold=True))
        self.board.add(text_box(x, y, text, HEADER_FONT, "start", bold=True))
        lines, size = _fit(caption(lesson, step), WIDTH - 2 * MARGIN)
        y += HEADER_FONT * HEIGHT_EM / 2 + 6
        for line in lines:
            y += size * HEIGHT_EM / 2
            out.append(_text(MARGIN, y, line, size, "start"))
            self.board.add(text_box(MARGIN, y, line, size, "start"))
            y += size * HEIGHT_EM / 2 + 2
        return y + 8

    # -- the parts ------------------------------------------------------------------------

    def _group(self, part: str, cls: str, body: list[str], layer: str) -> None:
        self.layers[layer].append(
            f'<g class="{cls}" data-name="{part}" tabindex="0">{_title(self.tips[part])}'
            + "".join(body)
            + "</g>"
        )

    def _neurons(self) -> None:
        """A circle per neuron, its name inside, its value (and target) under it."""
        lay, v = self.lay, self.values
        r = lay.radius
        outputs = self.names.neurons[-1]
        for k, layer in enumerate(lay.layers):
            for n in layer:
                x, y = lay.xy[n]
                self.board.add_circle(x, y, r)
                lines = [format_number(v(n if k == 0 else f"out_{n}"), lay.digits)]
                if n in outputs:
                    t = self.names.targets[outputs.index(n)]
                    lines.append(f"{t} = {format_number(v(t), lay.digits)}")
                box = label_box(x, 0, lines, lay.value_font)
                box = _inside((box[0], y + r + 3, box[2], y + r + 3 + box[3] - box[1]))
                self.board.add(box)
                if self.plain:
                    continue
                centre = f'cx="{_f(x)}" cy="{_f(y)}" r="{r}"'
                if n in self.lit:
                    body = [
                        f'<circle {centre} class="mz-bg"/>',
                        f'<circle {centre} class="mz-tint-{self.kind} mz-{self.kind}" '
                        'stroke-width="3"/>',
                    ]
                else:
                    body = [f'<circle {centre} class="mz-bg mz-ink" stroke-width="1.5"/>']
                body.append(_text(x, y, n, lay.name_font, bold=True))
                body += self._label_body(box, lines, lay.value_font, "mz-bg")
                self._group(n, "mazur-neuron", body, "neurons")

    def _label_body(self, box: Box, lines: list[str], size: float, cls: str, bold=False, extra=""):
        x = (box[0] + box[2]) / 2
        line = LINE_EM * size
        first = (box[1] + box[3]) / 2 - (len(lines) - 1) * line / 2
        body = [_rect(box, cls, ' rx="3"' + extra)]
        body += [_text(x, first + i * line, t, size, bold=bold) for i, t in enumerate(lines)]
        return body

    def _error_box(self) -> None:
        """The ``E_total`` box right of the outputs, a line from each output."""
        lay = self.lay
        x, y, w, h = lay.error_box
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        self.board.add(box)
        if self.plain:
            return
        on = self.step is not None and (
            self.kind == "error" or self.step.name.startswith("dE_total")
        )
        body = []
        for o in lay.layers[-1]:
            ox, oy = lay.xy[o]
            lit = on and self.kind == "error" and o in self.lit
            dx, dy = x - w / 2 - ox, y - oy
            length = (dx * dx + dy * dy) ** 0.5
            sx, sy = ox + dx / length * lay.radius, oy + dy / length * lay.radius
            cls, width = (f"mz-{self.kind}", 3.5) if lit else ("mz-grey", 1.5)
            body.append(
                f'<line x1="{_f(sx)}" y1="{_f(sy)}" x2="{_f(x - w / 2)}" y2="{_f(y)}" '
                f'class="{cls}" stroke-width="{width}"/>'
            )
        body.append(_rect(box, "mz-bg", ' rx="8"'))
        if on:
            cls = f"mz-tint-{self.kind} mz-{self.kind}"
            body.append(_rect(box, cls, ' rx="8" stroke-width="3"'))
        else:
            body.append(_rect(box, "mz-ink", ' rx="8" fill="none" stroke-width="1.5"'))
        name = "E_total+" if self.values.after else "E_total"
        body.append(_text(x, y - 10, name, ERROR_FONT, bold=True))
        body.append(_text(x, y + 11, self.values.text("E_total"), lay.value_font))
        self._group("E_total", "mazur-error", body, "error")

    def _biases(self) -> None:
        """A small square per bias, thin lines to the neurons it feeds."""
        lay = self.lay
        side = lay.bias_side
        for b, (bx, by) in lay.biases.items():
            box = (bx - side / 2, by - side / 2, bx + side / 2, by + side / 2)
            self.board.add(box)
            if self.plain:
                continue
            on = b in self.marked
            body = []
            for n in lay.bias_feeds[b]:
                x, y = lay.xy[n]
                lit = on and (n in self.lit or not self.lit)  # net_h1: only b1->h1
                dx, dy = x - bx, y - by
                length = (dx * dx + dy * dy) ** 0.5
                ex, ey = x - dx / length * lay.radius, y - dy / length * lay.radius
                cls, width = (f"mz-{self.kind}", 2.5) if lit else ("mz-grey", 1)
                body.append(
                    f'<line x1="{_f(bx)}" y1="{_f(by)}" x2="{_f(ex)}" y2="{_f(ey)}" '
                    f'class="{cls}" stroke-width="{width}" data-to="{n}"/>'
                )
            if on:
                body.append(_rect(box, "mz-bg"))
                body.append(_rect(box, f"mz-tint-{self.kind} mz-{self.kind}", ' stroke-width="2"'))
            else:
                body.append(_rect(box, "mz-bg mz-ink", ' stroke-width="1.2"'))
            self._group(b, "mazur-bias", body, "back")

    def _weights(self) -> None:
        """A line per weight, coloured and dashed by sign, as thick as it is
        big; a halo under the step's own; a wide invisible line to click."""
        lay, v = self.lay, self.values
        r = lay.radius
        largest = max(abs(v(w)) for w in self.names.weights) or 1.0
        self.segments: dict[str, tuple[Box, int]] = {}
        for k, matrix in enumerate(self.names.weight_matrix):
            for j, row in enumerate(matrix):
                for i, w in enumerate(row):
                    (x0, y0), (x1, y1) = lay.xy[lay.layers[k][i]], lay.xy[lay.layers[k + 1][j]]
                    self.segments[w] = ((x0, y0, x1, y1), (i + j) % 2)
                    if self.plain:
                        continue
                    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
                    ux, uy = (x1 - x0) / length * r, (y1 - y0) / length * r
                    ends = (
                        f'x1="{_f(x0 + ux)}" y1="{_f(y0 + uy)}" '
                        f'x2="{_f(x1 - ux)}" y2="{_f(y1 - uy)}"'
                    )
                    value = v(w)
                    spread = MAX_WEIGHT_WIDTH - MIN_WEIGHT_WIDTH
                    width = MIN_WEIGHT_WIDTH + spread * abs(value) / largest
                    body = []
                    if w in self.marked:
                        body.append(
                            f'<line {ends} class="mz-halo-{self.kind}" '
                            f'stroke-width="{_f(width + 9)}" stroke-linecap="round"/>'
                        )
                    body.append(
                        f'<line {ends} class="mz-line mz-{_sign(value)}" '
                        f'stroke-width="{_f(width)}"/>'
                    )
                    body.append(f'<line {ends} class="mz-hit" stroke-width="12"/>')
                    self._group(w, "mazur-weight", body, "weights")

    # -- the chain path ---------------------------------------------------------------------

    def _arrows(self) -> None:
        self.arrow_middles: dict[str, tuple[float, float, float, float]] = {}
        for arrow in self.path.arrows:
            self.layers["arrows"].append(self._arrow(arrow))

    def _arrow(self, arrow: Arrow) -> str:
        lay = self.lay
        r = lay.radius
        bx, by = lay.xy[arrow.end]
        if arrow.start == "E_total":
            x, y, w, _ = lay.error_box
            ax, ay = x - w / 2 - 2, y
            dx, dy = bx - ax, by - ay
            length = (dx * dx + dy * dy) ** 0.5
        else:
            ax, ay = lay.xy[arrow.start]
            dx, dy = bx - ax, by - ay
            length = (dx * dx + dy * dy) ** 0.5
            ax, ay = ax + dx / length * (r + 3), ay + dy / length * (r + 3)
        ex, ey = bx - dx / length * (r + 3), by - dy / length * (r + 3)
        bend = 0.18 * ((ex - ax) ** 2 + (ey - ay) ** 2) ** 0.5
        cx, cy = (ax + ex) / 2 - dy / length * bend, (ay + ey) / 2 + dx / length * bend
        tx, ty = ex - cx, ey - cy  # the curve's direction at its end
        t_len = (tx * tx + ty * ty) ** 0.5
        tx, ty = tx / t_len, ty / t_len
        head, half = 11.0, 5.5
        sx, sy = ex - tx * head * 0.8, ey - ty * head * 0.8  # the line stops inside the head
        mx, my = 0.25 * ax + 0.5 * cx + 0.25 * ex, 0.25 * ay + 0.5 * cy + 0.25 * ey
        self.arrow_middles[arrow.key] = (mx, my, tx, ty)
        style = "nothing" if arrow.nothing else self.kind
        line = "mz-nothing" if arrow.nothing else f"mz-{self.kind}"
        points = [
            (ex, ey),
            (ex - tx * head - ty * half, ey - ty * head + tx * half),
            (ex - tx * head + ty * half, ey - ty * head - tx * half),
        ]
        return (
            f'<g class="mz-path" data-arrow="{escape(arrow.key)}">'
            f'<path d="M{_f(ax)},{_f(ay)} Q{_f(cx)},{_f(cy)} {_f(sx)},{_f(sy)}" '
            f'class="{line}" fill="none" stroke-width="3"/>'
            f'<polygon points="{" ".join(f"{_f(px)},{_f(py)}" for px, py in points)}" '
            f'class="mz-head-{style}"/></g>'
        )

    # -- labels -------------------------------------------------------------------------------

    def _plain(self, p: str) -> list[str]:
        """A weight's or bias's label: ``w5 = 0.4``."""
        return [f"{p} = {format_number(self.values(p), self.lay.digits)}"]

    def _own(self, p: str) -> list[str]:
        """The label of one of the step's parameters: an update adds the new value."""
        if self.kind == "update":
            new = format_number(self.lesson.values[f"{p}+"])
            return [f"{p} = {self.values.text(p)}", f"{p}+ = {new}"]
        return self._plain(p)

    def _label(self, p: str, box: Box, lines: list[str]) -> None:
        if p in self.marked:
            cls, extra = f"mz-bg mz-{self.kind}", ' stroke-width="2.5"'
        elif p in self.names.biases:
            cls, extra = "mz-bg mz-grey", ' stroke-width="1"'
        else:
            cls, extra = f"mz-bg mz-{_sign(self.values(p))}", ' stroke-width="1"'
        body = self._label_body(box, lines, self.lay.value_font, cls, extra=extra)
        if box in self.leaders:  # from the box's edge to the line
            x, y = self.leaders[box]
            ex, ey = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
            body.insert(
                0,
                f'<line x1="{_f(ex)}" y1="{_f(ey)}" x2="{_f(x)}" y2="{_f(y)}" class="mz-ink" '
                'stroke-width="1"/>',
            )
        self.layers["labels"].append(
            f'<g class="mazur-label" data-name="{p}">{_title(self.tips[p])}'
            + "".join(body)
            + "</g>"
        )

    def _weight_spots(self, w: str, lines: list[str]):
        segment, odd = self.segments[w]
        size = self.lay.value_font
        preferred = ALONG_ODD if odd else ALONG_EVEN
        box = label_box(0, 0, lines, size)
        beside = (box[3] - box[1]) / 2 + 2  # the label's edge along the line
        spots = [(t, 0.0) for t in preferred + ALONG_MORE]
        spots += [(t, d) for t in preferred for d in (beside, -beside)]
        if len(lines) > 1:  # a tall label: beside the line first
            spots = spots[len(preferred + ALONG_MORE) :] + spots
        half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
        for x, y in along(segment, spots):
            yield (x - half_w, y - half_h, x + half_w, y + half_h)
        # farther off, with a leader line to its point of the line
        offsets = [side * (beside + far) for far in LEADERS for side in (1, -1)]
        away = [(t, d) for d in offsets for t in (0.5, 0.4, 0.6)]
        anchors = along(segment, [(t, 0.0) for t, _ in away])
        for (x, y), anchor in zip(along(segment, away), anchors):
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
            self.leaders[box] = anchor
            yield box

    def _bias_spots(self, b: str, lines: list[str]):
        bx, by = self.lay.biases[b]
        size = self.lay.value_font
        box = label_box(0, 0, lines, size)
        half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
        reach = self.lay.bias_side / 2 + 4 + half_w
        below = self.lay.bias_side / 2 + 3 + half_h
        if self.lay.shared_biases:
            spots = [(-reach, 0), (reach, 0), (-reach, below), (reach, below)]
        else:
            spots = [(reach, 0), (-reach, 0), (reach, -below), (-reach, -below), (0, -below)]
        for dx, dy in spots:
            yield label_box(bx + dx, by + dy, lines, size)

    def _spots(self, p: str, lines: list[str]) -> _Lazy:
        """Where ``p``'s label may go, best first (each worked out once)."""
        key = (p, *lines)
        if key not in self.candidates:
            spots = self._bias_spots if p in self.names.biases else self._weight_spots
            self.candidates[key] = _Lazy(spots(p, lines))
        return self.candidates[key]

    def _place_group(self, parts: list[str]) -> dict[str, Box] | None:
        """A free spot for each plain label of ``parts``, or ``None`` if one
        finds none (in their order, then in the reverse order)."""
        for order in (parts, parts[::-1]):
            mark, spots = self.board.mark(), {}
            for p in order:
                box = self.board.first_free(self._spots(p, self._plain(p)))
                if box is None:
                    break
                self.board.add(box)
                spots[p] = box
            else:
                return spots
            self.board.undo(mark)
            if self.board.first_free(self._spots(p, self._plain(p))) is None:
                return None  # no room even alone: no order helps
        return None

    def _labels(self) -> None:
        """The plain labels first, group by group, the same for every step of
        a section; then the step's own (an update's taller label at a spot
        of its own, if there is one); then the ``× 0`` marks."""
        names = self.names
        groups = [
            (list(biases), f"Biases of {self._layer_words(k + 1)}:")
            for k, biases in enumerate(names.layer_biases)
        ]
        groups += [
            (
                [w for row in matrix for w in row],
                f"Weights from {self._layer_words(k)} to {self._layer_words(k + 1)}:",
            )
            for k, matrix in enumerate(names.weight_matrix)
        ]
        memory = (*self.key, self.values.after, self.board.top)
        if memory not in _PLAIN:
            places: dict[str, Box] = {}
            listed = []
            for parts, heading in groups:  # each group on the picture, or all of it listed
                placed = self._place_group(parts)
                if placed is None:
                    listed.append((heading, parts))
                else:
                    places.update(placed)
            leaders = {box: self.leaders[box] for box in places.values() if box in self.leaders}
            _PLAIN.remember(memory, (places, leaders, listed))
        else:
            places, leaders, listed = _PLAIN[memory]
            for box in places.values():
                self.board.add(box)
        self.leaders = dict(leaders)
        spots = {p: (box, self._plain(p)) for p, box in places.items()}
        self.lists = sorted(listed, key=lambda g: not g[0].startswith("Weights"))
        if self.plain:
            return
        for p in sorted(self.marked, key=names.parameters.index):
            lines = self._own(p)
            if p in spots and spots[p][1] == lines:
                continue
            if p in spots:  # its plain label's room is given back while it looks
                self.board.remove(spots[p][0])
            box = self.board.first_free(self._spots(p, lines))
            if box is not None:
                spots[p] = (box, lines)
            if p in spots:
                self.board.add(spots[p][0])
        for zero in self.path.zeros:
            self._zero_mark(zero.at)
        for p in names.parameters:
            if p in spots:
                self._label(p, *spots[p])

    def _layer_words(self, k: int) -> str:
        count = len(self.names.neurons)
        if k == 0:
            return "the inputs"
        if k == count - 1:
            return "the outputs"
        return "the hidden layer" if count == 3 else f"hidden layer {k}"

    def _zero_mark(self, at: str) -> None:
        """``× 0`` by the arrow or the neuron where the flow stops."""
        size = MIN_FONT
        lines = [NOTHING]
        box = label_box(0, 0, lines, size, bold=True)
        half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
        if "->" in at:
            mx, my, tx, ty = self.arrow_middles[at]
            spots = [(mx, my)]
            for d in (half_h + 6, -(half_h + 6), 2 * half_h + 10, -(2 * half_h + 10)):
                spots.append((mx - ty * d, my + tx * d))
        else:
            x, y = self.lay.xy[at]
            r = self.lay.radius
            spots = [
                (x + r + half_w + 3, y - r * 0.7),
                (x - r - half_w - 3, y - r * 0.7),
                (x + r + half_w + 3, y),
                (x - r - half_w - 3, y),
                (x, y - r - half_h - 4),
            ]
        found = self.board.first_free(label_box(sx, sy, lines, size, True) for sx, sy in spots)
        if found is None:
            return
        self.board.add(found)
        body = self._label_body(found, lines, size, "mz-bg mz-nothing", True, ' stroke-width="1.5"')
        self.layers["labels"].append(
            f'<g class="mz-zero-mark" data-at="{escape(at)}">' + "".join(body) + "</g>"
        )

    # -- lists and legend ---------------------------------------------------------------------

    def _lists(self, y: float) -> float:
        """The labels with no room on the picture, under it; the y under them."""
        size = self.lay.value_font
        room = WIDTH - 2 * MARGIN
        for heading, parts in self.lists:
            y += 10 + HEIGHT_EM * size / 2
            self.layers["labels"].append(_text(MARGIN, y, heading, size, "start", bold=True))
            self.board.add(text_box(MARGIN, y, heading, size, "start", bold=True))
            y += HEIGHT_EM * size / 2 + 6
            entries = [(p, self._plain(p)) for p in parts]
            boxes = [label_box(0, 0, lines, size) for _, lines in entries]
            cell = max(b[2] - b[0] for b in boxes) + 8
            row = max(b[3] - b[1] for b in boxes) + 6
            columns, rows = grid(len(parts), cell, room + 8)
            for index, ((p, lines), box) in enumerate(zip(entries, boxes)):
                cx = MARGIN + (index % columns) * cell + cell / 2 - 4
                cy = y + (index // columns) * row + row / 2
                placed = (box[0] + cx, box[1] + cy, box[2] + cx, box[3] + cy)
                self.board.add(placed)
                self._label(p, placed, lines)
            y += rows * row
        return y

    def _legend(self, y: float) -> float:
        """Samples of what the lines mean, under everything; the y under it."""
        size = MIN_FONT
        items = [("mz-positive", "positive weight"), ("mz-negative", "negative weight")]
        if any(self.values(w) == 0 for w in self.names.weights):
            items.append(("mz-zero", "zero weight"))
        items.append((None, "thicker: larger size"))
        if self.path.arrows:
            items.append((f"mz-{self.kind}", "the error flowing back"))
        if any(a.nothing for a in self.path.arrows):
            items.append(("mz-nothing", f"carries nothing ({NOTHING})"))
        x, y = MARGIN, y + 12 + HEIGHT_EM * size / 2
        out = self.layers["labels"]
        for cls, text in items:
            width = (30 if cls else 0) + text_width(text, size) + 18
            if x + width > WIDTH - MARGIN and x > MARGIN:
                x, y = MARGIN, y + HEIGHT_EM * size + 6
            if cls:
                out.append(
                    f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 24)}" y2="{_f(y)}" '
                    f'class="{cls}" stroke-width="3"/>'
                )
                x += 30
            out.append(_text(x, y, text, size, "start"))
            self.board.add(text_box(x, y, text, size, "start"))
            x += text_width(text, size) + 18
        return y + HEIGHT_EM * size / 2

    # -- the document -----------------------------------------------------------------------

    def svg(self) -> str:
        heading = title(self.lesson, self.step)
        words = description(self.lesson, self.step, self.path)
        key = hashlib.sha1(f"{heading}\n{words}".encode()).hexdigest()[:8]
        height = _f(self.height)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="mazur-net" width="{WIDTH}" '
            f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="mz-title-{key} mz-desc-{key}" '
            'style="max-width:100%;height:auto">',
            f'<title id="mz-title-{key}">{escape(heading)}</title>',
            f'<desc id="mz-desc-{key}">{escape(words)}</desc>',
            f"<style>{style_sheet()}</style>",
            f'<rect width="{WIDTH}" height="{height}" class="mz-bg"/>',
        ]
        for layer in ("back", "weights", "error", "arrows", "neurons", "labels"):
            parts.append(f'<g class="mz-layer-{layer}">' + "".join(self.layers[layer]) + "</g>")
        parts.append("</svg>")
        return "\n".join(parts)


class _Lazy:
    """The items of an iterator, worked out as far as asked and remembered."""

    def __init__(self, items: Iterator[Box]) -> None:
        self.items = items
        self.done: list[Box] = []

    def __iter__(self) -> Iterator[Box]:
        yield from self.done
        for item in self.items:
            self.done.append(item)
            yield item


def _inside(box: Box) -> Box:
    """``box`` moved sideways into the picture's width, if it sticks out."""
    shift = max(0.0, MARGIN / 2 - box[0]) - max(0.0, box[2] - (WIDTH - MARGIN / 2))
    return (box[0] + shift, box[1], box[2] + shift, box[3])


def _fit(text: str, room: float) -> tuple[list[str], float]:
    """``text`` in one line of at most :data:`CAPTION_FONT` px, or, when even
    :data:`MIN_FONT` px is too wide for ``room``, in several."""
    for size in range(CAPTION_FONT, MIN_FONT - 1, -1):
        if text_width(text, size) <= room:
            return [text], size
    per_line = int(room // (MIN_FONT * EM))
    lines, line = [], ""
    for word in text.split(" "):
        while len(word) > per_line:  # a word longer than a line: cut it
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= per_line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else []), MIN_FONT
