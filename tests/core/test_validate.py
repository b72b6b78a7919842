"""What a message quotes of what was typed: at most 60 characters, with
control, bidirectional and invisible characters shown escaped."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mazur_nn.core.validate import (
    ECHO_LIMIT,
    choice,
    echo,
    error_message,
    parse_number,
    parse_whole_number,
    whole_in_range,
)
from mazur_nn.widgets.training import TrainingView

HOSTILE = [
    "1" * 5000,
    "\u202eevil\u202c",
    "0.5\x1b[31mred",
    "a\nb\tc\rd",
    "\u200b0.5",
    "\ufeff" * 100,
    "1,5" + "9" * 5000,
]


def hidden(text):
    """Characters a message must not print as they are."""
    return [c for c in text if not c.isprintable() or unicodedata.category(c) == "Cf"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_echo_is_short_and_shows_nothing_hidden(text):
    shown = echo(text)
    assert hidden(shown) == []
    quoted = shown.split("... (")[0]
    assert len(quoted) <= 6 * ECHO_LIMIT  # an escape is at most 6 characters (\uXXXX)
    if len(text) > ECHO_LIMIT:
        assert shown.endswith(f"... ({len(text)} characters)")


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize(
    "check",
    [
        lambda t: parse_number(t, "w1"),
        lambda t: parse_whole_number(t, "epochs", 1, 100),
        lambda t: choice(t, "hidden_uses", ("original", "updated")),
        lambda t: whole_in_range(t, "seed", 0, 10),
    ],
    ids=["parse_number", "parse_whole_number", "choice", "whole_in_range"],
)
def test_messages_quote_hostile_text_safely(check, text):
    message = error_message(check, text)
    assert message is not None
    assert hidden(message) == []
    assert len(message) < 1000  # 60 characters quoted, twice at most, each escape 6 wide


@pytest.mark.parametrize("text", HOSTILE)
def test_the_training_view_quotes_hostile_rounds_safely(text):
    from mazur_nn import mazur_example

    view = TrainingView(mazur_example(), rounds=10)
    view.rounds_box.value = text
    view.run()
    assert "rounds" in view.message.value
    assert hidden(view.message.value) == []
    assert len(view.message.value) < 1000
    assert view.rounds_box.value == text  # what was typed stays in the box
