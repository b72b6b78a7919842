"""A mini-batch as a lesson: each example's steps, then the means, the one
update and the error after it; every number from the core's own passes,
the means checked three ways, and stochastic gradient descent beside it."""

from __future__ import annotations

import pytest

from mazur_nn import Config, mazur_example
from mazur_nn.core import batch
from mazur_nn.core.batch import MAZUR_BATCH
from mazur_nn.course.batch import build_batch_lesson, stochastic_table
from mazur_nn.course.steps import build_lesson
from mazur_nn.render.svg import network_svg

EXAMPLES = list(MAZUR_BATCH)


@pytest.fixture(scope="module", params=[False, True], ids=["weights", "biases too"])
def config(request):
    return mazur_example().replace(examples=EXAMPLES, update_biases=request.param)


@pytest.fixture(scope="module")
def lesson(config):
    return build_batch_lesson(config)


def test_each_example_walks_its_own_passes_then_the_batch(config, lesson):
    m = len(config.examples)
    for k in range(m):
        single = build_lesson(config.example(k))
        own = [s for s in lesson.steps if lesson.example_of(s) == k]
        expected = [
            s for s in single.steps if s.section in ("forward", "error", "output", "hidden")
        ]
        assert [s.name for s in own] == [s.name for s in expected]
        assert [s.value for s in own] == [s.value for s in expected]
        assert all(s.title.endswith(f"(example {k + 1} of {m})") for s in own)
    assert [s.index for s in lesson.steps] == list(range(len(lesson.steps)))
    tail = [s.section for s in lesson.steps if lesson.example_of(s) is None]
    assert tail == sorted(tail, key=["batch", "update", "after"].index)


def test_the_batch_steps_are_the_cores_means_and_update(config, lesson):
    gradients = batch.backward(config)
    updated = batch.update(config, gradients)
    assert lesson.step("E_batch").value == gradients.E_total
    for p, g in gradients.gradients.items():
        moves = p in config.network.names.weights or config.update_biases
        if moves:
            assert lesson.step(f"dE_batch/d{p}").value == g
            assert lesson.step(f"{p}+").value == updated.parameters[p]
        else:
            with pytest.raises(KeyError):
                lesson.step(f"{p}+")
    assert lesson.step("E_batch+").value == batch.error(updated, config.examples)


def test_the_mean_gradients_agree_three_ways(lesson):
    for s in lesson.steps:
        if s.section == "batch" and s.kind == "chain":
            values = lesson.check(s)
            assert set(values) == {"chain rule", "sympy", "finite difference"}
            assert max(values.values()) - min(values.values()) < 1e-8, (s.name, values)


def test_every_step_has_a_diagram_of_its_example(lesson):
    for s in lesson.steps:
        single, drawn = lesson.drawing(s)
        k = lesson.example_of(s)
        assert single.config == lesson.config.example(0 if k is None else k)
        assert drawn.value == s.value
        svg = network_svg(single, drawn, framed=False)
        assert svg.startswith("<svg") and s.shown_value in svg
        assert f"Step {s.index + 1} of {len(lesson.steps)}: {s.title}" in svg


def test_one_example_step_is_found_per_example(lesson):
    second = lesson.step("net_h1", example=1)
    assert lesson.example_of(second) == 1
    assert second.value == build_lesson(lesson.config.example(1)).step("net_h1").value


def test_stochastic_table_is_one_update_per_example(config):
    table = stochastic_table(config)
    steps = batch.stochastic(config)
    assert table.header[-1] == "stochastic: after example 3"
    w5 = next(r for r in table.rows if r[0] == "w5")
    assert float(w5[2]) == pytest.approx(batch.update(config).parameters["w5"], abs=5e-10)
    assert [float(x) for x in w5[3:]] == pytest.approx(
        [s.network.parameters["w5"] for s in steps], abs=5e-10
    )


def test_one_example_batch_lesson_has_the_lessons_numbers():
    config = mazur_example()
    lesson = build_batch_lesson(config)
    single = build_lesson(config)
    assert lesson.step("dE_batch/dw5").value == single.step("dE_total/dw5").value
    assert lesson.step("w5+").value == single.step("w5+").value
    assert lesson.step("E_batch+").value == single.step("E_total+").value


def test_the_one_example_lesson_refuses_a_batch():
    with pytest.raises(ValueError, match="batch of 3 examples"):
        build_lesson(Config.from_dict({**mazur_example().replace(examples=EXAMPLES).to_dict()}))
