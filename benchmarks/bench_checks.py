"""How long the exercise checker takes to answer, whatever a student types.

Run from the repository root (the package installed, e.g. editable)::

    python benchmarks/bench_checks.py               # 3,000 random answers + the hostile list
    python benchmarks/bench_checks.py --random 20000

Every answer goes to every exercise of its kind (formula or number) of
lessons 01 to 04, through :func:`mazur_nn.exercises.checking.check`, and
each call is timed with ``time.perf_counter``. Three sets:

- **hostile**: the inputs a tester found that hung or crashed the checker
  (huge exponents, towers of powers, ``exp(exp(exp(100)))``, a right
  answer padded with a term whose expansion explodes, numbers at float64's
  edges), and near-misses of the right answers;
- **right**: every exercise's right answer, in its own words;
- **random**: strings drawn from the grammar's pieces (names, numbers of
  any size, operators, functions, brackets) and from random characters,
  with a fixed seed (the same strings every run).

It prints, per set, the number of calls, the median, the 95th and 99th
percentiles (nearest rank) and the slowest call with its input, and the
goal: every verdict within 1 s (PASS/MISS). It exits 0 even on a MISS (a
report), 1 only if a call raises.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time

from mazur_nn.exercises.bank import all_exercises
from mazur_nn.exercises.checking import check
from mazur_nn.exercises.expressions import expected_expression, formula_text

GOAL_S = 1.0
EXERCISES = all_exercises()
FORMULAS = [e for e in EXERCISES if e.kind == "formula"]
NUMBERS = [e for e in EXERCISES if e.kind == "number"]

HOSTILE_FORMULAS = [
    "1e999999999",
    "1e-99999999",
    "(((999999**100)**100)**100)**100",
    "exp(exp(exp(100)))",
    "sigma(exp(exp(exp(100))))",
    "out_o1 - t1 + ((out_h1+out_h2+out_o1+out_o2+i1+i2+t1+t2)/8)**20*(sigma(w1)+sigma(-w1)-1)",
    "out_o1 - t1 + 0.0000000009",
    "1.000000001*(out_o1 - t1)",
    "log(sigma((net_o1)**-96))^sigma(b1)-w5+(exp(w1^w8))",
    "(" * 200 + "w1" + ")" * 200,
    "w1" + "*w1" * 500,
    "exp(" * 40 + "w1" + ")" * 40,
]
HOSTILE_NUMBERS = [
    "1e308",
    "-1e308",
    "4.9e-324",
    "-64.0e-318",
    "0e400",
    "0.0e99998",
    "0e308",
    "1e-400",
    "1,234",
    "1" * 5000,
    "\u202e0.5",
    "0." + "0" * 3000 + "1",
]
PIECES = [
    "w1",
    "w5",
    "out_o1",
    "t1",
    "net_h1",
    "i1",
    "b1",
    "sigma(",
    "exp(",
    "log(",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "**",
    "^",
    "1e9",
    "1e-9",
    "0.5",
    "3",
    "999999",
]


def random_answers(count: int, seed: int = 0) -> list[str]:
    """Grammar-shaped strings and random characters, the same every run."""
    rng = random.Random(seed)
    answers = []
    for k in range(count):
        if k % 3 == 2:
            answers.append(
                "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 60)))
            )
        else:
            answers.append("".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 25))))
    return answers


def timed(exercises, answers) -> list[tuple[float, str, str]]:
    """``(seconds, exercise id, answer)`` of every call."""
    result = []
    for exercise in exercises:
        for answer in answers:
            start = time.perf_counter()
            check(exercise, answer)
            result.append((time.perf_counter() - start, exercise.id, answer))
    return result


def nearest_rank(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def report(label: str, calls: list[tuple[float, str, str]]) -> bool:
    seconds = sorted(c[0] for c in calls)
    slowest = max(calls)
    ok = slowest[0] < GOAL_S
    shown = slowest[2] if len(slowest[2]) <= 60 else slowest[2][:57] + "..."
    p95, p99 = (nearest_rank(seconds, q) * 1e3 for q in (0.95, 0.99))
    print(
        f"  {label:<8} {len(calls):6d} calls  median {statistics.median(seconds) * 1e3:7.2f} ms  "
        f"p95 {p95:7.2f} ms  p99 {p99:7.2f} ms  "
        f"slowest {slowest[0] * 1e3:8.2f} ms ({slowest[1]}: {shown!r})  "
        f"goal < {GOAL_S:g} s {'PASS' if ok else 'MISS'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--random", type=int, default=3000, help="random answers (default 3000)")
    args = parser.parse_args(argv)
    right = [(e, formula_text(expected_expression(e.step))) for e in FORMULAS]
    print(
        f"== The checker's time per answer "
        f"({len(FORMULAS)} formula, {len(NUMBERS)} number exercises)"
    )
    try:
        sets = {
            "hostile": timed(FORMULAS, HOSTILE_FORMULAS) + timed(NUMBERS, HOSTILE_NUMBERS),
            "right": [c for e, text in right for c in timed([e], [text])],
            "random": timed(FORMULAS, random_answers(args.random // 2))
            + timed(NUMBERS, random_answers(args.random - args.random // 2, seed=1)),
        }
    except Exception as exc:  # a checker that raises is a failure, not a timing
        print(f"CHECKER RAISED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    results = [report(label, calls) for label, calls in sets.items()]
    print(f"  goals missed: {'none' if all(results) else 'some (see MISS above)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
