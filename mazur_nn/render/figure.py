"""The one figure every drawing and plot of the course is made on.

:func:`figure` gives an empty matplotlib figure with an Agg canvas attached
(no pyplot state, no leaked figures) that shows itself as PNG in a
notebook; :func:`figure_to_png` gives the bytes for an ``ipywidgets.Image``.
matplotlib is imported inside them, at the first drawing, so importing a
lesson stays light.

>>> fig = figure(6, 3)
>>> figure_to_png(fig)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

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

        def _repr_png_(self):
            # Stored in notebooks: compress harder than for a live redraw.
            return figure_to_png(self, dpi=self.dpi, compress_level=9)

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
