"""Where a lesson kernel's memory goes: RSS and USS after each cell, and the
libraries it loaded.

Run from the repository root (needs the ``serve`` extra)::

    python benchmarks/bench_kernel_memory.py notebooks/07-gradient-descent.ipynb
    python benchmarks/bench_kernel_memory.py bare "code:import sympy"

Each argument gets a fresh kernel of the app (``mazur-nn serve``'s kernel
spec: ``python -m mazur_nn.delivery.kernel``, found first on the Jupyter
path), with ``MPLBACKEND=Agg`` as in the app. A notebook's code cells run
one by one; ``bare`` runs nothing (the floor); ``code:A;;B`` runs the cells
``A`` and ``B`` (a library's own cost: ``code:import numpy;;import
matplotlib.figure``). After each cell the kernel's RSS and USS are read
with psutil; at the end, the top-level packages in its ``sys.modules``.
Cells that add 3 MB or more are printed. It exits 0 (it is a report).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
os.environ["JUPYTER_PATH"] = str(REPO / "mazur_nn" / "delivery" / "share")
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p
)

import nbformat  # noqa: E402
import psutil  # noqa: E402
from jupyter_client import KernelManager  # noqa: E402

MB = 2**20
SHOWN_MB = 3.0
LIBRARIES = ("sympy", "numpy", "matplotlib", "PIL", "scipy", "sklearn", "pandas", "ipywidgets")
REPORT = (
    "import sys, json\n"
    "print(json.dumps(sorted({m.split('.')[0] for m, v in list(sys.modules.items()) if v})))"
)


def run(client, code: str, timeout: float = 600) -> str:
    """Run ``code``; its printed text, and any error's name and message."""
    msg_id = client.execute(code, store_history=False)
    out = []
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            out.append(f"ERROR {content['ename']}: {content['evalue']}")
        elif kind == "status" and content["execution_state"] == "idle":
            return "".join(out)


def cells(what: str) -> list[str]:
    if what == "bare":
        return []
    if what.startswith("code:"):
        return what[len("code:") :].split(";;")
    notebook = nbformat.read(what, as_version=4)
    return [c.source for c in notebook.cells if c.cell_type == "code"]


def measure(what: str) -> tuple[list[tuple[str, float, float]], list[str]]:
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env=dict(os.environ, MPLBACKEND="Agg"), cwd=str(REPO / "notebooks"))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(60)
        process = psutil.Process(manager.provisioner.process.pid)
        if "mazur_nn.delivery.kernel" not in process.cmdline():
            raise RuntimeError(f"not the app's kernel: {process.cmdline()}")
        rows = []
        for code in ["", *cells(what)]:
            if code:
                out = run(client, code)
                if "ERROR" in out:
                    print(f"  {out.strip()[-300:]}")
            time.sleep(0.2)
            full = process.memory_full_info()
            first = (code.strip().splitlines() or ["(start)"])[0][:60]
            rows.append((first, full.rss / MB, full.uss / MB))
        loaded = json.loads(run(client, REPORT).strip().splitlines()[-1])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return rows, loaded


def main(argv: list[str]) -> int:
    for what in argv or ["bare"]:
        rows, loaded = measure(what)
        print(f"== {what}: RSS {rows[-1][1]:.1f} MB, USS {rows[-1][2]:.1f} MB")
        for (_, before, _), (first, rss, uss) in zip(rows, rows[1:]):
            if rss - before >= SHOWN_MB:
                print(f"   {rss:7.1f} {uss:7.1f}  (+{rss - before:5.1f})  {first}")
        print("   loaded:", ", ".join(n for n in LIBRARIES if n in loaded) or "-")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
