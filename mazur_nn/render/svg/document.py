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

Where labels go is :mod:`~mazur_nn.render.svg.labels`. A lesson's
neurons are spread apart (:func:`stretch`) as little as lets every label
find room on the picture, if any spread does.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> svg = network_svg(build_lesson(mazur_example()), "dE_total/dw5")
>>> svg.startswith("<svg") and 'role="img"' in svg and "w5 = 0.4" in svg
True
"""

from __future__ import annotations

import zlib
from html import escape

from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import Lesson, Step
from mazur_nn.render.svg.labels import LabelPlacement, Lazy
from mazur_nn.render.svg.layout import MARGIN, MIN_FONT, WIDTH, Layout, layout
from mazur_nn.render.svg.markup import label_parts, px, sign_of, svg_rect, svg_text, svg_title
from mazur_nn.render.svg.palette import style_sheet
from mazur_nn.render.svg.paths import NOTHING, Arrow, ChainPath, chain_path
from mazur_nn.render.svg.placement import (
    EM,
    HEIGHT_EM,
    Board,
    Box,
    Memory,
    label_box,
    text_box,
    text_width,
)
from mazur_nn.render.svg.shown import ShownValues, resolve_step
from mazur_nn.render.svg.words import (
    caption,
    description,
    error_name,
    header,
    title,
    tooltips,
)

HEADER_FONT = 13
CAPTION_FONT = 15
ERROR_FONT = 14
MIN_WEIGHT_WIDTH, MAX_WEIGHT_WIDTH = 1.25, 6.0  # px, by a weight's size
STRETCHES = (1.0, 1.4, 1.8)  # how far apart neurons may be spread to make room for labels
MAX_STRETCHED = 24  # weights between two layers: more never find room, however spread


def network_svg(lesson: Lesson, step: Step | int | str | None = None, framed: bool = True) -> str:
    """The SVG document of ``lesson``'s network with ``step`` highlighted.

    ``step`` is a :class:`~mazur_nn.course.steps.Step`, its index, its name
    (``"dE_total/dw5"``) or ``None`` (the network and its error). ``framed``
    draws the caption (the step and its value) above and the legend below;
    the stepper, which shows both beside the picture, leaves them out. The
    same input gives the same bytes."""
    key = _key(lesson)
    chosen = resolve_step(lesson, step)
    return _Scene(lesson, chosen, stretch(lesson, key), key, framed=framed).svg()


def weight_width(value: float, largest: float) -> float:
    """How thick a weight's line is drawn (px): from :data:`MIN_WEIGHT_WIDTH`
    for 0 to :data:`MAX_WEIGHT_WIDTH` for the ``largest`` size drawn.

    >>> weight_width(0.0, 2.0), weight_width(-2.0, 2.0), weight_width(1.0, 2.0)
    (1.25, 6.0, 3.625)
    """
    return MIN_WEIGHT_WIDTH + (MAX_WEIGHT_WIDTH - MIN_WEIGHT_WIDTH) * abs(value) / largest


def _key(lesson: Lesson) -> tuple:
    """What the picture's layout depends on: the shape and the numbers."""
    network = lesson.config.network
    return (network.sizes, network.bias_mode, len(lesson.steps), *lesson.values.items())


_STRETCHES = Memory(32)  # lesson key -> stretch


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


class _Scene(LabelPlacement):
    """Everything one diagram draws: placed first (on :attr:`board`), then
    written out as SVG."""

    def __init__(
        self,
        lesson: Lesson,
        step: Step | None,
        stretch: float = 1.0,
        key: tuple | None = None,
        plain: bool = False,
        framed: bool = True,
    ) -> None:
        """Place everything; ``plain``: only the parts and the plain labels,
        enough to see which labels need a list. ``key`` (:func:`_key`) lets
        steps of one lesson share the plain labels' places."""
        self.lesson = lesson
        self.key = (_key(lesson) if key is None else key, stretch, framed)
        self.framed = framed
        self.step = step
        self.plain = plain
        self.names = lesson.config.network.names
        self.values = ShownValues(lesson, step)
        self.kind = step.kind if step is not None else None
        self.marked = set(step.weights) if step is not None else set()
        self.lit = set(step.neurons) if step is not None else set()
        self.board = Board(WIDTH)
        self.leaders: dict[Box, tuple[float, float]] = {}  # a label's box -> its line's point
        self.candidates: dict[tuple[str, ...], Lazy] = {}
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
            self.height = (self._legend(bottom) if framed else bottom) + MARGIN

    # -- the caption at the top -------------------------------------------------------

    def _caption(self) -> float:
        """The step's place (small) and its quantity (big); the y under them
        (only the margin when the picture is not framed)."""
        if not self.framed:
            return MARGIN
        lesson, step = self.lesson, self.step
        out = self.layers["back"]
        y = MARGIN + HEADER_FONT * HEIGHT_EM / 2
        x = MARGIN
        if self.kind is not None:
            out.append(svg_rect((x, y - 6, x + 12, y + 6), f"mz-head-{self.kind}", ' rx="2"'))
            x += 18
        text = header(lesson, step)
        out.append(svg_text(x, y, text, HEADER_FONT, "start", bold=True))
        self.board.add(text_box(x, y, text, HEADER_FONT, "start", bold=True))
        lines, size = _fit(caption(lesson, step), WIDTH - 2 * MARGIN)
        y += HEADER_FONT * HEIGHT_EM / 2 + 6
        for line in lines:
            y += size * HEIGHT_EM / 2
            out.append(svg_text(MARGIN, y, line, size, "start"))
            self.board.add(text_box(MARGIN, y, line, size, "start"))
            y += size * HEIGHT_EM / 2 + 2
        return y + 8

    # -- the parts ------------------------------------------------------------------------

    def _group(self, part: str, cls: str, body: list[str], layer: str) -> None:
        self.layers[layer].append(
            f'<g class="{cls}" data-name="{part}" tabindex="0">{svg_title(self.tips[part])}'
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
                centre = f'cx="{px(x)}" cy="{px(y)}" r="{r}"'
                if n in self.lit:
                    body = [
                        f'<circle {centre} class="mz-bg"/>',
                        f'<circle {centre} class="mz-tint-{self.kind} mz-{self.kind}" '
                        'stroke-width="3"/>',
                    ]
                else:
                    body = [f'<circle {centre} class="mz-bg mz-ink" stroke-width="1.5"/>']
                body.append(svg_text(x, y, n, lay.name_font, bold=True))
                body += label_parts(box, lines, lay.value_font, "mz-bg")
                self._group(n, "mazur-neuron", body, "neurons")

    def _error_box(self) -> None:
        """The ``E_total`` box right of the outputs, a line from each output."""
        lay = self.lay
        x, y, w, h = lay.error_box
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        self.board.add(box)
        if self.plain:
            return
        on = self.step is not None and (
            self.kind == "error" or self.step.name.startswith(("dE_total", "dE_batch"))
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
                f'<line x1="{px(sx)}" y1="{px(sy)}" x2="{px(x - w / 2)}" y2="{px(y)}" '
                f'class="{cls}" stroke-width="{width}"/>'
            )
        body.append(svg_rect(box, "mz-bg", ' rx="8"'))
        if on:
            cls = f"mz-tint-{self.kind} mz-{self.kind}"
            body.append(svg_rect(box, cls, ' rx="8" stroke-width="3"'))
        else:
            body.append(svg_rect(box, "mz-ink", ' rx="8" fill="none" stroke-width="1.5"'))
        name = error_name(self.lesson) + ("+" if self.values.after else "")
        body.append(svg_text(x, y - 10, name, ERROR_FONT, bold=True))
        body.append(svg_text(x, y + 11, self.values.text("E_total"), lay.value_font))
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
                    f'<line x1="{px(bx)}" y1="{px(by)}" x2="{px(ex)}" y2="{px(ey)}" '
                    f'class="{cls}" stroke-width="{width}" data-to="{n}"/>'
                )
            if on:
                body.append(svg_rect(box, "mz-bg"))
                body.append(
                    svg_rect(box, f"mz-tint-{self.kind} mz-{self.kind}", ' stroke-width="2"')
                )
            else:
                body.append(svg_rect(box, "mz-bg mz-ink", ' stroke-width="1.2"'))
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
                        f'x1="{px(x0 + ux)}" y1="{px(y0 + uy)}" '
                        f'x2="{px(x1 - ux)}" y2="{px(y1 - uy)}"'
                    )
                    value = v(w)
                    width = weight_width(value, largest)
                    body = []
                    if w in self.marked:
                        body.append(
                            f'<line {ends} class="mz-halo-{self.kind}" '
                            f'stroke-width="{px(width + 9)}" stroke-linecap="round"/>'
                        )
                    body.append(
                        f'<line {ends} class="mz-line mz-{sign_of(value)}" '
                        f'stroke-width="{px(width)}"/>'
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
            f'<path d="M{px(ax)},{px(ay)} Q{px(cx)},{px(cy)} {px(sx)},{px(sy)}" '
            f'class="{line}" fill="none" stroke-width="3"/>'
            f'<polygon points="{" ".join(f"{px(qx)},{px(qy)}" for qx, qy in points)}" '
            f'class="mz-head-{style}"/></g>'
        )

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
                    f'<line x1="{px(x)}" y1="{px(y)}" x2="{px(x + 24)}" y2="{px(y)}" '
                    f'class="{cls}" stroke-width="3"/>'
                )
                x += 30
            out.append(svg_text(x, y, text, size, "start"))
            self.board.add(text_box(x, y, text, size, "start"))
            x += text_width(text, size) + 18
        return y + HEIGHT_EM * size / 2

    # -- the document -----------------------------------------------------------------------

    def svg(self) -> str:
        heading = title(self.lesson, self.step)
        words = description(self.lesson, self.step, self.path)
        key = format(zlib.crc32((heading + "\n" + words).encode()), "08x")  # ids of this picture
        height = px(self.height)
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
