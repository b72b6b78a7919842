"""A labelled text area with its button, in one widget: the press carries
the text the area holds at that moment, so it never acts on an older text.

(Two ipywidgets, a ``Textarea`` and a ``Button``, send the text and the
click as two messages; a quick paste and click could reach Python before
the text did, and load the text from before the paste.)

What is typed is also kept in :attr:`TextLoader.value` as it is typed
(after a pause), so a page redrawn shows it again. The text is never
evaluated: the callback given to :meth:`TextLoader.on_submit` receives it
as a string. The button, or Ctrl+Enter in the area, submits.

>>> loader = TextLoader(label="JSON to load", button="Load")
>>> seen = []
>>> loader.on_submit(seen.append)
>>> loader.receive({"event": "submit", "text": '{"layers": [2, 2]}'})
>>> seen, loader.value
(['{"layers": [2, 2]}'], '{"layers": [2, 2]}')
>>> loader.receive({"event": "submit", "text": 42})  # not text: ignored
>>> len(seen)
1
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

ESM = """
let counter = 0;

function render({ model, el }) {
  const id = `mazur-loader-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("mazur-load");
  const label = document.createElement("label");
  label.htmlFor = id;
  const area = document.createElement("textarea");
  area.id = id;
  area.spellcheck = false;
  area.autocomplete = "off";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button mod-primary mazur-load-button";
  el.append(label, area, button);

  const show = () => {
    label.textContent = model.get("label");
    area.placeholder = model.get("placeholder");
    button.textContent = model.get("button");
    if (document.activeElement !== area) area.value = model.get("value");
  };
  show();
  model.on("change", show);

  let timer = null;
  const keep = () => {
    clearTimeout(timer);
    timer = null;
    if (area.value !== model.get("value")) {
      model.set("value", area.value);
      model.save_changes();
    }
  };
  const submit = () => {
    keep();
    model.send({ event: "submit", text: area.value });
  };
  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(keep, 300);
  });
  area.addEventListener("blur", keep);
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  button.addEventListener("click", submit);
  // A view removed within the pause after typing keeps what was typed.
  return () => { if (timer !== null) keep(); };
}

export default { render };
"""

CSS = """
.mazur-load { display: flex; flex-flow: row wrap; align-items: flex-start; gap: 0.5em;
  margin: 4px 0; }
.mazur-load label { flex: 0 0 auto; padding-top: 4px;
  font-size: var(--jp-widgets-font-size, 13px);
  color: var(--jp-widgets-label-color, var(--jp-ui-font-color1, #1a1a1a)); }
.mazur-load textarea { flex: 1 1 300px; max-width: 620px; height: 6em; box-sizing: border-box;
  font-family: var(--jp-code-font-family, monospace); font-size: var(--jp-widgets-font-size, 13px);
  padding: 4px 6px; color: var(--jp-widgets-input-color, var(--jp-ui-font-color1, #1a1a1a));
  background: var(--jp-widgets-input-background-color, var(--jp-layout-color1, #ffffff));
  border: 1px solid var(--jp-widgets-input-border-color, #767676); border-radius: 2px; }
.mazur-load textarea:focus, .mazur-load button:focus-visible {
  outline: 2px solid var(--jp-brand-color1, #1976d2); outline-offset: 1px; }
.mazur-load button { flex: 0 0 auto; }
"""


class TextLoader(anywidget.AnyWidget):
    """A labelled text area and a button that sends the area's text with the press."""

    _esm = ESM
    _css = CSS
    label = traitlets.Unicode("").tag(sync=True)
    button = traitlets.Unicode("Load").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[str], object]] = []
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def on_submit(self, callback: Callable[[str], object]) -> None:
        """Call ``callback(text)`` at each press, with the text the area held."""
        self._callbacks.append(callback)

    def receive(self, content: object) -> None:
        """A message from the page: ``{"event": "submit", "text": ...}``."""
        if not isinstance(content, dict) or content.get("event") != "submit":
            return
        text = content.get("text")
        if not isinstance(text, str):
            return
        self.value = text
        for callback in self._callbacks:
            callback(text)
