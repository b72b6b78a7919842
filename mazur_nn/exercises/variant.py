"""Mazur's 2-2-2 network on numbers drawn from a seed: the quiz's and the
lesson exercises' networks.

:func:`drawn_config` keeps the post's network (sigmoid everywhere, half
squared error, one bias shared by each layer, learning rate 0.5) and draws
its numbers from a random generator, in naming order: the weights
``w1..w8`` and the biases ``b1, b2`` uniform in [-1, 1], the inputs ``i1, i2``
uniform in [0.05, 1] and the targets ``t1, t2`` uniform in [0.01, 0.99], each
rounded to two decimals; a weight that rounds to 0 is drawn again (it would
make some answers 0). It is the one place the numbers are drawn:

- the final quiz, :func:`~mazur_nn.exercises.quiz.quiz_config`, draws from
  ``random.Random(seed)``;
- the exercises of lessons 01 to 04, :func:`variant_config`, draw from the
  same seed with another label, so a student's lesson exercises are on
  numbers of their own that are not their quiz's (a solved exercise's
  worked steps give away no quiz answer).

A student's seed is the one the teacher hands out (``mazur-nn class``),
kept in the progress file; a student who gave none practises on
:func:`practice_seed`, made from nothing secret. Answers to a lesson
exercise are kept under :func:`progress_key`, which names the seed, so
answers given on Mazur's numbers (files written before the exercises were
the student's own) or on another seed are never checked against this one.

Example
-------
>>> variant_config(7).network.sizes, variant_config(7).learning_rate
((2, 2, 2), 0.5)
>>> variant_config(7).network.weights == variant_config(7).network.weights
True
>>> variant_config(7).network.weights != variant_config(8).network.weights
True
>>> progress_key("02-dE_total_dw5", 7)
'seed7-02-dE_total_dw5'
>>> parse_progress_key("seed7-02-dE_total_dw5"), parse_progress_key("02-dE_total_dw5")
((7, '02-dE_total_dw5'), None)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import re

from mazur_nn.core.config import Config
from mazur_nn.core.network import Network
from mazur_nn.core.validate import whole_number_or_text

MAX_SEED = 10**9
LESSON_LABEL = "mazur_nn lesson exercises"  # what the lessons' generator draws from, with the seed
PRACTICE_LABEL = b"mazur_nn practice seed\x00"
_KEY = re.compile(r"seed(\d{1,10})-((?:0[1-4]|14)-.+)")


def check_seed(seed) -> int:
    """``seed`` as a whole number from 0 to 10**9; text such as ``"42"`` (from a
    command line or a text box) is read too.

    >>> check_seed("42"), check_seed(0)
    (42, 0)
    >>> check_seed(2.5)
    Traceback (most recent call last):
    ...
    ValueError: seed: expected a whole number from 0 to 1000000000, got 2.5
    """
    return whole_number_or_text(seed, "seed", 0, MAX_SEED)


def _draw(rng: random.Random, low: float, high: float, count: int) -> list[float]:
    """``count`` numbers uniform in [low, high], rounded to two decimals
    (``+ 0.0`` turns a rounded ``-0.0`` into ``0.0``)."""
    return [round(rng.uniform(low, high), 2) + 0.0 for _ in range(count)]


def _draw_nonzero(rng: random.Random, low: float, high: float, count: int) -> list[float]:
    """Like :func:`_draw`, drawing again any number that rounds to 0 (a
    weight of 0 would make some answers exactly 0)."""
    result: list[float] = []
    while len(result) < count:
        result += [x for x in _draw(rng, low, high, 1) if x != 0.0]
    return result


def drawn_config(rng: random.Random) -> Config:
    """Mazur's 2-2-2 network and options with numbers drawn from ``rng``."""
    weights = _draw_nonzero(rng, -1.0, 1.0, 8)
    biases = _draw(rng, -1.0, 1.0, 2)
    inputs = _draw(rng, 0.05, 1.0, 2)  # never 0: every gradient stays worth computing
    targets = _draw(rng, 0.01, 0.99, 2)
    network = Network.create(
        [2, 2, 2],
        activations="sigmoid",
        loss="half_squared_error",
        bias_mode="shared",
        weights=weights,
        biases=biases,
    )
    return Config(network, inputs, targets, learning_rate=0.5)


def variant_config(seed) -> Config:
    """The network of the lesson exercises for ``seed``: Mazur's, with numbers
    drawn from ``seed`` (not the quiz's numbers for that seed).

    >>> c = variant_config(1)
    >>> c.network.activations, c.network.loss, c.network.bias_mode
    (('sigmoid', 'sigmoid'), 'half_squared_error', 'shared')
    >>> 0.0 in c.network.weights
    False
    """
    # A text seed is hashed with SHA-512 by random (the same on every machine).
    return drawn_config(random.Random(f"{LESSON_LABEL} {check_seed(seed)}"))


def with_softmax(config: Config) -> Config:
    """``config`` with a softmax output layer and the cross-entropy, its
    targets divided by their sum (a probability vector), rounded to two
    decimals as every drawn number is (the last one is 1 minus the others):
    lesson 14's network on a student's numbers.

    >>> c = with_softmax(variant_config(1))
    >>> c.network.activations, c.network.loss, round(sum(c.targets), 12)
    (('sigmoid', 'softmax'), 'cross_entropy', 1.0)
    """
    total = math.fsum(config.targets)
    shares = [round(t / total, 2) + 0.0 for t in config.targets[:-1]]
    return config.replace(
        activations=[*config.network.activations[:-1], "softmax"],
        loss="cross_entropy",
        targets=[*shares, round(1.0 - math.fsum(shares), 2) + 0.0],
    )


def lesson_config(lesson_id: str, seed) -> Config:
    """The network of lesson ``lesson_id``'s exercises for ``seed``: the
    drawn one (:func:`variant_config`), with a softmax output for lesson 14."""
    config = variant_config(seed)
    return with_softmax(config) if lesson_id == "14" else config


def practice_seed(path: str | os.PathLike) -> int:
    """The seed a student who gave none practises on: made from where their
    progress is kept (``path``), so it stays the same across restarts and
    differs between students' folders; nothing secret.

    >>> practice_seed("a/progress.json") == practice_seed("a/progress.json")
    True
    >>> 0 <= practice_seed("b/progress.json") <= MAX_SEED
    True
    """
    where = os.path.abspath(os.fspath(path)).encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(PRACTICE_LABEL + where).digest()
    return int.from_bytes(digest[:8], "big") % (MAX_SEED + 1)


def progress_key(exercise_id: str, seed: int) -> str:
    """The name a lesson exercise's answers on ``seed``'s numbers are kept
    under in the progress file."""
    return f"seed{check_seed(seed)}-{exercise_id}"


def network_progress_key(exercise_id: str, config: Config) -> str:
    """The name an exercise's answers on ``config``'s network (one a student
    built) are kept under: it names the network and its numbers, so an
    answer is never shown or checked against another network, and comes
    back when the same network does.

    >>> from mazur_nn.core.config import mazur_example
    >>> network_progress_key("02-dE_total_dw5", mazur_example())
    'net97777f6a40-02-dE_total_dw5'
    """
    text = json.dumps(config.to_dict(), sort_keys=True)
    return f"net{hashlib.sha256(text.encode()).hexdigest()[:10]}-{exercise_id}"


def parse_progress_key(key: str) -> tuple[int, str] | None:
    """``(seed, exercise id)`` of a key made by :func:`progress_key`, or
    ``None`` for any other key (Mazur's numbers, the quiz, a setting)."""
    match = _KEY.fullmatch(key)
    if match is None or int(match[1]) > MAX_SEED:
        return None
    return int(match[1]), match[2]
