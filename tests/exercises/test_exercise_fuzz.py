"""Fuzzing the checker: thousands of formulas and numbers, shaped by the
grammar and random (huge exponents, deep nesting, any unicode), each must
get a normal verdict: a Feedback with a message, never an exception, and
never a hang (a generous bound per call). The slowest call is printed, so
a run shows how far it is from the 1 s goal."""

from __future__ import annotations

import heapq
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mazur_nn.exercises.bank import all_exercises
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.expressions import expected_expression, formula_text
from mazur_nn.exercises.slips import Feedback
from mazur_nn.exercises.typed.formula import MAX_DEPTH

HANG = 5.0  # seconds per call: generous, only to catch a hang
KEPT = 10  # the slowest calls timed again for the report
FORMULAS = [e for e in all_exercises() if e.kind == "formula"]
NUMBERS = [e for e in all_exercises() if e.kind == "number"]
RIGHT = {e.id: formula_text(expected_expression(e.step)) for e in FORMULAS}
NAMES = sorted({n for e in FORMULAS for n in e.names})
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Slowest:
    """Times each check, keeps the :data:`KEPT` slowest, counts them."""

    def __init__(self) -> None:
        self.calls, self.slowest = 0, []

    def check(self, exercise, text: str) -> None:
        start = time.perf_counter()
        feedback = check(exercise, text)
        elapsed = time.perf_counter() - start
        assert isinstance(feedback, Feedback) and isinstance(feedback.correct, bool)
        assert feedback.message and (feedback.mistake is None) == feedback.correct, feedback
        assert elapsed < HANG, (exercise.id, text, elapsed)
        self.calls += 1
        heapq.heappush(self.slowest, (elapsed, self.calls, exercise, text))
        if len(self.slowest) > KEPT:
            heapq.heappop(self.slowest)

    def report(self, capsys, what: str) -> None:
        """Print the count and the slowest call: the kept ones timed again
        (the best of three each, as a pause of a busy machine can make any
        one call slow), the slowest of those, and the slowest first timing."""
        again = []
        for _, _, exercise, text in self.slowest:
            best = min(_seconds(exercise, text) for _ in range(3))
            again.append((best, exercise.id, text))
        best, exercise_id, text = max(again)
        first = max(self.slowest)[0]
        with capsys.disabled():
            print(
                f"\n{what}: {self.calls} checked; slowest {best * 1000:.1f} ms for "
                f"{exercise_id} {text!r:.120} (first timings up to {first * 1000:.1f} ms)"
            )


def _seconds(exercise, text: str) -> float:
    start = time.perf_counter()
    check(exercise, text)
    return time.perf_counter() - start


def warm_up(exercises) -> None:
    """Check one answer to each exercise first: what the first check of a
    kernel builds once (the lesson, sympy's caches) is not the fuzz's to time."""
    for exercise in exercises:
        check(exercise, "1")


# -- what is typed ------------------------------------------------------------------------

digits = st.from_regex(r"[0-9]{1,4}(\.[0-9]{0,4})?", fullmatch=True)
huge = st.from_regex(r"[0-9]{1,3}(\.[0-9]{0,3})?[eE][+-]?[0-9]{1,14}", fullmatch=True)
numbers = st.one_of(digits, huge, st.sampled_from(["0", "999999", "1e6", "1e-30", "69", "101"]))
atoms = st.one_of(
    numbers, st.sampled_from([*NAMES, "e", "x", "E_o1", "__import__", "σ", "sigmoid", "exp"])
)
operators = st.sampled_from(["+", "-", "*", "/", "**", "^", "−", "×", "·", " ", ""])
functions = st.sampled_from(["exp", "log", "sigma", "σ", "sigmoid", "", "-", "exp(-"])


def grown(inner):
    return st.one_of(
        st.tuples(inner, operators, inner).map("".join),
        st.tuples(functions, inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, st.integers(-120, 120)).map(lambda t: f"({t[0]})**{t[1]}"),
    )


grammar = st.recursive(atoms, grown, max_leaves=30)
nested = st.tuples(st.integers(MAX_DEPTH - 2, MAX_DEPTH + 3), grammar).map(
    lambda t: "(" * t[0] + t[1] + ")" * t[0]
)
zeros = st.sampled_from(
    ["(sigma({0})+sigma(-{0})-1)", "(exp({0})*exp(-{0})-1)", "(({0})**2-({0})*({0}))"]
)
padded = st.tuples(st.sampled_from(FORMULAS), grammar, zeros, atoms, st.integers(1, 40)).map(
    lambda t: (t[0], f"{RIGHT[t[0].id]} + ({t[1]})**{t[4]}*{t[2].format(t[3])}")
)
pieces = st.sampled_from(
    [*"0123456789eE+-*/^().,σ×−·⋅ _'\"[]{};:", "\u202e", "\u200b", "\n", "\t", "\x00", "٣", "１"]
    + ["out_o1", "t1", "w5", "exp(", "log(", "sigma(", "**", "1e99999", "(" * 20]
)
characters = st.lists(pieces, max_size=60).map("".join)
anything = st.text(max_size=120)

# The same shapes drawn from one random generator hypothesis hands over (st.randoms): many
# inputs per example, so the fuzz spends its time checking, not drawing.
BATCH = 10
PIECES = [
    *"0123456789eE+-*/^().,σ×−·⋅ _'\"[]{};:",
    *"\u202e\u2066\u200b\n\t\x00\x1b٣１",
    "out_o1",
    "t1",
    "w5",
    "exp(",
    "log(",
    "sigma(",
    "**",
    "1e99999",
]


def random_number(rng) -> str:
    whole = str(rng.randrange(10 ** rng.randint(1, 6)))
    fraction = "." + str(rng.randrange(10 ** rng.randint(1, 6))) if rng.random() < 0.5 else ""
    exponent = ""
    if rng.random() < 0.4:
        exponent = rng.choice("eE") + rng.choice(["", "+", "-"]) + str(10 ** rng.randint(0, 14))
    return whole + fraction + exponent


def random_formula(rng, depth: int = 0) -> str:
    if depth > rng.randint(2, 7) or rng.random() < 0.25:
        return rng.choice([*NAMES, random_number(rng), "e", "E_o1", "σ"])
    choice = rng.randrange(4)
    if choice == 0:
        op = rng.choice(["+", "-", "*", "/", "**", "^", "−", "×", " "])
        return random_formula(rng, depth + 1) + op + random_formula(rng, depth + 1)
    if choice == 1:
        function = rng.choice(["exp", "log", "sigma", "σ", "sigmoid", ""])
        return f"{function}({random_formula(rng, depth + 1)})"
    if choice == 2:
        return f"({random_formula(rng, depth + 1)})**{rng.randint(-120, 120)}"
    levels = rng.randint(MAX_DEPTH - 3, MAX_DEPTH + 3)
    return "(" * levels + random_formula(rng, depth + 1) + ")" * levels


def random_text(rng) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
    return "".join(
        chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000)]))
        for _ in range(rng.randint(0, 80))
    )


def test_fuzzed_formulas_get_a_verdict(capsys):
    warm_up(FORMULAS)
    slowest = Slowest()

    @settings(FUZZ, max_examples=1000)
    @given(st.sampled_from(FORMULAS), st.one_of(grammar, grammar, nested, characters, anything))
    def shaped(exercise, text):
        slowest.check(exercise, text)

    @settings(FUZZ, max_examples=300)
    @given(padded)
    def right_and_padded(case):
        slowest.check(*case)

    @settings(FUZZ, max_examples=400)
    @given(st.randoms(use_true_random=False))
    def drawn(rng):
        for _ in range(BATCH):
            exercise = rng.choice(FORMULAS)
            shape = rng.random()
            if shape < 0.6:
                text = random_formula(rng)
            elif shape < 0.8:
                text = f"{RIGHT[exercise.id]} + ({random_formula(rng)})*(sigma(w1)+sigma(-w1)-1)"
            else:
                text = random_text(rng)
            slowest.check(exercise, text)

    shaped()
    right_and_padded()
    drawn()
    slowest.report(capsys, "fuzzed formulas")
    assert slowest.calls >= 5000


number_shaped = st.one_of(
    st.from_regex(r"[+\-−]?[0-9]{0,5}(\.[0-9]{0,8})?([eE][+-]?[0-9]{1,12})?", fullmatch=True),
    st.floats().map(repr),
    st.floats().map(lambda x: f"{x:.3e}"),
    st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){0,3}(\.[0-9]+)?", fullmatch=True),
    st.from_regex(r"0[.,][0-9]{1,8}", fullmatch=True),
)


def test_fuzzed_numbers_get_a_verdict(capsys):
    warm_up(NUMBERS)
    slowest = Slowest()

    @settings(FUZZ, max_examples=1000)
    @given(st.sampled_from(NUMBERS), st.one_of(number_shaped, characters, anything))
    def shaped(exercise, text):
        slowest.check(exercise, text)

    @settings(FUZZ, max_examples=400)
    @given(st.randoms(use_true_random=False))
    def drawn(rng):
        for _ in range(BATCH):
            shape = rng.random()
            text = random_number(rng) if shape < 0.7 else random_text(rng)
            if shape < 0.2:
                text = rng.choice(["-", "+", "−", ""]) + text.replace(".", ",")
            slowest.check(rng.choice(NUMBERS), text)

    shaped()
    drawn()
    slowest.report(capsys, "fuzzed numbers")
    assert slowest.calls >= 5000
