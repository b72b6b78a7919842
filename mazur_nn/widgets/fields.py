"""A labelled text box for a number, that tells Python what is typed while
it is typed (after a pause of ``debounce_ms``, 150 ms: the playground
recomputes as you type) and shows when what it holds cannot be used;
and :class:`NumberGrid`, many such boxes in one widget (the playground's
weights: one widget, not one per number, so a new network shape is a few
messages, not ninety widgets made in the browser).

It is an anywidget (a few lines of JavaScript shipped here): the box has a
real ``<label>``, is marked ``aria-invalid`` with its message as its
description when :attr:`NumberField.invalid` is set, and keeps what was
typed whatever Python thinks of it. Enter or leaving the box sends at once.

>>> field = NumberField(value="0.15", label="w1")
>>> field.value, field.invalid
('0.15', False)
>>> grid = NumberGrid()
>>> grid.show({"w1": "0.15", "w2": "0.2"})
>>> grid.cell("w2").value, grid.cell("w2").invalid
('0.2', False)
>>> grid.mark_only("w2", "w2: nan is not allowed")
>>> grid.cell("w2").invalid, grid.cell("w1").invalid
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable

import anywidget
import traitlets

BOX_JS = """
// One labelled box (a real <label>, a text input, a hidden note that
// describes the input while it is marked), shared by both widgets below.
function makeBox(box, id, labelText) {
  box.classList.add("mazur-field");
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = labelText;
  const input = document.createElement("input");
  input.id = id;
  input.type = "text";
  input.inputMode = "decimal";
  input.autocomplete = "off";
  input.spellcheck = false;
  const note = document.createElement("span");
  note.id = `${id}-note`;
  note.className = "mazur-field-note";
  box.append(label, input, note);
  return { box, label, input, note };
}

// Mark the box with ``message`` (null: it can be used).
function markBox({ box, input, note }, message) {
  const invalid = message !== null;
  input.setAttribute("aria-invalid", String(invalid));
  box.classList.toggle("mazur-invalid", invalid);
  note.textContent = invalid ? message : "";
  if (invalid) input.setAttribute("aria-describedby", note.id);
  else input.removeAttribute("aria-describedby");
}
"""

ESM = (
    BOX_JS
    + """
let counter = 0;

function render({ model, el }) {
  const id = `mazur-field-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const parts = makeBox(el, id, model.get("label"));
  const { label, input } = parts;

  const show = () => {
    label.textContent = model.get("label");
    if (document.activeElement !== input) input.value = model.get("value");
    markBox(parts, model.get("invalid") ? model.get("message") : null);
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
)

CSS = """
.mazur-number-grid { display: flex; flex-flow: row wrap; }
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


GRID_ESM = (
    BOX_JS
    + """
let counter = 0;

function render({ model, el }) {
  const prefix = `mazur-grid-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("mazur-number-grid");
  const cells = new Map();  // every box made so far, by field (kept while hidden)

  const send = (name) => {
    const cell = cells.get(name);
    clearTimeout(cell.timer);
    cell.timer = null;
    if (cell.input.value !== (model.get("values")[name] ?? "")) {
      model.send({ field: name, value: cell.input.value });
    }
  };
  const make = (name) => {
    const id = `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const cell = { ...makeBox(document.createElement("span"), id, name), timer: null };
    const { input } = cell;
    input.addEventListener("input", () => {
      clearTimeout(cell.timer);
      cell.timer = setTimeout(() => send(name), model.get("debounce_ms"));
    });
    input.addEventListener("keydown", (event) => { if (event.key === "Enter") send(name); });
    input.addEventListener("blur", () => send(name));
    cells.set(name, cell);
    return cell;
  };

  const lay = () => {
    const boxes = model.get("fields").map((name) => (cells.get(name) ?? make(name)).box);
    const same = boxes.length === el.children.length
      && boxes.every((box, k) => el.children[k] === box);
    if (!same) el.replaceChildren(...boxes);  // moved only when the shape changes
  };
  const fill = () => {
    const values = model.get("values");
    for (const [name, cell] of cells) {
      if (document.activeElement !== cell.input) cell.input.value = values[name] ?? "";
    }
  };
  const mark = () => {
    const messages = model.get("messages");
    for (const [name, cell] of cells) {
      const invalid = Object.prototype.hasOwnProperty.call(messages, name);
      markBox(cell, invalid ? messages[name] : null);
    }
  };
  const all = () => { lay(); fill(); mark(); };
  all();
  model.on("change:fields", all);
  model.on("change:values", fill);
  model.on("change:messages", mark);
  return () => { for (const cell of cells.values()) clearTimeout(cell.timer); };
}

export default { render };
"""
)


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


class GridCell:
    """One box of a :class:`NumberGrid`, used as a :class:`NumberField` is
    (``value``, ``invalid``, ``message``, :meth:`mark`)."""

    def __init__(self, grid: NumberGrid, field: str) -> None:
        self.grid = grid
        self.field = field

    @property
    def value(self) -> str:
        return self.grid.values.get(self.field, "")

    @value.setter
    def value(self, text: str) -> None:
        self.grid.values = {**self.grid.values, self.field: str(text)}

    @property
    def invalid(self) -> bool:
        return self.field in self.grid.messages

    @property
    def message(self) -> str:
        return self.grid.messages.get(self.field, "")

    def mark(self, message: str | None) -> None:
        """Say that what the box holds cannot be used (``message``), or that it can (``None``)."""
        messages = {f: m for f, m in self.grid.messages.items() if f != self.field}
        self.grid.messages = messages if message is None else {**messages, self.field: message}


class NumberGrid(anywidget.AnyWidget):
    """Labelled number boxes in one widget: the fields in order, what each
    holds (text, never evaluated; what is typed is kept whatever Python
    thinks of it) and the message of each box that cannot be used. Each box
    is a ``.mazur-field`` like a :class:`NumberField`'s (a real ``<label>``,
    ``aria-invalid`` and its message as its description)."""

    _esm = GRID_ESM
    _css = CSS
    fields = traitlets.List(traitlets.Unicode()).tag(sync=True)
    values = traitlets.Dict(value_trait=traitlets.Unicode()).tag(sync=True)
    messages = traitlets.Dict(value_trait=traitlets.Unicode()).tag(sync=True)
    debounce_ms = traitlets.Int(150).tag(sync=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._on_typed)

    def _on_typed(self, _widget, content, _buffers) -> None:
        """What the browser says was typed into a box: ``{field, value}``."""
        if not isinstance(content, dict):
            return
        field, text = content.get("field"), content.get("value")
        if field in self.fields and isinstance(text, str):
            self.cell(field).value = text

    def show(self, values: dict[str, str]) -> None:
        """These boxes, in this order, holding these texts, none marked."""
        with self.hold_sync():  # one message to the browser
            self.fields = list(values)
            self.values = dict(values)
            self.messages = {}

    def cell(self, field: str) -> GridCell:
        """The box of ``field``."""
        return GridCell(self, field)

    def mark_only(self, field: str | Iterable[str] | None, message: str = "") -> None:
        """Mark the box of ``field`` (or of each of several fields) with
        ``message`` and no other (``None``: none)."""
        fields = () if field is None else (field,) if isinstance(field, str) else tuple(field)
        self.messages = {f: message for f in fields if f in self.fields}
