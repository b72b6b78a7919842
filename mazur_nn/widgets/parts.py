"""What every widget of the course shares: how a value it cannot use is shown.

>>> problem_html(ValueError("w1: <bad>"), "the last valid numbers")
"<span style='color:#b00020'>⚠ w1: &lt;bad&gt;</span> <i>(showing the last valid numbers)</i>"
"""

from __future__ import annotations

import html


def problem_html(error: object, kept: str | None = None) -> str:
    """How a widget shows a value it cannot use: the message in red, and
    what stays on screen meanwhile."""
    shown = f"<span style='color:#b00020'>⚠ {html.escape(str(error))}</span>"
    return f"{shown} <i>(showing {kept})</i>" if kept else shown
