"""The ``mazur-nn`` command.

``mazur-nn report`` prints the whole worked example step by step (Mazur's
2-2-2 network unless ``--config`` names a JSON config file) as text,
Markdown, LaTeX or JSON; ``mazur-nn lesson`` prints the lessons' steps as a
handout (text, Markdown or LaTeX); ``mazur-nn key --seed N`` prints the
answer key of the final quiz on the numbers drawn from seed N (text,
Markdown or JSON). Bad input prints one line on stderr and exits with code 2.

Each subcommand is added by an ``add_<name>(subcommands)`` function that
adds its parser and sets ``run``, the function called with the parsed
arguments; ``report`` and ``lesson`` are both handouts
(:func:`mazur_nn.render.handouts.handout`).

>>> main(["report", "--format", "json", "--output", os.devnull])
0
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mazur_nn import __version__
from mazur_nn.core.config import Config, mazur_example

PROG = "mazur-nn"
FORMATS = ("text", "markdown", "latex", "json")


def _rounds(text: str) -> int:
    """A whole number of training rounds, at least 1."""
    try:
        rounds = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if rounds < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {rounds}")
    return rounds


def _add_config_options(parser) -> None:
    """The options that pick the example: ``--config``, ``--hidden-uses``,
    ``--update-biases`` (read back by :func:`_config`), and ``--output``."""
    parser.add_argument(
        "--config",
        metavar="FILE.json",
        help="a network and example (default: Mazur's 2-2-2 example)",
    )
    parser.add_argument(
        "--hidden-uses",
        choices=("original", "updated"),
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
    parser.add_argument(
        "--format",
        choices=tuple(f for f in FORMATS if f in formats),
        default=formats[0],
        help=f"default: {formats[0]}",
    )
    _add_config_options(parser)
    if kind == "report":
        parser.add_argument(
            "--rounds", type=_rounds, metavar="N", help="also train N rounds and report the result"
        )
    parser.set_defaults(run=run_handout, kind=kind, rounds=None)


def _config(args: argparse.Namespace) -> Config:
    """The config file (or Mazur's example) with the command line's overrides."""
    config = Config.from_json(args.config) if args.config else mazur_example()
    changes = {}
    if args.hidden_uses is not None:
        changes["hidden_uses"] = args.hidden_uses
    if args.update_biases is not None:
        changes["update_biases"] = args.update_biases
    return config.replace(**changes) if changes else config


def run_handout(args: argparse.Namespace) -> str:
    """The report or the lesson's steps as text in the chosen format."""
    from mazur_nn.render.handouts import handout  # imports sympy: only when one is asked for

    return handout(args.kind, _config(args), args.format, args.rounds)


def add_key(subcommands) -> None:
    parser = subcommands.add_parser(
        "key",
        help="the answer key of the final quiz for a seed",
        description="The final quiz uses Mazur's 2-2-2 network with weights, biases, inputs "
        "and targets drawn from a seed; this prints, for that seed, the network's numbers "
        "and every question's formula, numbers and answer.",
    )
    parser.add_argument(
        "--seed", required=True, metavar="N", help="a whole number from 0 to 1000000000"
    )
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="default: text"
    )
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(run=run_key)


def run_key(args: argparse.Namespace) -> str:
    """The quiz's answer key for ``--seed`` in the chosen format; a bad seed is
    a ``ValueError`` (one line on stderr, exit code 2)."""
    from mazur_nn.exercises import quiz

    return quiz.render_key(quiz.answer_key(quiz.check_seed(args.seed)), args.format)


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(
        prog=PROG, description="A step-by-step backpropagation tutor (Matt Mazur's example)."
    )
    result.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subcommands = result.add_subparsers(title="commands", metavar="COMMAND", required=True)
    add_handout(subcommands, "report")
    add_handout(subcommands, "lesson")
    add_key(subcommands)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run ``mazur-nn`` with ``argv`` (default: the command line); the exit code."""
    args = parser().parse_args(argv)
    try:
        text = args.run(args)
        if args.output:
            _write(args.output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ValueError, TypeError, OverflowError, OSError) as exc:
        message = " ".join(str(exc).split())
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2
    return 0


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OSError(f"cannot write {path} ({exc.strerror})") from None
