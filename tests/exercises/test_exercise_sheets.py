"""Question papers and answer keys: no answer on a paper, the key's digits
and tolerance agree with the checker, several seeds and a whole class, and
``mazur-nn paper`` / ``mazur-nn key``."""

from __future__ import annotations

import json
import re

import pytest

from mazur_nn.cli import main
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.classroom import new_class, read_roster_text
from mazur_nn.exercises.quiz import QUESTIONS, answer_key, quiz_config, quiz_exercises
from mazur_nn.exercises.sheets import FORMATS, Section, render
from mazur_nn.exercises.typed.answers import parse_answer

SEEDS = (0, 1, 7, 42, 2026, 123456789)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def appears(number: str, text: str) -> bool:
    """Whether ``number`` is written in ``text`` as a number of its own (not
    a part of a longer one)."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text) is not None


def answers_of(key) -> list[str]:
    """Every way the key writes an answer: to 9 decimals, to the digits asked,
    and the full value."""
    return [x for q in key.questions for x in (q.shown, q.answer, repr(q.value))]


# -- papers ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS)
def test_no_answer_appears_on_a_paper(seed, fmt):
    key = answer_key(seed)
    paper = render([Section(key, "s1", "Ada")], "paper", fmt)
    assert [a for a in answers_of(key) if appears(a, paper)] == []
    for q in key.questions:
        assert q.formula not in paper  # the formulas are the method: not on the paper
    # ... but every number of the network is, and every question with its digits.
    numbers = dict(quiz_config(seed).network.parameters)
    for value in numbers.values():
        assert appears(format(value, "g"), paper) or fmt == "json"
    for exercise in quiz_exercises(seed):
        assert f"{exercise.digits}" in paper


def test_json_paper_has_the_numbers_and_questions_but_no_answer():
    data = json.loads(render([Section(answer_key(3))], "paper", "json"))
    assert data["kind"] == "paper" and data["config"] == quiz_config(3).to_dict()
    for item, exercise in zip(data["questions"], quiz_exercises(3)):
        assert set(item) == {"number", "name", "title", "digits"}
        assert (item["name"], item["digits"]) == (exercise.step, exercise.digits)


# -- keys -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_key_digits_and_tolerance_agree_with_the_checker(seed):
    key, config = answer_key(seed), quiz_config(seed)
    for q, exercise in zip(key.questions, quiz_exercises(seed)):
        assert q.digits == exercise.digits >= 3
        typed = parse_answer(q.answer)
        assert typed.significant == q.digits  # the answer to exactly the digits asked
        assert abs(typed.value - q.value) <= q.tolerance  # it is the value, rounded
        assert check(exercise, q.answer, config).correct
        # Two units of the last digit away is wrong; the tolerance is half of one.
        unit = 2 * q.tolerance
        for off in (q.value + 2 * unit, q.value - 2 * unit):
            shifted = f"{off:.{typed.decimals_shown}f}" if typed.decimals_shown > 0 else str(off)
            assert not check(exercise, shifted, config).correct
        # One digit fewer is not enough, unless it is the exact value (-0.044).
        fewer = f"{q.value:.{q.digits - 1}g}"
        exact = abs(float(fewer) - q.value) <= 1e-12
        assert check(exercise, fewer, config).correct == exact


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_key_format_gives_digits_and_tolerance(fmt):
    key = answer_key(11)
    text = render([Section(key)], "key", fmt)
    if fmt == "json":
        data = json.loads(text)
        for item, q in zip(data["questions"], key.questions):
            assert (item["digits"], item["answer"], item["tolerance"]) == (
                q.digits,
                q.answer,
                q.tolerance,
            )
        return
    for q in key.questions:
        assert appears(q.answer, text) and q.tolerance_shown in text
        assert f"{q.digits} significant digits" in text or f"| {q.digits} |" in text


def test_latex_is_one_document_a_page_a_student_with_names_escaped():
    klass = new_class(read_roster_text("s_1,R&D 50%\ns2,Bo\n"))
    sections = [Section(answer_key(s.seed), s.id, s.name) for s in klass.students]
    tex = render(sections, "paper", "latex")
    assert tex.count(r"\begin{document}") == 1 and tex.rstrip().endswith(r"\end{document}")
    assert tex.count(r"\newpage") == 1
    assert r"s\_1 R\&D 50\%" in tex and "R&D" not in tex


# -- several seeds, a class, and the command line ---------------------------------------


def test_many_seeds_give_one_section_each_in_order(capsys):
    code, out, err = run(capsys, "key", "--seed", "1", "--seed", "2", "--seed", "1")
    assert (code, err) == (0, "")
    heads = re.findall(r"Answer key: quiz with seed (\d+)", out)
    assert heads == ["1", "2", "1"]
    code, out, _ = run(capsys, "paper", "--seed", "5", "--seed", "6", "--format", "json")
    assert [d["seed"] for d in json.loads(out)] == [5, 6]
    assert all(answer_key(5).questions[0].shown not in out for _ in [0])


def test_a_class_gives_a_section_per_student_with_id_and_name(capsys, tmp_path):
    klass = new_class(read_roster_text("s001,Ada Lovelace\ns002,Alan Turing\ns003,Grace Hopper\n"))
    path = tmp_path / "class.json"
    path.write_text(klass.to_json(), encoding="utf-8")
    for kind in ("paper", "key"):
        code, out, err = run(capsys, kind, "--class", str(path), "--format", "json")
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert [(d["student"]["id"], d["student"]["name"], d["seed"]) for d in data] == [
            (s.id, s.name, s.seed) for s in klass.students
        ]
    code, out, _ = run(capsys, "paper", "--class", str(path), "--format", "markdown")
    for s in klass.students:
        assert f"**Student:** {s.id} {s.name}" in out
        assert f"quiz with seed {s.seed}" in out
    for s in klass.students:  # no one's answers on anyone's paper
        assert [a for a in answers_of(answer_key(s.seed)) if appears(a, out)] == []


@pytest.mark.parametrize(
    "args, words",
    [
        (["paper"], "--seed is needed"),
        (["key", "--seed", "1", "--class", "c.json"], "not both"),
        (["key", "--seed", "1", "--seed", "-2"], "seed: expected a whole number"),
        (["paper", "--class", "missing.json"], "cannot read class file"),
        (["paper", "--seed", "1", "--format", "pdf"], "--format: 'pdf' is not allowed"),
    ],
)
def test_sheet_errors_are_one_line(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "Traceback" not in err and words in err


def test_every_question_of_the_quiz_is_on_paper():
    key = answer_key(9)
    paper = render([Section(key)], "paper", "text")
    for number, name in enumerate(QUESTIONS, start=1):
        assert f"{number}. " in paper and f"({name})" in paper
