"""The course as an app (``mazur-nn serve``, Voila): memory and latency, in one run.

Run from the repository root (needs the ``serve`` extra)::

    python benchmarks/bench_voila.py                 # 20 students, 10 changes each
    python benchmarks/bench_voila.py --students 30 --changes 20

It starts ``mazur-nn serve`` on a free port of 127.0.0.1 (the same helper as
``tests/browser/test_voila_in_browser.py``) and measures:

(a) **memory per lesson kernel**: each lesson is opened (Voila runs the
    notebook in a new kernel and answers when every cell has run); the
    kernel's RSS (every page it touches, shared libraries included), USS
    (its own pages) and PSS (its own plus its share of what it shares:
    what each extra student adds) are read with psutil, and which of numpy,
    matplotlib, scipy and scikit-learn it has mapped; the kernel is then
    stopped. Baseline in the same run: the kernel of a notebook whose one
    cell is ``1``. Goal: RSS under 100 MB.
(b) **simulated students**: N clients at once (default 20), each as a
    browser is to Voila: it opens lesson 05 (a kernel of its own runs the
    playground), connects to its kernel's websocket, asks for the widgets'
    states as the page's widget manager does, then types a new w5 (0.5,
    0.4, ...) as the playground's box (a field of its ``NumberGrid``)
    sends it on Enter, and waits for the
    playground's summary to show the recomputed ``E_total``. Timed: change
    -> recomputed summary; baseline, timed the same way on the same
    websockets at the same time: a ``kernel_info_request`` and its reply
    (a round trip through Voila and the kernel, nothing of ours). Reported:
    the p95 (goal under 100 ms), its ratio to the baseline's, the errors
    (goal: none) and the total memory of the server and the students'
    kernels.

It prints the figures, their ratios to the baselines and the errors, and
exits 0 (it is a report); 1 only if the server cannot start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))

import psutil  # noqa: E402  (ipykernel's dependency)
from lab import notebook_json  # noqa: E402
from tornado.httpclient import HTTPRequest  # noqa: E402
from tornado.websocket import websocket_connect  # noqa: E402
from voila_app import voila_app  # noqa: E402 (tests/browser/voila_app.py)

import mazur_nn  # noqa: E402
from mazur_nn.core.numbers import format_number  # noqa: E402

LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
BASELINE = "baseline.ipynb"
PLAYGROUND = "05-playground.ipynb"
HEAVY = ("numpy", "matplotlib", "scipy", "sklearn")
MB = 2**20
GOAL_MB = 100


def _summary(w5: str) -> str:
    example = mazur_nn.mazur_example()
    weights = {k: v for k, v in example.network.parameters.items() if k.startswith("w")}
    config = example.replace(weights={**weights, "w5": float(w5)})
    return f"E_total = {format_number(config.forward()['E_total'])}"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def render(app, name: str) -> tuple[str, float]:
    """Open a lesson as a browser does; its kernel id and the seconds it took."""
    start = time.perf_counter()
    html = await asyncio.to_thread(_get, f"{app.url}/voila/render/{name}")
    found = re.search(r'"kernelId": "([0-9a-f-]+)"', html)
    if not found:
        raise RuntimeError(f"{name}: no kernel in the page")
    return found.group(1), time.perf_counter() - start


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=600) as answer:  # noqa: S310 (loopback)
        return answer.read().decode()


def kernel_process(app, kernel_id: str) -> psutil.Process:
    """The process of the kernel ``kernel_id`` (its connection file names it)."""
    for process in app.kernels():
        if any(kernel_id in word for word in process.cmdline()):
            return process
    raise RuntimeError(f"no process for kernel {kernel_id}")


def heavy_libraries(process: psutil.Process) -> list[str]:
    paths = " ".join(m.path for m in process.memory_maps())
    return [name for name in HEAVY if f"/{name}/" in paths or f"/{name}." in paths]


async def bench_memory(app) -> list[dict]:
    rows = []
    for name in [BASELINE, *LESSONS]:
        kernel_id, seconds = await render(app, name)
        process = kernel_process(app, kernel_id)
        await asyncio.sleep(0.5)
        full = process.memory_full_info()
        rows.append(
            {
                "lesson": name,
                "rss": full.rss / MB,
                "uss": full.uss / MB,
                "pss": full.pss / MB,
                "libraries": heavy_libraries(process),
                "render_s": seconds,
            }
        )
        # The kernel stays (Voila would start it again if it were killed); the
        # students' figures below count only their own kernels and the server.
    return rows


def _json_part(frame: bytes) -> bytes:
    """The JSON message of a binary websocket frame (Jupyter's protocol: the
    number of parts, their offsets, the message, then the buffers)."""
    parts = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * k : 8 + 4 * k], "big") for k in range(parts)]
    return frame[offsets[0] : offsets[1] if parts > 1 else None]


class Student:
    """One simulated student on lesson 05, through the kernel's websocket."""

    def __init__(self, app, kernel_id: str) -> None:
        self.app, self.kernel_id = app, kernel_id
        self.session = uuid.uuid4().hex
        self.waiting: dict[str, asyncio.Future] = {}
        self.states: dict[str, dict] = {}

    def message(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": self.session}
        header.update(username="student", version="5.3", date="")
        message = {"header": header, "parent_header": {}, "channel": "shell"}
        message["metadata"] = metadata or {}
        message.update(content=content, buffers=[])
        return json.dumps(message)

    async def connect(self) -> None:
        url = f"ws://127.0.0.1:{self.app.port}/api/kernels/{self.kernel_id}/channels"
        self.socket = await websocket_connect(
            HTTPRequest(url, headers={"Origin": self.app.url}), max_message_size=2**28
        )
        self.reader = asyncio.ensure_future(self.read())
        # What the page's widget manager does first: every widget's state.
        control = uuid.uuid4().hex
        replied = self.expect(("states", control))
        self.socket.write_message(
            self.message(
                "comm_open",
                {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                metadata={"version": "1.0.0"},  # the widget control protocol
            )
        )
        self.socket.write_message(
            self.message("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        )
        states = await asyncio.wait_for(replied, 15)
        # The playground's boxes are one NumberGrid widget; w5 is one of its fields.
        self.w5 = next(k for k, s in states.items() if "w5" in (s["state"].get("fields") or ()))
        self.summary = next(
            k for k, s in states.items() if "E_total = " in str(s["state"].get("value", ""))
        )

    def expect(self, key) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting[key] = future
        return future

    async def read(self) -> None:
        while True:
            text = await self.socket.read_message()
            if text is None:
                return
            message = json.loads(text if isinstance(text, str) else _json_part(text))
            content = message.get("content", {})
            kind = message["msg_type"]
            if kind == "kernel_info_reply":
                self._resolve(("info", message["parent_header"].get("msg_id")), True)
            elif kind == "comm_msg":
                data = content.get("data", {})
                if data.get("method") == "update_states":
                    self._resolve(("states", content["comm_id"]), data["states"])
                elif data.get("method") == "update" and content["comm_id"] == getattr(
                    self, "summary", None
                ):
                    value = str(data.get("state", {}).get("value", ""))
                    for key, future in list(self.waiting.items()):
                        if key[0] == "summary" and key[1] in value and not future.done():
                            future.set_result(True)

    def _resolve(self, key, value) -> None:
        future = self.waiting.pop(key, None)
        if future is not None and not future.done():
            future.set_result(value)

    async def change(self, w5: str, expected: str) -> float:
        done = self.expect(("summary", expected))
        start = time.perf_counter()
        # What the grid's box sends on Enter: a custom message {field, value}.
        data = {"method": "custom", "content": {"field": "w5", "value": w5}}
        self.socket.write_message(self.message("comm_msg", {"comm_id": self.w5, "data": data}))
        await asyncio.wait_for(done, 60)
        self.waiting.pop(("summary", expected), None)
        return time.perf_counter() - start

    async def round_trip(self) -> float:
        text = self.message("kernel_info_request", {})
        done = self.expect(("info", json.loads(text)["header"]["msg_id"]))
        start = time.perf_counter()
        self.socket.write_message(text)
        await asyncio.wait_for(done, 60)
        return time.perf_counter() - start


async def one_student(app, changes: int, results: dict) -> None:
    try:
        kernel_id, seconds = await render(app, PLAYGROUND)
        results["open"].append(seconds)
        student = Student(app, kernel_id)
        await student.connect()
        values = ["0.5", "0.4"]
        for k in range(changes):
            w5 = values[k % 2]
            results["change"].append(await student.change(w5, _summary(w5)))
            results["baseline"].append(await student.round_trip())
            await asyncio.sleep(0.2)  # a student reads before typing again
        results["students"].append(student)
    except Exception as exc:  # counted and reported, never hidden
        results["errors"].append(f"{type(exc).__name__}: {exc}")


async def bench_students(app, students: int, changes: int) -> dict:
    results: dict = {"open": [], "change": [], "baseline": [], "errors": [], "students": []}
    start = time.perf_counter()
    await asyncio.gather(*(one_student(app, changes, results) for _ in range(students)))
    results["seconds"] = time.perf_counter() - start
    server = psutil.Process(app.process.pid)
    theirs = [kernel_process(app, s.kernel_id) for s in results["students"]]
    family = [server, *(p for p in server.children() if "voila" in " ".join(p.cmdline())), *theirs]
    infos = [p.memory_full_info() for p in family]
    results["rss_total"] = sum(i.rss for i in infos) / MB
    results["pss_total"] = sum(i.pss for i in infos) / MB
    results["kernels"] = len(theirs)
    for student in results.pop("students"):
        student.socket.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--changes", type=int, default=10, help="w5 changes per student")
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    baseline_nb = notebook_json(["1"])
    cpus = os.cpu_count()
    print(f"machine: {cpus} cores, Python {platform.python_version()}, {platform.machine()}")
    try:
        context = voila_app(extra_notebooks={BASELINE: baseline_nb})
        app = context.__enter__()
    except RuntimeError as exc:
        print(f"cannot start mazur-nn serve: {exc}", file=sys.stderr)
        return 1
    try:
        loop = asyncio.new_event_loop()
        memory = loop.run_until_complete(bench_memory(app))
        crowd = loop.run_until_complete(bench_students(app, args.students, args.changes))
        loop.close()
    finally:
        context.__exit__(None, None, None)

    base = memory[0]
    print("\n(a) memory per lesson kernel (MB; goal RSS under 100)")
    print(f"{'lesson':40} {'RSS':>6} {'USS':>6} {'PSS':>6} {'x bare':>7}  open   libraries")
    for row in memory:
        verdict = "PASS" if row["rss"] < GOAL_MB else "MISS"
        libs = ", ".join(row["libraries"]) or "-"
        print(
            f"{row['lesson']:40} {row['rss']:6.1f} {row['uss']:6.1f} {row['pss']:6.1f} "
            f"{row['rss'] / base['rss']:6.2f}x {row['render_s']:5.1f}s  {libs}  "
            f"{verdict if row is not base else '(baseline: one cell, 1)'}"
        )
    change, floor = crowd["change"], crowd["baseline"]
    print(f"\n(b) {args.students} students at once on lesson 05, {args.changes} w5 changes each")
    if change:
        print(
            f"change -> recomputed summary: median {statistics.median(change) * 1000:.0f} ms, "
            f"p95 {p95(change) * 1000:.0f} ms ({len(change)} changes)"
        )
        print(
            f"baseline kernel_info round trip: median {statistics.median(floor) * 1000:.0f} ms, "
            f"p95 {p95(floor) * 1000:.0f} ms; ratio of p95s {p95(change) / p95(floor):.1f}x"
        )
        print(
            f"lesson 05 opened (notebook run): median {statistics.median(crowd['open']):.1f} s, "
            f"slowest {max(crowd['open']):.1f} s (all {args.students} at once)"
        )
    print(
        f"total memory, server and the students' {crowd['kernels']} kernels: "
        f"RSS {crowd['rss_total']:.0f} MB, "
        f"PSS {crowd['pss_total']:.0f} MB ({crowd['pss_total'] / max(crowd['kernels'], 1):.0f} MB "
        "PSS per student)"
    )
    print(f"errors: {len(crowd['errors'])}" + "".join(f"\n  {e}" for e in crowd["errors"][:5]))
    out = REPO / "artifacts" / "browser" / "bench_voila.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"memory": memory, "students": crowd}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
