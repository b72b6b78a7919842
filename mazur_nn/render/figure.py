"""The one figure every drawing and plot of the course is made on.

:func:`figure` gives an empty matplotlib figure with an Agg canvas attached
(no pyplot state, no leaked figures) that shows itself in a notebook as a
PNG with a text alternative (:func:`describe_figure`: its titles, axes and
legends in words, also what nbval compares and a screen reader reads);
:func:`figure_to_png` gives the bytes for a widget's picture. matplotlib is
imported inside them, at the first drawing, so importing a lesson stays
light.

>>> fig = figure(6, 3)
>>> figure_to_png(fig)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
>>> ax = fig.subplots()
>>> _ = ax.set(title="Loss", xlabel="round", ylabel="E")
>>> _ = ax.plot([0, 1], [1, 0], label="training")
>>> _ = ax.legend()
>>> describe_figure(fig)
'Plot: Loss; x axis: round; y axis: E; lines: training.'
"""

from __future__ import annotations

import base64
import html
import io
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

INK = "#222222"  # text and lines drawn in black


@lru_cache(maxsize=1)
def _figure_class():
    from matplotlib.figure import Figure

    class NetworkFigure(Figure):
        """A matplotlib Figure that shows itself as PNG in a notebook, even
        when pyplot (and with it the inline backend) was never imported."""

        def _repr_mimebundle_(self, include=None, exclude=None):
            # The picture with its words: JupyterLab gives a PNG output no
            # ``alt``, so the PNG goes in an <img> of its own (stored in the
            # notebook, so compressed harder than for a live redraw).
            png = figure_to_png(self, dpi=self.dpi, compress_level=9)
            words = describe_figure(self)
            data = base64.b64encode(png).decode("ascii")
            tag = f'<img alt="{html.escape(words)}" src="data:image/png;base64,{data}">'
            return {"text/html": tag, "text/plain": words}

    return NetworkFigure


def figure(width: float = 8.0, height: float = 4.5):
    """An empty figure (``width`` x ``height`` inches) that shows itself as
    PNG in a notebook, with an Agg canvas attached: no pyplot state, no
    leaked figures. Lessons draw their plots on it.

    >>> fig = figure(6, 3)
    >>> ax = fig.subplots()
    >>> fig.get_size_inches().tolist()
    [6.0, 3.0]
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _figure_class()(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def figure_to_png(fig: Figure, dpi: float = 80, compress_level: int = 1) -> bytes:
    """The figure as PNG bytes (for ``ipywidgets.Image(value=...)``).

    ``dpi=80`` gives 640 x 360 pixels for the default figure, which keeps a
    playground redraw fast; pass ``dpi=150`` for a handout. Light PNG
    compression: a few more kilobytes, a few milliseconds less.
    """
    buf = io.BytesIO()
    fig.savefig(
        buf, format="png", dpi=dpi, facecolor="white", pil_kwargs={"compress_level": compress_level}
    )
    return buf.getvalue()


def describe_figure(fig: Figure) -> str:
    """A figure in words, for its text alternative: the figure's own text
    (its title), then each plot's title, axis labels and legend entries.

    >>> describe_figure(figure(2, 2))
    'A figure.'
    """
    sentences = [t.get_text().strip() for t in fig.texts if t.get_text().strip()]
    for ax in fig.axes:
        parts = []
        if ax.get_title():
            parts.append(f"Plot: {ax.get_title()}")
        if ax.get_xlabel():
            parts.append(f"x axis: {ax.get_xlabel()}")
        if ax.get_ylabel():
            parts.append(f"y axis: {ax.get_ylabel()}")
        labels = [label for label in ax.get_legend_handles_labels()[1] if not label.startswith("_")]
        if labels:
            parts.append("lines: " + ", ".join(labels))
        if parts:
            sentences.append("; ".join(parts))
    text = ". ".join(s.rstrip(".") for s in sentences)
    return f"{text}." if text else "A figure."
