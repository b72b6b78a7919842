"""The network diagram as a widget: the SVG of one step, where a click on a
neuron, a weight or a bias (or Enter on one that has the keyboard's focus)
reports its name, and the stepper around it learns the keyboard.

It is an anywidget: a few lines of JavaScript, shipped in this module, that
work in JupyterLab, Voila and JupyterLite alike. Python keeps the logic:
the SVG comes from :mod:`mazur_nn.render.svg`, and what a click means is
decided by whoever listens (the stepper jumps to the element's step).

Inside a stepper (an element with the class ``mazur-stepper``) the arrow
keys go to the previous and next step while the focus is anywhere in the
stepper (but not in a text box); the stepper's live regions and pressed
buttons are :mod:`mazur_nn.widgets.aria`'s job.

>>> diagram = Diagram(svg="<svg></svg>")
>>> chosen = []
>>> diagram.on_choose(chosen.append)
>>> diagram.receive({"event": "choose", "name": "w5"})
>>> chosen
['w5']
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

ESM = """
function connectStepper(el, model) {
  const stepper = el.closest(".mazur-stepper");
  if (!stepper) return () => {};
  const keys = (event) => {
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "ArrowRight") model.send({ event: "next" });
    else if (event.key === "ArrowLeft") model.send({ event: "previous" });
    else return;
    event.preventDefault();
  };
  stepper.addEventListener("keydown", keys);
  return () => stepper.removeEventListener("keydown", keys);
}

function render({ model, el }) {
  el.classList.add("mazur-diagram");
  const box = document.createElement("div");
  box.className = "mazur-diagram-svg";
  el.appendChild(box);
  const draw = () => { box.innerHTML = model.get("svg"); };
  draw();
  model.on("change:svg", draw);
  const choose = (target) => {
    const item = target.closest("[data-name]");
    if (item && box.contains(item)) {
      model.send({ event: "choose", name: item.getAttribute("data-name") });
    }
  };
  box.addEventListener("click", (event) => choose(event.target));
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      choose(event.target);
      event.preventDefault();
    }
  });
  // The view is put in the page after render: look for the stepper then.
  let disconnect = () => {};
  let tries = 0;
  const attach = () => {
    if (el.isConnected) disconnect = connectStepper(el, model);
    else if (tries++ < 100) requestAnimationFrame(attach);
  };
  requestAnimationFrame(attach);
  return () => disconnect();
}

export default { render };
"""

CSS = """
.mazur-stepper .widget-hbox, .mazur-playground .widget-hbox { flex-wrap: wrap; }
.mazur-stepper h3 { margin: 2px 0; }
.mazur-stepper .mazur-value { margin-left: 1.5em; font-weight: bold; }
.mazur-stepper .widget-html p { margin: 2px 0; }
.mazur-stepper .widget-htmlmath mjx-container[display="true"] { margin: 4px 0; }
.mazur-diagram-svg svg { max-width: 100%; height: auto; display: block; }
.mazur-diagram-svg [data-name] { cursor: pointer; }
.mazur-diagram-svg [data-name]:focus { outline: 3px solid var(--jp-brand-color1, #1976d2);
  outline-offset: 2px; }
"""


class Diagram(anywidget.AnyWidget):
    """The SVG of one step; tells its listeners which element was chosen and
    which arrow key was pressed."""

    _esm = ESM
    _css = CSS
    svg = traitlets.Unicode("").tag(sync=True)

    def __init__(self, svg: str = "", **kwargs) -> None:
        super().__init__(svg=svg, **kwargs)
        self._choose: list[Callable[[str], None]] = []
        self._keys: list[Callable[[str], None]] = []
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def on_choose(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(name)`` when a neuron, weight or bias is chosen."""
        self._choose.append(callback)

    def on_key(self, callback: Callable[[str], None]) -> None:
        """Call ``callback("next")`` or ``callback("previous")`` on the arrow keys."""
        self._keys.append(callback)

    def receive(self, content: dict) -> None:
        """A message from the page: ``{"event": "choose", "name": "w5"}`` or
        ``{"event": "next"}`` / ``{"event": "previous"}``; anything else is ignored."""
        event = content.get("event") if isinstance(content, dict) else None
        name = content.get("name") if isinstance(content, dict) else None
        if event == "choose" and isinstance(name, str):
            for callback in self._choose:
                callback(name)
        elif event in ("next", "previous"):
            for callback in self._keys:
                callback(event)
