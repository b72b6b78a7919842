"""The ``mazur-nn`` command.

``mazur-nn report`` prints the whole worked example step by step (Mazur's
2-2-2 network unless ``--config`` names a JSON config file) as text,
Markdown, LaTeX or JSON; ``mazur-nn lesson`` prints the lessons' steps as a
handout (text, Markdown or LaTeX); ``mazur-nn paper`` and ``mazur-nn key`` print
the final quiz's question paper and answer key for seeds (``--seed N``,
again for more) or a class file's students (``--class``); ``mazur-nn class
init roster.csv`` writes a class file (:mod:`mazur_nn.exercises.classroom`);
``mazur-nn grade FOLDER --class class.json`` writes a gradebook CSV
(:mod:`mazur_nn.exercises.grading`); ``mazur-nn site OUTPUT_DIR`` builds the course as a
static JupyterLite site (:mod:`mazur_nn.delivery.site`); ``mazur-nn serve``
serves the course as an app (Voila, :mod:`mazur_nn.delivery.serve`).

Nothing a user types ends in a traceback. Every problem is one line on
stderr, quoting at most 60 typed characters (control and bidirectional
characters escaped, :func:`mazur_nn.core.validate.echo`), with an exit code:

- 2 for bad input: a bad command line (``mazur-nn: error: --format: 'pdf'
  is not allowed; expected one of ...; see mazur-nn report --help``), a
  config file that cannot be read or is not a valid config, an output file
  that cannot be written;
- 130 for Ctrl-C (``mazur-nn: interrupted``), at any point once :func:`main`
  runs (during the first tenth of a second Python is still starting);
- 1 for anything else: ``mazur-nn: out of memory``, or a bug
  (``mazur-nn: internal error (...); please report it``).

Each subcommand is added by an ``add_<name>(subcommands)`` function that
adds its parser and sets ``run``, the function called with the parsed
arguments; ``report`` and ``lesson`` are both handouts
(:func:`mazur_nn.render.handouts.handout`).

>>> main(["report", "--format", "json", "--output", os.devnull])
0
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from pathlib import Path

from mazur_nn import __version__
from mazur_nn.core.config import Config, mazur_example
from mazur_nn.core.passes import MAX_ROUNDS
from mazur_nn.core.validate import (
    echo_path,
    not_allowed,
    one_line,
    quoted,
    whole_number_or_text,
    wrong_kind,
)
from mazur_nn.delivery import inputs as site_inputs
from mazur_nn.delivery import serve, site

PROG = "mazur-nn"
FORMATS = ("text", "markdown", "latex", "json")
BAD_INPUT, BUG, INTERRUPTED = 2, 1, 130  # exit codes; 130 = 128 + SIGINT, as shells say
# Open --output without waiting for a reader (a FIFO); the flag POSIX has.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class UsageError(Exception):
    """A bad command line, as the one line to print."""


class Parser(argparse.ArgumentParser):
    """argparse's parser with every error as one line (a :class:`UsageError`)
    that names the option, says what is allowed and where the rest is
    (``see mazur-nn report --help``); the help itself is argparse's."""

    def __init__(self, *args, **kwargs) -> None:
        self.options: dict[str, argparse.Action] = {}  # each option string's action
        self.commands: dict[str, Parser] = {}  # the subcommands' parsers (the top parser's)
        self.argv: list[str] = []  # what the top parser was given
        super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs):
        action = super().add_argument(*args, **kwargs)
        self.options.update(dict.fromkeys(action.option_strings, action))
        return action

    def parse_args(self, args=None, namespace=None):
        argv = sys.argv[1:] if args is None else list(args)
        self.argv = argv
        command = _command_word(argv)
        if self.commands and command is not None and command not in self.commands:
            allowed = ", ".join(self.commands)
            self.error(f"unknown command {quoted(command)}; allowed are {allowed}")
        namespace, extras = self.parse_known_args(argv, namespace)
        if extras:
            owner = self.commands.get(getattr(namespace, "command", ""), self)
            if command in argv and extras[0] in argv[: argv.index(command)]:
                owner = self  # before the command: an option of mazur-nn itself
            owner.error(owner.unexpected(extras[0]))
        return namespace

    def unexpected(self, word: str) -> str:
        """What is wrong with ``word``, an argument this (sub)command does not take."""
        allowed = ", ".join(o for o in self.options if o.startswith("--"))
        if word.startswith("-") and word != "-":
            return f"unknown option {quoted(word)}; allowed are {allowed}"
        return f"unexpected argument {quoted(word)}; the options are {allowed}"

    def error(self, message: str):  # argparse's hook for every bad argument: never returns
        raise UsageError(f"{self._reworded(message)}; see {self.prog} --help")

    def _reworded(self, message: str) -> str:
        """argparse's ``message`` in the form of the package's messages."""
        required = re.fullmatch(r"the following arguments are required: (.*)", message)
        if required:
            name = required.group(1).split(", ")[0]
            if name == "COMMAND":
                # --help and --version would have ended the parse: any other option is unknown
                options = [word for word in self.argv if word.startswith("-")]
                if options:
                    return self.unexpected(options[0])
                return f"a command is needed: one of {', '.join(self.commands)}"
            return f"{name} is needed: {self._describe(name)}"
        ambiguous = re.fullmatch(r"ambiguous option: (.*?) could match (.*)", message, re.S)
        if ambiguous:
            typed, matches = ambiguous.groups()
            return f"ambiguous option {quoted(typed)}; it could be {matches}"
        unrecognized = re.fullmatch(r"unrecognized arguments: (.*)", message, re.S)
        if unrecognized:
            return self.unexpected(unrecognized.group(1).split(" ")[0])
        argument = re.fullmatch(r"argument ([^:]+): (.*)", message, re.S)
        if not argument:
            return message
        name, problem = argument.groups()
        if problem.startswith("expected ") and "argument" in problem:
            return f"{name} needs a value: {self._describe(name)}"
        if problem.startswith("ignored explicit argument "):
            return f"{name} takes no value, got {problem.split(' ', 3)[-1]}"
        return problem if problem.startswith(f"{name}: ") else f"{name}: {problem}"

    def _describe(self, name: str) -> str:
        """What the option called ``name`` (``--a/--b`` for two names) takes."""
        action = self.options.get(name.split("/")[0])
        if action is None:
            return "see its help"
        if action.choices:
            return f"one of {', '.join(action.choices)}"
        return f"{action.metavar}, {action.help}" if action.metavar else str(action.help)


def _command_word(argv: list[str]) -> str | None:
    """The command in ``argv``: its first word that is not an option (the
    top level has no option that takes a value)."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word == "-" or not word.startswith("-"):
            return word
    return None


def _one_of(option: str, allowed: tuple[str, ...]):
    """The type of an option that takes one of ``allowed``: the text itself,
    or an error naming the option and what is allowed."""

    def check(text: str) -> str:
        if text not in allowed:
            expected = f"one of {', '.join(allowed)}"
            raise argparse.ArgumentTypeError(str(not_allowed(option, repr(text), expected)))
        return text

    return check


def _positional(parser, dest: str, metavar: str, help: str, **kwargs) -> None:
    """A positional argument, named in errors by its ``metavar``."""
    action = parser.add_argument(dest, metavar=metavar, help=help, **kwargs)
    parser.options[metavar] = action


def _rounds(text: str) -> int:
    """A whole number of training rounds, from 1 to ``MAX_ROUNDS``."""
    expected = f"a whole number from 1 to {MAX_ROUNDS}"
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(str(wrong_kind("--rounds", expected, repr(text))))
    if len(digits) > len(str(MAX_ROUNDS)) or not 1 <= int(digits) <= MAX_ROUNDS:
        raise argparse.ArgumentTypeError(str(not_allowed("--rounds", digits, expected)))
    return int(digits)


def _add_config_options(parser) -> None:
    """The options that pick the example: ``--config``, ``--hidden-uses``,
    ``--update-biases`` (read back by :func:`_config`), and ``--output``."""
    parser.add_argument(
        "--config",
        metavar="FILE.json",
        help="a network and example (default: Mazur's 2-2-2 example)",
    )
    hidden_uses = ("original", "updated")
    parser.add_argument(
        "--hidden-uses",
        choices=hidden_uses,
        type=_one_of("--hidden-uses", hidden_uses),
        help="weights the hidden-layer gradients use (overrides the config)",
    )
    parser.add_argument(
        "--update-biases",
        action=argparse.BooleanOptionalAction,
        help="update the biases too (overrides the config)",
    )
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")


# What each handout command says about itself, and its formats (the first is the default).
HANDOUTS = {
    "report": (
        "the worked example step by step: forward, errors, chain rule, update",
        "Forward pass, errors, every gradient with its chain-rule factors, "
        "one update and (with --rounds) training, for Mazur's example or a config file.",
        ("text", "markdown", "latex", "json"),
    ),
    "lesson": (
        "every step of the lessons as a printable handout",
        "The steps the notebooks walk through (forward pass, errors, chain rule "
        "of every layer, update, the new error), each with a sentence, its formula, the "
        "numbers and the value: a handout for a class.",
        ("markdown", "text", "latex"),
    ),
}


def add_handout(subcommands, kind: str) -> None:
    """``mazur-nn report`` or ``mazur-nn lesson``: one handout of the example."""
    help_text, description, formats = HANDOUTS[kind]
    parser = subcommands.add_parser(kind, help=help_text, description=description)
    choices = tuple(f for f in FORMATS if f in formats)
    parser.add_argument(
        "--format",
        choices=choices,
        type=_one_of("--format", choices),
        default=formats[0],
        help=f"default: {formats[0]}",
    )
    _add_config_options(parser)
    parser.add_argument(
        "--svg", metavar="FILE.svg", help="also write the network's diagram (SVG) to FILE.svg"
    )
    if kind == "report":
        parser.add_argument(
            "--rounds", type=_rounds, metavar="N", help="also train N rounds and report the result"
        )
    parser.set_defaults(run=run_handout, kind=kind, rounds=None, svg=None, command=kind)


def _config(args: argparse.Namespace) -> Config:
    """The config file (or Mazur's example) with the command line's overrides."""
    if args.config == "":
        raise not_allowed("--config", '""', "the path of a JSON config file")
    config = mazur_example() if args.config is None else Config.from_json(args.config)
    changes = {}
    if args.hidden_uses is not None:
        changes["hidden_uses"] = args.hidden_uses
    if args.update_biases is not None:
        changes["update_biases"] = args.update_biases
    return config.replace(**changes) if changes else config


def run_handout(args: argparse.Namespace) -> str:
    """The report or the lesson's steps as text in the chosen format."""
    if args.svg == "":
        raise not_allowed("--svg", '""', "a file name")
    config = _config(args)  # read first: a bad config file is an error at once
    from mazur_nn.render.handouts import diagram, handout  # sympy: only when asked for

    if args.svg is not None:
        _write(args.svg, diagram(config))
    return handout(args.kind, config, args.format, args.rounds)


# What ``paper`` and ``key`` say of themselves.
SHEETS = {
    "paper": (
        "the final quiz's question paper (no answers) for seeds or a class",
        "The final quiz uses Mazur's 2-2-2 network with weights, biases, inputs and targets "
        "drawn from a seed; this prints, for each seed (or each student of a class file), the "
        "network's numbers and the questions with the significant digits each asks for, and "
        "no answer.",
    ),
    "key": (
        "the answer key of the final quiz for seeds or a class",
        "The final quiz uses Mazur's 2-2-2 network with weights, biases, inputs and targets "
        "drawn from a seed; this prints, for each seed (or each student of a class file), the "
        "network's numbers and every question's formula, numbers and answer, with the "
        "significant digits asked for and the tolerance it is marked with.",
    ),
}


def add_sheet(subcommands, kind: str) -> None:
    """``mazur-nn paper`` or ``mazur-nn key``: the quiz of seeds or a class on paper."""
    help_text, description = SHEETS[kind]
    parser = subcommands.add_parser(kind, help=help_text, description=description)
    parser.add_argument(
        "--seed",
        action="append",
        metavar="N",
        help="a whole number from 0 to 1000000000; give --seed again for more seeds",
    )
    parser.add_argument(
        "--class",
        dest="class_file",
        metavar="CLASS.json",
        help="every student of a class file (mazur-nn class init), one section each",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        type=_one_of("--format", FORMATS),
        default="text",
        help="default: text",
    )
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(run=run_sheet, command=kind, kind=kind)


def run_sheet(args: argparse.Namespace) -> str:
    """The papers or keys of ``--seed`` (each, in order) or of the class file's
    students, in the chosen format; a bad seed or class file is a
    ``ValueError`` (one line on stderr, exit code 2)."""
    from mazur_nn.exercises import classroom, quiz, sheets  # sympy: only when asked for

    see = f"; see {PROG} {args.kind} --help"
    if args.seed is None and args.class_file is None:
        raise UsageError(
            f"--seed is needed: N, a whole number from 0 to {quiz.MAX_SEED} "
            f"(or --class CLASS.json){see}"
        )
    if args.seed is not None and args.class_file is not None:
        raise UsageError(f"give --seed or --class, not both{see}")
    if args.class_file is not None:
        if args.class_file == "":
            raise not_allowed("--class", '""', "the path of a class file")
        students = classroom.read_class(args.class_file).students
        sections = [sheets.Section(quiz.answer_key(s.seed), s.id, s.name) for s in students]
    else:
        seeds = [quiz.check_seed(seed) for seed in args.seed]  # every seed checked first
        sections = [sheets.Section(quiz.answer_key(seed)) for seed in seeds]
    return sheets.render(sections, args.kind, args.format)


def add_class(subcommands) -> None:
    parser = subcommands.add_parser(
        "class",
        help="a class file from a roster (init), or its students' seeds (seeds)",
        description="init: read a roster (CSV: student id, name; a header row is skipped) "
        "and write a class file with a random secret and each student's quiz seed, made "
        "from the secret and the id. seeds: list a class file's students with their seeds "
        "(CSV), to give each student theirs.",
    )
    actions = ("init", "seeds")
    _positional(parser, "action", "ACTION", "init or seeds", type=_one_of("ACTION", actions))
    _positional(parser, "source", "FILE", "init: the roster (CSV); seeds: the class file")
    parser.add_argument(
        "--output",
        "--out",
        dest="class_file",
        metavar="CLASS.json",
        help="init: the class file to write (default: class.json)",
    )
    parser.add_argument(
        "--force", action="store_true", help="init: replace the class file if it exists"
    )
    parser.add_argument(
        "--exam-attempts",
        metavar="N",
        help="init: answers each quiz question allows in exam mode (the grader counts no more)",
    )
    parser.set_defaults(run=run_class, command="class", output=None)


def run_class(args: argparse.Namespace) -> str:
    """Write the class file (init) or list the seeds; what to print."""
    from mazur_nn.exercises import classroom  # sympy (the package's exercises)

    if args.source == "":
        raise not_allowed("FILE", '""', "a file name")
    if args.action == "seeds":
        students = classroom.read_class(args.source).students
        return classroom.seeds_csv(students)
    target = "class.json" if args.class_file is None else args.class_file
    if target == "":
        raise not_allowed("--output", '""', "a file name")
    attempts = args.exam_attempts
    if attempts is not None:
        attempts = whole_number_or_text(attempts, "--exam-attempts", 1, classroom.MAX_EXAM_ATTEMPTS)
    students = classroom.read_roster(args.source)
    made = classroom.new_class(students, attempts)
    classroom.write_new(target, made.to_json(), args.force)
    return (
        f"wrote {echo_path(target)}: {len(students)} students, each with a quiz seed; "
        "keep this file private (it holds the class's secret)\n"
    )


def add_grade(subcommands) -> None:
    parser = subcommands.add_parser(
        "grade",
        help="a gradebook (CSV) from the students' progress files",
        description="Read every progress file (*.json) in FOLDER and its subfolders, re-check "
        "every quiz answer on the student's own seed (stored verdicts are never trusted), and "
        "write a gradebook CSV (one row per student of the class file). Files that were edited, "
        "answered another seed, name an unknown student or cannot be read are flagged, each "
        "with one line on stderr.",
    )
    _positional(parser, "folder", "FOLDER", "the folder of collected progress files")
    parser.add_argument(
        "--class",
        dest="class_file",
        required=True,
        metavar="CLASS.json",
        help="the class file (mazur-nn class init)",
    )
    parser.add_argument(
        "--output", "--out", metavar="FILE", help="write the CSV to FILE instead of stdout"
    )
    parser.add_argument(
        "--details",
        metavar="FILE",
        help="also write one row per student and question (attempts, first try, hints) to FILE",
    )
    parser.set_defaults(run=run_grade, command="grade")


def run_grade(args: argparse.Namespace) -> str:
    """The gradebook's CSV; each file's notes and a summary on stderr."""
    from mazur_nn.exercises import classroom, grading

    given = (("FOLDER", args.folder), ("--class", args.class_file), ("--details", args.details))
    for option, value in given:
        if value == "":
            raise not_allowed(option, '""', "a path")
    klass = classroom.read_class(args.class_file)
    book = grading.grade_folder(args.folder, klass, skip=args.class_file)
    if args.details is not None:
        _write(args.details, book.details_csv())
    for note in book.notes:
        _say(f"grade: {note}")
    _say(f"grade: {book.summary()}")
    return book.to_csv()


def add_site(subcommands) -> None:
    parser = subcommands.add_parser(
        "site",
        help="the course as a static JupyterLite site, built with no internet",
        description="Build the course as a static site (JupyterLite): the notebooks, the "
        "Pyodide runtime and every wheel the kernel loads, so the course runs in the "
        "student's browser and every file comes from the site. The build reads its inputs "
        "(the Pyodide runtime from npm, wheels from PyPI) from a folder that --fetch fills "
        "once; then no internet is needed. Needs the site extra: pip install -e '.[site]'.",
    )
    _positional(parser, "output_dir", "OUTPUT_DIR", "the folder to build the site in, new or empty")
    parser.add_argument(
        "--inputs",
        metavar="DIR",
        help=f"the folder of inputs (default: ${site_inputs.ENV_VAR} or "
        "~/.cache/mazur_nn/site-inputs)",
    )
    parser.add_argument(
        "--fetch",
        action="store_true",
        help="first download the missing inputs (npm and PyPI; with --full the Pyodide CDN)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="also ship numpy, matplotlib and scikit-learn from the full Pyodide distribution "
        "(lessons 06-11; its fetch needs the internet; untested here)",
    )
    parser.add_argument(
        "--notebooks", metavar="DIR", help="the notebooks (default: the checkout's notebooks/)"
    )
    parser.set_defaults(run=run_site, command="site", output=None)


def run_site(args: argparse.Namespace) -> str:
    """Fetch the inputs if asked, build the site; the summary line."""
    for option, value in (("OUTPUT_DIR", args.output_dir), ("--inputs", args.inputs)):
        if value == "":
            raise not_allowed(option, '""', "a folder")
    folder = site_inputs.default_folder() if args.inputs is None else args.inputs
    inputs = site_inputs.Inputs(Path(folder).expanduser().resolve())
    if args.fetch:
        inputs.fetch(full=args.full, say=_say)
    built = site.build(args.output_dir, inputs, args.notebooks, full=args.full, say=_say)
    return f"{built}\n"


def _port(text: str) -> int:
    try:
        return serve.check_port(text)
    except serve.ServeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_serve(subcommands) -> None:
    parser = subcommands.add_parser(
        "serve",
        help="the course as an app (Voila): lessons with their code hidden",
        description="Serve the notebooks with Voila in tree mode: a student opens the list "
        "of lessons, picks one and sees its outputs and widgets, with the code hidden and no "
        "way to run code of their own; links between lessons work and nothing is loaded from "
        "another host. Each page runs in a kernel of its own. Needs the serve extra: "
        "pip install -e '.[serve]'.",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=serve.DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default: {serve.DEFAULT_PORT})",
    )
    parser.add_argument(
        "--host",
        default=serve.HOST,
        metavar="ADDRESS",
        help=f"the address to listen on (default: {serve.HOST}, this machine only; "
        "0.0.0.0 for every network)",
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open the lessons in a browser"
    )
    parser.add_argument(
        "--notebooks", metavar="DIR", help="the notebooks (default: the checkout's notebooks/)"
    )
    parser.set_defaults(run=run_serve, command="serve", output=None)


def run_serve(args: argparse.Namespace) -> str:
    """Serve until Voila stops; a non-zero exit of Voila is an error."""
    for option, value in (("--notebooks", args.notebooks), ("--host", args.host)):
        if value == "":
            raise not_allowed(option, '""', "a folder" if option == "--notebooks" else "an address")
    code = serve.serve(args.notebooks, args.port, args.host, not args.no_browser, say=_say)
    if code not in (0, -2, -15):  # stopped by Ctrl-C (SIGINT) or SIGTERM
        raise serve.ServeError(f"voila stopped with exit code {code}; see its messages above")
    return ""


def parser() -> Parser:
    result = Parser(
        prog=PROG, description="A step-by-step backpropagation tutor (Matt Mazur's example)."
    )
    result.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subcommands = result.add_subparsers(title="commands", metavar="COMMAND", required=True)
    add_handout(subcommands, "report")
    add_handout(subcommands, "lesson")
    add_sheet(subcommands, "key")
    add_sheet(subcommands, "paper")
    add_class(subcommands)
    add_grade(subcommands)
    add_site(subcommands)
    add_serve(subcommands)
    result.commands.update(subcommands.choices)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run ``mazur-nn`` with ``argv`` (default: the command line); the exit
    code (``--help`` and ``--version`` exit through ``SystemExit(0)``, as
    argparse does)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        _say("interrupted")
        return INTERRUPTED


def _run(argv: list[str] | None) -> int:
    try:
        args = parser().parse_args(argv)
        if args.output == "":  # before the work, not after it
            raise not_allowed("--output", '""', "a file name")
        text = args.run(args)
        if args.output is not None:
            _write(args.output, text)
        else:
            _print(text)
    except (UsageError, ValueError, TypeError, OverflowError, OSError) as exc:
        _say(f"error: {exc}")
        return BAD_INPUT
    except MemoryError:
        _say("out of memory")
        return BUG
    except Exception as exc:  # a bug: still one line, never a traceback
        said = f": {exc}" if str(exc) else ""
        _say(f"internal error ({type(exc).__name__}{said}); please report it")
        return BUG
    return 0


def _say(message: str) -> None:
    """One line on stderr: ``mazur-nn: message``, shortened and escaped."""
    print(f"{PROG}: {one_line(message)}", file=sys.stderr, flush=True)


def _print(text: str) -> None:
    """``text`` on stdout; a reader that stopped early (``| head``) is not an
    error of ours, a full disk is one."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        # What is still buffered must not fail again when Python exits.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if not isinstance(exc, BrokenPipeError):
            raise OSError(f"cannot write to stdout ({exc.strerror})") from None


def _write(path: str, text: str) -> None:
    """``text`` into the file ``path`` (UTF-8). A FIFO that no one reads is
    an error at once, not a wait."""
    where = f"cannot write {echo_path(path)}"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NONBLOCK, 0o666)
    except OSError as exc:
        reason = "no program reads that FIFO" if exc.errno == errno.ENXIO else exc.strerror
        raise OSError(f"{where} ({reason})") from None
    except ValueError:
        raise ValueError(f"{where} (the path holds a NUL character)") from None
    try:
        with open(descriptor, "w", encoding="utf-8") as file:
            if _NONBLOCK:
                os.set_blocking(file.fileno(), True)
            file.write(text)
    except OSError as exc:
        raise OSError(f"{where} ({exc.strerror})") from None


if __name__ == "__main__":
    raise SystemExit(main())
