"""The batch stepper, driven from Python: each example's steps, then the
means and the one update; the diagram shows the current example's numbers."""

from mazur_nn import mazur_example
from mazur_nn.core import batch
from mazur_nn.core.batch import MAZUR_BATCH
from mazur_nn.core.numbers import format_number
from mazur_nn.course.steps import build_lesson
from mazur_nn.widgets import BatchStepper

EXAMPLES = list(MAZUR_BATCH)
CONFIG = mazur_example().replace(examples=EXAMPLES)


def test_walks_each_example_then_the_mean_then_the_update():
    stepper = BatchStepper(CONFIG)
    seen = []
    while True:
        step = stepper.lesson.steps[stepper.index]
        k = stepper.lesson.example_of(step)
        seen.append("batch" if k is None else k)
        if k is not None:
            # the diagram shows this example's own numbers
            own = build_lesson(CONFIG.example(k))
            assert format_number(own.values["out_o1"]) in stepper.diagram.svg
            assert f"(example {k + 1} of 3)" in stepper.announce.value
        if stepper.next_button.disabled:
            break
        stepper.next()
    order = [s for i, s in enumerate(seen) if i == 0 or seen[i - 1] != s]
    assert order == [0, 1, 2, "batch"]
    assert stepper.lesson.steps[stepper.index].name == "E_batch+"


def test_the_mean_and_the_update_are_the_cores():
    stepper = BatchStepper(CONFIG, start="dE_batch/dw5")
    mean = batch.backward(CONFIG).gradients["w5"]
    assert stepper.value_label.value == f"dE_batch/dw5 = {format_number(mean)}"
    svg = stepper.diagram.svg
    # The diagram names the mean as the batch's (not example 1's dE_total/dw5).
    assert f"dE_batch/dw5 = {format_number(mean)} (the mean over the batch)" in svg
    assert ">E_batch</text>" in svg and ">E_total</text>" not in svg
    assert "the means over the batch" in svg
    assert "agree" in stepper.check.value
    stepper.go_to("w5+")
    assert (
        stepper.value_label.value == f"w5+ = {format_number(batch.update(CONFIG).parameters['w5'])}"
    )
    assert f"its mean gradient over the batch dE_batch/dw5 = {format_number(mean)}" in (
        stepper.diagram.svg
    )
    # An example's step keeps its own words.
    stepper.go_to("dE_total/dw5")
    assert ">E_total</text>" in stepper.diagram.svg and "E_batch" not in stepper.diagram.svg


def test_a_click_on_the_diagram_stays_in_the_current_example():
    stepper = BatchStepper(CONFIG)
    stepper.show(stepper.lesson.step("net_h1", example=2).index)
    stepper.diagram.receive({"event": "choose", "name": "w1"})
    step = stepper.lesson.steps[stepper.index]
    assert step.name == "dE_total/dw1" and stepper.lesson.example_of(step) == 2
    assert "3 examples, 99 steps" in repr(stepper)
