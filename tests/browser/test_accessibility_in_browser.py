"""Accessibility and fit, in a real JupyterLab and Chromium (WCAG 2.1 AA).

* axe-core (the copy that ``axe-playwright-python`` ships, injected into the
  page) over every notebook after it has run: no serious or critical
  violation in what the course puts on the page, that is the cells' outputs
  (widgets, formulas, figures) and the rendered Markdown. JupyterLab's own
  parts (code editors, prompts, the windowed list) are left out of the scan:
  they are not ours, and axe reports on them whatever the notebook holds.
* No text of ours below 12 px (formulas typeset by MathJax aside: their
  sub- and superscripts are smaller by design).
* Lesson 01 by keyboard alone: Next by Enter and Space, the arrow keys,
  Tab to a weight in the diagram and Enter to jump to its step, an exercise
  answered with Enter; focus visible; each step and each verdict announced
  through a polite live region.
* A click on ``w5`` in the diagram jumps to its step.
* Every notebook at 800 px wide: no serious or critical violation (a
  table wider than the cell scrolls in a region that Tab reaches; the
  lessons whose long formulas still make the output area scroll are
  marked as expected failures); notebook 13's six-column check scrolls in
  its own region, which takes the focus and shows it.
* The diagram's text at 800 px in the builder, for 2-2-2, 2-3-2 and
  4-8-4-2: at least 12 px as rendered (a strict expected failure for now:
  the SVG, laid out 680 px wide, shrinks to a 620 px cell).
* The builder (notebook 13) at 800 px in the light and the dark theme,
  grown and with a refusal on screen: no moderate, serious or critical
  violation, no sideways scrolling; by keyboard alone, Tab reaches every
  control with a visible focus, Enter and Space press its buttons.
* Fit: at 1280 x 720 with the file browser open, the stepper shows Next,
  the diagram, the formula and the value without scrolling; at 800 x 600
  no playground box is clipped and every button keeps its words.

Run alone: ``python -m pytest -q -o addopts="" tests/browser/test_accessibility_in_browser.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lab import NOTEBOOKS, VIEWPORT, StepperView, save_screenshot  # tests/browser/lab.py

import mazur_nn
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import exercises_for
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.variant import variant_config
from mazur_nn.exercises.widget import STUCK

pytestmark = pytest.mark.browser

axe_package = pytest.importorskip("axe_playwright_python")
AXE = Path(axe_package.__file__).parent / "axe.min.js"
OURS = [".jp-Cell-outputArea", ".jp-MarkdownOutput"]
LESSON = build_lesson(mazur_nn.mazur_example())
STEPS = LESSON.steps

# Visible text of ours (not MathJax's) smaller than 12 px, as rendered: an
# SVG's text is scaled by the SVG's width over its viewBox.
TINY_TEXT = """() => {
  const tiny = [];
  for (const el of document.querySelectorAll('.jp-Cell-outputArea *, .jp-MarkdownOutput *')) {
    if (el.closest('mjx-container, .MathJax, .jp-RenderedLatex')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el instanceof SVGElement ? el.ownerSVGElement : null;
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    const text = el.textContent.trim().slice(0, 40);
    if (size < 11.95) tiny.push(`${el.tagName} ${size.toFixed(1)} px: ${text}`);
  }
  return tiny;
}"""


def _axe(page, include: list[str] | None = None) -> list[dict]:
    """axe-core's violations in the outputs and Markdown of ``page`` (or in
    the elements ``include`` selects)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (include) => {
            const result = await axe.run({ include }, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.html.slice(0, 200)),
            }));
        }""",
        OURS if include is None else include,
    )


def _settled(page) -> None:
    """Every ``Aria`` helper on the page has found its widget."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.mazur-aria')]"
        ".every((el) => el.closest('.mazur-a11y'))",
        timeout=30_000,
    )


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_no_serious_accessibility_violation_and_no_tiny_text(notebook, name):
    page = notebook(name).page
    _settled(page)
    violations = _axe(page)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{name}: axe-core found\n" + json.dumps(serious, indent=1)
    tiny = page.evaluate(TINY_TEXT)
    assert not tiny, f"{name}: text below 12 px:\n" + "\n".join(tiny)


# A formula typeset by MathJax wider than a cell at 800 px makes JupyterLab's
# output area scroll sideways, and that area is not reachable by Tab. Our
# tables scroll in a region of their own (``Table.to_notebook``); long
# formulas are cut into rows (``symbolic.printer.broken_lines``: at + and -,
# at times, between factors side by side), a matrix goes on the row below
# its definition, and lesson 11's table of activations is two tables.
@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_no_serious_accessibility_violation_at_800_px(notebook, name):
    """Every notebook's outputs and Markdown at 800 px wide: what is wider
    than a cell (a table of six numbers) scrolls in a region Tab reaches."""
    page = notebook(name).page
    _settled(page)
    page.set_viewport_size({"width": 800, "height": 600})
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.wait_for_timeout(400)
        violations = _axe(page)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"{name}, 800 px: axe-core found\n" + json.dumps(serious, indent=1)
    finally:
        page.set_viewport_size(VIEWPORT)


def test_a_wide_table_scrolls_by_keyboard_at_800_px(notebook):
    """Notebook 13's three-way check (six columns) at 800 px: the table
    scrolls in its own region, not in JupyterLab's output area, and the
    region takes the focus (``tabindex="0"``) and shows it. (JupyterLab's
    command mode takes the arrow keys: ArrowRight there goes to the next
    cell, so they do not scroll the region.)"""
    page = notebook("13-builder.ipynb").page
    page.set_viewport_size({"width": 800, "height": 600})
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        region = page.locator(".mazur-scroll[role='region']", has_text="finite difference")
        region = region.first
        region.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        assert region.evaluate("(el) => el.scrollWidth > el.clientWidth + 1")
        assert region.get_attribute("aria-label").startswith("Table: ")
        output = region.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')]")
        assert not output.evaluate("(el) => el.scrollWidth > el.clientWidth + 1")
        region.focus()
        assert region.evaluate("(el) => el === document.activeElement")
        assert _focus_is_visible(page), "the focused table region shows no focus ring"
    finally:
        page.set_viewport_size(VIEWPORT)


# -- lesson 01 by keyboard ------------------------------------------------------------


def _stepper(page) -> StepperView:
    page.wait_for_selector(".mazur-stepper")
    return StepperView(page.locator(".mazur-stepper").first)


def _position(index: int) -> str:
    return f"step {index + 1} of {len(STEPS)} · {STEPS[index].section_title}"


def _back_to_the_first_step(stepper: StepperView, expect) -> None:
    """Leave the stepper as the other browser tests expect to find it."""
    stepper.jump.select_option(index=0)
    expect(stepper.position).to_have_text(_position(0))


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const style = getComputedStyle(el);
            return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
        }"""
    )


def _tab_to(page, test: str, limit: int = 80) -> None:
    """Press Tab until the focused element passes ``test`` (JavaScript on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({test}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_lesson_01_by_keyboard_alone(notebook, expect):
    page = notebook("01-forward-pass.ipynb").page
    stepper = _stepper(page)
    announce = stepper.root.locator(".mazur-announce")
    expect(announce).to_have_attribute("aria-live", "polite")
    expect(announce).to_have_attribute("role", "status")
    try:
        expect(stepper.position).to_have_text(_position(0))
        stepper.next_button.focus()  # where a student's Tab or click lands
        assert _focus_is_visible(page), "the focused Next button shows no focus ring"
        page.keyboard.press("Enter")
        expect(stepper.position).to_have_text(_position(1))
        expect(announce).to_contain_text(STEPS[1].title)
        page.keyboard.press("Space")
        expect(stepper.position).to_have_text(_position(2))
        page.keyboard.press("ArrowRight")
        expect(stepper.position).to_have_text(_position(3))
        page.keyboard.press("ArrowLeft")
        expect(stepper.position).to_have_text(_position(2))
        expect(announce).to_contain_text(STEPS[2].title)

        # Tab on into the diagram, to w5; Enter jumps to its gradient.
        _tab_to(page, "el.getAttribute && el.getAttribute('data-name') === 'w5'")
        assert _focus_is_visible(page), "the focused weight w5 shows no focus ring"
        page.keyboard.press("Enter")
        w5 = LESSON.step("dE_total/dw5").index
        expect(stepper.position).to_have_text(_position(w5))
        expect(stepper.title).to_have_text("Gradient of w5")

        # A section button says whether it is pressed.
        pressed = stepper.root.locator(".widget-toggle-button[aria-pressed='true']")
        expect(pressed).to_have_count(1)
    finally:
        _back_to_the_first_step(stepper, expect)

    # An exercise (on the student's own numbers, whose seed the panel shows):
    # type, Enter to check; the verdict is announced.
    numbers = page.locator(".mazur-exercise-panel .mazur-variant-numbers").first
    expect(numbers).to_contain_text("numbers, seed")
    seed = int(re.search(r"numbers, seed (\d+)", numbers.text_content())[1])
    config = variant_config(seed)
    ex = exercises_for("01", config)[0]
    root = page.locator(f".mazur-exercise-{ex.id}").first
    box = root.get_by_role("textbox", name="Answer 1")
    expect(box).to_have_count(1)  # the box has a label
    box.focus()
    wrong = "0.5"
    page.keyboard.type(wrong, delay=50)
    page.wait_for_timeout(300)  # at a student's pace (see test_exercises_in_browser.py)
    page.keyboard.press("Enter")
    feedback = root.locator(".mazur-feedback")
    # The verdict, then (when it names no slip) the pointer to the hints.
    verdict = check(ex, wrong, config)
    expect(feedback).to_have_text(f"{verdict}{STUCK if verdict.unnamed else ''}")
    expect(feedback).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Check answer 1"
    assert _focus_is_visible(page), "the focused Check button shows no focus ring"


def _click_on(page, stepper: StepperView, name: str) -> None:
    """A mouse click in the middle of the diagram's ``name`` (a horizontal
    line has no height, so Playwright would call it invisible)."""
    part = stepper.diagram.locator(f"[data-name='{name}']").first
    part.scroll_into_view_if_needed()
    box = part.evaluate(
        "(el) => { const r = el.getBoundingClientRect();"
        " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }"
    )
    page.mouse.click(box["x"], box["y"])


def test_a_click_on_w5_in_the_diagram_jumps_to_its_step(notebook, expect):
    page = notebook("01-forward-pass.ipynb").page
    stepper = _stepper(page)
    try:
        _click_on(page, stepper, "w5")
        expect(stepper.position).to_have_text(_position(LESSON.step("dE_total/dw5").index))
        expect(stepper.value).to_have_text("dE_total/dw5 = 0.082167041")
        _click_on(page, stepper, "h1")
        expect(stepper.position).to_have_text(_position(LESSON.step("out_h1").index))
    finally:
        _back_to_the_first_step(stepper, expect)


# -- fit ------------------------------------------------------------------------------

# The box of each element, and that of the notebook's scrolling area.
BOXES = """([elements, scroller]) => {
  const area = scroller.getBoundingClientRect();
  return {
    area: { top: area.top, bottom: area.bottom, left: area.left, right: area.right },
    parts: elements.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    }),
  };
}"""


def _scroller(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer").first


def _inside(part: dict, area: dict) -> bool:
    return (
        part["top"] >= area["top"] - 1
        and part["bottom"] <= area["bottom"] + 1
        and part["left"] >= area["left"] - 1
        and part["right"] <= area["right"] + 1
    )


@pytest.mark.parametrize("step", ["net_h1", "dE_total/dw1"])
def test_the_stepper_fits_1280_by_720_with_the_file_browser_open(notebook, expect, step):
    page = notebook("01-forward-pass.ipynb").page
    stepper = _stepper(page)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.evaluate("() => window.jupyterapp.shell.activateById('filebrowser')")
    try:
        stepper.jump.select_option(index=LESSON.step(step).index)
        expect(stepper.title).to_have_text(LESSON.step(step).title)
        stepper.wait_for_typeset()
        page.wait_for_timeout(300)
        assert page.evaluate("() => !window.jupyterapp.shell.leftCollapsed")
        stepper.root.evaluate("(el) => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
        parts = [
            stepper.next_button.element_handle(),
            stepper.diagram.first.element_handle(),
            stepper.formula.first.element_handle(),
            stepper.value.first.element_handle(),
        ]
        boxes = page.evaluate(BOXES, [parts, _scroller(page).element_handle()])
        names = ["Next", "diagram", "formula", "value"]
        outside = [n for n, b in zip(names, boxes["parts"]) if not _inside(b, boxes["area"])]
        assert not outside, f"at 1280x720, {outside} need scrolling: {boxes}"
        # The formula never scrolls sideways.
        wide = stepper.formula.first.evaluate("(el) => el.scrollWidth > el.clientWidth + 1")
        assert not wide, "the formula scrolls sideways"
    finally:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.set_viewport_size(VIEWPORT)
        _back_to_the_first_step(stepper, expect)


def test_nothing_is_clipped_at_800_by_600(notebook, expect):
    page = notebook("05-playground.ipynb").page
    page.set_viewport_size({"width": 800, "height": 600})
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.wait_for_timeout(400)
        playground = page.locator(".mazur-playground").first
        inputs = playground.locator(".mazur-field input")
        assert inputs.count() >= 15
        scroller = _scroller(page).element_handle()
        for k in range(inputs.count()):
            field = inputs.nth(k)
            field.scroll_into_view_if_needed()
            boxes = page.evaluate(BOXES, [[field.element_handle()], scroller])
            label = field.evaluate("(el) => el.labels[0].textContent")
            assert _inside(boxes["parts"][0], boxes["area"]), f"box {label} is clipped"
        # Every button keeps its words (no text cut off).
        buttons = playground.locator("button")
        for k in range(buttons.count()):
            button = buttons.nth(k)
            if not button.is_visible():
                continue
            cut = button.evaluate("(el) => el.scrollWidth > el.clientWidth + 1")
            assert not cut, f"button {button.inner_text()!r} is cut at 800 px"
        stepper = StepperView(playground.locator(".mazur-stepper").first)
        expect(stepper.next_button).to_have_text("Next ▶")
        expect(stepper.previous_button).to_have_text("◀ Previous")
        playground.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        save_screenshot(page.screenshot(animations="disabled", caret="hide"), "playground-800.png")
    finally:
        page.set_viewport_size(VIEWPORT)


# -- themes and screenshots -------------------------------------------------------------

# The contrast of each text of the diagram with what lies under it (the
# shape under its middle that is filled, or the page), WCAG's formula.
CONTRAST = """(svg) => {
  const rgb = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const pageBackground = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0.5) return colour;
    }
    return { r: 255, g: 255, b: 255 };
  };
  const shapes = new Set(['rect', 'circle', 'ellipse', 'path', 'polygon']);
  const worst = [];
  for (const text of svg.querySelectorAll('text')) {
    const box = text.getBoundingClientRect();
    if (!box.width) continue;
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    let under = null;
    for (const el of document.elementsFromPoint(x, y)) {
      if (el === text || text.contains(el) || !svg.contains(el)) continue;
      const style = getComputedStyle(el);
      const fill = rgb(style.fill);
      if (shapes.has(el.tagName) && fill && fill.a > 0 && style.fillOpacity > 0.5) {
        under = fill;
        break;
      }
    }
    under = under || pageBackground(svg);
    const ink = rgb(getComputedStyle(text).fill);
    const [a, b] = [luminance(ink), luminance(under)].sort((p, q) => q - p);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) worst.push(`${text.textContent.trim()}: ${ratio.toFixed(2)}`);
  }
  return worst;
}"""


def _theme(page, name: str) -> None:
    page.evaluate(
        "(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})", name
    )
    page.wait_for_function(
        "(light) => document.body.dataset.jpThemeLight === String(light)",
        arg=name == "JupyterLab Light",
        timeout=30_000,
    )
    page.wait_for_timeout(300)


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_the_diagram_text_has_contrast_in_both_themes(notebook, expect, theme):
    page = notebook("01-forward-pass.ipynb")
    stepper = _stepper(page.page)
    try:
        _theme(page.page, theme)
        for step in ("net_h1", "dE_total/dw1"):
            stepper.jump.select_option(index=LESSON.step(step).index)
            expect(stepper.title).to_have_text(LESSON.step(step).title)
            stepper.wait_for_diagram_change("")
            stepper.root.scroll_into_view_if_needed()
            low = stepper.diagram.first.evaluate(CONTRAST)
            assert not low, f"{theme}, {step}: text below 4.5:1: {low}"
        if theme == "JupyterLab Dark":
            page.screenshot(stepper.root, "stepper-dark.png")
    finally:
        _theme(page.page, "JupyterLab Light")
        _back_to_the_first_step(stepper, expect)


# -- the builder (notebook 13) ----------------------------------------------------------


def _builder_reset(page, expect):
    """Mazur's network in the builder, loaded from its JSON (the other tests
    leave the builder as they like)."""
    builder = page.locator(".mazur-builder").first
    builder.locator(".mazur-load textarea").fill(json.dumps(mazur_nn.mazur_example().to_dict()))
    builder.locator("button.mazur-load-button").click()
    expect(builder.locator(".mazur-layer")).to_have_count(3)
    expect(builder.locator(".mazur-layer-size").nth(1)).to_have_text("2 neurons")
    return builder


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_the_builder_at_800_px_has_no_axe_violation(notebook, expect, theme):
    """Notebook 13 at 800 px wide, in both themes, after the network has
    grown (a layer more, a neuron more) and a change was refused."""
    page = notebook("13-builder.ipynb").page
    _settled(page)
    builder = _builder_reset(page, expect)
    page.set_viewport_size({"width": 800, "height": 600})
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        _theme(page, theme)
        builder.locator("button.mazur-add-layer").click()
        expect(builder.locator(".mazur-layer")).to_have_count(4)
        builder.locator("button.mazur-layer-1-more").click()
        expect(builder.locator(".mazur-layer-size").nth(1)).to_have_text("3 neurons")
        builder.locator(".mazur-load textarea").fill(
            '{"layers": [2, 9, 2], "inputs": [1, 2], "targets": [0, 1]}'
        )
        builder.locator("button.mazur-load-button").click()
        expect(builder.locator(".mazur-builder-message")).to_contain_text("layers")
        _settled(page)
        # Every output and Markdown cell of the notebook, the builder and the
        # exercises that follow it among them.
        violations = _axe(page)
        found = [v for v in violations if v["impact"] in ("serious", "critical", "moderate")]
        assert not found, f"13-builder, {theme}, 800 px: axe-core found\n" + json.dumps(
            found, indent=1
        )
        # Nothing of the builder is cut off at 800 px: it wraps, never scrolls sideways.
        wide = builder.evaluate("(el) => el.scrollWidth > el.clientWidth + 1")
        assert not wide, "the builder scrolls sideways at 800 px"
        if theme == "JupyterLab Dark":
            builder.scroll_into_view_if_needed()
            png = page.screenshot(animations="disabled", caret="hide")
            save_screenshot(png, "builder-dark-800.png")
    finally:
        _theme(page, "JupyterLab Light")
        page.set_viewport_size(VIEWPORT)
        _builder_reset(page, expect)


def test_the_builder_by_keyboard_alone(notebook, expect):
    """Every control of the builder is reached with Tab and shows its focus;
    Enter and Space press its buttons; the change is announced."""
    page = notebook("13-builder.ipynb").page
    _settled(page)
    builder = _builder_reset(page, expect)
    size = builder.locator(".mazur-layer-size").nth(1)
    controls = builder.locator(
        "button:visible:enabled, select:visible, input:visible, textarea:visible"
    )
    count = controls.count()
    assert count >= 10
    controls.evaluate_all("(els) => els.forEach((el, k) => { el.dataset.mazurK = k; })")
    # Tab from the first control reaches every other one.
    controls.first.focus()
    reached, unringed = set(), []
    for _ in range(count + 120):
        k = page.evaluate("() => document.activeElement.dataset.mazurK")
        if k is not None:
            reached.add(int(k))
            if not _focus_is_visible(page):
                unringed.append(
                    page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
                )
        page.keyboard.press("Tab")
        if not page.evaluate(
            "(root) => root.contains(document.activeElement)", builder.element_handle()
        ):
            break
    missing = [
        controls.nth(k).evaluate("(el) => el.outerHTML.slice(0, 80)")
        for k in range(count)
        if k not in reached
    ]
    assert not missing, f"Tab never reached these controls of the builder: {missing}"
    assert not unringed, f"these controls show no focus ring: {unringed}"
    # Enter on + neuron, Space on - neuron: each changes the network, and says so.
    live = builder.locator(".mazur-live")
    expect(live).to_have_attribute("aria-live", "polite")
    builder.locator("button.mazur-layer-1-more").focus()
    page.keyboard.press("Enter")
    expect(size).to_have_text("3 neurons")
    expect(live).to_contain_text("Network 2-3-2")
    builder.locator("button.mazur-layer-1-fewer").focus()
    page.keyboard.press("Space")
    expect(size).to_have_text("2 neurons")
    expect(live).to_contain_text("Network 2-2-2")


# The least font size of the diagram's texts as rendered: the SVG's own
# size times its width on screen over its viewBox's.
LEAST_FONT = """(svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')]
    .filter((t) => t.getBoundingClientRect().width > 0)
    .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  return Math.min(...sizes);
}"""


@pytest.mark.xfail(
    # Not strict: how wide the cell is at 800 px depends on what the other
    # tests left open beside the notebook, so 2-2-2 passes in some runs.
    strict=False,
    reason="the SVG is laid out 680 px wide and shrinks to the cell: 13 px text "
    "renders at 11.9 px, 12 px text at 10.9 px in a 620 px cell",
)
@pytest.mark.parametrize("layers", [[2, 2, 2], [2, 3, 2], [4, 8, 4, 2]])
def test_the_diagram_text_is_at_least_12_px_at_800_px(notebook, expect, layers):
    """Issue 14: every size up to 4-8-4-2 stays readable in the builder's
    diagram at 800 px wide."""
    page = notebook("13-builder.ipynb").page
    _settled(page)
    builder = _builder_reset(page, expect)
    page.set_viewport_size({"width": 800, "height": 600})
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        config = {"layers": layers, "inputs": [0.1] * layers[0], "targets": [0.5] * layers[-1]}
        builder.locator(".mazur-load textarea").fill(json.dumps(config))
        builder.locator("button.mazur-load-button").click()
        shape = "-".join(map(str, layers))
        expect(builder.locator(".mazur-live")).to_contain_text(f"Network {shape}")
        svg = builder.locator(".mazur-diagram-svg svg").first
        expect(svg).to_have_attribute("aria-labelledby", re.compile("mz-title"))
        least = svg.evaluate(LEAST_FONT)
        assert least >= 11.95, f"{shape}: diagram text at {least:.1f} px at 800 px"
    finally:
        page.set_viewport_size(VIEWPORT)
        _builder_reset(page, expect)
