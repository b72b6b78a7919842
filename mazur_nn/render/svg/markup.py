"""SVG markup written by hand: coordinates to a tenth of a px, texts placed
by their middle (the baseline :data:`~mazur_nn.render.svg.placement.BASELINE`
font sizes under it), boxes, tooltips, labels.

>>> svg_text(10, 20, "w5 = 0.4", 12)
'<text x="10" y="24.2" font-size="12" text-anchor="middle">w5 = 0.4</text>'
>>> px(-0.04), px(12.25), sign_of(-0.3)
('0', '12.2', 'negative')
"""

from __future__ import annotations

from html import escape

from mazur_nn.render.svg.placement import BASELINE, LINE_EM, Box


def px(value: float) -> str:
    """A coordinate, to a tenth of a px."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def svg_text(x: float, y: float, text: str, size: float, anchor="middle", bold=False) -> str:
    """One line of text whose middle is at ``y``."""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{px(x)}" y="{px(y + BASELINE * size)}" font-size="{size:g}" '
        f'text-anchor="{anchor}"{weight}>{escape(text)}</text>'
    )


def svg_rect(box: Box, cls: str, extra: str = "") -> str:
    x0, y0, x1, y1 = box
    return (
        f'<rect x="{px(x0)}" y="{px(y0)}" width="{px(x1 - x0)}" height="{px(y1 - y0)}" '
        f'class="{cls}"{extra}/>'
    )


def svg_title(text: str) -> str:
    """A tooltip (and a part's accessible name)."""
    return f"<title>{escape(text)}</title>"


def sign_of(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "zero"


def label_parts(box: Box, lines: list[str], size: float, cls: str, bold=False, extra=""):
    """A label: its box (class ``cls``) and its lines of text, centred in it."""
    x = (box[0] + box[2]) / 2
    line = LINE_EM * size
    first = (box[1] + box[3]) / 2 - (len(lines) - 1) * line / 2
    parts = [svg_rect(box, cls, ' rx="3"' + extra)]
    parts += [svg_text(x, first + i * line, t, size, bold=bold) for i, t in enumerate(lines)]
    return parts
