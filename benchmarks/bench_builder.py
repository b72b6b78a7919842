"""Latency of the builder as a student sees it: a real JupyterLab, a real Chromium.

Run from the repository root (needs Debian's ``/usr/bin/chromium`` and the
Python package ``playwright``; no browser is downloaded)::

    python benchmarks/bench_builder.py                # 3 rounds, a 1.5 s pause
    python benchmarks/bench_builder.py --rounds 2 --pause 0

It starts JupyterLab on a temporary copy of ``notebooks/`` (the helpers of
``tests/browser/lab.py``), runs ``13-builder.ipynb`` in Chromium and clicks
the builder's buttons from 2-2-2 up to 4-8-4-2 and back down, in rounds.
Each change is timed inside the page with ``performance.now()``: from the
click until the stepper shows step 1 of the new network's steps, the
diagram's SVG has been replaced and the layer's size label shows the new
size, to the animation frame that paints them.

Before each click the kernel is idle, and then the script waits
``--pause`` seconds (a student reading the new network; the builder makes
the shapes one click away in a background thread meanwhile). The first
round meets every shape for the first time; later rounds find them made.
It prints the median and p95 (nearest rank) of all changes, of the first
round and of the later ones, with the goal (issue 14: change -> new
stepper ready p95 < 200 ms for sizes up to 4-8-4-2) and PASS/MISS, and
writes the samples to ``artifacts/browser/bench_builder.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import lab  # noqa: E402  (tests/browser/lab.py: JupyterLab, Chromium)
from bench_browser import line, wait_idle  # noqa: E402

from mazur_nn.widgets import Builder  # noqa: E402

GOAL_MS = 200.0  # p95, issue 14
NOTEBOOK = "13-builder.ipynb"

# Up to 4-8-4-2 and back: (button's CSS class, what the mirror builder does).
UP = (
    [("mazur-layer-0-more", ("add_neuron", 0))] * 2
    + [("mazur-add-layer", ("add_layer",))]
    + [("mazur-layer-1-more", ("add_neuron", 1))] * 6
    + [("mazur-layer-2-more", ("add_neuron", 2))] * 2
)
DOWN = (
    [("mazur-layer-2-fewer", ("remove_neuron", 2))] * 2
    + [("mazur-layer-1-fewer", ("remove_neuron", 1))] * 6
    + [("mazur-layer-1-remove", ("remove_layer", 1))]
    + [("mazur-layer-0-fewer", ("remove_neuron", 0))] * 2
)

# One click, timed in the page: until the stepper's position reads
# `position`, the diagram's SVG is a new one and the layer's size label
# reads `size`, then the frame that paints them.
_CHANGE = """async ([root, button, position, sizeIndex, size]) => {
    const diagram = root.querySelector('.mazur-stepper .mazur-diagram-svg');
    const oldSvg = diagram.querySelector('svg');
    const done = () => {
        const shown = root.querySelector('.mazur-stepper .mazur-position');
        const label = root.querySelectorAll('.mazur-layer-size')[sizeIndex];
        const svg = diagram.querySelector('svg');
        return shown && shown.textContent === position && svg && svg !== oldSvg
            && label && label.textContent === size;
    };
    return await new Promise((resolve, reject) => {
        let finished = false;
        const observer = new MutationObserver(() => {
            if (!finished && done()) {
                finished = true; observer.disconnect(); clearTimeout(timer);
                requestAnimationFrame(() => resolve(performance.now() - t0));
            }
        });
        observer.observe(root, {subtree: true, childList: true, characterData: true});
        const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('no new network within 20 s (wanted ' + position + ')'));
        }, 20000);
        const t0 = performance.now();
        root.querySelector('button.' + button).click();
    });
}"""


def _position(builder: Builder) -> str:
    steps = builder.stepper.lesson.steps
    return f"step 1 of {len(steps)} · {steps[0].section_title}"


def bench(page: lab.NotebookPage, rounds: int, pause: float) -> dict[str, list]:
    page.wait_for(".mazur-builder .mazur-stepper")
    root = page.page.locator(".mazur-builder").first.element_handle()
    mirror = Builder(prefetch=False)
    results: dict[str, list] = {"all": [], "first": [], "again": [], "shapes": []}
    for round_ in range(rounds):
        for button, (method, *args) in UP + DOWN:
            getattr(mirror, method)(*args)
            layer = args[0] if method != "add_layer" else len(mirror.config.network.sizes) - 2
            layer = min(layer, len(mirror.config.network.sizes) - 1)
            size = mirror.config.network.sizes[layer]
            wait_idle(page)
            page.page.wait_for_timeout(pause * 1000)
            ms = page.page.evaluate(
                _CHANGE,
                [root, button, _position(mirror), layer, f"{size} neuron{'s' if size > 1 else ''}"],
            )
            results["all"].append(ms)
            results["first" if round_ == 0 else "again"].append(ms)
            results["shapes"].append((mirror.shape, round(ms, 1)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds up to 4-8-4-2 and back")
    parser.add_argument("--pause", type=float, default=1.5, help="seconds before each click")
    args = parser.parse_args(argv)
    if not lab.chromium_available():
        print(f"{lab.CHROMIUM} not found (Debian package 'chromium'); nothing measured")
        return 1
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with lab.jupyter_lab() as server, sync_playwright() as api:
        browser = lab.launch_chromium(api)
        try:
            if not (server.root / NOTEBOOK).exists():
                print(f"notebooks/{NOTEBOOK} not found; nothing measured")
                return 1
            page = lab.NotebookPage(browser, server, NOTEBOOK).open()
            page.run_all()
            results = bench(page, args.rounds, args.pause)
            chromium_version = browser.version
        finally:
            browser.close()
    import jupyterlab

    print(
        f"mazur_nn builder latency in the browser: JupyterLab {jupyterlab.__version__}, "
        f"Chromium {chromium_version} (headless), Python {platform.python_version()}, "
        f"{platform.machine()}; {args.rounds} rounds 2-2-2 -> 4-8-4-2 -> 2-2-2, "
        f"{args.pause:g} s pause before each click"
    )
    print(line("builder change -> new stepper ready", results["all"], GOAL_MS))
    print(line("    first visit of a shape", results["first"]))
    if results["again"]:
        print(line("    shape seen before", results["again"]))
    slowest = sorted(results["shapes"], key=lambda s: -s[1])[:5]
    print("slowest: " + ", ".join(f"{shape} {ms:.0f} ms" for shape, ms in slowest))
    print(f"(whole run {time.perf_counter() - started:.0f} s)")
    lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (lab.ARTIFACTS / "bench_builder.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
