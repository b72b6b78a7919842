"""The text area with its button (``TextLoader``): a press carries its text."""

from __future__ import annotations

import pytest

from mazur_nn.widgets.loader import ESM, TextLoader


def test_a_press_hands_over_the_text_it_carries_and_keeps_it():
    loader = TextLoader(label="JSON to load", button="Load")
    loader.value = "older text"  # what the page last kept while typing
    seen: list[str] = []
    loader.on_submit(seen.append)
    loader.on_submit(lambda text: seen.append(text.upper()))
    loader.receive({"event": "submit", "text": "new text"})
    assert seen == ["new text", "NEW TEXT"]
    assert loader.value == "new text"


@pytest.mark.parametrize(
    "content",
    [
        None,
        "submit",
        [],
        {},
        {"event": "typed", "text": "x"},
        {"event": "submit"},
        {"event": "submit", "text": 3},
        {"event": "submit", "text": ["x"]},
    ],
)
def test_other_messages_change_nothing(content):
    loader = TextLoader(value="kept")
    seen: list[str] = []
    loader.on_submit(seen.append)
    loader.receive(content)
    assert seen == [] and loader.value == "kept"


def test_the_page_sends_the_text_with_the_press_and_labels_the_area():
    # One message carries both (no separate value sync to race the click).
    assert 'model.send({ event: "submit", text: area.value })' in ESM
    assert 'button.addEventListener("click", submit)' in ESM
    assert "label.htmlFor = id" in ESM and "area.id = id" in ESM
