"""The training animation of lesson 04 in a real JupyterLab and Chromium:
it plays, pauses (the round stops moving), steps exactly one round
forward and back, switches between the post's two hidden-layer rules,
answers the keyboard, fits 800 px, and every number it draws is the engine's at that round (each
expected value computed here by ``Config.train``, in one call, not by the
film's chunks).

Run alone: ``python -m pytest tests/browser/test_animation_in_browser.py -q -o addopts=""``.
"""

from __future__ import annotations

import pytest
from lab import save_screenshot  # tests/browser/lab.py (on sys.path beside this file)

import mazur_nn
from mazur_nn.core.numbers import format_number

pytestmark = pytest.mark.browser

NOTEBOOK = "04-update-and-training.ipynb"
EVERY = 50  # the lesson's film: 10,000 rounds, 200 frames


def _engine(round_: int, rule: str = "original") -> dict[str, str]:
    """What the diagram must show after ``round_`` rounds, from the engine."""
    trained = mazur_nn.mazur_example(hidden_uses=rule).train(round_)
    w5 = trained.network.parameters["w5"]
    return {
        "w5": f"w5 = {format_number(w5)}",
        "sign": "mz-positive" if w5 > 0 else "mz-negative",
        "o1": format_number(trained.outputs["o1"]),
        "E_total": format_number(trained.E_total),
    }


def _drawn(animation) -> dict[str, str]:
    """What the page's diagram shows now."""
    return animation.evaluate(
        """(el) => {
            const svg = el.querySelector('.mazur-animation-net svg');
            const label = svg.querySelector('.mazur-label[data-name="w5"] text');
            const line = svg.querySelector('.mazur-weight[data-name="w5"] .mz-line');
            const o1 = svg.querySelectorAll('.mazur-neuron[data-name="o1"] text')[1];
            const error = svg.querySelectorAll('.mazur-error text')[1];
            return {w5: label.textContent, sign: line.getAttribute('class').split(' ')[1],
                    o1: o1.textContent, E_total: error.textContent};
        }"""
    )


def _round(animation) -> int:
    return int(animation.get_attribute("data-round"))


@pytest.fixture(scope="module")
def animation(notebook):
    page = notebook(NOTEBOOK)
    page.wait_for(".mazur-animation[data-round]")
    root = page.page.locator(".mazur-animation").first
    root.scroll_into_view_if_needed()
    return page, root


def test_it_starts_paused_at_round_0_with_the_engines_numbers(animation, expect):
    page, root = animation
    assert root.get_attribute("data-playing") == "false"
    assert _round(root) == 0
    assert _drawn(root) == _engine(0)
    status = root.locator(".mazur-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_contain_text("round 0 of 10,000")


def test_play_moves_the_picture_and_pause_stops_it(animation, expect):
    page, root = animation
    play = root.locator("button.mazur-play")
    root.locator(".mazur-speed select").select_option("60")
    drawn_before = root.evaluate("(el) => el.drawn.length")
    play.click()
    expect(play).to_have_text("⏸ Pause")
    page.page.wait_for_function("(el) => Number(el.dataset.round) > 0", arg=root.element_handle())
    page.page.wait_for_timeout(1000)
    play.click()
    expect(play).to_have_text("▶ Play")
    stopped_at = _round(root)
    assert 0 < stopped_at < 10_000
    expect(root.locator(".mazur-status")).to_contain_text(
        f"Paused at round {stopped_at:,} of 10,000"
    )
    # At least 20 pictures a second while it played (the floor).
    times = root.evaluate("(el) => el.drawn")[drawn_before:]
    per_second = (len(times) - 1) / ((times[-1] - times[0]) / 1000)
    assert per_second >= 20, f"{per_second:.1f} pictures per second"
    page.page.wait_for_timeout(500)
    assert _round(root) == stopped_at  # paused: nothing moves
    assert _drawn(root) == _engine(stopped_at)


def _step(root, button: str, expected: int, expect) -> None:
    """Press Step (``.mazur-step``) or Step back (``.mazur-back``); the round
    counter must then say ``expected`` and every number the engine's."""
    root.locator(f"button.{button}").click()
    expect(root).to_have_attribute("data-round", str(expected))
    engine = _engine(expected)
    assert _drawn(root) == engine
    expect(root.locator(".mazur-counter")).to_contain_text(
        f"Round {expected:,} of 10,000 · E_total = {engine['E_total']}"
    )
    expect(root.locator(".mazur-status")).to_contain_text(f"Paused at round {expected:,} of")


def test_step_moves_exactly_one_round_and_shows_the_engines_numbers(animation, expect):
    """The film keeps one round in 50; Step and Step back still move by one
    round (the rounds in between come from the kernel), each with the
    engine's numbers."""
    page, root = animation
    root.locator("button.mazur-start").click()
    assert _round(root) == 0
    expect(root.locator("button.mazur-back")).to_be_disabled()
    expect(root.locator("button.mazur-step")).to_have_text("Step +1 round")
    expect(root.locator("button.mazur-back")).to_have_text("Back 1 round")
    for expected in (1, 2, 3):
        _step(root, "mazur-step", expected, expect)
    # The chart's marker moved to the round too.
    marker = root.locator(".mazur-animation-chart .mz-now").first
    left = float(marker.get_attribute("data-left"))
    right = float(marker.get_attribute("data-right"))
    assert float(marker.get_attribute("x1")) == pytest.approx(
        left + (right - left) * 3 / 10_000, abs=0.06
    )
    _step(root, "mazur-back", 2, expect)
    # Across a kept frame (round 50) and back, one round at a time.
    slider = root.locator(".mazur-scrub input[type=range]")
    slider.fill("1")
    expect(root).to_have_attribute("data-round", str(EVERY))
    for button, expected in (
        ("mazur-back", EVERY - 1),
        ("mazur-step", EVERY),
        ("mazur-step", EVERY + 1),
    ):
        _step(root, button, expected, expect)


def test_the_other_rule_shows_its_own_numbers(animation, expect):
    page, root = animation
    round_ = _round(root)
    root.locator(".mazur-rules input[type=radio]").nth(1).check()
    expect(root).to_have_attribute("data-rule", "updated")
    assert _drawn(root) == _engine(round_, "updated")
    root.locator(".mazur-rules input[type=radio]").nth(0).check()
    expect(root).to_have_attribute("data-rule", "original")
    assert _drawn(root) == _engine(round_)


def test_the_keyboard_plays_pauses_and_scrubs(animation, expect):
    page, root = animation
    play = root.locator("button.mazur-play")
    play.focus()
    page.page.keyboard.press("Space")
    expect(play).to_have_text("⏸ Pause")
    page.page.keyboard.press("Space")
    expect(play).to_have_text("▶ Play")
    slider = root.locator(".mazur-scrub input[type=range]")
    slider.focus()
    page.page.keyboard.press("Home")
    page.page.keyboard.press("ArrowRight")
    assert _round(root) == EVERY
    assert _drawn(root) == _engine(EVERY)
    assert slider.get_attribute("aria-valuetext") == f"round {EVERY}"


def test_it_fits_800_px(animation):
    page, root = animation
    page.page.set_viewport_size({"width": 800, "height": 1000})
    try:
        page.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.page.wait_for_timeout(300)
        root.scroll_into_view_if_needed()
        overflow = root.evaluate("(el) => el.scrollWidth - el.clientWidth")
        assert overflow <= 1, f"{overflow} px wider than its box at 800 px"
        save_screenshot(root.screenshot(animations="disabled"), "animation-800px.png")
    finally:
        page.page.set_viewport_size({"width": 1400, "height": 1000})
