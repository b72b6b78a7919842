"""The course as an app (``mazur-nn serve``, Voila) in a real Chromium.

The list of lessons, a link from it to the index, the index's link to
lesson 05, a new w5 in the playground and the recomputed error; no request
leaves 127.0.0.1, no page logs an error or misses a file; a page's kernel
takes widget messages but never code.
"""

from __future__ import annotations

import json
import time
import urllib.parse

import pytest
from lab import NOTEBOOKS  # tests/browser/lab.py
from voila_app import HOST, voila_app  # tests/browser/voila_app.py

import mazur_nn
from mazur_nn.core.numbers import format_number

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(playwright_api):
    with voila_app() as app:
        yield app


def _leaves_host(url: str) -> bool:
    if url.startswith(("data:", "blob:")):
        return False
    return urllib.parse.urlsplit(url).hostname != HOST


def _summary(w5: float) -> str:
    example = mazur_nn.mazur_example()
    weights = {k: v for k, v in example.network.parameters.items() if k.startswith("w")}
    config = example.replace(weights={**weights, "w5": w5})
    return f"E_total = {format_number(config.forward()['E_total'])}"


def test_the_app_lists_the_lessons_links_them_and_recomputes(app, browser, expect):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    def watch(page) -> None:
        page.set_default_timeout(60_000)
        page.on(
            "console",
            lambda m: m.type == "error" and problems.append(f"{page.url}: console: {m.text}"),
        )
        page.on("pageerror", lambda e: problems.append(f"{page.url}: pageerror: {e}"))
        page.on(
            "response",
            lambda r: r.status >= 400 and problems.append(f"{page.url}: {r.status} {r.url}"),
        )

    context.on("page", watch)
    tree = context.new_page()

    # The list of lessons: one link per notebook, each to /voila/render/NN.ipynb.
    tree.goto(f"{app.url}/voila/tree")
    links = tree.locator("ul.voila-notebooks a")
    lessons = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    expect(links).to_have_count(len(lessons))
    assert links.first.get_attribute("href").startswith("/voila/render/00-index.ipynb")
    # The teacher's notebook (it shows the answers) is neither listed nor served.
    assert "teacher" not in tree.locator("body").inner_text()
    assert tree.request.get(f"{app.url}/voila/render/teacher/checker.ipynb").status == 404
    # The lessons' icons come from Voila's own Font Awesome, served here.
    tree.wait_for_function("() => document.fonts.check('900 16px \"Font Awesome 5 Free\"')")

    with context.expect_page() as opened:
        links.filter(has_text="00-index.ipynb").click()
    index = opened.value
    lesson_05 = index.locator("a[href='05-playground.ipynb']").first
    lesson_05.wait_for()
    # The code is hidden: the index's first cell is not on the page, its output is.
    assert "mazur_nn.mazur_example()" not in index.locator("body").inner_text()
    assert index.locator(".jp-CodeCell .jp-InputArea").count() == 0

    start = time.perf_counter()
    lesson_05.click()
    index.wait_for_url(f"{app.url}/voila/render/05-playground.ipynb")
    playground = index.locator(".mazur-playground").first
    playground.wait_for()
    summary = playground.locator(".mazur-summary")
    expect(summary).to_contain_text(_summary(0.4))
    opened_in = time.perf_counter() - start

    # A new w5, and every number recomputes (Enter sends it at once).
    box = playground.locator(".mazur-field:has(> label:text-is('w5')) input")
    box.fill("0.5")
    start = time.perf_counter()
    box.press("Enter")
    expect(summary).to_contain_text(_summary(0.5))
    assert _summary(0.5) == "E_total = 0.306524333"
    recomputed_in = time.perf_counter() - start

    # The page's kernel answers widgets only: code sent to it is dropped.
    config = json.loads(index.locator("#jupyter-config-data").text_content())
    assert _kernel_runs_code(app, config["kernelId"]) is False

    context.close()
    outside = [url for url in requests if _leaves_host(url)]
    assert outside == [], f"requests left {HOST}: {outside[:5]}"
    assert problems == [], "\n".join(problems[:10])
    print(f"lesson 05 opened in {opened_in:.1f} s; w5 -> E_total in {recomputed_in * 1000:.0f} ms")


def _kernel_runs_code(app, kernel_id: str) -> bool:
    """Send an execute_request, then a kernel_info_request, on the kernel's
    websocket; whether any reply or output of the code came back before the
    kernel's info."""
    import websocket  # websocket-client, a dependency of jupyter_server

    url = f"ws://{HOST}:{app.port}/api/kernels/{kernel_id}/channels"
    socket = websocket.create_connection(url, timeout=20, origin=app.url)
    try:
        for msg_type, content in (
            ("execute_request", {"code": "print('not allowed')", "silent": False}),
            ("kernel_info_request", {}),
        ):
            header = {"msg_id": msg_type, "msg_type": msg_type, "session": "test"}
            header.update(username="test", version="5.3", date="")
            message = {"header": header, "parent_header": {}, "metadata": {}}
            message.update(content=content, channel="shell", buffers=[])
            socket.send(json.dumps(message))
        ran = False
        while True:
            reply = json.loads(socket.recv())
            parent = reply.get("parent_header", {}).get("msg_type")
            if parent == "execute_request":
                ran = True
            if reply["msg_type"] == "kernel_info_reply":
                return ran
    finally:
        socket.close()
