"""The final quiz: Mazur's 2-2-2 network on fresh numbers, and its answer key.

:func:`quiz_config` keeps the post's network (sigmoid everywhere, half
squared error, one bias shared by each layer, learning rate 0.5) but draws
its weights, biases, inputs and targets from ``random.Random(seed)``, so the
answers cannot be copied from the post. A teacher gives each student a
seed (``mazur-nn class init``, :mod:`~mazur_nn.exercises.classroom`) and
prints papers and keys with ``mazur-nn paper`` and ``mazur-nn key`` (text,
Markdown, LaTeX or JSON; :mod:`~mazur_nn.exercises.sheets`), or with
:func:`answer_key` and :func:`render_key`. Each question of the key carries
the significant digits it asks for and the tolerance of the answer to them.

The numbers are drawn by :func:`~mazur_nn.exercises.variant.drawn_config`
(the one place they are drawn; the lesson exercises draw theirs there too,
from the same seed with another label, so they are not the quiz's).

Example
-------
>>> quiz_config(7).network.weights == quiz_config(7).network.weights
True
>>> key = answer_key(7)
>>> [q.name for q in key.questions] == list(QUESTIONS)
True
>>> first = key.questions[0]
>>> first.number, first.name, first.title, first.formula
(1, 'net_h1', 'Net input of h1', 'b1 + i1*w1 + i2*w2')
>>> quiz_config(-1)
Traceback (most recent call last):
...
ValueError: seed: expected a whole number from 0 to 1000000000, got -1
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mazur_nn.core.config import Config
from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.course.steps import Step, build_lesson
from mazur_nn.exercises.bank import number_exercise
from mazur_nn.exercises.model import Exercise
from mazur_nn.exercises.sheets import Section, network_rows, render
from mazur_nn.exercises.typed.answers import format_half_unit, half_unit, parse_answer, rounded_text
from mazur_nn.exercises.variant import MAX_SEED as MAX_SEED  # the CLI's and the class's
from mazur_nn.exercises.variant import check_seed, drawn_config

FORMATS = ("text", "markdown", "latex", "json")

QUESTIONS = (
    "net_h1",
    "out_h1",
    "out_o1",
    "E_total",
    "dE_total/dout_o1",
    "dout_o1/dnet_o1",
    "dE_total/dw5",
    "dE_o2/dout_h1",
    "dE_total/dout_h1",
    "dE_total/dw1",
    "w5+",
    "w1+",
    "E_total+",
)


def quiz_config(seed: int) -> Config:
    """Mazur's 2-2-2 network and options with numbers drawn from ``seed``.

    >>> c = quiz_config(1)
    >>> c.network.sizes, c.network.activations, c.network.loss, c.learning_rate
    ((2, 2, 2), ('sigmoid', 'sigmoid'), 'half_squared_error', 0.5)
    >>> all(-1 <= w <= 1 for w in c.network.weights + c.network.biases)
    True
    """
    return drawn_config(random.Random(check_seed(seed)))


@dataclass(frozen=True)
class KeyEntry:
    """One question of the key: the step's title, the quantity, its formula,
    the formula with the numbers in, and the value (full precision; ``shown``
    is what the lessons print: 9 decimals, trailing zeros dropped). ``digits``
    is the significant digits the question asks for, ``answer`` the value
    rounded to them and ``tolerance`` how far from the value that answer may
    be (half a unit of its last digit: more digits typed, a tighter one)."""

    number: int
    name: str
    title: str
    formula: str
    numbers: str
    value: float
    shown: str
    step: Step | None = field(default=None, repr=False, compare=False)
    digits: int = 0
    answer: str = ""
    tolerance: float = 0.0
    tolerance_shown: str = ""

    def equation_lines(self) -> list[str]:
        """``name = formula``, ``= numbers``, ``= value``, skipping repeats
        (the lesson step's own working)."""
        return self.step.equation_text().splitlines()

    def to_dict(self, answers: bool = True) -> dict:
        """The question as JSON-ready data; ``answers=False`` (a paper) keeps
        only what it asks: ``number``, ``name``, ``title``, ``digits``."""
        asked = {"number": self.number, "name": self.name, "title": self.title}
        if not answers:
            return asked | {"digits": self.digits}
        return asked | {
            "formula": self.formula,
            "value": self.value,
            "digits": self.digits,
            "answer": self.answer,
            "tolerance": self.tolerance,
        }


@dataclass(frozen=True)
class AnswerKey:
    """The quiz of one seed: its config and every question with its answer."""

    seed: int
    config: Config
    questions: tuple[KeyEntry, ...]

    def entry(self, name: str) -> KeyEntry:
        """The question asking for ``name`` (``"dE_total/dw5"``...)."""
        for q in self.questions:
            if q.name == name:
                return q
        raise KeyError(f"the quiz does not ask for {name!r}")

    def to_dict(self) -> dict:
        return {
            "seed": self.seed,
            "config": self.config.to_dict(),
            "questions": [q.to_dict() for q in self.questions],
        }


def answer_key(seed: int) -> AnswerKey:
    """Every question of the quiz for ``seed``, with the lesson's formula,
    the numbers and the value.

    >>> entry = answer_key(3).entry("E_total")
    >>> entry.number, entry.formula
    (4, 'E_o1 + E_o2')
    """
    seed = check_seed(seed)
    config = quiz_config(seed)
    lesson = build_lesson(config)
    questions = []
    for number, (name, exercise) in enumerate(zip(QUESTIONS, quiz_exercises(seed)), start=1):
        step = lesson.step(name)
        answer = rounded_text(step.value, exercise.digits)
        decimals = parse_answer(answer).decimals_shown
        questions.append(
            KeyEntry(
                number,
                name,
                step.title,
                step.formula,
                step.numbers,
                step.value,
                format_number(step.value),
                step,
                exercise.digits,
                answer,
                half_unit(decimals),
                format_half_unit(decimals),
            )
        )
    return AnswerKey(seed, config, tuple(questions))


def quiz_exercises(seed: int) -> tuple[Exercise, ...]:
    """The quiz for ``seed`` as exercises, one number exercise per question
    (ids ``quiz<seed>-<step>``), to be checked against :func:`quiz_config`.

    >>> [e.id for e in quiz_exercises(7)][:2]
    ['quiz7-net_h1', 'quiz7-out_h1']
    """
    seed = check_seed(seed)
    config = quiz_config(seed)
    lesson = build_lesson(config)
    return tuple(
        number_exercise(f"quiz{seed}", lesson.step(name), config, lesson) for name in QUESTIONS
    )


# -- on paper ----------------------------------------------------------------------


def numbers_table(seed: int):
    """The numbers the quiz for ``seed`` starts from (no answers), as a
    :class:`~mazur_nn.core.table.Table`.

    >>> print(numbers_table(7).to_text().splitlines()[0])
    The quiz for seed 7 starts from these numbers
    """
    seed = check_seed(seed)
    rows = network_rows(quiz_config(seed))
    return Table(("quantity", "value"), rows, f"The quiz for seed {seed} starts from these numbers")


def render_key(key: AnswerKey, format: str = "text") -> str:
    """The key in ``format``: ``"text"``, ``"markdown"``, ``"latex"`` or
    ``"json"`` (:func:`mazur_nn.exercises.sheets.render`, which also writes
    papers and several seeds at once).

    >>> render_key(answer_key(5), "json").startswith('{\\n  "kind": "key",\\n  "seed": 5,')
    True
    >>> render_key(answer_key(5), "pdf")
    Traceback (most recent call last):
    ...
    ValueError: format: 'pdf' is not allowed; allowed are text, markdown, latex, json
    """
    return render([Section(key)], "key", format)
