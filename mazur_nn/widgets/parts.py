"""What every widget of the course shares: how a value it cannot use is
shown, and how a widget names itself in text (what a notebook shows
before its cell has run, and what a terminal shows).

>>> problem_html(ValueError("w1: <bad>"), "the last valid numbers")
"<span style='color:#b00020'>⚠ w1: &lt;bad&gt;</span> <i>(showing the last valid numbers)</i>"
>>> from mazur_nn import mazur_example
>>> example_name(mazur_example())
"Mazur's 2-2-2 example"
"""

from __future__ import annotations

import html
from typing import Any

from mazur_nn.core.config import mazur_example


def problem_html(error: object, kept: str | None = None) -> str:
    """How a widget shows a value it cannot use: the message in red, and
    what stays on screen meanwhile."""
    shown = f"<span style='color:#b00020'>⚠ {html.escape(str(error))}</span>"
    return f"{shown} <i>(showing {kept})</i>" if kept else shown


TEXT_LIMIT = 110  # ipywidgets cuts a widget's text form after this many characters


def example_name(config) -> str:
    """How a widget names its example: Mazur's, or the network's shape."""
    shape = "-".join(map(str, config.network.sizes))
    if config.network == mazur_example().network:
        return f"Mazur's {shape} example"
    return f"a {shape} network"


def text_form(text: str) -> str:
    """A widget's text form, short enough that ipywidgets shows it whole."""
    if len(text) > TEXT_LIMIT:
        raise ValueError(f"a widget's text form is cut after {TEXT_LIMIT} characters: {text!r}")
    return text


def bundle_with_text(widget: Any, text: str, **kwargs: Any) -> dict:
    """``widget``'s notebook display, its text form replaced by ``text`` (for
    a lesson object that shows itself as one of its widgets)."""
    bundle = widget._repr_mimebundle_(**kwargs)
    bundle["text/plain"] = text_form(text)
    return bundle
