"""Frame rate of the training animation as a student sees it: a real
JupyterLab, a real Chromium.

Run from the repository root (needs Debian's ``/usr/bin/chromium`` and the
Python package ``playwright``; no browser is downloaded)::

    python benchmarks/bench_animation.py               # 5 s of playing per network
    python benchmarks/bench_animation.py --seconds 10

First, in this process, it times building each film
(:func:`mazur_nn.render.film.training_film`: training both rules and
writing every frame) and measures the JSON sent to the page. Then it
starts JupyterLab on a temporary copy of ``notebooks/`` plus a notebook of
its own with two ``TrainingAnimation`` widgets (Mazur's 2-2-2 example and
a 4-8-4-2 network with a bias per neuron, biases updated: the largest
size the course draws), runs it in Chromium, sets each to 60 frames per
second, presses *Play*, lets it play for ``--seconds``, and presses
*Pause*. The page records ``performance.now()`` at every picture it draws
(``el.drawn``): the script prints pictures per second and the median and
p95 interval between two pictures, against the issue's goal (at least 20
pictures per second), and counts the messages the page sent to the
kernel while playing (the film plays without the kernel: 0 expected).

It writes the intervals to ``artifacts/browser/bench_animation.json`` and
exits 0 even on a MISS (it is a report); 1 only if the browser is missing.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))

from bench_browser import p95  # noqa: E402 (nearest rank, as the other browser benchmarks)
from lab import (  # noqa: E402
    ARTIFACTS,
    CHROMIUM,
    NotebookPage,
    chromium_available,
    jupyter_lab,
    launch_chromium,
    notebook_json,
)

import mazur_nn  # noqa: E402
from mazur_nn import Config, Network  # noqa: E402
from mazur_nn.render.film import training_film  # noqa: E402

GOAL_FPS = 20.0  # issue 14: at least 20 picture updates per second
ROUNDS, FRAMES = 10_000, 1000  # 1,001 frames: 16 s at 60 frames a second

SETUP = (
    "import mazur_nn\n"
    "from mazur_nn import Config, Network\n"
    "from mazur_nn.widgets import TrainingAnimation\n"
    "large = Config(\n"
    "    Network.create([4, 8, 4, 2], 'sigmoid', bias_mode='per_neuron', seed=0),\n"
    "    (0.05, 0.10, 0.15, 0.20), (0.01, 0.99), 0.5, update_biases=True)"
)
CELLS = {
    "2-2-2": f"TrainingAnimation(mazur_nn.mazur_example(), rounds={ROUNDS}, frames={FRAMES})",
    "4-8-4-2": f"TrainingAnimation(large, rounds={ROUNDS}, frames={FRAMES})",
}
NOTEBOOK = "bench-animation.ipynb"


def configs() -> dict[str, Config]:
    large = Network.create([4, 8, 4, 2], "sigmoid", bias_mode="per_neuron", seed=0)
    return {
        "2-2-2": mazur_nn.mazur_example(),
        "4-8-4-2": Config(large, (0.05, 0.10, 0.15, 0.20), (0.01, 0.99), 0.5, update_biases=True),
    }


def build_times(repeats: int = 3) -> dict[str, dict]:
    """Seconds to build each film (median of ``repeats``) and its JSON size."""
    results = {}
    for name, config in configs().items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            film = training_film(config, ROUNDS, FRAMES)
            times.append(time.perf_counter() - start)
        size = len(json.dumps(film.to_json())) + len(film.svg) + len(film.chart)
        results[name] = {"seconds": statistics.median(times), "bytes": size}
    return results


def play(page: NotebookPage, index: int, seconds: float, sent: list[float]) -> dict:
    """Play the ``index``-th animation at 60 frames a second for ``seconds``."""
    root = page.page.locator(".mazur-animation").nth(index)
    root.scroll_into_view_if_needed()
    root.locator(".mazur-start").click()
    root.locator(".mazur-speed select").select_option("60")
    before = root.evaluate("(el) => el.drawn.length")
    messages_before = len(sent)
    root.locator(".mazur-play").click()
    page.page.wait_for_timeout(seconds * 1000)
    root.locator(".mazur-play").click()
    messages = len(sent) - messages_before
    times = root.evaluate("(el) => el.drawn")[before:]
    intervals = [b - a for a, b in zip(times, times[1:])]
    return {
        "pictures": len(times),
        "per_second": (len(times) - 1) / ((times[-1] - times[0]) / 1000),
        "intervals_ms": intervals,
        "kernel_messages": messages,
        "round": int(root.get_attribute("data-round")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="playing time per network")
    args = parser.parse_args(argv)
    if not chromium_available():
        print(f"{CHROMIUM} not found (Debian package 'chromium'); nothing measured")
        return 1
    from playwright.sync_api import sync_playwright

    built = build_times()
    cells = [SETUP, *CELLS.values()]
    started = time.perf_counter()
    with jupyter_lab(extra_notebooks={NOTEBOOK: notebook_json(cells)}) as lab:
        with sync_playwright() as api:
            browser = launch_chromium(api)
            try:
                page = NotebookPage(browser, lab, NOTEBOOK).open()
                sent: list[float] = []  # what the page sends on the kernel's websockets
                page.page.on(
                    "websocket",
                    lambda ws: ws.on("framesent", lambda _: sent.append(time.perf_counter())),
                )
                page.run_all()
                page.wait_for(".mazur-animation[data-round]")
                page.page.wait_for_function(
                    "() => document.querySelectorAll('.mazur-animation[data-round]').length === 2"
                )
                played = {name: play(page, k, args.seconds, sent) for k, name in enumerate(CELLS)}
                chromium_version = browser.version
            finally:
                browser.close()
    import jupyterlab

    print(
        f"mazur_nn training animation: JupyterLab {jupyterlab.__version__}, Chromium "
        f"{chromium_version} (headless), Python {platform.python_version()}, "
        f"{platform.machine()}; {ROUNDS:,} rounds, {FRAMES + 1:,} frames per rule, both rules"
    )
    for name in CELLS:
        b, p = built[name], played[name]
        verdict = "PASS" if p["per_second"] >= GOAL_FPS else "MISS"
        print(
            f"{name:<8} film built in {b['seconds'] * 1000:6.0f} ms "
            f"({b['bytes'] / 1e6:.2f} MB sent); played {args.seconds:g} s at 60 frames/s: "
            f"{p['pictures']} pictures, "
            f"{p['per_second']:5.1f} per second, interval median "
            f"{statistics.median(p['intervals_ms']):5.1f} ms, p95 {p95(p['intervals_ms']):5.1f} ms;"
            f" goal >= {GOAL_FPS:.0f}/s: {verdict}; reached round {p['round']:,}; "
            f"messages to the kernel while playing: {p['kernel_messages']}"
        )
    print(f"(whole run {time.perf_counter() - started:.0f} s)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "bench_animation.json").write_text(
        json.dumps({"built": built, "played": played}, indent=1)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
