r"""Quiz papers and answer keys on paper: text, Markdown, LaTeX and JSON.

One writer for both: a *paper* is the quiz for a seed (the network's numbers
and the questions, each with the significant digits it asks for) and no
answer; a *key* adds, to every question, its formula, the numbers put in,
the value, the answer to the digits asked and the tolerance it is marked
with. Several seeds (a class: one per student, with the student's id and
name) give one section each: a page of their own in LaTeX, a rule between
them in text and Markdown, a JSON list.

The keys come from :func:`mazur_nn.exercises.quiz.answer_key`; this module
only writes them (``key`` below is an :class:`~mazur_nn.exercises.quiz.AnswerKey`).

Example
-------
>>> from mazur_nn.exercises.quiz import answer_key
>>> paper = render([Section(answer_key(7))], "paper", "text")
>>> print(paper.splitlines()[0])
Question paper: quiz with seed 7 (2-2-2 sigmoid network, half squared error)
>>> answer_key(7).questions[0].shown in paper
False
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Protocol

from mazur_nn.core.config import Config
from mazur_nn.core.names import latex_name
from mazur_nn.core.numbers import format_number
from mazur_nn.core.table import Table
from mazur_nn.core.validate import choice

KINDS = ("paper", "key")
FORMATS = ("text", "markdown", "latex", "json")
NETWORK = "2-2-2 sigmoid network, half squared error"
RULE = (
    "Give each answer as a decimal number (0.1 or 1e-1 style) with at least the significant "
    "digits asked for; it counts as right within half a unit of its last digit. Keep every "
    "digit while you work and round only what you write down."
)
LATEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def network_rows(config: Config) -> list[tuple[str, str]]:
    """(name, value) of every number the quiz starts from.

    >>> from mazur_nn.exercises.quiz import quiz_config
    >>> network_rows(quiz_config(7))[:2]
    [('w1', '-0.35'), ('w2', '-0.7')]
    """
    names = config.network.names
    rows = [(p, format_number(v)) for p, v in config.network.parameters.items()]
    rows += [(i, format_number(v)) for i, v in zip(names.neurons[0], config.inputs)]
    rows += [(t, format_number(v)) for t, v in zip(names.targets, config.targets)]
    rows.append(("eta", format_number(config.learning_rate)))
    return rows


class Key(Protocol):
    """What a section is written from: an
    :class:`~mazur_nn.exercises.quiz.AnswerKey` (named here by what it has,
    as the quiz imports this module)."""

    seed: int
    config: Config
    questions: tuple


@dataclass(frozen=True)
class Section:
    """One quiz on paper: the key of a seed, and the student it is for (if any)."""

    key: Key
    student_id: str | None = None
    name: str | None = None

    @property
    def student(self) -> str:
        """``"s001 Ada Lovelace"``, or ``""`` for a seed alone."""
        return " ".join(x for x in (self.student_id, self.name) if x)


def _heading(section: Section, kind: str) -> str:
    what = "Answer key" if kind == "key" else "Question paper"
    return f"{what}: quiz with seed {section.key.seed} ({NETWORK})"


def _asked(q) -> str:
    return f"at least {q.digits} significant digits"


def latex_text(text: str) -> str:
    r"""``text`` as LaTeX text: its special characters escaped.

    >>> print(latex_text("R&D_1 50% ~x"))
    R\&D\_1 50\% \textasciitilde{}x
    """
    return "".join(LATEX_SPECIAL.get(c, c) for c in text)


def _latex_name(name: str) -> str:
    return r"\eta" if name == "eta" else latex_name(name)


# -- text ---------------------------------------------------------------------------


def _text(section: Section, kind: str) -> str:
    out = [_heading(section, kind)]
    if section.student:
        out.append(f"Student: {section.student}")
    out += ["", Table(("quantity", "value"), network_rows(section.key.config)).to_text(), ""]
    out.append(textwrap.fill(RULE, 78))
    for q in section.key.questions:
        head = f"{q.number}. "
        out += ["", f"{head}{q.title} ({q.name}), {_asked(q)}"]
        if kind == "key":
            out += [" " * len(head) + line for line in q.equation_lines()]
            out.append(f"{' ' * len(head)}answer: {q.answer} (± {q.tolerance_shown})")
        else:
            out.append(f"{' ' * len(head)}{q.name} = ______________")
    return "\n".join(out) + "\n"


# -- Markdown -------------------------------------------------------------------------


def _code(text: str) -> str:
    return f"`{text}`"


def _markdown(section: Section, kind: str) -> str:
    network = Table(
        ("quantity", "value"), [(_code(n), v) for n, v in network_rows(section.key.config)]
    )
    out = [f"# {_heading(section, kind)}", ""]
    if section.student:
        out += [f"**Student:** {section.student}", ""]
    out += ["## The network", "", network.to_markdown(), "", RULE, ""]
    questions = section.key.questions
    if kind == "paper":
        rows = [(str(q.number), q.title, _code(q.name), str(q.digits), "") for q in questions]
        table = Table(("#", "question", "quantity", "significant digits", "your answer"), rows)
        return "\n".join([*out, "## Questions", "", table.to_markdown()]) + "\n"
    answers = Table(
        ("#", "question", "quantity", "answer", "to the digits asked", "digits", "tolerance"),
        [
            (str(q.number), q.title, _code(q.name), q.shown, q.answer, str(q.digits))
            + (f"± {q.tolerance_shown}",)
            for q in questions
        ],
    )
    out += ["## Answers", "", answers.to_markdown(), "", "## Working"]
    for q in questions:
        out += ["", f"**{q.number}. {q.title}**", "", "```text", *q.equation_lines(), "```"]
    return "\n".join(out) + "\n"


# -- LaTeX ----------------------------------------------------------------------------

LATEX_START = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\setlength{\parindent}{0pt}
\begin{document}
"""


def _latex(section: Section, kind: str) -> str:
    rows = network_rows(section.key.config)
    cells = " \\\\\n".join(f"${_latex_name(n)}$ & ${v}$" for n, v in rows)
    out = [f"\\section*{{{latex_text(_heading(section, kind))}}}"]
    if section.student:
        out.append(f"\\textbf{{Student:}} {latex_text(section.student)}\\par\\medskip")
    out += [
        "\\begin{tabular}{ll}",
        "quantity & value \\\\ \\hline",
        cells,
        "\\end{tabular}",
        "",
        "\\medskip",
        latex_text(RULE),
        "",
        "\\begin{enumerate}",
    ]
    for q in section.key.questions:
        item = f"\\item {latex_text(q.title)}: ${latex_name(q.name)}$ ({_asked(q)})"
        if kind == "key":
            item += (
                f"\n\\[ {q.step.equation_latex(multiline=True)} \\]\n"
                f"answer: ${q.answer}$ ($\\pm\\,{q.tolerance_shown}$)"
            )
        else:
            item += " \\hfill \\underline{\\hspace{5cm}}"
        out.append(item)
    out.append("\\end{enumerate}")
    return "\n".join(out) + "\n"


# -- JSON -------------------------------------------------------------------------------


def _data(section: Section, kind: str) -> dict:
    """A section as JSON-ready data: ``seed``, ``student`` (when there is one),
    ``config`` and ``questions``."""
    data: dict = {"kind": kind, "seed": section.key.seed}
    if section.student_id is not None:
        data["student"] = {"id": section.student_id, "name": section.name}
    data["config"] = section.key.config.to_dict()
    data["questions"] = [
        q.to_dict() if kind == "key" else q.to_dict(answers=False) for q in section.key.questions
    ]
    return data


# -- all of them ----------------------------------------------------------------------

WRITERS = {"text": _text, "markdown": _markdown, "latex": _latex}
BETWEEN = {"text": "\n" + "=" * 72 + "\n\n", "markdown": "\n---\n\n", "latex": "\n\\newpage\n"}


def render(sections, kind: str = "key", format: str = "text") -> str:
    """The ``kind`` (``"paper"`` or ``"key"``) of every section in ``format``
    (``"text"``, ``"markdown"``, ``"latex"`` or ``"json"``). JSON is one
    object for one section and a list of them for several; LaTeX is one
    document, a page a section.

    >>> render([], "answers", "text")
    Traceback (most recent call last):
    ...
    ValueError: kind: 'answers' is not allowed; allowed are paper, key
    """
    kind = choice(kind, "kind", KINDS)
    format = choice(format, "format", FORMATS)
    sections = list(sections)
    if format == "json":
        data = [_data(s, kind) for s in sections]
        return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"
    body = BETWEEN[format].join(WRITERS[format](s, kind) for s in sections)
    if format == "latex":
        return LATEX_START + body + "\\end{document}\n"
    return body
