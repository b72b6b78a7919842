"""The builder (notebook 13) in a real JupyterLab and Chromium: add a layer
and a neuron and see the stepper and the exercises follow; copy the network's JSON, change
the network, load the JSON back; a refused load keeps the text.

Every expected value comes from a :class:`~mazur_nn.widgets.Builder` driven
the same way in this process. Run alone:
``python -m pytest tests/browser/test_builder_in_browser.py -q -o addopts=""``.
"""

from __future__ import annotations

import pytest
from lab import StepperView  # tests/browser/lab.py (pytest puts this folder on sys.path)

from mazur_nn.exercises.bank import exercises_for
from mazur_nn.widgets import Builder

pytestmark = pytest.mark.browser

NOTEBOOK = "13-builder.ipynb"


def _position(builder: Builder) -> str:
    steps = builder.stepper.lesson.steps
    return f"step 1 of {len(steps)} · {steps[0].section_title}"


def _asked(builder: Builder) -> str:
    """The CSS class of the exercise of lesson 02 that asks for the first
    output weight's gradient on the builder's network."""
    return f".mazur-exercise-panel .mazur-exercise-{exercises_for('02', builder.config)[2].id}"


def _click(page, locator) -> None:
    page.wait_for_kernel_idle()
    locator.click()


def test_add_a_layer_and_a_neuron_and_the_stepper_follows(notebook, expect):
    page = notebook(NOTEBOOK)
    page.wait_for(".mazur-builder .mazur-stepper")
    root = page.page.locator(".mazur-builder").first
    stepper = StepperView(root.locator(".mazur-stepper").first)
    mirror = Builder(prefetch=False)
    expect(stepper.position).to_have_text(_position(mirror))
    panel = page.page.locator(".mazur-exercise-panel").first
    expect(page.page.locator(_asked(mirror))).to_have_count(1)

    _click(page, root.locator("button.mazur-add-layer"))
    mirror.add_layer()
    expect(stepper.position).to_have_text(_position(mirror))
    expect(root.locator(".mazur-layer")).to_have_count(4)
    assert "Network 2-2-2-2" in mirror.announce.value
    expect(root.locator(".mazur-live")).to_have_text(mirror.announce.value)

    _click(page, root.locator("button.mazur-layer-1-more"))
    mirror.add_neuron(1)
    expect(stepper.position).to_have_text(_position(mirror))
    expect(root.locator(".mazur-layer-size").nth(1)).to_have_text("3 neurons")
    # The exercises ask about the new network (its first output weight).
    expect(page.page.locator(_asked(mirror))).to_have_count(1)
    expect(panel).to_contain_text("2-3-2-2")
    svg = stepper.diagram_text()
    assert svg.startswith(f"Step 1 of {len(mirror.stepper.lesson.steps)}")
    # The new neuron is drawn, and its number box is there.
    expect(root.locator('.mazur-diagram-svg [data-name="h1_3"]')).to_have_count(1)
    expect(root.locator(".mazur-field:has(> label:text-is('w5')) input")).to_have_value(
        mirror.playground.boxes["w5"].value
    )
    # Next still steps through the new network.
    stepper.next_button.click()
    expect(stepper.title).to_have_text(mirror.stepper.lesson.steps[1].title)
    # Buttons are named for a screen reader by the layer they change.
    expect(root.locator("button.mazur-layer-1-more")).to_have_attribute(
        "aria-label", "Add a neuron to hidden layer 1"
    )


def test_copy_the_json_and_load_it_back(notebook, expect):
    page = notebook(NOTEBOOK)
    root = page.page.locator(".mazur-builder").first
    stepper = StepperView(root.locator(".mazur-stepper").first)
    copied = root.locator(".mazur-json textarea").input_value()
    mirror = Builder(prefetch=False)
    mirror.load(copied)
    assert mirror.message_text == "" and mirror.json_text == copied

    # Change the network, then load the copied JSON back.
    _click(page, root.locator("button.mazur-layer-0-more"))
    expect(root.locator(".mazur-layer-size").first).to_have_text(
        f"{mirror.config.network.sizes[0] + 1} neurons"
    )
    load = root.locator(".mazur-load textarea")
    load.fill(copied)
    _click(page, root.locator("button.mazur-load-button"))
    expect(root.locator(".mazur-layer-size").first).to_have_text(
        f"{mirror.config.network.sizes[0]} neurons"
    )
    expect(stepper.position).to_have_text(_position(mirror))
    expect(root.locator(".mazur-json textarea")).to_have_value(copied)

    # JSON that cannot be used: a one-line message naming the field; the
    # text stays in the box and the network on screen.
    bad = '{"layers": [2, 9, 2], "inputs": [1, 2], "targets": [0, 1]}'
    load.fill(bad)
    _click(page, root.locator("button.mazur-load-button"))
    expect(root.locator(".mazur-builder-message")).to_contain_text(
        "layers[2]: 9 is not allowed; expected a whole number from 1 to 8"
    )
    expect(load).to_have_value(bad)
    expect(root.locator(".mazur-json textarea")).to_have_value(copied)
