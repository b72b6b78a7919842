"""The course's static site (``mazur-nn site``): size, transfer and latency, in one run.

Run from the repository root (needs the ``site`` extra, Debian's
``/usr/bin/chromium`` and Python ``playwright``; the site's inputs are
fetched from npm and PyPI the first time on a machine, as ``mazur-nn site
--fetch`` does)::

    python benchmarks/bench_site.py               # 76 Next clicks
    python benchmarks/bench_site.py --samples 40

It builds the site into a temporary folder (the build time is reported),
serves it from a thread on 127.0.0.1 that counts the bytes of every answer,
and opens lesson 01 in Chromium as a student does: the page, the kernel
starting in the browser, *Run all*. It measures:

(a) **size on disk** of the site (every file; goal: reported);
(b) **bytes a first visit to lesson 01 transfers**: everything the server
    sent from the first request until every cell has run, cold cache
    (http.server compresses nothing, so this is what a plain static host
    sends; goal under 30 MB), and the same answers compressed with gzip, as
    most static hosts and CDNs send them;
(c) **page open -> first step visible**, cold cache: from ``page.goto`` until
    the stepper shows step 1's title (the notebook's cells run as soon as
    the kernel is idle, as *Run all* would); goal under 10 s;
(d) the same **warm**: the page reloaded in the same browser (a browser
    profile on disk, so its HTTP cache is kept as a student's is); goal
    under 4 s;
(e) **Next -> new step visible**, timed in the page with
    ``performance.now()`` and a ``MutationObserver`` until the frame that
    paints the next step's title (the kernel, in Pyodide, computes the
    step); the new SVG diagram is reported too. Every step to the last, the
    menu back to step 1 (untimed), and round again; goal p95 under 100 ms.

It prints each figure with its goal and PASS/MISS and the machine, writes
the samples to ``artifacts/browser/bench_site.json``, and exits 0 even on a
MISS (it is a report); 1 only if the browser, the build tools or the inputs
are missing, or a step shows the wrong title.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from bench_browser import p95  # noqa: E402
from lab import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, VIEWPORT, chromium_available  # noqa: E402
from lite import InputsUnavailable, SitePage, build_site, serve  # noqa: E402

import mazur_nn  # noqa: E402
from mazur_nn.course.steps import build_lesson  # noqa: E402
from mazur_nn.delivery.site import SiteError, check_tools  # noqa: E402

LESSON = "01-forward-pass.ipynb"
GOALS = {"transfer": 30e6, "cold": 10.0, "warm": 4.0, "next": 100.0}

# From page.goto: the kernel idle, then Run all, then step 1's title on screen.
_FIRST_STEP = """(title) => {
    const h = document.querySelector('.mazur-stepper h3');
    return !!h && h.textContent === title && h.getBoundingClientRect().height > 0;
}"""

# One Next click, timed in the page (title; and the diagram's title/desc).
_NEXT = """async ([root, expectedTitle]) => {
    const drawing = () => {
        const svg = root.querySelector('.mazur-diagram-svg svg');
        return svg ? [...svg.querySelectorAll(':scope > title, :scope > desc')]
            .map((n) => n.textContent).join(' | ') : '';
    };
    const oldDrawing = drawing();
    const next = [...root.querySelectorAll('button.widget-button')]
        .find((b) => b.textContent.includes('Next'));
    return await new Promise((resolve, reject) => {
        let title = null, diagram = null, titleSeen = false, diagramSeen = false, done = false;
        const frame = (set) => requestAnimationFrame(() => set(performance.now()));
        const finish = () => {
            if (!done && title !== null && diagram !== null) {
                done = true; observer.disconnect(); clearTimeout(timer);
                resolve({title: title - t0, diagram: diagram - t0});
            }
        };
        const check = () => {
            const h = root.querySelector('h3');
            if (!titleSeen && h && h.textContent === expectedTitle) {
                titleSeen = true;
                frame((t) => { title = t; finish(); });
            }
            if (!diagramSeen && drawing() !== oldDrawing) {
                diagramSeen = true;
                frame((t) => { diagram = t; finish(); });
            }
        };
        const observer = new MutationObserver(check);
        observer.observe(root, {subtree: true, childList: true, characterData: true,
                                attributes: true});
        const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('no new step within 20 s (wanted ' + expectedTitle + ')'));
        }, 20000);
        const t0 = performance.now();
        next.click();
    });
}"""


def open_to_first_step(page: SitePage, title: str, reload: bool = False) -> float:
    """Seconds from opening (or reloading) the page to step 1 on screen."""
    start = time.perf_counter()
    if reload:
        page.page.reload()
    else:
        page.page.goto(page.url)
    page.wait_for_kernel_idle()
    page.page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.page.wait_for_function(_FIRST_STEP, arg=title, timeout=120_000, polling="raf")
    return time.perf_counter() - start


def bench_next(page: SitePage, samples: int) -> dict[str, list[float]]:
    steps = build_lesson(mazur_nn.mazur_example()).steps
    root = page.page.locator(".mazur-stepper").first
    root.scroll_into_view_if_needed()
    handle = root.element_handle()
    jump = root.locator(".widget-dropdown select")
    results: dict[str, list[float]] = {"title": [], "diagram": []}
    index = 0
    while len(results["title"]) < samples:
        if index == len(steps) - 1:  # back to step 1, untimed
            jump.select_option(f"1. {steps[0].title}")
            page.page.wait_for_function(
                "([el, t]) => el.querySelector('h3').textContent === t",
                arg=[handle, steps[0].title],
            )
            index = 0
        page.wait_for_kernel_idle()
        page.page.wait_for_timeout(30)
        timing = page.page.evaluate(_NEXT, [handle, steps[index + 1].title])
        index += 1
        for key in results:
            results[key].append(timing[key])
        shown = root.locator("h3").inner_text().strip()
        if shown != steps[index].title:
            raise SystemExit(f"step {index + 1}: title {shown!r}, expected {steps[index].title!r}")
    return results


def gzip_size(folder: Path, served: list[str]) -> int:
    """The bytes of the first visit if the host compressed every answer with
    gzip (level 6), as most static hosts and CDNs do for text; the files of
    the answers with status 200, compressed here one by one."""
    total = 0
    for line in served:
        code, path = line.split(" ", 1)
        path = path.split("?")[0]
        file = folder / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if code == "200" and file.is_file():
            total += len(gzip.compress(file.read_bytes(), compresslevel=6))
    return total


def verdict(value: float, goal: float) -> str:
    return "PASS" if value < goal else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=76, help="Next clicks timed (default 76)")
    args = parser.parse_args(argv)
    if not chromium_available():
        print(f"{CHROMIUM} not found (Debian package 'chromium'); nothing measured")
        return 1
    try:
        check_tools()
    except SiteError as exc:
        print(f"{exc}; nothing measured")
        return 1
    from playwright.sync_api import sync_playwright

    steps = build_lesson(mazur_nn.mazur_example()).steps
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        build_start = time.perf_counter()
        try:
            built = build_site(Path(tmp) / "site")
        except InputsUnavailable as exc:
            print(f"the site's inputs are missing and cannot be fetched: {exc}")
            return 1
        build_seconds = time.perf_counter() - build_start
        with serve(built.folder) as server, sync_playwright() as api:
            # A browser profile of its own on disk: its HTTP cache is what a
            # student's browser keeps between two visits (Playwright's
            # throwaway contexts keep no large file, such as the 10 MB wasm).
            context = api.chromium.launch_persistent_context(
                Path(tmp) / "profile",
                executable_path=CHROMIUM,
                headless=True,
                args=list(CHROMIUM_FLAGS),
                viewport=VIEWPORT,
            )
            try:
                page = SitePage(None, server, LESSON, context=context)
                server.reset()
                cold = open_to_first_step(page, steps[0].title)
                page.wait_all_run()  # every cell of the first visit
                transfer, requests = server.sent, len(server.requests)
                served = list(server.requests)
                left = page.left_host()
                warm = open_to_first_step(page, steps[0].title, reload=True)
                page.wait_all_run()
                warm_sent = server.sent - transfer
                next_times = bench_next(page, args.samples)
            finally:
                context.close()
        compressed = gzip_size(built.folder, served)

    rows = [
        ("(a) size on disk", f"{built.size / 1e6:.1f} MB in {built.files} files", "(reported)", ""),
        (
            "(b) first visit to lesson 01 transfers",
            f"{transfer / 1e6:.1f} MB in {requests} requests",
            "under 30 MB",
            verdict(transfer, GOALS["transfer"]),
        ),
        (
            "    the same, compressed by the host (gzip)",
            f"{compressed / 1e6:.1f} MB",
            "under 30 MB",
            verdict(compressed, GOALS["transfer"]),
        ),
        (
            "(c) page open -> first step, cold cache",
            f"{cold:.1f} s",
            "under 10 s",
            verdict(cold, GOALS["cold"]),
        ),
        (
            "(d) page open -> first step, warm cache",
            f"{warm:.1f} s ({warm_sent / 1e6:.1f} MB sent again)",
            "under 4 s",
            verdict(warm, GOALS["warm"]),
        ),
        (
            "(e) Next -> new step visible (Pyodide)",
            f"median {statistics.median(next_times['title']):.0f} ms, "
            f"p95 {p95(next_times['title']):.0f} ms (n={len(next_times['title'])})",
            "p95 under 100 ms",
            verdict(p95(next_times["title"]), GOALS["next"]),
        ),
        (
            "    Next -> new diagram visible",
            f"median {statistics.median(next_times['diagram']):.0f} ms, "
            f"p95 {p95(next_times['diagram']):.0f} ms",
            "(reported)",
            "",
        ),
    ]
    print(f"mazur_nn {mazur_nn.__version__} static site: {len(built.packages)} Python packages")
    print(f"build (inputs already fetched): {build_seconds:.1f} s")
    for label, value, goal, result in rows:
        print(f"{label:<42} {value:<44} goal {goal:<17} {result}")
    print(f"requests that left 127.0.0.1: {len(left)}")
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; whole run {time.perf_counter() - started:.0f} s"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    record = {
        "size_bytes": built.size,
        "files": built.files,
        "build_seconds": build_seconds,
        "first_visit_bytes": transfer,
        "first_visit_requests": requests,
        "cold_seconds": cold,
        "warm_seconds": warm,
        "warm_bytes": warm_sent,
        "first_visit_gzip_bytes": compressed,
        "next_ms": next_times,
        "left_host": left,
    }
    (ARTIFACTS / "bench_site.json").write_text(json.dumps(record, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
