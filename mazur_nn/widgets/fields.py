"""A labelled text box for a number, that tells Python what is typed while
it is typed (after a pause of ``debounce_ms``, 150 ms: the playground
recomputes as you type) and shows when what it holds cannot be used.

It is an anywidget (a few lines of JavaScript shipped here): the box has a
real ``<label>``, is marked ``aria-invalid`` with its message as its
description when :attr:`NumberField.invalid` is set, and keeps what was
typed whatever Python thinks of it. Enter or leaving the box sends at once.

>>> field = NumberField(value="0.15", label="w1")
>>> field.value, field.invalid
('0.15', False)
"""

from __future__ import annotations

import anywidget
import traitlets

ESM = """
let counter = 0;

function render({ model, el }) {
  const id = `mazur-field-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("mazur-field");
  const label = document.createElement("label");
  label.htmlFor = id;
  const input = document.createElement("input");
  input.id = id;
  input.type = "text";
  input.inputMode = "decimal";
  input.autocomplete = "off";
  input.spellcheck = false;
  const note = document.createElement("span");
  note.id = `${id}-note`;
  note.className = "mazur-field-note";
  el.append(label, input, note);

  const show = () => {
    label.textContent = model.get("label");
    if (document.activeElement !== input) input.value = model.get("value");
    const invalid = model.get("invalid");
    input.setAttribute("aria-invalid", String(invalid));
    el.classList.toggle("mazur-invalid", invalid);
    note.textContent = invalid ? model.get("message") : "";
    if (invalid) input.setAttribute("aria-describedby", note.id);
    else input.removeAttribute("aria-describedby");
  };
  show();
  model.on("change", show);

  let timer = null;
  const send = () => {
    clearTimeout(timer);
    timer = null;
    if (input.value !== model.get("value")) {
      model.set("value", input.value);
      model.save_changes();
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(send, model.get("debounce_ms"));
  });
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") send(); });
  input.addEventListener("blur", send);
  return () => clearTimeout(timer);
}

export default { render };
"""

CSS = """
.mazur-field { display: inline-flex; align-items: center; gap: 0.4em; margin: 2px 10px 2px 0; }
.mazur-field label { min-width: 5.5em; text-align: right;
  font-size: var(--jp-widgets-font-size, 13px);
  color: var(--jp-widgets-label-color, var(--jp-ui-font-color1, #1a1a1a)); }
.mazur-field input { width: 8.5em; font: inherit; font-size: var(--jp-widgets-font-size, 13px);
  padding: 3px 6px; color: var(--jp-widgets-input-color, var(--jp-ui-font-color1, #1a1a1a));
  background: var(--jp-widgets-input-background-color, var(--jp-layout-color1, #ffffff));
  border: 1px solid var(--jp-widgets-input-border-color, #767676); border-radius: 2px; }
.mazur-field input:focus { outline: 2px solid var(--jp-brand-color1, #1976d2);
  outline-offset: 1px; }
.mazur-field.mazur-invalid input { border: 2px solid #b00020; background-image: none; }
.mazur-field-note { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
"""


class NumberField(anywidget.AnyWidget):
    """What is typed (``value``, text, never evaluated), its label, and
    whether Python could use it (``invalid``, ``message``)."""

    _esm = ESM
    _css = CSS
    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    invalid = traitlets.Bool(False).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    debounce_ms = traitlets.Int(150).tag(sync=True)

    def mark(self, message: str | None) -> None:
        """Say that what the box holds cannot be used (``message``), or that it can (``None``)."""
        self.message = message or ""
        self.invalid = message is not None
