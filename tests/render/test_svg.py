"""The SVG network diagram: well-formed, read out in words, every part named
and valued, weights by sign and size, the step's path and its zero factors
marked, no label over another for every shape up to 4-8-4-2, readable in
light and dark themes, the same bytes every time."""

import itertools
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from mazur_nn import Config, mazur_example
from mazur_nn.core.network import Network
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.render.svg import Diagram, jump_targets, network_svg
from mazur_nn.render.svg.palette import SECTION, SIGN, TINT_OPACITY

SVG = "{http://www.w3.org/2000/svg}"
WIDEST = 680  # px: fits a notebook 800 px wide
SMALLEST_FONT = 12  # px
# A safe width per character: above DejaVu Sans's (the widest common sans-serif
# font) average over the names and numbers the diagram writes; bold is wider.
EM, BOLD_EM = 0.64, 0.72
HEIGHT_EM = 1.2  # ascent and descent, centred on the text's middle
BASELINE = 0.35  # the baseline is drawn this many font sizes under the middle
PARTS = {"mazur-neuron", "mazur-weight", "mazur-bias", "mazur-error"}

CONFIGS = {
    "3-4-2": {"layers": [3, 4, 2], "inputs": [0.1, 0.2, 0.3], "targets": [0.1, 0.9]},
    "4-8-4-2 per neuron": {
        "layers": [4, 8, 4, 2],
        "inputs": [0.1, 0.2, 0.3, 0.4],
        "targets": [0.1, 0.9],
        "bias_mode": "per_neuron",
        "update_biases": True,
    },
    "4-8-4-2 shared": {
        "layers": [4, 8, 4, 2],
        "inputs": [0.1, 0.2, 0.3, 0.4],
        "targets": [0.1, 0.9],
        "seed": 3,
    },
}
# h2 is a dead ReLU: net_h2 = 0.05 * -0.25 + 0.1 * -0.3 + 0 < 0.
DEAD_RELU = {
    "layers": [2, 2, 1],
    "inputs": [0.05, 0.1],
    "targets": [0.01],
    "activations": ["relu", "sigmoid"],
    "weights": [0.15, 0.2, -0.25, -0.3, 0.4, 0.45],
    "biases": [0.0, 0.6],
}


@pytest.fixture(scope="module")
def mazur():
    return build_lesson(mazur_example())


@pytest.fixture(scope="module", params=list(CONFIGS))
def lesson(request):
    return build_lesson(Config.from_dict(CONFIGS[request.param]))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root) -> list[str]:
    return [t.text for t in root.iter(SVG + "text")]


def parts(root) -> dict[str, ET.Element]:
    """The interactive parts (neurons, weights, biases, the error box) by name."""
    found = {}
    for g in root.iter(SVG + "g"):
        if set(g.get("class", "").split()) & PARTS:
            assert g.get("data-name") not in found, g.get("data-name")
            found[g.get("data-name")] = g
    return found


def part_names(lesson) -> list[str]:
    names = lesson.config.network.names
    return [*(n for layer in names.neurons for n in layer), *names.parameters, "E_total"]


def representative_steps(lesson):
    """One step of every kind and section, the longest chain path, and none."""
    chosen = {(s.section, s.kind): s for s in reversed(lesson.steps)}
    longest = max((s for s in lesson.steps if s.kind == "chain"), key=lambda s: len(s.path))
    return [None, longest, *chosen.values()]


# -- text extents, measured from the SVG itself ----------------------------------------


def text_boxes(root):
    """(x0, y0, x1, y1, text) of every text: width from its character count."""
    boxes = []
    for t in root.iter(SVG + "text"):
        size = float(t.get("font-size"))
        assert size >= SMALLEST_FONT, (t.text, size)
        width = len(t.text) * size * (BOLD_EM if t.get("font-weight") == "bold" else EM)
        x = float(t.get("x"))
        x0 = {"start": x, "middle": x - width / 2, "end": x - width}[t.get("text-anchor")]
        middle = float(t.get("y")) - BASELINE * size
        half = HEIGHT_EM * size / 2
        boxes.append((x0, middle - half, x0 + width, middle + half, t.text))
    return boxes


def circles(root):
    return {
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for c in root.iter(SVG + "circle")
    }


def overlaps(root) -> list[str]:
    """Texts that overlap each other or a neuron's circle (a name inside its
    own circle is fine), or stick out of the picture."""
    boxes = sorted(text_boxes(root))
    width = float(root.get("width"))
    found = [f"{b[4]!r} sticks out" for b in boxes if b[0] < 0 or b[2] > width]
    for i, a in enumerate(boxes):  # sorted by x0: stop once a box starts right of a
        for b in boxes[i + 1 :]:
            if b[0] >= a[2]:
                break
            if a[1] < b[3] and b[1] < a[3]:
                found.append(f"{a[4]!r} and {b[4]!r}")
    for x, y, r in circles(root):
        for x0, y0, x1, y1, text in boxes:
            inside = x - r <= x0 and x1 <= x + r and y - r <= y0 and y1 <= y + r
            dx, dy = x - min(max(x, x0), x1), y - min(max(y, y0), y1)
            if dx * dx + dy * dy < r * r and not inside:
                found.append(f"{text!r} on the circle at {x}, {y}")
    return found


# -- the document ------------------------------------------------------------------------


def test_well_formed_and_labelled_for_screen_readers(mazur):
    for step in representative_steps(mazur):
        root = parse(network_svg(mazur, step))
        assert root.get("role") == "img"
        assert float(root.get("width")) <= WIDEST
        title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
        assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        assert title.text and desc.text


def test_titles_and_descriptions_of_mazurs_steps(mazur):
    v = {k: format_number(x) for k, x in mazur.values.items()}

    def words(name):
        root = parse(network_svg(mazur, name))
        return root.find(SVG + "title").text, root.find(SVG + "desc").text

    title, desc = words("dE_total/dw1")
    step = mazur.step("dE_total/dw1")
    assert title == f"Step {step.index + 1} of {len(mazur.steps)}: Gradient of w1"
    assert "from E_total through o1 and o2 to h1, then along w1" in desc
    assert v["dE_total/dw1"] in desc
    assert words("net_h1")[1].startswith(
        "h1 adds up i1 times w1 and i2 times w2, plus the bias b1."
    )
    assert f"net_h1 = {v['net_h1']}" in words("out_h1")[1]
    assert "sigmoid" in words("out_h1")[1]
    assert v["out_o1"] in words("E_o1")[1] and v["t1"] in words("E_o1")[1]
    assert "errors of o1 and o2" in words("E_total")[1]
    update = words("w5+")[1]
    assert update.startswith(f"w5 changes from {v['w5']} to {v['w5+']}")
    assert v["dE_total/dw5"] in update
    after = words("E_total+")[1]
    assert v["E_total+"] in after and v["E_total"] in after and "after the update" in after
    assert v["out_o1+"] in words("out_o1+")[1]
    none_title, none_desc = words(None)
    assert "2-2-2" in none_title and v["E_total"] in none_desc


def test_every_step_is_described_with_its_value(lesson):
    for step in lesson.steps:
        desc = str(Diagram(lesson, step)).split("\n", 1)[1]
        assert step.shown_value in desc, step.name


def test_every_neuron_weight_and_bias_shows_its_value(mazur):
    v = mazur.values
    shown = texts(parse(network_svg(mazur)))
    for w in (*mazur.config.network.names.weights, "b1", "b2"):
        assert f"{w} = {format_number(v[w])}" in shown
    for n in ("i1", "i2", "out_h1", "out_h2", "out_o1", "out_o2", "E_total"):
        assert format_number(v[n]) in shown
    assert f"t1 = {format_number(v['t1'])}" in shown


def test_every_part_is_named_focusable_and_explained(mazur, lesson):
    for each in (mazur, lesson):
        found = parts(parse(network_svg(each, "dE_total/dw1")))
        assert sorted(found) == sorted(part_names(each))
        for name, g in found.items():
            assert g.get("tabindex") == "0"
            assert g[0].tag == SVG + "title" and g[0].text.strip(), name
        digits = 9 if len(each.config.network.names.weights) <= 16 else 4
        for n in each.config.network.names.neurons[1]:  # a hidden neuron's own value
            assert format_number(each.values[f"out_{n}"], digits) in texts(found[n])


def test_tooltips_give_formula_and_value(mazur):
    found = parts(parse(network_svg(mazur)))
    v = {k: format_number(x) for k, x in mazur.values.items()}
    formula = mazur.step("out_h1").formula
    assert found["h1"][0].text.startswith(f"out_h1 = {formula} = {v['out_h1']}")
    assert found["w5"][0].text == f"w5 = {v['w5']}; dE_total/dw5 = {v['dE_total/dw5']}"
    assert found["b1"][0].text.startswith(f"b1 = {v['b1']}")
    assert found["E_total"][0].text == f"E_total = E_o1 + E_o2 = {v['E_total']}"


def test_weights_are_drawn_by_sign_and_size(lesson):
    root = parse(network_svg(lesson))
    style = root.find(SVG + "style").text
    assert re.search(r"\.mz-negative\{[^}]*stroke-dasharray", style)  # not by colour alone
    assert not re.search(r"\.mz-positive\{[^}]*stroke-dasharray", style)
    found = parts(root)
    widths = []
    for w in lesson.config.network.names.weights:
        line = next(e for e in found[w] if "mz-line" in e.get("class", ""))
        value = lesson.values[w]
        sign = "positive" if value > 0 else "negative" if value < 0 else "zero"
        assert f"mz-{sign}" in line.get("class").split()
        widths.append((abs(value), float(line.get("stroke-width"))))
    assert {value > 0 for value in map(lesson.values.get, lesson.config.network.names.weights)} == {
        True,
        False,
    }
    widths.sort()
    assert all(a[1] <= b[1] for a, b in zip(widths, widths[1:]))  # thicker when bigger
    assert widths[0][1] >= 1 and widths[-1][1] > 2 * widths[0][1]


def test_the_steps_path_is_highlighted(mazur):
    root = parse(network_svg(mazur, "dE_total/dw1"))
    arrows = {g.get("data-arrow"): g for g in root.iter(SVG + "g") if g.get("data-arrow")}
    assert set(arrows) == {"E_total->o1", "E_total->o2", "o1->h1", "o2->h1", "h1->i1"}
    for g in arrows.values():
        assert g[0].get("class") == "mz-chain"  # the section's colour, nothing marked 0
    found = parts(root)
    tinted = {n for n, g in found.items() if any("mz-tint" in e.get("class", "") for e in g)}
    assert tinted == {"o1", "o2", "h1", "i1", "E_total"}
    halo = [e for e in found["w1"] if "mz-halo" in e.get("class", "")]
    assert halo and not any("mz-halo" in e.get("class", "") for e in found["w2"])


def test_update_step_shows_old_and_new_value(mazur):
    v = mazur.values
    shown = texts(parse(network_svg(mazur, "w5+")))
    assert f"w5 = {format_number(v['w5'])}" in shown
    assert f"w5+ = {format_number(v['w5+'])}" in shown


def test_after_the_update_the_new_values_are_shown(mazur):
    shown = texts(parse(network_svg(mazur, "E_total+")))
    assert "E_total+" in shown and format_number(mazur.values["E_total+"]) in shown
    assert f"w5 = {format_number(mazur.values['w5+'])}" in shown


def test_a_dead_relu_path_is_marked_and_described():
    lesson = build_lesson(Config.from_dict(DEAD_RELU))
    assert lesson.values["net_h2"] < 0 and lesson.values["dE_total/dw3"] == 0
    root = parse(network_svg(lesson, "dE_total/dw3"))
    arrows = {
        g.get("data-arrow"): g[0].get("class") for g in root.iter(SVG + "g") if g.get("data-arrow")
    }
    assert arrows == {"E_total->o1": "mz-chain", "o1->h2": "mz-chain", "h2->i1": "mz-nothing"}
    marks = [g for g in root.iter(SVG + "g") if g.get("class") == "mz-zero-mark"]
    assert [m.get("data-at") for m in marks] == ["h2"]
    assert "\u00d7 0" in texts(marks[0])
    desc = root.find(SVG + "desc").text
    assert "dead ReLU" in desc and "\u00d7 0" in desc and "exactly 0" in desc
    # a live path of the same network is drawn as usual
    root = parse(network_svg(lesson, "dE_total/dw1"))
    assert not [g for g in root.iter(SVG + "g") if g.get("class") == "mz-zero-mark"]
    assert "\u00d7 0" not in root.find(SVG + "desc").text


# -- legible: no overlap, big enough, narrow enough -------------------------------------


def long_numbers(sizes, bias_mode) -> Lesson:
    """A lesson without steps whose every number is as long as the diagram
    writes them (9 decimals, both signs): the widest labels of a shape."""
    network = Network.create(list(sizes), bias_mode=bias_mode, seed=0)
    names = network.names
    config = Config(network, (0.5,) * sizes[0], (0.5,) * sizes[-1], 0.5, False, "original")
    hidden = [n for layer in names.neurons[1:] for n in layer]
    keys = [*names.parameters, *names.neurons[0], *names.targets]
    keys += [f"{q}_{n}" for n in hidden for q in ("out", "net")]
    keys += [f"E_{o}" for o in names.neurons[-1]] + ["E_total"]
    values = {k: (-1) ** i * (0.1 + (i * 0.618034) % 0.8 + 1e-9) for i, k in enumerate(keys)}
    return Lesson(config, (), values)


SHAPES = [
    (i, *hidden, o)
    for i in range(1, 5)
    for hidden in [(), *((a,) for a in range(1, 9)), *itertools.product(range(1, 9), repeat=2)]
    for o in (1, 2)
]


@pytest.mark.parametrize("bias_mode", ["shared", "per_neuron"])
def test_no_label_overlaps_another_for_every_shape_up_to_4_8_4_2(bias_mode):
    problems = {}
    for sizes in SHAPES:
        found = overlaps(parse(network_svg(long_numbers(sizes, bias_mode))))
        if found:
            problems[sizes] = found[:3]
    assert problems == {}


def test_no_label_overlaps_another_in_any_kind_of_step(mazur, lesson):
    dead = build_lesson(Config.from_dict(DEAD_RELU))
    for each in (mazur, lesson, dead):
        steps = each.steps if each is not lesson else representative_steps(each)
        for step in steps:
            assert overlaps(parse(network_svg(each, step))) == [], step


# -- colours in light and dark themes ------------------------------------------------------

# JupyterLab 4's values of the variables the diagram reads; "plain": outside JupyterLab.
THEMES = {
    "light": {"--jp-layout-color0": "#ffffff", "--jp-content-font-color1": "rgba(0,0,0,.87)"},
    "dark": {"--jp-layout-color0": "#111111", "--jp-content-font-color1": "#ffffff"},
    "plain": {},
}


def rgba(colour: str) -> tuple[float, float, float, float]:
    colour = colour.strip()
    if colour.startswith("#"):
        return (*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)), 1.0)
    r, g, b, a = re.match(r"rgba\((\d+),(\d+),(\d+),([\d.]+)\)", colour.replace(" ", "")).groups()
    return int(r) / 255, int(g) / 255, int(b) / 255, float(a)


def over(top, bottom):
    """``top`` with its opacity composited over the opaque ``bottom``."""
    a = top[3]
    return (*(a * t + (1 - a) * b for t, b in zip(top[:3], bottom[:3])), 1.0)


def luminance(c) -> float:
    def channel(x):
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def theme_colours(style: str, theme: dict) -> dict[str, tuple]:
    """The ``--mz-`` custom properties of the SVG's own style sheet, with
    JupyterLab's variables replaced by the theme's values (or the fallbacks)."""
    block = re.search(r"\.mazur-net\{([^}]*)\}", style).group(1)
    colours = {}
    for name, value in re.findall(r"--mz-([\w-]+):([^;]+)", block):
        var = re.fullmatch(r"var\((--jp-[\w-]+),\s*([^)]+)\)", value.strip())
        colours[name] = rgba(theme.get(var.group(1), var.group(2)) if var else value)
    return colours


def test_contrast_of_every_text_and_mark_in_light_and_dark_themes(mazur):
    svg = network_svg(mazur, "dE_total/dw1")
    root = parse(svg)
    style = root.find(SVG + "style").text
    assert contrast((0, 0, 0, 1), (1, 1, 1, 1)) == pytest.approx(21)  # the formula itself
    # every text is drawn in the ink: no text has a colour of its own
    assert re.search(r"\.mazur-net text\{fill:var\(--mz-ink\)", style)
    for t in root.iter(SVG + "text"):
        assert t.get("fill") is None and t.get("class") is None and t.get("style") is None
    # no colour is written outside the style sheet, where the themes can reach it
    body = svg.replace(style, "")
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb", body)
    tint = float(re.search(r"\.mz-tint-forward\{[^}]*fill-opacity:([\d.]+)", style).group(1))
    assert tint == TINT_OPACITY
    ratios = {}
    for name, theme in THEMES.items():
        c = theme_colours(style, theme)
        background = over(c["bg"], (1, 1, 1, 1))
        ink = over(c["ink"], background)
        ratios[name, "ink on background"] = contrast(ink, background)
        for kind in SECTION:  # names in a highlighted neuron, E_total in its box
            tinted = over((*c[kind][:3], tint), background)
            ratios[name, f"ink on {kind} tint"] = contrast(over(c["ink"], tinted), tinted)
        for mark in (*SECTION, *SIGN):  # lines, arrows, borders: 3:1 (WCAG 1.4.11)
            assert contrast(c[mark], background) >= 3, (name, mark)
    low = {k: round(r, 2) for k, r in ratios.items() if r < 4.5}
    assert low == {}


# -- the record, determinism, jump targets, speed ------------------------------------------


def test_same_input_same_bytes(mazur, lesson):
    first = network_svg(mazur, "dE_total/dw1")
    network_svg(lesson, 3)  # other lessons in between leave no trace
    assert network_svg(mazur, "dE_total/dw1") == first
    again = build_lesson(mazur_example())
    assert network_svg(again, "dE_total/dw1") == first


def test_diagram_record(mazur):
    diagram = Diagram(mazur, "dE_total/dw5")
    assert diagram._repr_svg_() == diagram.to_svg() == network_svg(mazur, "dE_total/dw5")
    step = mazur.step("dE_total/dw5")
    assert str(diagram).splitlines()[0] == f"Step {step.index + 1} of 38: Gradient of w5"
    assert repr(diagram) == str(diagram)
    assert str(Diagram(mazur, step)) == str(Diagram(mazur, step.index)) == str(diagram)
    with pytest.raises(AttributeError):
        diagram.step = None
    with pytest.raises(TypeError):
        Diagram(mazur, 1.5).to_svg()
    with pytest.raises(KeyError):
        Diagram(mazur, "dE_total/dw99").to_svg()


def test_jump_targets(mazur):
    targets = jump_targets(mazur)
    assert sorted(targets) == sorted(part_names(mazur))
    steps = {s.name for s in mazur.steps}
    assert set(targets.values()) <= steps
    assert targets["w5"] == "dE_total/dw5" and targets["w1"] == "dE_total/dw1"
    assert targets["h1"] == "out_h1" and targets["o2"] == "out_o2"
    assert targets["i1"] == targets["i2"] == "net_h1"
    assert targets["b1"] == "net_h1" and targets["b2"] == "net_o1"  # no bias gradient steps
    assert targets["E_total"] == "E_total"
    with_biases = build_lesson(mazur_example().replace(update_biases=True))
    assert jump_targets(with_biases)["b2"] == "dE_total/db2"
    assert set(parts(parse(network_svg(mazur)))) == set(targets)


def test_fast_enough_to_redraw(mazur):
    big = build_lesson(Config.from_dict(CONFIGS["4-8-4-2 per neuron"]))
    for each, step in ((mazur, "dE_total/dw1"), (big, "dE_total/dw1")):
        network_svg(each, step)
        start = time.perf_counter()
        network_svg(each, step)
        assert time.perf_counter() - start < 5  # about 1 and 5 ms: only a hang fails


def test_draws_without_matplotlib_or_numpy():
    code = (
        "import sys\n"
        "from mazur_nn import mazur_example\n"
        "from mazur_nn.course.steps import build_lesson\n"
        "from mazur_nn.render.svg import network_svg\n"
        "network_svg(build_lesson(mazur_example()), 'dE_total/dw1')\n"
        "print('matplotlib' in sys.modules, 'numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "False"], done.stderr
