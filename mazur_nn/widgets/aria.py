"""What ipywidgets leaves out for screen readers, added in the page.

:class:`Aria` is an invisible anywidget (a few lines of JavaScript shipped
here; JupyterLab, Voila and JupyterLite alike) put inside a widget of the
course. It finds the widget around it (the closest element with the CSS
class ``scope``) and, whenever that widget changes:

* makes its status texts polite live regions (``aria-live="polite"``,
  ``role="status"``): elements with the classes in :data:`LIVE` (the
  stepper's step, messages, exercise feedback, scores), so a screen reader
  reads a new step or a verdict without the student moving there;
* says whether each toggle button is pressed (``aria-pressed``);
* keeps its text at 12 px or more (``<small>`` included);
* names each slider handle after its slider's label (ipywidgets' noUi
  handles have none), and each element chosen by a selector in ``labels``
  (``{".mazur-answer input": "Answer to exercise 2"}``) with ``aria-label``.

>>> aria = Aria(scope="mazur-exercise", labels={".mazur-answer input": "Answer 1"})
>>> aria.scope, aria.labels
('mazur-exercise', {'.mazur-answer input': 'Answer 1'})
"""

from __future__ import annotations

import anywidget
import traitlets

LIVE = (
    "mazur-announce",
    "mazur-message",
    "mazur-feedback",
    "mazur-score",
    "mazur-exercise-status",
    "mazur-live",
)

ESM = """
function apply(root, model) {
  const live = model.get("live").map((name) => "." + name).join(", ");
  for (const region of root.querySelectorAll(live)) {
    if (region.getAttribute("aria-live") !== "polite") {
      region.setAttribute("aria-live", "polite");
      region.setAttribute("role", "status");
    }
  }
  for (const button of root.querySelectorAll(".widget-toggle-button")) {
    const pressed = String(button.classList.contains("mod-active"));
    if (button.getAttribute("aria-pressed") !== pressed) {
      button.setAttribute("aria-pressed", pressed);
    }
  }
  for (const handle of root.querySelectorAll(".noUi-handle")) {
    const slider = handle.closest(".widget-slider");
    const label = slider && slider.querySelector(".widget-label");
    const name = label ? label.textContent.trim() : "";
    if (name && handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
  }
  for (const [selector, name] of Object.entries(model.get("labels"))) {
    for (const element of root.querySelectorAll(selector)) {
      if (element.getAttribute("aria-label") !== name) element.setAttribute("aria-label", name);
    }
  }
}

function render({ model, el }) {
  el.classList.add("mazur-aria");
  el.style.display = "none";
  let watcher = null;
  let tries = 0;
  const attach = () => {
    if (!el.isConnected) {
      if (tries++ < 200) requestAnimationFrame(attach);
      return;
    }
    const root = el.closest("." + model.get("scope")) || el.parentElement;
    if (!root) return;
    root.classList.add("mazur-a11y");
    let queued = false;
    const again = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; apply(root, model); });
    };
    apply(root, model);
    watcher = new MutationObserver(again);
    watcher.observe(root, { subtree: true, childList: true, attributes: true,
                            attributeFilter: ["class"] });
    model.on("change", again);
  };
  requestAnimationFrame(attach);
  return () => { if (watcher) watcher.disconnect(); };
}

export default { render };
"""


# Shown to screen readers only (the stepper's announcements); no text
# below 12 px in a widget of the course (JupyterLab's <small> is 10.8 px);
# a menu or a text area with focus shows a ring (ipywidgets only tints the border).
CSS = """
.mazur-a11y small { font-size: max(12px, 0.85em); }
.mazur-a11y sup, .mazur-a11y sub { font-size: max(12px, 0.75em); }
.mazur-a11y select:focus, .mazur-a11y textarea:focus {
  box-shadow: 0 0 0 2px var(--jp-brand-color1, #1976d2) !important; }
.mazur-visually-hidden { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
"""


class Aria(anywidget.AnyWidget):
    """Live regions, pressed states and names inside the widget with the CSS
    class ``scope`` (see the module's docstring)."""

    _esm = ESM
    _css = CSS
    scope = traitlets.Unicode("").tag(sync=True)
    live = traitlets.List(traitlets.Unicode(), default_value=list(LIVE)).tag(sync=True)
    labels = traitlets.Dict(default_value={}).tag(sync=True)
