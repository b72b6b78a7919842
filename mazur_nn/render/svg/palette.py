"""The diagram's colours and its style sheet, for JupyterLab's light and
dark themes alike.

Text is never coloured: every text is drawn in the theme's ink
(``--jp-content-font-color1``) on the theme's background
(``--jp-layout-color0``), on a label box filled with that background, or
on a light tint of a section colour (the colour at :data:`TINT_OPACITY`
over the background), so it keeps its contrast in both themes. Colours
mark lines, borders, arrows and tints only; each is an Okabe-Ito hue
(safe for colour-blind students), darkened where needed, of middle
lightness, so that it stands out at least 3:1 from a white and from a
dark (#111111) background alike. Colour is never the only cue: a
negative weight is also dashed, a zero weight and a path that carries
nothing dotted and grey, the step's parts also thicker or framed.

Outside JupyterLab (a PNG export, a browser, JupyterLab's own SVG output,
shown as an image) the fallbacks apply: dark ink on white.

>>> SIGN["negative"], SECTION["chain"]
('#B55F92', '#C07A00')
>>> ".mazur-net text" in style_sheet()
True
"""

from __future__ import annotations

INK = "var(--jp-content-font-color1, #1a1a1a)"
BACKGROUND = "var(--jp-layout-color0, #ffffff)"
FONT = (
    'var(--jp-content-font-family, system-ui, -apple-system, "Segoe UI", Helvetica, Arial, '
    "sans-serif)"
)

# Okabe-Ito: blue for a positive weight; reddish purple, darkened for 3:1 on white, for a
# negative one (away from the orange of the chain rule's arrows); grey for zero.
SIGN = {"positive": "#0072B2", "negative": "#B55F92", "zero": "#8C8C8C"}
# One colour per kind of step, as the matplotlib drawing has them; the chain rule's orange
# darkened (#E69F00 is only 2.3:1 on white).
SECTION = {"forward": "#0072B2", "error": "#D55E00", "chain": "#C07A00", "update": "#009E73"}
GREY = SIGN["zero"]  # bias lines, a path that carries nothing
TINT_OPACITY = 0.2  # a highlighted neuron's fill: its section colour over the background
HALO_OPACITY = 0.35  # the band under a highlighted weight
DASH = {"negative": "7 4", "zero": "2 3", "nothing": "2 4"}


def style_sheet() -> str:
    """The ``<style>`` of every diagram, scoped to ``.mazur-net``. Custom
    properties (``--mz-ink``, ``--mz-positive``...) let a page override a
    colour; the ``--jp-`` ones follow JupyterLab's theme."""
    colours = ";".join(f"--mz-{k}:{v}" for k, v in {**SIGN, **SECTION}.items())
    rules = [
        f".mazur-net{{--mz-ink:{INK};--mz-bg:{BACKGROUND};{colours};font-family:{FONT}}}",
        ".mazur-net text{fill:var(--mz-ink);stroke:none}",
        ".mazur-net .mz-bg{fill:var(--mz-bg)}",
        ".mazur-net .mz-ink{stroke:var(--mz-ink)}",
        ".mazur-net .mz-grey{stroke:var(--mz-zero)}",
        ".mazur-net .mz-positive{stroke:var(--mz-positive)}",
        f".mazur-net .mz-negative{{stroke:var(--mz-negative);stroke-dasharray:{DASH['negative']}}}",
        f".mazur-net .mz-zero{{stroke:var(--mz-zero);stroke-dasharray:{DASH['zero']}}}",
        f".mazur-net .mz-nothing{{stroke:var(--mz-zero);stroke-dasharray:{DASH['nothing']}}}",
        ".mazur-net .mz-head-nothing{fill:var(--mz-zero)}",
        ".mazur-net .mz-hit{stroke:transparent;pointer-events:stroke}",
        ".mazur-net [data-name]{cursor:pointer}",
        ".mazur-net [tabindex]:focus{outline:2px solid var(--mz-ink);outline-offset:2px}",
        ".mazur-net [data-name]:hover .mz-line{stroke-opacity:.7}",
    ]
    for kind in SECTION:
        rules.append(f".mazur-net .mz-{kind}{{stroke:var(--mz-{kind})}}")
        rules.append(f".mazur-net .mz-head-{kind}{{fill:var(--mz-{kind})}}")
        rules.append(
            f".mazur-net .mz-tint-{kind}{{fill:var(--mz-{kind});fill-opacity:{TINT_OPACITY}}}"
        )
        rules.append(
            f".mazur-net .mz-halo-{kind}{{stroke:var(--mz-{kind});stroke-opacity:{HALO_OPACITY}}}"
        )
    return "\n".join(rules)
