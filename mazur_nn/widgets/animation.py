"""Training you can watch: the network diagram plays its training, frame
by frame, beside the curve of E_total.

:class:`TrainingAnimation` computes the whole film once, in Python, with
the engine (:func:`mazur_nn.render.film.training_film`), and sends it to
the page; the page plays it by itself (an anywidget: JavaScript shipped in
this module, JupyterLab, Voila and JupyterLite alike). Each frame changes
the SVG's parts in place, found by their ``data-name``: each weight's
colour, line style and thickness, each weight's and bias's label, each
neuron's value, the total error and the caption; a line on the chart marks
the round. Playing asks nothing of the kernel, so the kernel stays free
and the film plays the same in the static site (Pyodide has no threads).

The controls are buttons and form fields with labels: *Play* / *Pause*,
*Step* and *Step back* (exactly one round: a round the film did not keep
is asked of the kernel, one small message that works under Pyodide too,
and the kernel trains it from the kept round before it with the engine, so
the film stays small), *Start* (back to round 0), a speed menu (frames per
second), a slider over the frames, and with ``compare`` (the default) a
choice between the post's two hidden-layer rules (both curves are on the
chart). A status line (a polite live region) says where the film stands
when it is paused, stepped, moved or ends, never while it plays. A page
that prefers reduced motion gets the slowest speed; the film never
starts by itself.

>>> from mazur_nn import mazur_example
>>> animation = TrainingAnimation(mazur_example(), rounds=100, frames=10)
>>> animation
Training animation of Mazur's 2-2-2 example: 11 frames over 100 rounds; press Play
>>> animation.film["runs"][0]["rounds"][:3]
[0, 10, 20]
"""

from __future__ import annotations

import anywidget
import traitlets

from mazur_nn.core.config import Config
from mazur_nn.render.film import Film, training_film
from mazur_nn.widgets.parts import example_name, text_form

SPEEDS = (1, 2, 5, 10, 20, 30, 60)  # frames per second the menu offers
SPEED = 20  # the speed a film starts with (the slowest if the page prefers reduced motion)

ESM = """
function make(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function count(n) { return Number(n).toLocaleString("en-US"); }

// The parts of the diagram each frame changes, found once by data-name.
function findParts(svg, film) {
  const one = (selector) => svg.querySelector(selector);
  const titles = (name) => [...svg.querySelectorAll(`[data-name="${name}"] > title`)];
  const labels = film.parts.map((p) => {
    const group = one(`.mazur-label[data-name="${p}"]`);
    const text = group && group.querySelector("text");
    const rect = group && group.querySelector("rect");
    return { name: p, text, rect, titles: titles(p), weight: film.weights.indexOf(p),
             chars: text ? text.textContent.length : 0,
             width: rect ? Number(rect.getAttribute("width")) : 0,
             middle: rect ? Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2
                          : 0 };
  });
  const lines = film.weights.map((w) => one(`.mazur-weight[data-name="${w}"] .mz-line`));
  const neurons = film.neurons.map((n) => {
    const group = one(`.mazur-neuron[data-name="${n}"]`);
    const texts = group ? group.querySelectorAll("text") : [];
    return { name: n, text: texts[1] || null, titles: titles(n) };
  });
  const errorTexts = svg.querySelectorAll('.mazur-error[data-name="E_total"] text');
  const caption = [...svg.querySelectorAll("text")].find(
    (t) => t.textContent === film.caption) || null;
  return { labels, lines, neurons, error: errorTexts[1] || null, caption,
           errorTitles: titles("E_total"), desc: svg.querySelector(":scope > desc") };
}

function render({ model, el }) {
  const film = model.get("film");
  const runs = film.runs;
  el.classList.add("mazur-animation");
  el.drawn = [];  // performance.now() of every picture drawn (the last 2000): for measuring

  const controls = make("div", { class: "mazur-animation-controls", role: "group",
                                 "aria-label": "Training animation" });
  // Keys pressed in the controls are theirs (the slider's arrows, Home and End, a
  // button's Enter and Space), not JupyterLab's notebook shortcuts (ArrowRight
  // there moves to the next heading).
  controls.addEventListener("keydown", (event) => {
    if (OWN_KEYS.has(event.key)) event.stopPropagation();
  });
  const play = make("button", { type: "button", class: "mazur-play" }, "▶ Play");
  const back = make("button", { type: "button", class: "mazur-back" }, "Back 1 round");
  const step = make("button", { type: "button", class: "mazur-step" }, "Step +1 round");
  const start = make("button", { type: "button", class: "mazur-start" }, "|◀ Start");
  const speedLabel = make("label", { class: "mazur-speed" }, "Speed ");
  const speed = make("select");
  for (const fps of model.get("speeds")) {
    speed.appendChild(make("option", { value: String(fps) }, `${fps} frames/s`));
  }
  const reduced = window.matchMedia
    && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  speed.value = String(reduced ? model.get("speeds")[0] : model.get("speed"));
  speedLabel.appendChild(speed);
  const last = Math.max(...runs.map((r) => r.rounds.length)) - 1;
  const sliderLabel = make("label", { class: "mazur-scrub" }, "Frame ");
  const slider = make("input", { type: "range", min: "0", max: String(last), step: "1",
                                 value: "0" });
  sliderLabel.appendChild(slider);
  controls.append(play, back, step, start, speedLabel, sliderLabel);
  let rule = 0;
  if (runs.length > 1) {
    const rules = make("fieldset", { class: "mazur-rules" });
    rules.appendChild(make("legend", {}, "The hidden layers are updated with"));
    const group = "mazur-rule-" + Math.random().toString(36).slice(2);
    runs.forEach((run, k) => {
      const label = make("label");
      const radio = make("input", { type: "radio", name: group, value: String(k) });
      radio.checked = k === 0;
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        rule = k;
        if (extra) { ask(extra.round, `Showing ${run.label}: `); return; }
        draw();
        say(`Showing ${run.label}: ${where()}`);
      });
      label.append(radio, " " + run.label);
      rules.appendChild(label);
    });
    controls.appendChild(rules);
  }
  const counter = make("div", { class: "mazur-counter" });
  const status = make("div", { class: "mazur-status", role: "status", "aria-live": "polite" });
  const pictures = make("div", { class: "mazur-animation-pictures" });
  const net = make("div", { class: "mazur-animation-net" });
  const chart = make("div", { class: "mazur-animation-chart" });
  net.innerHTML = model.get("svg");
  chart.innerHTML = model.get("chart");
  pictures.append(net, chart);
  el.append(controls, counter, status, pictures);

  const parts = findParts(net.querySelector("svg"), film);
  const markers = [...chart.querySelectorAll(".mz-now")];
  let frame = 0;
  // A round between two kept frames, reached by a step: the kernel's frame of it
  // (the film keeps only some rounds; the page plays those without the kernel).
  let extra = null;

  const shown = () => Math.min(frame, runs[rule].rounds.length - 1);
  // What is drawn now: a kept frame of the film, or the round a step reached.
  const current = () => {
    if (extra) return extra;
    const run = runs[rule], k = shown();
    return { round: run.rounds[k], E_total: run.E_total[k], caption: run.captions[k],
             labels: run.labels[k], values: run.values[k], signs: run.signs[k],
             widths: run.widths[k] };
  };
  const where = () => {
    const now = current();
    return `round ${count(now.round)} of ${count(film.rounds)}, E_total = ${now.E_total}.`;
  };
  const say = (text) => { status.textContent = text; };

  function draw() {
    const run = runs[rule], now = current();
    const round = now.round;
    const after = ` after ${count(round)} round${round === 1 ? "" : "s"}`;
    const labels = now.labels;
    const signs = now.signs;
    const wide = [];
    parts.labels.forEach((part, i) => {
      if (!part.text) return;
      part.text.textContent = labels[i];
      for (const title of part.titles) title.textContent = labels[i] + after;
      if (part.weight >= 0) {
        part.rect.setAttribute("class", "mz-bg mz-" + SIGN_CLASS[signs[part.weight]]);
      }
      if (labels[i].length > part.chars) wide.push(part);
    });
    const widths = now.widths;
    parts.lines.forEach((line, j) => {
      if (!line) return;
      line.setAttribute("class", "mz-line mz-" + SIGN_CLASS[signs[j]]);
      line.setAttribute("stroke-width", widths[j]);
    });
    const values = now.values;
    parts.neurons.forEach((neuron, j) => {
      if (neuron.text) neuron.text.textContent = values[j];
      for (const title of neuron.titles) {
        title.textContent = `out_${neuron.name} = ${values[j]}${after}`;
      }
    });
    if (parts.error) parts.error.textContent = now.E_total;
    for (const title of parts.errorTitles) {
      title.textContent = `E_total = ${now.E_total}${after}`;
    }
    if (parts.caption) parts.caption.textContent = now.caption;
    if (parts.desc) {
      parts.desc.textContent = `${run.label}: ${where()} Weights are drawn by sign (blue solid `
        + "positive, purple dashed negative) and size (thicker: larger).";
    }
    // A label longer than the one it was drawn with: widen its box (reads after all writes).
    for (const part of wide) {
      const needed = part.text.getComputedTextLength() + 8;
      const width = Math.max(part.width, needed);
      part.rect.setAttribute("width", width.toFixed(1));
      part.rect.setAttribute("x", (part.middle - width / 2).toFixed(1));
    }
    for (const marker of markers) {
      const left = Number(marker.dataset.left), right = Number(marker.dataset.right);
      const x = (left + (right - left) * round / Number(marker.dataset.rounds)).toFixed(1);
      marker.setAttribute("x1", x);
      marker.setAttribute("x2", x);
    }
    counter.textContent = `Round ${count(round)} of ${count(film.rounds)} · E_total = `
      + now.E_total + (runs.length > 1 ? ` · ${run.label}` : "");
    slider.value = String(frame);
    slider.setAttribute("aria-valuetext", `round ${count(round)}`);
    el.dataset.frame = String(frame);
    el.dataset.round = String(round);
    back.disabled = round === 0;
    step.disabled = round >= lastRound();
    el.dataset.rule = run.rule;
    el.drawn.push(performance.now());
    if (el.drawn.length > 2000) el.drawn.splice(0, el.drawn.length - 2000);
  }

  // Playing: the frame due at this moment of the film (frames are skipped, never
  // slowed, if the page cannot keep up), drawn on the screen's next refresh.
  let playing = false, request = null, began = 0, from = 0;
  function tick(now) {
    if (!playing) return;
    // (a frame's time can be a little earlier than the click that started the film)
    const elapsed = Math.max(0, now - began);
    const due = Math.min(last, from + Math.floor(elapsed * Number(speed.value) / 1000));
    if (due !== frame) { frame = due; draw(); }
    if (frame >= last) { stop(`Finished: ${where()}`); return; }
    request = requestAnimationFrame(tick);
  }
  function go() {
    extra = null; asked = null;
    if (frame >= last) frame = 0;
    playing = true;
    play.textContent = "⏸ Pause";
    el.dataset.playing = "true";
    from = frame; began = performance.now();
    say(`Playing from ${where()}`);
    request = requestAnimationFrame(tick);
  }
  function stop(words) {
    playing = false;
    if (request !== null) cancelAnimationFrame(request);
    request = null;
    play.textContent = "▶ Play";
    el.dataset.playing = "false";
    say(words);
  }
  const moveTo = (k) => {
    if (playing) stop("Paused.");
    extra = null; asked = null;
    frame = Math.max(0, Math.min(last, k));
    draw();
    say(`Paused at ${where()}`);
  };
  // Stepping one round: a kept round is drawn from the film; a round between two
  // kept ones is asked of the kernel (one small message, JupyterLab and Pyodide alike),
  // which trains from the kept network before it with the engine.
  const lastRound = () => runs[rule].rounds[runs[rule].rounds.length - 1];
  let asked = null, question = 0, preface = "";
  function ask(round, words = "") {
    asked = round; preface = words; question += 1;
    model.send({ type: "round", rule, round, question });
    say(`${words}Computing round ${count(round)}…`);
  }
  function stepTo(round) {
    if (playing) stop("Paused.");
    const rounds = runs[rule].rounds;
    if (round < 0 || round > lastRound()) return;
    const k = rounds.indexOf(round);
    if (k >= 0) { moveTo(k); return; }
    ask(round);
  }
  model.on("msg:custom", (message) => {
    if (message.type !== "frame" || message.question !== question) return;
    if (message.rule !== rule || playing) return;
    extra = message.frame; asked = null;
    const rounds = runs[rule].rounds;
    let k = 0;
    while (k + 1 < rounds.length && rounds[k + 1] <= extra.round) k += 1;
    frame = k;
    draw();
    say(`${preface}Paused at ${where()}`);
  });
  const here = () => (asked !== null ? asked : current().round);
  play.addEventListener("click", () => (playing ? stop(`Paused at ${where()}`) : go()));
  step.addEventListener("click", () => stepTo(here() + 1));
  back.addEventListener("click", () => stepTo(here() - 1));
  start.addEventListener("click", () => moveTo(0));
  slider.addEventListener("input", () => {
    if (playing) stop("Paused.");
    extra = null; asked = null;
    frame = Number(slider.value);
    draw();
  });
  slider.addEventListener("change", () => say(`Paused at ${where()}`));
  speed.addEventListener("change", () => {
    if (playing) { from = frame; began = performance.now(); }
  });
  el.dataset.playing = "false";
  draw();
  say(`Ready: ${where()} Press Play.`);
  return () => { playing = false; if (request !== null) cancelAnimationFrame(request); };
}

const SIGN_CLASS = { "+": "positive", "-": "negative", "0": "zero" };
const OWN_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
                          "PageUp", "PageDown", " ", "Enter"]);

export default { render };
"""

CSS = """
.mazur-animation { max-width: 100%; }
.mazur-animation-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px;
  margin-bottom: 4px; }
.mazur-animation button { font: inherit; padding: 3px 10px; min-height: 28px; cursor: pointer;
  color: var(--jp-ui-font-color1, #1a1a1a); background: var(--jp-layout-color2, #eeeeee);
  border: 1px solid var(--jp-border-color1, #757575); border-radius: 2px; }
.mazur-animation[data-playing="true"] .mazur-play { background: var(--jp-brand-color1, #1976d2);
  color: #ffffff; border-color: var(--jp-brand-color1, #1976d2); }
.mazur-animation button:focus-visible, .mazur-animation select:focus-visible,
.mazur-animation input:focus-visible { outline: 3px solid var(--jp-brand-color1, #1976d2);
  outline-offset: 2px; }
.mazur-animation select, .mazur-animation label { font: inherit;
  color: var(--jp-ui-font-color1, #1a1a1a); }
.mazur-animation fieldset { border: 1px solid var(--jp-border-color1, #757575); margin: 0;
  padding: 2px 8px; display: flex; flex-wrap: wrap; gap: 2px 12px; }
.mazur-animation legend { padding: 0 4px; }
.mazur-animation .mazur-counter { font-weight: bold; margin: 2px 0;
  color: var(--jp-content-font-color1, #1a1a1a); }
.mazur-animation .mazur-status { min-height: 1.3em; margin: 2px 0;
  color: var(--jp-content-font-color1, #1a1a1a); }
.mazur-animation-pictures { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
/* Side by side where both fit at full size (their text stays at 12 px or more), else
   one above the other. */
.mazur-animation-net, .mazur-animation-chart { flex: 0 1 680px; min-width: 0; max-width: 680px; }
.mazur-animation-pictures svg { max-width: 100%; height: auto; display: block; }
"""


class TrainingAnimation(anywidget.AnyWidget):
    """The network diagram playing its training (see the module's docstring):
    ``rounds`` rounds of ``config``, about ``frames`` frames; with
    ``compare``, both hidden-layer rules of the post."""

    _esm = ESM
    _css = CSS
    svg = traitlets.Unicode("").tag(sync=True)
    chart = traitlets.Unicode("").tag(sync=True)
    film = traitlets.Dict(default_value={}).tag(sync=True)
    speeds = traitlets.List(traitlets.Int(), default_value=list(SPEEDS)).tag(sync=True)
    speed = traitlets.Int(SPEED).tag(sync=True)

    def __init__(
        self, config: Config, rounds: int = 10_000, frames: int = 200, compare: bool = True
    ) -> None:
        film = training_film(config, rounds, frames, compare)
        super().__init__(svg=film.svg, chart=film.chart, film=film.to_json())
        self.config = config
        self.recording = film
        self.on_msg(self._answer)

    def _answer(self, _widget, content: dict, _buffers) -> None:
        """The page asks for a round between two kept frames (a step):
        send that round's frame."""
        if not isinstance(content, dict) or content.get("type") != "round":
            return
        self.send(
            {
                "type": "frame",
                **self.round_frame(content["rule"], content["round"]),
                "question": content.get("question"),
            }
        )

    def round_frame(self, rule: int, round_: int) -> dict:
        """What the page draws for round ``round_`` of run ``rule`` (an
        index of the film's runs), kept by the film or not."""
        frame = self.recording.at_round(rule, round_)
        return {
            "rule": rule,
            "frame": {
                "round": frame.round,
                "E_total": frame.E_total,
                "caption": frame.caption,
                "labels": list(frame.labels),
                "values": list(frame.values),
                "signs": frame.signs,
                "widths": list(frame.widths),
            },
        }

    def __repr__(self) -> str:
        film: Film = self.recording
        return text_form(
            f"Training animation of {example_name(self.config)}: {len(film.runs[0].frames)} "
            f"frames over {film.rounds} rounds; press Play"
        )
