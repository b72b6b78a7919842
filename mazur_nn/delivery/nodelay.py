"""A Jupyter server extension: widget messages leave the server at once.

JupyterLab's server writes each kernel message to the browser's websocket
as a small TCP packet. With Nagle's algorithm on (Tornado's default), a
small packet that follows another waits for the browser's acknowledgement
of the first, and the browser delays that acknowledgement by up to 40 ms.
Every click of Next sends several such messages (busy, the widget's new
state, idle), so every click paid about 45 ms before any code ran. This
extension sets ``TCP_NODELAY`` on each kernel websocket, the fix other
websocket servers apply for the same stall.

It wraps whichever websocket connection class the server is configured
with, so it composes with other extensions. ``pip install mazur_nn``
enables it for the environment's Jupyter server (the file
``etc/jupyter/jupyter_server_config.d/mazur_nn.json``); ``jupyter
server extension disable mazur_nn.delivery.nodelay`` turns it off.

Voila (``mazur-nn serve``) is not a Jupyter server with extensions; it
takes the class itself: ``--Voila.kernel_websocket_connection_class=
mazur_nn.delivery.nodelay.NoDelayConnection``.

Measured by ``benchmarks/bench_browser.py`` (the floor row: a button that
sets a label) and by a websocket client: an execute request answered in
about 48 ms before, about 4 ms after.

>>> fast = with_nodelay(ZMQChannelsWebsocketConnection)
>>> issubclass(fast, ZMQChannelsWebsocketConnection), with_nodelay(fast) is fast
(True, True)
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

#: Marks a class this module made, so it is never wrapped twice.
WRAPPED = "mazur_nn_nodelay"


def with_nodelay(base: type) -> type:
    """A subclass of the connection class ``base`` whose ``connect`` first
    sets ``TCP_NODELAY`` on the websocket (``base`` itself if it does)."""
    if getattr(base, WRAPPED, False):
        return base

    def connect(self: Any) -> Any:
        self.websocket_handler.set_nodelay(True)
        return base.connect(self)

    name = base.__name__ + "NoDelay"
    namespace = {"connect": connect, WRAPPED: True, "__module__": __name__, "__qualname__": name}
    return type(base)(name, (base,), namespace)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """The entry point Jupyter server looks for (the extension's name)."""
    return [{"module": "mazur_nn.delivery.nodelay"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Swap the server's kernel websocket connection class for one with
    ``TCP_NODELAY``; the handlers read it from the settings per request."""
    settings = serverapp.web_app.settings
    base = settings.get("kernel_websocket_connection_class")
    if base is None:
        serverapp.log.warning("mazur_nn.delivery.nodelay: no websocket connection class")
        return
    settings["kernel_websocket_connection_class"] = with_nodelay(base)
    serverapp.log.info("mazur_nn.delivery.nodelay: kernel websockets send without delay")


#: Jupyter's default kernel websocket connection with ``TCP_NODELAY``, for
#: servers that take the class by name (Voila).
NoDelayConnection = with_nodelay(ZMQChannelsWebsocketConnection)
