"""The server extension that sends kernel messages without Nagle's delay:
it wraps the configured connection class, sets TCP_NODELAY before the
connection starts, and is enabled by the config file the wheel installs."""

import json
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("jupyter_server")
from jupyter_server.services.kernels.connection.channels import (  # noqa: E402
    ZMQChannelsWebsocketConnection,
)

from mazur_nn.delivery import nodelay  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """A stand-in connection class: records what happens, in order."""

    def __init__(self, handler, events):
        self.websocket_handler, self.events = handler, events

    def connect(self):
        self.events.append("connect")
        return "connected"


class Handler:
    def __init__(self, events):
        self.events = events

    def set_nodelay(self, value):
        self.events.append(("nodelay", value))


def test_nodelay_is_set_before_the_connection_starts():
    events = []
    fast = nodelay.with_nodelay(Recorder)
    result = fast(Handler(events), events).connect()
    assert events == [("nodelay", True), "connect"]
    assert result == "connected"  # the base class's answer is passed on


def test_the_wrapper_is_a_subclass_and_is_not_applied_twice():
    fast = nodelay.with_nodelay(ZMQChannelsWebsocketConnection)
    assert issubclass(fast, ZMQChannelsWebsocketConnection)
    assert fast is not ZMQChannelsWebsocketConnection
    assert nodelay.with_nodelay(fast) is fast


def _server(settings):
    logged = []
    log = SimpleNamespace(info=logged.append, warning=logged.append)
    return SimpleNamespace(web_app=SimpleNamespace(settings=settings), log=log), logged


def test_loading_the_extension_swaps_the_configured_class():
    settings = {"kernel_websocket_connection_class": Recorder}
    app, logged = _server(settings)
    nodelay._load_jupyter_server_extension(app)
    swapped = settings["kernel_websocket_connection_class"]
    assert issubclass(swapped, Recorder) and swapped is not Recorder
    nodelay._load_jupyter_server_extension(app)  # loading again changes nothing
    assert settings["kernel_websocket_connection_class"] is swapped
    assert logged


def test_a_server_without_the_setting_is_left_alone_with_a_warning():
    settings = {}
    app, logged = _server(settings)
    nodelay._load_jupyter_server_extension(app)
    assert settings == {} and "no websocket connection class" in logged[0]


def test_a_real_socket_gets_tcp_nodelay():
    """What Tornado's set_nodelay does on the stream, checked on a TCP socket."""
    from tornado.iostream import IOStream

    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname())
        accepted, _ = server.accept()
        stream = IOStream(accepted)
        try:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            stream.set_nodelay(True)
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        finally:
            stream.close()
            client.close()


def test_the_config_file_enables_the_extension_and_the_wheel_installs_it():
    config = json.loads((ROOT / "jupyter-config" / "mazur_nn.json").read_text())
    assert config["ServerApp"]["jpserver_extensions"] == {"mazur_nn.delivery.nodelay": True}
    tomllib = pytest.importorskip("tomllib")
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    shared = wheel["targets"]["wheel"]["shared-data"]
    assert shared["jupyter-config/mazur_nn.json"] == (
        "etc/jupyter/jupyter_server_config.d/mazur_nn.json"
    )
    points = nodelay._jupyter_server_extension_points()
    assert points == [{"module": "mazur_nn.delivery.nodelay"}]


def test_voila_gets_the_class_by_name():
    """``mazur-nn serve`` names the class on Voila's command line; traitlets
    imports it by that name."""
    from traitlets.utils.importstring import import_item

    from mazur_nn.delivery import serve

    options = [a for a in serve.command(ROOT, 8866) if "kernel_websocket_connection_class" in a]
    assert len(options) == 1
    cls = import_item(options[0].split("=", 1)[1])
    assert issubclass(cls, ZMQChannelsWebsocketConnection)
    assert getattr(cls, nodelay.WRAPPED)
    assert cls.__module__ == "mazur_nn.delivery.nodelay"
