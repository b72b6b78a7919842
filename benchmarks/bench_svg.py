"""How fast the SVG network diagram draws one lesson step.

Run from the repository root (the package must be importable)::

    python benchmarks/bench_svg.py              # the default repeats
    python benchmarks/bench_svg.py --repeats 3  # quicker, rougher numbers

Every figure is measured in this run with ``time.perf_counter``:

- **per step**: ``network_svg(lesson, step)`` for every step of the lesson
  (and no step), the median over the steps of each step's best of
  ``--repeats`` draws: what a stepper pays per click once the lesson's
  layout is known. Goals: under 5 ms for Mazur's 2-2-2 example, under 50 ms
  for a 4-8-4-2 network (one bias per neuron, biases updated: 221 steps).
- **slowest step**: the slowest of those steps (its best draw).
- **first draw**: the first step drawn for new numbers (the layout chosen:
  labels tried at up to three spreads, before and after the update), the
  median over ``--repeats`` lessons with different learning rates (so no
  draw reuses another's layout): what a playground pays when a number
  changes.

It prints one line per figure and exits 0 (a report, not a test).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from mazur_nn import Config, mazur_example
from mazur_nn.course.steps import build_lesson
from mazur_nn.render.svg import network_svg

BIG = {
    "layers": [4, 8, 4, 2],
    "inputs": [0.05, 0.1, 0.15, 0.2],
    "targets": [0.01, 0.99],
    "bias_mode": "per_neuron",
    "update_biases": True,
    "seed": 0,
}


def best(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(name: str, config: Config, goal_ms: float, repeats: int) -> None:
    lesson = build_lesson(config)
    network_svg(lesson)  # the layout chosen once; the steps share it
    steps = [None, *lesson.steps]
    per_step = [best(lambda s=s: network_svg(lesson, s), repeats) for s in steps]
    first = []
    for k in range(repeats):
        fresh = build_lesson(config.replace(learning_rate=config.learning_rate + (k + 1) * 1e-3))
        start = time.perf_counter()
        network_svg(fresh, "dE_total/dw1")
        first.append(time.perf_counter() - start)
    median = statistics.median(per_step) * 1000
    verdict = "PASS" if median < goal_ms else "MISS"
    print(f"{name}: {len(steps)} steps")
    print(f"  per step     {median:8.2f} ms (median)   goal < {goal_ms:g} ms  {verdict}")
    print(f"  slowest step {max(per_step) * 1000:8.2f} ms")
    print(f"  first draw   {statistics.median(first) * 1000:8.2f} ms (median of {repeats})")
    print(f"  SVG size     {len(network_svg(lesson, 'dE_total/dw1')) / 1000:8.1f} kB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="draws per figure (7)")
    args = parser.parse_args(argv)
    print(f"{platform.platform()}, Python {platform.python_version()}")
    measure("Mazur 2-2-2", mazur_example(), 5, args.repeats)
    measure("4-8-4-2, a bias per neuron", Config.from_dict(BIG), 50, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
