"""Handouts: the worked example on paper, for ``mazur-nn report`` and
``mazur-nn lesson``, and the one way both are made.

``config -> course -> here -> text``: :func:`handout` takes a config, asks
the course for its content (:func:`mazur_nn.course.report.build_report`,
every quantity of one round as JSON-ready data; or
:func:`mazur_nn.course.steps.build_lesson`, the lessons' steps with their
sentences) and writes it as text, Markdown, LaTeX or JSON. Numbers are
shown as the post prints them, rounded to 9 decimal places (:func:`number`).

Example
-------
>>> from mazur_nn import mazur_example
>>> print(handout("report", mazur_example(), "text").splitlines()[-1])
E_total+ = 0.291027774
>>> print(handout("lesson", mazur_example(), "text").splitlines()[0])
FORWARD PASS
"""

from __future__ import annotations

import json
from typing import NamedTuple

from mazur_nn.core.config import Config
from mazur_nn.core.names import Names, latex_name
from mazur_nn.core.numbers import format_number
from mazur_nn.course.batch import build_batch_lesson
from mazur_nn.course.batch_report import build_batch_report
from mazur_nn.course.report import build_report, delta_neuron, factors_of
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.render.svg import network_svg

DIGITS = 9  # the post prints its values rounded to 9 decimal places
TITLE = "Backpropagation step by step"
FORMATS = {"report": ("text", "markdown", "latex", "json"), "lesson": ("text", "markdown", "latex")}


def handout(kind: str, config: Config, format: str, rounds: int | None = None) -> str:
    """The ``kind`` of handout (``"report"`` or ``"lesson"``) of ``config`` in
    ``format``; a report can add ``rounds`` of training. A config with a
    batch of examples gets the batch's report and lesson
    (:mod:`mazur_nn.course.batch_report`, :mod:`mazur_nn.course.batch`)."""
    several = len(config.examples) > 1
    if kind == "lesson":
        return WRITERS[kind][format](
            build_batch_lesson(config) if several else build_lesson(config)
        )
    report = build_batch_report(config, rounds) if several else build_report(config, rounds)
    return WRITERS[kind][format](report)


def diagram(config: Config) -> str:
    """The network of ``config`` as an SVG document (the one the notebooks
    show; no step highlighted): the Markdown handouts include it, and
    ``mazur-nn report|lesson --svg FILE`` writes it; a batch's shows its
    first example."""
    return network_svg(build_lesson(config.example(0)))


def number(value: float, latex: bool = False) -> str:
    r"""``value`` as the post prints it: rounded to 9 decimal places.

    >>> number(0.082167040564), number(-0.0190491183), number(-0.5, latex=True)
    ('0.082167041', '-0.019049118', '\\left(-0.5\\right)')
    """
    return format_number(value, DIGITS, latex)


def escape(text: str) -> str:
    """Text for LaTeX: underscores escaped."""
    return text.replace("_", r"\_")


# -- the report: equations, sections -------------------------------------------------


class Step(NamedTuple):
    """One equation: ``name = formula = formula with numbers = value``; the
    formula is sympy's, or the sum of products of ``terms`` (factor dicts)."""

    name: str
    value: float
    formula: dict | None = None
    terms: list | None = None


def _names(report: dict) -> Names:
    return Names(report["config"]["layers"], report["config"]["bias_mode"])


def _chain_steps(report: dict) -> list[tuple[str, list[Step]]]:
    """For each parameter (output layer first): the factors not shown
    before, each derived, then ``dE_total/dp`` as their product."""
    factors = {f["name"]: f for f in factors_of(report["chain"])}
    seen: set[str] = set()
    blocks = []
    for p in _names(report).backward_order:
        steps: list[Step] = []
        chain = report["chain"][p]
        for factor in chain:
            _factor_steps(factor, factors, report["formulas"], seen, steps)
        if [f["name"] for f in chain] != [f"dE_total/d{p}"]:
            steps.append(Step(f"dE_total/d{p}", report["gradients"][p], terms=[chain]))
        blocks.append((p, steps))
    return blocks


def _factor_steps(factor: dict, factors: dict, formulas: dict, seen: set, steps: list) -> None:
    """Steps deriving ``factor``: its terms' factors first, then itself."""
    name = factor["name"]
    if name in seen:
        return
    seen.add(name)
    terms = factor.get("terms") or _delta_terms(name, factors)
    for term in terms:
        for part in term:
            _factor_steps(part, factors, formulas, seen, steps)
    steps.append(Step(name, factor["value"], formulas.get(name), terms or None))


def _delta_terms(name: str, factors: dict) -> list:
    """``dE/dnet_n = dE_total/dout_n * dout_n/dnet_n`` as the post writes it
    (for ``dE_o1/dnet_o1`` and ``dE_total/dnet_h1``); otherwise no terms."""
    n = delta_neuron(name)
    if n is None:
        return []
    parts = [factors.get(f"dE_total/dout_{n}"), factors.get(f"dout_{n}/dnet_{n}")]
    return [parts] if all(parts) else []


def _name(name: str, latex: bool) -> str:
    return latex_name(name) if latex else name


def _sum_of_products(terms: list[list[str]], latex: bool) -> str:
    times = r" \cdot " if latex else " * "
    return " + ".join(times.join(term) for term in terms)


def _sides(step: Step, latex: bool) -> list[str | None]:
    """``[name, formula, formula with numbers, value]`` of one step."""
    if step.terms:
        formula = _sum_of_products(
            [[_name(f["name"], latex) for f in t] for t in step.terms], latex
        )
        numbers = _sum_of_products(
            [[number(f["value"], latex) for f in t] for t in step.terms], latex
        )
    elif step.formula:
        kind = "latex" if latex else "text"
        formula, numbers = step.formula[kind], step.formula[f"{kind}_values"]
    else:
        formula = numbers = None
    return _equation(_name(step.name, latex), formula, numbers, number(step.value, latex))


def _equation(*sides: str | None) -> list[str | None]:
    """The four sides, a middle side that only repeats the next one as ``None``
    (``dnet_o1/dw5 = out_h1 = 0.593269992``), so each keeps its column."""
    sides = list(sides)
    for k in (2, 1):
        following = next(side for side in sides[k + 1 :] if side is not None)
        if sides[k] == following:
            sides[k] = None
    return sides


def _update_sides(report: dict, p: str, latex: bool) -> list[str | None]:
    """``p+ = p - eta * dE_total/dp = numbers = new value``."""
    old, new = report["parameters"][p], report["updated"][p]
    if p not in report["update"]:
        return _equation(_name(f"{p}+", latex), _name(p, latex), None, number(new, latex))
    step = report["update"][p]
    gradient = _name(f"dE_total/d{p}", latex)
    if step["recomputed"]:
        gradient = rf"\left({gradient}\right)^{{\prime}}" if latex else f"{gradient}'"
    eta, times = (r"\eta", r" \cdot ") if latex else ("eta", " * ")
    eta_value = number(report["options"]["learning_rate"], latex)
    return _equation(
        _name(f"{p}+", latex),
        f"{_name(p, latex)} - {eta}{times}{gradient}",
        f"{number(old, latex)} - {eta_value}{times}{number(step['gradient'], latex)}",
        number(new, latex),
    )


class Section(NamedTuple):
    title: str
    notes: list[str]
    groups: list[tuple[str | None, list[list[str]]]]  # (subtitle, equations)


def _header(report: dict) -> list[tuple[str, str]]:
    """The network and its options, as (label, plain text) rows."""
    config, options, names = report["config"], report["options"], _names(report)
    sizes = "-".join(map(str, config["layers"]))
    layers = [", ".join(layer) for layer in names.neurons]
    hidden = "".join(f"hidden {layer}; " for layer in layers[1:-1])
    activations = config["activations"]
    if len(set(activations)) > 1:
        activations = [", ".join(activations) + " (first hidden layer to output layer)"]
    biases = "updated" if options["update_biases"] else "not updated"
    using = "the already updated later" if options["hidden_uses"] == "updated" else "the original"
    parameters = report["parameters"]

    def listed(values: dict) -> str:
        return ", ".join(f"{k} = {number(v)}" for k, v in values.items())

    return [
        ("layers", f"{sizes}: inputs {layers[0]}; {hidden}outputs {layers[-1]}"),
        ("activations", activations[0]),
        ("loss", config["loss"]),
        ("bias mode", f"{config['bias_mode']} ({', '.join(names.biases)}); {biases}"),
        ("learning rate", f"eta = {number(options['learning_rate'])}"),
        ("hidden_uses", f"{options['hidden_uses']}: hidden-layer gradients use {using} weights"),
        *_example_rows(report, listed),
        ("weights", listed({w: parameters[w] for w in names.weights})),
        ("biases", listed({b: parameters[b] for b in names.biases})),
    ]


def _example_rows(report: dict, listed) -> list[tuple[str, str]]:
    """The inputs and targets: of the one example, or of each of a batch's."""
    if "examples" not in report:
        return [("inputs", listed(report["inputs"])), ("targets", listed(report["targets"]))]
    return [
        (f"example {k + 1}", f"{listed(e['inputs'])}; {listed(e['targets'])}")
        for k, e in enumerate(report["examples"])
    ]


def _results(values: dict, latex: bool) -> list:
    """One group of plain ``name = value`` equations."""
    return [
        (
            None,
            [_equation(_name(n, latex), None, None, number(v, latex)) for n, v in values.items()],
        )
    ]


def _pass_sections(report: dict, latex: bool) -> list[Section]:
    """The forward pass, the errors and the backward pass of one example."""

    def equations(values: dict) -> list[list[str]]:
        return [_sides(Step(n, v, report["formulas"].get(n)), latex) for n, v in values.items()]

    chain = [(p, [_sides(s, latex) for s in steps]) for p, steps in _chain_steps(report)]
    return [
        Section("Forward pass", [], [(None, equations(report["forward"]))]),
        Section("Errors", [], [(None, equations(report["error"]))]),
        Section("Backward pass", [], chain),
    ]


def _sections(report: dict, latex: bool) -> list[Section]:
    if "examples" in report:
        return _batch_sections(report, latex)
    order = _names(report).backward_order
    update_notes = []
    if not report["options"]["update_biases"]:
        update_notes.append("The biases are not updated (as in the post).")
    if any(step["recomputed"] for step in report["update"].values()):
        update_notes.append(
            "hidden_uses = updated: dE_total/dp' is the gradient recomputed "
            "with the already updated later weights, (p - p+) / eta."
        )
    sections = [
        *_pass_sections(report, latex),
        Section("Update", update_notes, [(None, [_update_sides(report, p, latex) for p in order])]),
        Section(
            "Error after the update",
            [],
            _results({"E_total+": report["error_after_update"]}, latex),
        ),
    ]
    if "training" in report:
        training = report["training"]
        rounds = training["rounds"]
        results = {"E_total": training["E_total"]}
        results |= {f"out_{o}": v for o, v in training["outputs"].items()}
        title = f"After {rounds} round{'s' * (rounds != 1)} of training"
        sections.append(Section(title, [], _results(results, latex)))
    return sections


def _batch_sections(report: dict, latex: bool) -> list[Section]:
    """Each example's passes, the means, the one update, the error after
    it, stochastic gradient descent beside it, and training."""
    m, sections = report["batch"]["m"], []
    for k, example in enumerate(report["examples"]):
        for s in _pass_sections({**example, "config": report["config"]}, latex):
            sections.append(Section(f"Example {k + 1} of {m}: {s.title}", s.notes, s.groups))
    kind = ("latex", "latex_numbers") if latex else ("formula", "numbers")

    def equations(section: str) -> list:
        rows = [
            _equation(_name(s["name"], latex), s[kind[0]], s[kind[1]], number(s["value"], latex))
            for s in report["steps"]
            if s["section"] == section
        ]
        return [(None, rows)]

    notes = [] if report["options"]["update_biases"] else ["The biases are not updated."]
    sections += [
        Section("Mean over the batch", [], equations("batch")),
        Section("Update: one step against the mean gradient", notes, equations("update")),
        Section("Error after the update", [], equations("after")),
    ]
    moved = [s["name"].removesuffix("+") for s in report["steps"] if s["section"] == "update"]
    for s in report["stochastic"]:
        values = {f"{p}+": s["updated"][p] for p in moved} | {"E_batch": s["E_batch"]}
        title = f"Stochastic gradient descent, update {s['example']} of {m}"
        note = f"Instead: one update per example, in order; this one from example {s['example']}."
        sections.append(Section(title, [note], _results(values, latex)))
    if "training" in report:
        training = report["training"]
        rounds = training["rounds"]
        values = {
            f"E_batch ({mode})": training[mode]["E_batch"] for mode in ("batch", "stochastic")
        }
        title = f"After {rounds} round{'s' * (rounds != 1)} of training"
        sections.append(Section(title, [], _results(values, latex)))
    return sections


def _title(report: dict) -> str:
    return f"{TITLE}: a {'-'.join(map(str, report['config']['layers']))} network"


# -- the report, written ---------------------------------------------------------------


def report_text(report: dict) -> str:
    """Plain text for a terminal: each quantity as
    ``name = formula = formula with numbers = value``."""
    title = _title(report)
    lines = [title, "=" * len(title)]
    width = max(len(label) for label, _ in _header(report))
    lines += [f"{label:<{width}}  {text}" for label, text in _header(report)]
    for section in _sections(report, latex=False):
        lines += ["", section.title, "-" * len(section.title), *section.notes]
        for k, (_, equations) in enumerate(section.groups):
            lines += [""] * (k > 0)
            lines += [" = ".join(side for side in sides if side) for sides in equations]
    return "\n".join(lines) + "\n"


COLUMNS = ("quantity", "formula", "with numbers", "value")


def report_markdown(report: dict) -> str:
    """Markdown for a printable handout: headings and tables, formulas in ``$...$``."""

    def row(cells) -> str:
        return "| " + " | ".join(cell.replace("|", r"\|") for cell in cells) + " |"

    lines = [f"# {_title(report)}", "", row(["setting", "value"]), row(["---"] * 2)]
    lines += [row([label, text]) for label, text in _header(report)]
    lines += ["", diagram(Config.from_dict(report["config"]))]
    for section in _sections(report, latex=True):
        lines += ["", f"## {section.title}"]
        lines += [line for note in section.notes for line in ("", note)]
        for subtitle, equations in section.groups:
            if subtitle:
                lines += ["", f"### ${latex_name(subtitle)}$"]
            used = [k for k in range(4) if any(sides[k] for sides in equations)]
            lines += ["", row([COLUMNS[k] for k in used]), row(["---"] * len(used))]
            lines += [
                row([f"${sides[k]}$" if sides[k] else "" for k in used]) for sides in equations
            ]
    return "\n".join(lines) + "\n"


def report_latex(report: dict) -> str:
    """A LaTeX document that compiles on its own (amsmath), one ``align*``
    per group of equations; long ones put the numbers on a second line."""

    def align_row(name: str, *rest: str | None) -> str:
        rest = [side for side in rest if side]
        if len(rest) > 2:
            return rf"{name} &= {rest[0]} \\" + "\n  &= " + " = ".join(rest[1:])
        return f"{name} &= " + " = ".join(rest)

    lines = [
        r"\documentclass{article}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{amsmath}",
        r"\allowdisplaybreaks",
        "",
        r"\begin{document}",
        rf"\section*{{{_title(report)}}}",
        "",
        r"\begin{tabular}{lp{0.75\textwidth}}",
    ]
    lines += [rf"{escape(label)} & {escape(text)} \\" for label, text in _header(report)]
    lines.append(r"\end{tabular}")
    for section in _sections(report, latex=True):
        lines += ["", rf"\subsection*{{{section.title}}}"]
        lines += [line for note in section.notes for line in (escape(note), "")]
        for subtitle, equations in section.groups:
            if subtitle:
                lines.append(rf"\paragraph{{${latex_name(subtitle)}$}}")
            rows = [align_row(*sides) for sides in equations]
            lines += [r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"]
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def report_json(report: dict) -> str:
    """The report as JSON, full precision (finite numbers only)."""
    return json.dumps(report, indent=2, allow_nan=False) + "\n"


# -- the lesson's steps ------------------------------------------------------------


def lesson_text(lesson: Lesson) -> str:
    """Every step as plain text, section by section."""
    out, section = [], None
    for s in lesson.steps:
        if s.section != section:
            section = s.section
            out += ["", s.section_title.upper(), "=" * len(s.section_title), ""]
        out += [
            f"{s.index + 1}. {s.title}",
            f"   {s.text}",
            *("   " + line for line in s.equation_text().splitlines()),
            "",
        ]
    return "\n".join(out).strip() + "\n"


def lesson_markdown(lesson: Lesson) -> str:
    """A printable handout: a heading per section, each step with its
    formula in LaTeX (``$$ ... $$``, as JupyterLab and pandoc render it)."""
    out, section = [f"# Backpropagation step by step ({_shape(lesson.config)})"], None
    out += ["", diagram(lesson.config)]
    for s in lesson.steps:
        if s.section != section:
            section = s.section
            out += ["", f"## {s.section_title}"]
        out += ["", f"**{s.index + 1}. {s.title}.** {s.text}", "", f"$$ {s.equation_latex()} $$"]
    return "\n".join(out) + "\n"


def lesson_latex(lesson: Lesson) -> str:
    """A LaTeX document (``pdflatex`` it for a handout)."""

    out = [
        r"\documentclass{article}",
        r"\usepackage{amsmath}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\begin{document}",
        rf"\section*{{Backpropagation step by step ({escape(_shape(lesson.config))})}}",
    ]
    section = None
    for s in lesson.steps:
        if s.section != section:
            section = s.section
            out.append(rf"\subsection*{{{s.section_title}}}")
        out += [
            rf"\paragraph{{{s.index + 1}. {escape(s.title)}}} {escape(s.text)}",
            r"\begin{multline*}",
            s.equation_latex().replace(" = ", r" \\ = "),
            r"\end{multline*}",
        ]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _shape(config: Config) -> str:
    n = config.network
    return "-".join(map(str, n.sizes)) + ", " + "/".join(n.activations) + f", {n.loss}"


WRITERS = {
    "report": {
        "text": report_text,
        "markdown": report_markdown,
        "latex": report_latex,
        "json": report_json,
    },
    "lesson": {"text": lesson_text, "markdown": lesson_markdown, "latex": lesson_latex},
}
