"""A picture with words: a PNG that a screen reader can read.

``ipywidgets.Image`` gives its ``<img>`` no text alternative and shows a
broken-image icon while it is empty. :class:`Picture` (an anywidget: a few
lines of JavaScript shipped here, for JupyterLab, Voila and JupyterLite
alike) draws its PNG with ``alt`` set to its words, and stays hidden until
it has a picture. :func:`show_figure` puts a matplotlib figure in one, with
the words of :func:`~mazur_nn.render.figure.describe_figure`.

>>> picture = Picture(width="640px")
>>> picture.png, picture.alt
(b'', '')
>>> show_figure(picture, b"\\x89PNG...", alt="A line falling to the right.")
>>> picture.alt
'A line falling to the right.'
"""

from __future__ import annotations

import anywidget
import traitlets

from mazur_nn.render.figure import describe_figure, figure_to_png

ESM = """
function render({ model, el }) {
  el.classList.add("mazur-picture");
  const img = document.createElement("img");
  img.className = "widget-image";
  el.appendChild(img);
  let url = null;
  const draw = () => {
    const png = model.get("png");
    img.alt = model.get("alt");
    img.style.width = model.get("width");
    if (url) URL.revokeObjectURL(url);
    url = null;
    if (!png || png.byteLength === 0) {
      el.style.display = "none";
      img.removeAttribute("src");
      return;
    }
    url = URL.createObjectURL(new Blob([png], { type: "image/png" }));
    img.src = url;
    el.style.display = "";
  };
  draw();
  model.on("change", draw);
  return () => { if (url) URL.revokeObjectURL(url); };
}

export default { render };
"""

CSS = """
.mazur-picture img { max-width: 100%; height: auto; display: block; }
"""


class Picture(anywidget.AnyWidget):
    """A PNG (``png``, bytes), its words (``alt``) and its CSS ``width``."""

    _esm = ESM
    _css = CSS
    png = traitlets.Bytes(b"").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Unicode("auto").tag(sync=True)


def show_figure(picture: Picture, figure, alt: str | None = None) -> None:
    """Show ``figure`` (a matplotlib figure, or PNG bytes with their ``alt``)
    in ``picture``; the words are the figure's own unless ``alt`` is given."""
    if isinstance(figure, bytes):
        png, words = figure, alt or ""
    else:
        png, words = figure_to_png(figure), alt or describe_figure(figure)
    with picture.hold_sync():
        picture.alt = words
        picture.png = png
