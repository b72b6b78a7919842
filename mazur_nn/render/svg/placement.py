"""Where labels go without covering each other: text extents estimated from
the character count, a board of the boxes already taken, and the search
for a free spot along a line.

A text's width is its character count times the font size times a safe
width per character (:data:`EM`, :data:`BOLD_EM`: wider than the average
character of DejaVu Sans, the widest common sans-serif font, for the names
and numbers the diagram writes); its height is :data:`HEIGHT_EM` times the
font size, centred on the line the text is drawn around. The tests measure
every text of the SVG the same way.

>>> board = Board()
>>> board.add(text_box(100, 50, "w5 = 0.4", 12))
>>> board.free(text_box(100, 60, "w6 = 0.45", 12))
False
>>> board.free(text_box(100, 80, "w6 = 0.45", 12))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

EM = 0.64  # safe width of a character, in font sizes
BOLD_EM = 0.72
HEIGHT_EM = 1.2  # a text line's height (ascent and descent), in font sizes
LINE_EM = 1.3  # from one line of a label to the next, in font sizes
BASELINE = 0.35  # the baseline sits this many font sizes under a text's middle
PAD_X, PAD_Y = 4.0, 2.0  # a label box's padding around its text
CLEARANCE = 2.0  # free room kept between two boxes

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y down)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width ``text`` may take at ``size`` px, at most."""
    return len(text) * size * (BOLD_EM if bold else EM)


def text_box(
    x: float, y: float, text: str, size: float, anchor: str = "middle", bold: bool = False
) -> Box:
    """The extent of one line of text around its middle ``y``; ``x`` is its
    start, middle or end (``anchor``, as SVG's ``text-anchor``)."""
    width = text_width(text, size, bold)
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    half = HEIGHT_EM * size / 2
    return (x0, y - half, x0 + width, y + half)


def label_box(x: float, y: float, lines: Sequence[str], size: float, bold: bool = False) -> Box:
    """The box of a label (lines of text centred on ``x, y``) with its padding."""
    width = max(text_width(line, size, bold) for line in lines) + 2 * PAD_X
    height = ((len(lines) - 1) * LINE_EM + HEIGHT_EM) * size + 2 * PAD_Y
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def overlaps(a: Box, b: Box, clearance: float = 0.0) -> bool:
    return (
        a[0] < b[2] + clearance
        and b[0] < a[2] + clearance
        and a[1] < b[3] + clearance
        and b[1] < a[3] + clearance
    )


class Board:
    """Boxes and circles already taken, so that a label can look for a free
    spot. Each is filed by the :data:`CELL`-px squares it touches, so a
    question looks only at the few nearby."""

    CELL = 64

    def __init__(self, width: float = float("inf"), top: float = 0.0) -> None:
        self.boxes: list[Box | None] = []  # None: removed
        self.filed: list[Box] = []  # each box as it was added
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.circles: dict[int, tuple[float, float, float]] = {}  # box index -> x, y, r
        self.width = width
        self.top = top  # nothing is placed above it

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(int((box[0] - CLEARANCE) // c), int((box[2] + CLEARANCE) // c) + 1)
            for j in range(int((box[1] - CLEARANCE) // c), int((box[3] + CLEARANCE) // c) + 1)
        ]

    def add(self, box: Box) -> None:
        index = len(self.boxes)
        self.boxes.append(box)
        self.filed.append(box)
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(index)

    def add_circle(self, x: float, y: float, r: float) -> None:
        self.circles[len(self.boxes)] = (x, y, r)
        self.add((x - r, y - r, x + r, y + r))

    def remove(self, box: Box) -> None:
        self.boxes[self.boxes.index(box)] = None

    def taken(self) -> list[Box]:
        """Every box on the board (a circle's is the square around it)."""
        return [b for b in self.boxes if b is not None]

    def free(self, box: Box) -> bool:
        """Whether ``box`` is inside the picture's width and clear of everything."""
        x0, y0, x1, y1 = box
        if x0 < 1 or x1 > self.width - 1 or y0 < self.top:
            return False
        boxes, cells, circles, c = self.boxes, self.cells, self.circles, self.CELL
        a0, a1 = x0 - CLEARANCE, x1 + CLEARANCE
        b0, b1 = y0 - CLEARANCE, y1 + CLEARANCE
        rows = range(int(y0 // c), int(y1 // c) + 1)
        for i in range(int(x0 // c), int(x1 // c) + 1):  # written out: most of the time is here
            for j in rows:
                for index in cells.get((i, j), ()):
                    other = boxes[index]
                    if (
                        other is None
                        or a0 >= other[2]
                        or other[0] >= a1
                        or b0 >= other[3]
                        or other[1] >= b1
                    ):
                        continue
                    if index not in circles:
                        return False
                    x, y, r = circles[index]
                    dx = x - x0 if x < x0 else x - x1 if x > x1 else 0.0
                    dy = y - y0 if y < y0 else y - y1 if y > y1 else 0.0
                    if dx * dx + dy * dy < (r + CLEARANCE) ** 2:
                        return False
        return True

    def mark(self) -> int:
        """A point to :meth:`undo` the boxes back to."""
        return len(self.boxes)

    def undo(self, mark: int) -> None:
        """Take away every box added since ``mark``."""
        while len(self.boxes) > mark:
            self.boxes.pop()
            self.circles.pop(len(self.boxes), None)
            for cell in self._cells(self.filed.pop()):
                self.cells[cell].pop()  # the last one filed there: this box

    def first_free(self, boxes: Iterable[Box]) -> Box | None:
        """The first free box of ``boxes``, or ``None``."""
        for box in boxes:
            if self.free(box):
                return box
        return None


class Memory(dict):
    """A dict that forgets its oldest entries past ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key, value):
        if len(self) >= self.size:
            del self[next(iter(self))]
        self[key] = value
        return value


def along(segment: Box, spots: Iterable[tuple[float, float]]) -> Iterable[tuple[float, float]]:
    """Points ``t`` of the way along ``segment`` (x0, y0, x1, y1), moved ``d`` px
    across it (up for a positive ``d``), for each ``(t, d)`` of ``spots``."""
    x0, y0, x1, y1 = segment
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
    nx, ny = (y1 - y0) / length, -(x1 - x0) / length
    if ny > 0:  # a positive offset goes up the page
        nx, ny = -nx, -ny
    for t, d in spots:
        yield x0 + t * (x1 - x0) + d * nx, y0 + t * (y1 - y0) + d * ny


def grid(count: int, cell: float, room: float) -> tuple[int, int]:
    """(columns, rows) of ``count`` cells ``cell`` px wide in ``room`` px.

    >>> grid(32, 100, 656)
    (6, 6)
    """
    columns = max(1, min(count, int(room // cell)))
    return columns, -(-count // columns)
