"""The exercises of lessons 01 to 04, built from the lesson steps.

Each :class:`~mazur_nn.exercises.model.Exercise` asks for one step of the
worked example: a number (with the digits it needs stated in the prompt:
enough that no known slip and no other quantity of the lesson passes for
the answer) or a formula in the network's names. Expected values are the
lesson's own step values, so an exercise built from any config (a quiz's
fresh numbers) has its answers. The hints are in
:mod:`~mazur_nn.exercises.hints`.

Example
-------
>>> [e.id for e in exercises_for("02")]
['02-dE_total_dout_o1', '02-dout_o1_dnet_o1', '02-dE_total_dw5']
>>> ex = exercises_for("02")[2]
>>> ex.kind, ex.digits, round(expected_value(ex), 9)
('number', 3, 0.082167041)
"""

from __future__ import annotations

from mazur_nn.core.config import Config, mazur_softmax_example
from mazur_nn.core.functions import get_activation
from mazur_nn.core.names import Names, latex_name
from mazur_nn.course.steps import Lesson, Step, build_lesson
from mazur_nn.exercises.expressions import expected_expression, formula_names
from mazur_nn.exercises.model import Exercise, config_or_default, exercise_id, number_rule
from mazur_nn.exercises.slips.numbers import number_variants, other_quantities
from mazur_nn.exercises.typed.answers import significant_digits_needed
from mazur_nn.exercises.typed.formula import FUNCTIONS_TEXT

LESSONS = ("01", "02", "03", "04")
FURTHER_LESSONS = ("14",)  # on a softmax output layer (not in the gradebook of 01-04)
DELTA_TAUGHT_IN = "02"  # lesson 02 names dE_total/dnet_o1 delta_o1: later formulas may use it


def plan(names: Names, coupled: bool = False) -> dict[str, list[tuple[str, str]]]:
    """The steps each lesson asks for, and as what (``"number"`` or ``"formula"``);
    ``coupled``: the output layer is a softmax (a path into a hidden neuron
    is then ``dE_total/dout_h1 via o1``).

    >>> plan(Names((2, 2, 2), "shared"))["03"]
    [('dE_o1/dout_h1', 'number'), ('dE_total/dout_h1', 'formula'), ('dE_total/dw1', 'number')]
    """
    h, o = names.neurons[-2][0], names.neurons[-1][0]
    w_out, w_in = names.weight_matrix[-1][0][0], names.weight_matrix[-2][0][0]
    path = f"dE_total/dout_{h} via {o}" if coupled else f"dE_{o}/dout_{h}"
    further = {}
    if coupled:  # lesson 14: the softmax's Jacobian, the sum of its paths, a gradient
        o2 = names.neurons[-1][1]
        further["14"] = [
            (f"dout_{o2}/dnet_{o}", "formula"),
            (f"dE_total/dnet_{o}", "formula"),
            (f"dE_total/d{w_out}", "number"),
        ]
    return {
        **further,
        "01": [(f"out_{h}", "number"), (f"E_{o}", "number"), ("E_total", "formula")],
        "02": [
            (f"dE_total/dout_{o}", "formula"),
            (f"dout_{o}/dnet_{o}", "formula"),
            (f"dE_total/d{w_out}", "number"),
        ],
        "03": [
            (path, "number"),
            (f"dE_total/dout_{h}", "formula"),
            (f"dE_total/d{w_in}", "number"),
        ],
        "04": [(f"{w_out}+", "number"), (f"{w_in}+", "number"), ("E_total+", "number")],
    }


def _exercise(lesson_id: str, step: Step, kind: str, asked: tuple[str, str], **fields) -> Exercise:
    """The exercise on ``step``: ``asked`` is what the prompt asks, in text
    and in LaTeX (its rule, how to write the answer, comes after it)."""
    rule = fields["rule"]
    return Exercise(
        id=exercise_id(lesson_id, step.name),
        lesson=lesson_id,
        step=step.name,
        kind=kind,
        title=step.title,
        prompt=f"{step.title}. {asked[0]}. {rule}",
        prompt_latex=f"{step.title}. {asked[1]}. {rule}",
        **fields,
    )


def number_exercise(lesson_id: str, step: Step, config: Config, lesson: Lesson) -> Exercise:
    """A number exercise on ``step`` of ``lesson`` (built from ``config``),
    with an id made from ``lesson_id`` and the step's name."""
    others = [v.value for v in number_variants(step.name, config, lesson)]
    others += [  # another quantity must not pass for this one, unless they coincide
        v
        for name, v in other_quantities(step.name, config, lesson).items()
        if abs(v - step.value) > 1e-6 * abs(step.value)
        and (step.name.endswith("+") or not name.endswith("+"))  # after the update: later
    ]
    digits = significant_digits_needed(step.value, others)
    asked = (
        f"Compute {step.name} for this network",
        f"Compute ${latex_name(step.name)}$ for this network",
    )
    return _exercise(lesson_id, step, "number", asked, digits=digits, rule=number_rule(digits))


def formula_exercise(lesson_id: str, step: Step, config: Config) -> Exercise:
    """A formula exercise on ``step`` (built from ``config``): the names it
    may use, and those the right formula needs."""
    allowed = formula_names(config.network.names, step.kind == "update")
    if DELTA_TAUGHT_IN < lesson_id <= LESSONS[-1]:  # delta_o1 = dE_total/dnet_o1 from then on
        allowed += tuple(f"delta_{n}" for n in config.network.names.neurons[-1])
    expected = expected_expression(step.name, config)
    needed = tuple(n for n in allowed if n in {str(s) for s in expected.free_symbols})
    terms_latex = ", ".join(f"${latex_name(n)}$" for n in needed)
    asked = (
        f"Write {step.name} as a formula in {', '.join(needed)}",
        f"Write ${latex_name(step.name)}$ as a formula in {terms_latex}",
    )
    rule = f"You may use the network's names ({', '.join(allowed)}), {FUNCTIONS_TEXT}."
    return _exercise(
        lesson_id, step, "formula", asked, names=allowed, in_terms_of=needed, rule=rule
    )


def check_posable(config: Config) -> Config:
    """``config`` if its network has what the exercises ask about (a hidden
    layer: they ask for a hidden neuron's output and a hidden weight's
    gradient); a one-line ``ValueError`` naming the field otherwise.

    >>> from mazur_nn.core.reshape import reshaped
    >>> check_posable(reshaped(config_or_default(None), [2, 2]))
    Traceback (most recent call last):
    ...
    ValueError: layers: the exercises need a hidden layer; network 2-2 has none (add one)
    """
    sizes = config.network.sizes
    if len(sizes) < 3:
        shape = "-".join(map(str, sizes))
        raise ValueError(
            f"layers: the exercises need a hidden layer; network {shape} has none (add one)"
        )
    return config


def exercises_for(lesson_id: str, config: Config | None = None) -> tuple[Exercise, ...]:
    """The exercises of lesson ``"01"`` to ``"04"`` for ``config`` (Mazur's
    example by default), or of lesson ``"14"`` for a config with a softmax
    output layer (Mazur's network with a softmax output by default)."""
    if lesson_id not in LESSONS + FURTHER_LESSONS:
        allowed = LESSONS + FURTHER_LESSONS
        raise ValueError(f"lesson_id: {lesson_id!r} has no exercises; allowed are {allowed}")
    if lesson_id in FURTHER_LESSONS and config is None:
        config = mazur_softmax_example()
    config = config_or_default(config)
    check_posable(config)
    coupled = get_activation(config.network.activations[-1]).layerwise
    if lesson_id in FURTHER_LESSONS and not coupled:
        raise ValueError(
            f"config: lesson {lesson_id}'s exercises need a softmax output layer, got "
            f"{config.network.activations[-1]}"
        )
    lesson = build_lesson(config)
    result = []
    for name, kind in plan(config.network.names, coupled)[lesson_id]:
        step = lesson.step(name)
        if kind == "number":
            result.append(number_exercise(lesson_id, step, config, lesson))
        else:
            result.append(formula_exercise(lesson_id, step, config))
    return tuple(result)


def all_exercises(config: Config | None = None) -> tuple[Exercise, ...]:
    """Every exercise of lessons 01 to 04, in order."""
    return tuple(e for lesson_id in LESSONS for e in exercises_for(lesson_id, config))


def exercise(exercise_id: str, config: Config | None = None) -> Exercise:
    """The exercise called ``exercise_id`` (``"02-dE_total_dw5"``).

    >>> exercise("01-out_h1").step
    'out_h1'
    """
    lesson_id = str(exercise_id).split("-", 1)[0]
    if lesson_id in LESSONS + FURTHER_LESSONS:
        for e in exercises_for(lesson_id, config):
            if e.id == exercise_id:
                return e
    raise ValueError(f"exercise_id: no exercise called {exercise_id!r}")


def expected_value(exercise: Exercise, config: Config | None = None) -> float:
    """The value of the exercise's step for ``config`` (Mazur's by default)."""
    return build_lesson(config_or_default(config)).step(exercise.step).value
