"""Widgets driven from Python (the browser test drives them for real)."""

import pytest

import mazur_nn
from mazur_nn.core.numbers import format_number
from mazur_nn.core.validate import number_problem, parse_number
from mazur_nn.course.training import train_with_curves
from mazur_nn.widgets import Playground, Stepper, TrainingView


def test_stepper_walks_every_step_and_stops_at_the_ends():
    stepper = Stepper(mazur_nn.mazur_example(), drawing=False)
    assert stepper.previous_button.disabled
    titles = [stepper.title.value]
    while not stepper.next_button.disabled:
        stepper.next()
        titles.append(stepper.title.value)
    assert len(titles) == len(stepper.lesson.steps) == 38
    stepper.next()
    assert stepper.index == 37


def test_stepper_jumps_and_sections():
    stepper = Stepper(mazur_nn.mazur_example(), drawing=False)
    stepper.jump.value = stepper.lesson.step("dE_total/dw5").index
    assert stepper.value_label.value == "dE_total/dw5 = 0.082167041"
    stepper.sections.value = "hidden"
    assert stepper.title.value == "<h3>Path through o1</h3>"
    assert "agree" in stepper.check.value


def test_stepper_draws_the_network_as_svg_and_announces_each_step():
    stepper = Stepper(mazur_nn.mazur_example(), start="dE_total/dw1")
    assert stepper.diagram.svg.startswith("<svg") and "Gradient of w1" in stepper.diagram.svg
    assert stepper.announce.value == ("Step 24 of 38: Gradient of w1. dE_total/dw1 = 0.000438568")
    stepper.next()
    assert "Step 25 of 38" in stepper.announce.value and "Gradient of w2" in stepper.diagram.svg


def test_a_click_on_the_diagram_jumps_to_its_step_and_the_arrow_keys_step():
    stepper = Stepper(mazur_nn.mazur_example())
    stepper.diagram.receive({"event": "choose", "name": "w5"})
    assert stepper.value_label.value == "dE_total/dw5 = 0.082167041"
    stepper.diagram.receive({"event": "choose", "name": "h1"})
    assert stepper.lesson.steps[stepper.index].name == "out_h1"
    stepper.diagram.receive({"event": "next"})
    assert stepper.lesson.steps[stepper.index].name == "net_h2"
    stepper.diagram.receive({"event": "previous"})
    stepper.diagram.receive({"event": "choose", "name": "<script>"})  # nothing of ours: ignored
    assert stepper.lesson.steps[stepper.index].name == "out_h1"


def _expected_summary(config):
    return f"E_total = {format_number(config.forward()['E_total'])}"


def test_playground_recomputes_on_change():
    playground = Playground(mazur_nn.mazur_example())
    playground.set_text("w5", "0.5")
    expected = mazur_nn.mazur_example().with_parameters({"w5": 0.5})
    assert _expected_summary(expected) in playground.summary.value
    assert playground.stepper.lesson.values["w5"] == 0.5


@pytest.mark.parametrize(
    "field, text, message",
    [
        ("learning_rate", "abc", "learning_rate: &quot;abc&quot; is not a number"),
        ("learning_rate", "-1", "expected a positive finite number"),
        ("i1", "nan", "i1: &quot;nan&quot; is not a number"),
        ("w3", "__import__('os').system('ls')", "is not a number"),
        ("t1", "", "t1: empty"),
    ],
)
def test_playground_bad_value_shows_message_and_keeps_state(field, text, message):
    playground = Playground(mazur_nn.mazur_example())
    before = playground.summary.value
    playground.set_text(field, text)
    assert message in playground.message.value
    assert playground.boxes[field].value == text  # what was typed is kept
    assert playground.summary.value == before  # the last valid state stays
    playground.set_text(field, "0.5")
    assert playground.message.value == ""


def test_playground_activation_and_reset():
    playground = Playground(mazur_nn.mazur_example())
    playground.activation.value = "tanh"
    assert playground.config.network.activations == ("tanh", "tanh")
    playground.set_text("w1", "0.9")
    playground.reset()
    assert playground.boxes["w1"].value == "0.15"
    assert _expected_summary(mazur_nn.mazur_example()) in playground.summary.value


def test_training_view_compares_both_rules():
    view = TrainingView(mazur_nn.mazur_example(), rounds=10_000)
    view.run()
    assert "3.51019e-05" in view.result.value and "3.50848e-05" in view.result.value
    assert view.progress.value == view.progress.max
    view.rounds_box.value = "ten"
    view.run()
    assert "rounds" in view.message.value


def test_training_view_reports_divergence():
    config = mazur_nn.mazur_example().replace(activations="linear")
    view = TrainingView(config, rounds=100, compare=False)
    view.rate_box.value = "1e6"
    view.run()
    assert "training stopped at round" in view.message.value


def test_curves_match_train():
    config = mazur_nn.mazur_example()
    curves = train_with_curves(config, 1000, samples=7)
    result = config.train(1000)
    assert curves.E_total[-1] == result.E_total
    assert curves.history == result.history
    assert curves.rounds[-1] == 1000


@pytest.mark.parametrize("text", ["0.05", "-1.5e-2", "+3", ".5", "7."])
def test_parse_number_accepts_decimals(text):
    assert parse_number(text, "x") == float(text)


@pytest.mark.parametrize(
    "text", ["abc", "1+1", "0x10", "1_000", "inf", "nan", "__import__('os')", "2**8", "9" * 50]
)
def test_parse_number_rejects_everything_else(text):
    assert number_problem(text, "x").startswith("x: ")


def test_stepper_shows_the_engines_line_and_points_to_the_plain_loops():
    stepper = Stepper(mazur_nn.mazur_example(), drawing=False)
    stepper.go_to("dE_total/dw5")
    assert "dE_total__dw5 = delta_o1 * out_h1" in stepper.code.value
    assert "mazur_nn/core/reference.py" in stepper.code.value
    stepper.go_to("w1+")
    assert "w1 = w1 - learning_rate * dE_total__dw1" in stepper.code.value


def test_a_diverging_rule_keeps_its_curve_and_the_other_rules_run():
    # A linear network with a learning rate of 1e6: the "updated" rule's
    # first update differs from the "original" one's, so each rule leaves
    # float64's range on its own round; both runs are kept and drawn, each
    # up to its last finite state, and the bar says how many runs finished.
    config = mazur_nn.mazur_example().replace(activations="linear")
    view = TrainingView(config, rounds=100)
    view.rate_box.value = "1e6"
    view.run()
    assert len(view.runs) == 2
    for run in view.runs:
        assert run.stopped and run.stopped.startswith("training stopped at round")
        where = int(run.stopped.split("round ")[1].split(" ")[0])
        assert run.rounds[-1] == where - 1 == len(run.history)
    assert "of 2 runs done" in view.progress.description
    assert view.image.value.startswith("<svg") and view.image.layout.display is None


def test_a_saturating_sigmoid_trains_on_without_a_message():
    # Lesson 04 with a learning rate of 1e6: the weights go far out and the
    # sigmoids saturate, but every number stays finite: no run stops.
    view = TrainingView(mazur_nn.mazur_example(), rounds=100)
    view.rate_box.value = "1e6"
    view.run()
    assert view.message.value == ""
    assert all(run.stopped is None and run.rounds[-1] == 100 for run in view.runs)
    assert view.progress.description == "done: 100 rounds x 2 rules"


def test_the_figure_is_hidden_until_there_is_one():
    view = TrainingView(mazur_nn.mazur_example(), rounds=10)
    assert view.image.layout.display == "none"


@pytest.mark.parametrize(
    "make",
    [
        lambda ex: Stepper(ex, drawing=False),
        Playground,
        TrainingView,
    ],
    ids=["stepper", "playground", "training"],
)
def test_a_widget_says_what_it_is_before_its_cell_runs(make):
    # The text a stored notebook shows before the widget is drawn: whole,
    # and no "Stepper(children=(HBox(..." of ipywidgets' default.
    text = make(mazur_nn.mazur_example())._repr_mimebundle_()["text/plain"]
    assert "Mazur's 2-2-2 example" in text and "run this cell" in text
    assert "children" not in text and not text.endswith("…")


def test_the_playground_marks_the_box_it_cannot_use_and_keeps_the_text():
    playground = Playground(mazur_nn.mazur_example())
    playground.set_text("w5", "abc")
    assert playground.boxes["w5"].invalid and "w5" in playground.boxes["w5"].message
    assert not playground.boxes["w6"].invalid
    assert playground.boxes["w5"].value == "abc"
    playground.set_text("t2", "nan")
    assert playground.boxes["t2"].invalid  # the message names targets[t2]
    playground.set_text("t2", "0.99")
    playground.set_text("w5", "0.5")
    assert not any(box.invalid for box in playground.boxes.values())
    assert playground.message.value == ""


def test_lesson_widgets_say_what_they_are_and_show_no_empty_image():
    from mazur_nn.lessons.calculus import SecantExplorer
    from mazur_nn.lessons.descent import DescentExplorer
    from mazur_nn.lessons.xor import XorTrainer

    for made in (DescentExplorer(), XorTrainer(epochs=5), SecantExplorer()):
        text = made._repr_mimebundle_()["text/plain"]
        assert "run this cell" in text and "children" not in text
    from mazur_nn.lessons.logistic import DigitsTrainer

    digits = DigitsTrainer(epochs=5)
    assert "run this cell" in digits._repr_mimebundle_()["text/plain"]
    assert digits.image.png == b""  # no picture before Train (hidden): no broken icon
    digits.run()
    assert digits.image.png[:4] == b"\x89PNG" and "loss" in digits.image.alt.lower()
    xor = XorTrainer(epochs=5)  # trains at once: its pictures show
    assert xor.loss_image.png[:4] == b"\x89PNG" and xor.loss_image.alt
