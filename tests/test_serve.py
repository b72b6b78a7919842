"""``mazur-nn serve`` without a browser: its errors, the Voila command it
runs, the template that keeps every asset local, the lessons' kernel. The
app itself is started and driven in ``tests/browser/test_voila_in_browser.py``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import types
from pathlib import Path

import pytest

from mazur_nn.cli import main
from mazur_nn.delivery import kernel, serve

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = serve.SHARE / "voila" / "templates" / serve.TEMPLATE


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("abc", "--port: 'abc' is not a port; expected a whole number from 1 to 65535"),
        ("0", "--port: 0 is out of range; expected a whole number from 1 to 65535"),
        ("70000", "--port: 70000 is out of range"),
        ("-1", "--port: '-1' is not a port"),
        ("", "--port: '' is not a port"),
        ("9" * 400, "--port: 999999999"),
    ],
)
def test_a_bad_port_is_one_line(capsys, port, message):
    code, out, err = run(capsys, "serve", "--port", port, "--no-browser")
    assert code == 2 and out == ""
    assert err.startswith("mazur-nn: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err and len(err) < 300


def test_a_port_in_use_is_one_line(capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind((serve.HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run(capsys, "serve", "--port", str(port), "--no-browser")
    assert code == 2
    assert err == (
        f"mazur-nn: error: --port: cannot listen on 127.0.0.1:{port} (it is in use); "
        "name another port with --port N\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--notebooks", "no-such-folder"], "--notebooks: no-such-folder is not a folder"),
        (["--notebooks", ""], '--notebooks: "" is not allowed'),
        (["--host", ""], '--host: "" is not allowed'),
    ],
)
def test_bad_folders_and_hosts_are_one_line(capsys, args, message):
    code, out, err = run(capsys, "serve", *args, "--no-browser")
    assert code == 2 and message in err and err.count("\n") == 1


def test_a_folder_without_notebooks_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "serve", "--notebooks", str(tmp_path), "--no-browser")
    assert code == 2 and "holds no notebook (*.ipynb)" in err


def test_without_voila_it_says_what_to_install(capsys, monkeypatch):
    monkeypatch.setattr(serve.importlib.util, "find_spec", lambda name: None)
    code, _, err = run(capsys, "serve", "--no-browser")
    assert code == 2
    assert "serving the course needs voila" in err and 'pip install -e ".[serve]"' in err


def test_the_voila_command_hides_code_and_loads_only_what_the_lessons_need():
    line = serve.command(Path("notebooks"), 8866, open_browser=False)
    assert line[:4] == [sys.executable, "-m", "voila", "notebooks"]
    for option in (
        "--port=8866",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--Voila.open_browser=False",
        "--template=mazur",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.classic_tree=True",
        "--VoilaConfiguration.extension_allowlist=anywidget",
    ):
        assert option in line
    env = serve.environment(Path("progress"), base={"JUPYTER_PATH": "elsewhere"})
    assert env["JUPYTER_PATH"].split(":") == [str(serve.SHARE), "elsewhere"]
    assert env[kernel.PROGRESS_DIR_VAR] == "progress"


def test_the_template_removes_exactly_the_cdn_lines_of_voilas_lab_template():
    """The lines the template filters out are the ones Voila's lab template
    has (an upgrade of Voila that changes them fails here, not offline)."""
    from voila.paths import collect_template_paths

    lab = next(
        Path(p) / "index.html.j2"
        for p in collect_template_paths(["voila"], "lab", prune=True)
        if (Path(p) / "index.html.j2").is_file()
    )
    ours = (TEMPLATE / "index.html.j2").read_text()
    cdn_lines = [line.strip() for line in lab.read_text().splitlines() if "cdn." in line]
    assert cdn_lines and all(f"filter replace('{line}', '')" in ours for line in cdn_lines)
    assert json.loads((TEMPLATE / "conf.json").read_text()) == {"base_template": "lab"}
    assert "https://" not in (TEMPLATE / "page.html").read_text()


def test_the_kernel_spec_runs_the_lighter_kernel():
    spec = json.loads((serve.SHARE / "kernels" / "python3" / "kernel.json").read_text())
    assert spec["argv"][:3] == ["python", "-m", "mazur_nn.delivery.kernel"]
    assert "{connection_file}" in spec["argv"]


def test_the_kernel_spec_keeps_no_history_no_output_cache_and_trims_memory():
    argv = json.loads((serve.SHARE / "kernels" / "python3" / "kernel.json").read_text())["argv"]
    assert "--HistoryManager.enabled=False" in argv
    assert "--InteractiveShell.cache_size=0" in argv
    assert "--IPKernelApp.extensions=mazur_nn.delivery.kernel" in argv


def test_the_kernel_starts_ipython_without_a_terminal():
    """IPython imports ``IPython.terminal.embed`` (prompt_toolkit, wcwidth)
    when it starts; the kernel's stand-in keeps both out and says why."""
    code = (
        "import sys\n"
        "from mazur_nn.delivery import kernel\n"
        "kernel.prepare({})\n"
        "import IPython, ipykernel.ipkernel, ipykernel.zmqshell\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'prompt_toolkit', 'wcwidth'})\n"
        "try:\n"
        "    IPython.embed()\n"
        "except RuntimeError as exc:\n"
        "    print(loaded, exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert out.startswith("[] IPython.embed needs a terminal"), out


def test_the_kernel_trims_the_heap_after_each_cell():
    class Events:
        def __init__(self):
            self.registered = []

        def register(self, name, callback):
            self.registered.append((name, callback))

    shell = types.SimpleNamespace(events=Events())
    kernel.load_ipython_extension(shell)
    if kernel.memory_trimmer() is None:  # a C library without malloc_trim
        assert shell.events.registered == []
        return
    [(name, callback)] = shell.events.registered
    assert name == "post_run_cell"
    garbage = [bytearray(4096) for _ in range(20_000)]  # 80 MB to free
    del garbage
    assert callback(None) in (0, 1)


def test_the_kernel_blocks_completion_and_the_debugger_and_keeps_its_own_progress():
    saved = {name: sys.modules.pop(name, None) for name in kernel.blocked_modules()}
    saved["IPython.terminal.embed"] = sys.modules.get("IPython.terminal.embed")
    try:
        environ = {kernel.PROGRESS_DIR_VAR: "/srv/progress"}
        kernel.prepare(environ)
        for name in kernel.blocked_modules():
            with pytest.raises(ImportError):
                __import__(name)
        assert environ[kernel.PROGRESS_VAR].startswith("/srv/progress/progress-")
        environ = {}
        kernel.prepare(environ)
        assert kernel.PROGRESS_VAR not in environ
    finally:  # the modules as they were, for the tests that follow
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def test_the_wheel_ships_the_template_and_the_kernel_spec():
    tomllib = pytest.importorskip("tomllib")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = data["tool"]["setuptools"]["package-data"]["mazur_nn.delivery"]
    delivery = ROOT / "mazur_nn" / "delivery"
    shipped = {p for pattern in patterns for p in delivery.glob(pattern) if p.is_file()}
    assert shipped == {p for p in serve.SHARE.rglob("*") if p.is_file()}


def test_the_app_serves_the_lessons_only(tmp_path):
    """The top-level notebooks are copied; teacher/ (the answers), a
    progress file and a lock left by a JupyterLab session are not."""
    folder = tmp_path / "notebooks"
    (folder / "teacher").mkdir(parents=True)
    for name in ("00-index.ipynb", "01-forward-pass.ipynb", "teacher/checker.ipynb"):
        (folder / name).write_text("{}")
    (folder / "mazur_nn_progress.json").write_text("{}")
    (folder / ".mazur_nn_progress.json.lock").write_text("")
    into = tmp_path / "served"
    into.mkdir()
    assert serve.copy_lessons(folder, into) == ["00-index.ipynb", "01-forward-pass.ipynb"]
    assert sorted(p.name for p in into.iterdir()) == ["00-index.ipynb", "01-forward-pass.ipynb"]
