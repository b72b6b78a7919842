"""Where the weights' and biases' labels go, kept apart from each other,
from the neurons and from every other text.

Labels are placed most important first, by :class:`LabelPlacement` (the
label half of the diagram's scene). The *plain* labels (``w5 = 0.4``) come
first, one group at a time: the biases of each layer, then the weights
between each two layers. Each label takes the first free spot along its
line (30 % or 70 % of the way, alternately, so that crossing lines keep
their labels apart; then anywhere from 15 % to 85 %; then just beside the
line; then farther off with a leader line to it); a group is tried in its
order and in the reverse order. If one label of a group finds no free spot,
the whole group goes to a list under the network, ``w17 = 0.12`` boxed in
the weight's sign style, in a grid: a dense network is read from the list
rather than from a jumble. These places are the same for every step of a
section (they are remembered), so the picture keeps still while a student
steps through. Then the step's own parameters (an update's taller label
with the new value, at a spot of its own if there is one; else its plain
label stays, and the caption has the new value), then the "× 0" marks of a
path that carries nothing.

>>> ALONG_EVEN[:2], ALONG_ODD[:2]
((0.3, 0.7), (0.7, 0.3))
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from mazur_nn.core.numbers import format_number
from mazur_nn.render.svg.layout import MARGIN, MIN_FONT, WIDTH
from mazur_nn.render.svg.markup import label_parts, px, sign_of, svg_text, svg_title
from mazur_nn.render.svg.paths import NOTHING
from mazur_nn.render.svg.placement import (
    HEIGHT_EM,
    Box,
    Memory,
    along,
    grid,
    label_box,
    text_box,
)

# Where along its line a weight's label may go, in order of preference; lines
# alternate between the two orders so that crossing lines keep them apart.
ALONG_EVEN = (0.3, 0.7, 0.5, 0.22, 0.78, 0.4, 0.6)
ALONG_ODD = (0.7, 0.3, 0.5, 0.78, 0.22, 0.6, 0.4)
ALONG_MORE = tuple(t / 100 for t in range(15, 90, 5) if t % 10 or t in (20, 80))
LEADERS = (16.0, 32.0)  # how far off its line a label may go, with a leader line

_PLAIN = Memory(128)  # (lesson key, stretch, after, top) -> the plain labels' places


def plain_label(p: str, value: float, digits: int) -> str:
    """The text of a weight's or bias's label, written with ``digits``
    decimals (the layout's).

    >>> plain_label("w5", 0.35891648, 9), plain_label("w17", -0.123456, 4)
    ('w5 = 0.35891648', 'w17 = -0.1235')
    """
    return f"{p} = {format_number(value, digits)}"


class Lazy:
    """The items of an iterator, worked out as far as asked and remembered."""

    def __init__(self, items: Iterator[Box]) -> None:
        self.items = items
        self.done: list[Box] = []

    def __iter__(self) -> Iterator[Box]:
        yield from self.done
        for item in self.items:
            self.done.append(item)
            yield item


class LabelPlacement:
    """The labels of a diagram's scene. The scene (see
    :mod:`~mazur_nn.render.svg.document`) has placed its parts on
    ``self.board`` and holds ``lesson``, ``names``, ``values``, ``lay``,
    ``segments`` (each weight's line), ``marked`` and ``kind`` (the step's),
    ``path`` and ``arrow_middles``, ``tips``, ``key``, ``plain`` and the
    SVG ``layers``; this adds the labels to them."""

    # -- labels -------------------------------------------------------------------------------

    def _plain(self, p: str) -> list[str]:
        """A weight's or bias's label: ``w5 = 0.4``."""
        return [plain_label(p, self.values(p), self.lay.digits)]

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
            cls, extra = f"mz-bg mz-{sign_of(self.values(p))}", ' stroke-width="1"'
        body = label_parts(box, lines, self.lay.value_font, cls, extra=extra)
        if box in self.leaders:  # from the box's edge to the line
            x, y = self.leaders[box]
            ex, ey = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
            body.insert(
                0,
                f'<line x1="{px(ex)}" y1="{px(ey)}" x2="{px(x)}" y2="{px(y)}" class="mz-ink" '
                'stroke-width="1"/>',
            )
        self.layers["labels"].append(
            f'<g class="mazur-label" data-name="{p}">{svg_title(self.tips[p])}'
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

    def _spots(self, p: str, lines: list[str]) -> Lazy:
        """Where ``p``'s label may go, best first (each worked out once)."""
        key = (p, *lines)
        if key not in self.candidates:
            spots = self._bias_spots if p in self.names.biases else self._weight_spots
            self.candidates[key] = Lazy(spots(p, lines))
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
        body = label_parts(found, lines, size, "mz-bg mz-nothing", True, ' stroke-width="1.5"')
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
            self.layers["labels"].append(svg_text(MARGIN, y, heading, size, "start", bold=True))
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
