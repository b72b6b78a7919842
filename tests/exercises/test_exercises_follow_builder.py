"""Exercises that follow the builder: the panel asks about the network on
screen after every change, keeps answers by network, says in one line when
it cannot ask, and the bank poses its questions on every network the
builder can make (the browser test clicks it)."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mazur_nn.core.config import mazur_example
from mazur_nn.core.functions import LOSSES, activations_for
from mazur_nn.core.names import BIAS_MODES
from mazur_nn.core.reshape import MAX_BUILDER_NEURONS, MAX_HIDDEN_LAYERS, reshaped
from mazur_nn.course.steps import build_lesson
from mazur_nn.exercises.bank import LESSONS, exercises_for
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.follow import follow
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.widgets import Builder


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def _steps(panel):
    return [e.step for e in panel.exercises]


def test_the_panel_asks_about_the_new_network_after_every_change(store):
    builder = Builder(prefetch=False)
    panel = follow(builder, "02", store)
    assert _steps(panel) == ["dE_total/dout_o1", "dout_o1/dnet_o1", "dE_total/dw5"]
    builder.add_neuron(1)  # the first output weight is w7 now
    assert _steps(panel)[2] == "dE_total/dw7"
    assert "2-3-2" in panel.note.value
    ask = panel.boxes[2]
    assert "w_{7}" in ask.prompt.value  # what the student reads
    # Its answer is the new network's value, from the lesson of that network.
    value = build_lesson(builder.config).step("dE_total/dw7").value
    assert check(ask.exercise, repr(value), panel.config).correct
    old = build_lesson(mazur_example()).step("dE_total/dw5").value
    assert not check(ask.exercise, repr(old), panel.config).correct  # the old network's


def test_a_number_typed_in_the_playground_changes_the_question(store):
    builder = Builder(prefetch=False)
    panel = follow(builder, "04", store)
    before = panel.config
    builder.playground.set_text("w5", "0.7")
    assert panel.config.network.parameters["w5"] == 0.7 != before.network.parameters["w5"]
    assert panel.config == builder.config


def test_answers_are_kept_by_network_and_come_back_with_it(store):
    builder = Builder(prefetch=False)
    panel = follow(builder, "02", store)
    right = repr(build_lesson(builder.config).step("dE_total/dw5").value)
    panel.boxes[2].type(right)
    panel.boxes[2].check()
    assert panel.boxes[2].solved and "Solved 1 of 3" in panel.score.value
    builder.add_neuron(1)
    assert not panel.boxes[2].solved and "Solved 0 of 3" in panel.score.value
    assert panel.boxes[2].answer.value == ""  # not the other network's answer
    builder.remove_neuron(1)  # the same network again: its answer is back
    assert panel.boxes[2].solved and panel.boxes[2].answer.value == right
    assert store.solved() == (panel.key(panel.exercises[2]),)
    assert store.solved()[0].startswith("net")


def test_a_network_without_hidden_layer_is_said_in_one_line(store):
    builder = Builder(prefetch=False)
    panel = follow(builder, "03", store)
    builder.remove_layer(1)
    assert builder.shape == "2-2"
    assert panel.boxes == [] and panel.questions.children == ()
    assert "layers: the exercises need a hidden layer" in panel.note.value
    assert "Solved 0 of 0" in panel.score.value
    builder.add_layer()  # questions again
    assert len(panel.boxes) == 3 and "layers:" not in panel.note.value


def test_a_panel_on_the_students_own_numbers_does_not_follow(store):
    from mazur_nn.exercises.widget import ExercisePanel

    panel = ExercisePanel("02", store=store, seed=5)
    with pytest.raises(ValueError, match="^config: this panel is on the student's own numbers"):
        panel.set_config(mazur_example())


@st.composite
def builder_configs(draw):
    """A network the builder can make: its sizes, activations, loss, bias mode."""
    hidden = draw(st.integers(0, MAX_HIDDEN_LAYERS))
    sizes = draw(
        st.lists(st.integers(1, MAX_BUILDER_NEURONS), min_size=hidden + 2, max_size=hidden + 2)
    )
    activations = [draw(st.sampled_from(activations_for(output=False))) for _ in range(hidden)]
    activations.append(draw(st.sampled_from(activations_for(output=True))))
    loss = draw(st.sampled_from(list(LOSSES)))
    bias_mode = draw(st.sampled_from(list(BIAS_MODES)))
    seed = draw(st.integers(0, 10_000))
    try:
        config = reshaped(mazur_example(), sizes, activations=activations, seed=seed)
        return reshaped(config, sizes, loss=loss, bias_mode=bias_mode, seed=seed)
    except (TypeError, ValueError):
        assume(False)  # a network the builder refuses too


@settings(max_examples=20, deadline=None)
@given(config=builder_configs(), lesson_id=st.sampled_from(LESSONS))
def test_every_network_the_builder_makes_has_exercises_or_says_why(config, lesson_id):
    if len(config.network.sizes) == 2:
        with pytest.raises(ValueError, match="^layers: the exercises need a hidden layer"):
            exercises_for(lesson_id, config)
        return
    lesson = build_lesson(config)
    for exercise in exercises_for(lesson_id, config):
        value = lesson.step(exercise.step).value
        assert math.isfinite(value)
        if exercise.kind == "number":
            # The lesson's own value, to the digits the prompt asks, is right.
            assert check(exercise, f"{value:.{exercise.digits + 3}g}", config).correct
