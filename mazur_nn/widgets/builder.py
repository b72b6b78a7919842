"""The builder: make a network by clicking, and step through it at once.

Add and remove hidden layers (0 to 4) and neurons (1 to 8 a layer, the
inputs and outputs too), pick each layer's activation (the registry's
menu: an activation marked ``output_only`` is offered on the output layer
only), the loss and the bias mode, draw the weights from a seed or type
them. The numbers are typed in the :class:`~mazur_nn.widgets.playground.Playground`
below the controls, whose stepper (with its three-way check) follows every
change. The network is shown as the JSON the CLI's ``--config`` reads,
and JSON pasted into the *Load* box becomes the network.

A change that cannot be made (a loss that needs another output activation,
JSON that is not a config, a seed that is not a whole number) shows a
one-line message naming the field; the last valid network stays, and what
was typed stays in its box. The plain functions behind it are in
:mod:`mazur_nn.core.reshape`.

>>> builder = Builder()
>>> builder.add_neuron(1)
>>> builder.shape, len(builder.stepper.lesson.steps)
('2-3-2', 48)
>>> builder.add_layer()
>>> builder.shape, builder.config.network.activations
('2-3-3-2', ('sigmoid', 'sigmoid', 'sigmoid'))
>>> builder.load('{"layers": [2, 9, 2], "inputs": [1, 2], "targets": [0, 1]}')
>>> builder.message_text
'layers[2]: 9 is not allowed; expected a whole number from 1 to 8'
>>> builder.shape  # the last valid network stays
'2-3-3-2'
"""

from __future__ import annotations

import html
import json
import sys
from concurrent.futures import Future, ThreadPoolExecutor

import ipywidgets as w

from mazur_nn.core.config import Config, mazur_example
from mazur_nn.core.functions import LOSSES, activations_for
from mazur_nn.core.names import BIAS_MODES
from mazur_nn.core.reshape import (
    MAX_BUILDER_NEURONS,
    MAX_HIDDEN_LAYERS,
    check_builder_sizes,
    redrawn,
    reshaped,
)
from mazur_nn.core.validate import parse_whole_number
from mazur_nn.course.steps import Lesson, build_lesson
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.fields import NumberField
from mazur_nn.widgets.loader import TextLoader
from mazur_nn.widgets.parts import problem_html, text_form
from mazur_nn.widgets.playground import Playground

MAX_SEED = 2**32 - 1
COLUMN = {
    "width": "190px",
    "margin": "0 8px 8px 0",
    "padding": "4px",
    "border": "1px solid #767676",
}


def layer_title(layer: int, count: int) -> str:
    """How the builder names layer ``layer`` of ``count`` layers.

    >>> [layer_title(k, 4) for k in range(4)]
    ['Inputs', 'Hidden layer 1', 'Hidden layer 2', 'Outputs']
    """
    if layer == 0:
        return "Inputs"
    return "Outputs" if layer == count - 1 else f"Hidden layer {layer}"


def describe(config: Config) -> str:
    """The network in one sentence (what a screen reader hears after a change).

    >>> describe(mazur_example())
    'Network 2-2-2: sigmoid, sigmoid; loss half_squared_error; shared biases.'
    """
    n = config.network
    shape = "-".join(map(str, n.sizes))
    biases = "shared biases" if n.bias_mode == "shared" else "a bias per neuron"
    return f"Network {shape}: {', '.join(n.activations)}; loss {n.loss}; {biases}."


class Prefetch:
    """The steps of the networks one click away, made ahead in a background
    thread while the student looks at this one (sympy derives a new shape's
    formulas in up to a quarter of a second; a shape already made takes a
    few milliseconds). Where there are no threads (Pyodide) it does nothing.

    :meth:`wait_for` makes the main thread wait for a shape the thread is
    making, instead of deriving it a second time alongside.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.platform != "emscripten"
        self._worker: ThreadPoolExecutor | None = None
        self._futures: dict[tuple[int, ...], Future] = {}

    def wait_for(self, sizes) -> None:
        """Wait until the network of these layer sizes is made, if the thread
        is making it now."""
        future = self._futures.get(tuple(sizes))
        if future is not None and not future.cancel():
            future.exception()  # waits; an error is the main thread's to meet again

    def ahead(self, config: Config, moves, seed: int) -> None:
        """Forget what was not started; make the steps of ``config`` reshaped
        by each of ``moves`` (``(sizes, activations or None)``), in order."""
        if not self.enabled:
            return
        for future in self._futures.values():
            future.cancel()
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="mazur-builder")
        self._futures = {
            tuple(sizes): self._worker.submit(_prepare, config, sizes, activations, seed)
            for sizes, activations in moves
        }


def _prepare(config: Config, sizes, activations, seed: int) -> None:
    """Everything a lesson of a shape makes once: the steps' formulas, and
    sympy's model for the three-way check."""
    try:
        lesson = build_lesson(reshaped(config, sizes, activations=activations, seed=seed))
    except (TypeError, ValueError):
        return  # a move the builder would refuse
    lesson.check(lesson.steps[0])


class _LayerColumn(w.VBox):
    """One layer's controls: its name and size, - and + neuron, its
    activation, and (a hidden layer) a button that removes it."""

    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.heading = w.HTML()
        self.size = w.Label()
        self.size.add_class("mazur-layer-size")
        self.fewer = w.Button(description="− neuron", layout=w.Layout(width="auto"))
        self.more = w.Button(description="+ neuron", layout=w.Layout(width="auto"))
        self.activation = w.Dropdown(
            description="activation",
            style={"description_width": "auto"},
            layout=w.Layout(width="175px"),
        )
        self.remove = w.Button(description="Remove layer", layout=w.Layout(width="auto"))
        for part, name in (
            (self.fewer, "fewer"),
            (self.more, "more"),
            (self.activation, "activation"),
            (self.remove, "remove"),
        ):
            part.add_class(f"mazur-layer-{name}")
            part.add_class(f"mazur-layer-{slot}-{name}")
        parts = [self.heading, self.size, w.HBox([self.fewer, self.more]), self.activation]
        super().__init__([*parts, self.remove], layout=w.Layout(**COLUMN))
        self.add_class("mazur-layer")


class Builder(w.VBox):
    """Build a network by clicking; its playground and stepper follow."""

    LOSSES = tuple(LOSSES)
    BIAS_MODES = BIAS_MODES

    def __init__(self, config: Config | None = None, prefetch: bool = True) -> None:
        config = mazur_example() if config is None else config
        check_builder_sizes(list(config.network.sizes))
        self.prefetch = Prefetch(prefetch)
        self._holding = False
        self._problem = ""
        self.playground = Playground(config, activation_menu=False)
        self.stepper = self.playground.stepper
        self.columns = [_LayerColumn(slot) for slot in range(MAX_HIDDEN_LAYERS + 2)]
        for column in self.columns:
            slot = column.slot
            column.fewer.on_click(lambda _, k=slot: self.remove_neuron(k))
            column.more.on_click(lambda _, k=slot: self.add_neuron(k))
            column.remove.on_click(lambda _, k=slot: self.remove_layer(k))
            column.activation.observe(
                lambda change, k=slot: self._on_activation(k, change), names="value"
            )
        self.add_layer_button = w.Button(
            description="+ hidden layer", layout=w.Layout(width="auto")
        )
        self.add_layer_button.add_class("mazur-add-layer")
        self.add_layer_button.on_click(lambda _: self.add_layer())
        self.layers = w.Box(layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.loss = w.Dropdown(options=list(self.LOSSES), description="loss")
        self.bias_mode = w.Dropdown(options=list(self.BIAS_MODES), description="biases")
        self.loss.observe(lambda _: self._on_options(), names="value")
        self.bias_mode.observe(lambda _: self._on_options(), names="value")
        self.seed = NumberField(value="0", label="seed")
        self.draw_button = w.Button(
            description="Draw weights from the seed", layout=w.Layout(width="auto")
        )
        self.draw_button.add_class("mazur-draw")
        self.draw_button.on_click(lambda _: self.draw_weights())
        self.json_view = w.HTML()
        self.json_view.add_class("mazur-json")
        self.load_box = TextLoader(
            label="JSON to load",
            button="Load",
            placeholder="Paste a network's JSON here, then press Load (or Ctrl+Enter)",
        )
        self.load_box.on_submit(self.load)
        self.message = w.HTML()
        self.message.add_class("mazur-message")
        self.message.add_class("mazur-builder-message")
        self.announce = w.HTML()
        self.announce.add_class("mazur-live")
        self.announce.add_class("mazur-visually-hidden")
        self.playground.on_change(lambda _lesson: self._show_json())
        labels = {}
        for column in self.columns:
            labels.update(
                {
                    f".mazur-layer-{column.slot}-fewer": "Remove a neuron",
                    f".mazur-layer-{column.slot}-more": "Add a neuron",
                    f".mazur-layer-{column.slot}-remove": "Remove this hidden layer",
                }
            )
        self.aria = Aria(scope="mazur-builder", labels=labels)
        super().__init__(
            [
                w.HTML("<b>Layers</b> (inputs first)"),
                w.HBox([self.layers, self.add_layer_button], layout=w.Layout(flex_flow="row wrap")),
                w.HBox([self.loss, self.bias_mode], layout=w.Layout(flex_flow="row wrap")),
                w.HBox([self.seed, self.draw_button], layout=w.Layout(flex_flow="row wrap")),
                self.message,
                self.announce,
                self.playground,
                w.HTML(
                    "<b>This network as JSON</b> (what <code>mazur-nn report --config</code> reads)"
                ),
                self.json_view,
                self.load_box,
                self.aria,
            ]
        )
        self.add_class("mazur-builder")
        self._show_controls()
        self._show_json()
        self._look_ahead()

    # -- what it holds ---------------------------------------------------------------

    @property
    def config(self) -> Config:
        """The network and example on screen (the last valid one)."""
        return self.playground.config

    @property
    def shape(self) -> str:
        return "-".join(map(str, self.config.network.sizes))

    @property
    def json_text(self) -> str:
        """The network as the JSON text the CLI's ``--config`` reads: one key
        a line."""
        lines = [f" {json.dumps(k)}: {json.dumps(v)}" for k, v in self.config.to_dict().items()]
        return "{\n" + ",\n".join(lines) + "\n}"

    @property
    def message_text(self) -> str:
        """The message on screen, as text ("" if there is none)."""
        return self._problem

    def __repr__(self) -> str:
        return text_form(
            f"Network builder, now {self.shape}: add layers and neurons, every step "
            "follows; run this cell"
        )

    def on_change(self, callback) -> None:
        """Call ``callback(config)`` with the network on screen after every
        change of it or of its numbers (an exercise panel follows it so:
        :func:`mazur_nn.exercises.follow.follow`)."""
        self.playground.on_change(lambda lesson: callback(lesson.config))

    # -- what a student does ---------------------------------------------------------

    def add_neuron(self, layer: int) -> None:
        """One neuron more in layer ``layer`` (0 is the inputs)."""
        self._reshape(*self._resized(layer, +1))

    def remove_neuron(self, layer: int) -> None:
        """One neuron fewer in layer ``layer`` (0 is the inputs)."""
        self._reshape(*self._resized(layer, -1))

    def add_layer(self) -> None:
        """A hidden layer before the outputs, as wide as the layer before it."""
        self._reshape(*self._with_layer())

    def remove_layer(self, layer: int) -> None:
        """Remove hidden layer ``layer`` (1 is the first hidden layer)."""
        self._reshape(*self._without_layer(layer))

    # The layer sizes (and activations) each button asks for.

    def _resized(self, layer: int, by: int) -> tuple[list[int], None]:
        sizes = list(self.config.network.sizes)
        if 0 <= layer < len(sizes):
            sizes[layer] += by
        return sizes, None

    def _with_layer(self) -> tuple[list[int], None]:
        sizes = list(self.config.network.sizes)
        width = sizes[-2] if len(sizes) > 2 else min(2, MAX_BUILDER_NEURONS)
        return [*sizes[:-1], width, sizes[-1]], None

    def _without_layer(self, layer: int) -> tuple[list[int], list[str] | None]:
        sizes = list(self.config.network.sizes)
        activations = list(self.config.network.activations)
        if not 0 < layer < len(sizes) - 1:
            return sizes, None
        del sizes[layer]
        del activations[layer - 1]
        return sizes, activations

    def _one_click_away(self) -> list[tuple[list[int], list[str] | None]]:
        """What each layer button would make, the likeliest first."""
        count = len(self.config.network.sizes)
        moves = [self._resized(k, +1) for k in range(count)]
        moves += [self._with_layer()]
        moves += [self._resized(k, -1) for k in range(count)]
        moves += [self._without_layer(k) for k in range(1, count - 1)]
        return [
            (sizes, activations)
            for sizes, activations in moves
            if len(sizes) - 2 <= MAX_HIDDEN_LAYERS
            and all(1 <= n <= MAX_BUILDER_NEURONS for n in sizes)
        ]

    def set_activation(self, layer: int, name: str) -> None:
        """Layer ``layer``'s activation (1 is the first non-input layer)."""
        self.columns[layer].activation.value = name

    def draw_weights(self) -> None:
        """Every weight and bias drawn from the seed in the seed box."""
        self._apply(lambda: redrawn(self.config, self._seed()))

    def load(self, text: str) -> None:
        """The network of a config's JSON text (the *Load* box's)."""

        def loaded() -> Config:
            config = Config.from_json_text(text)
            check_builder_sizes(list(config.network.sizes))
            return config

        self._apply(loaded)

    # -- how it answers ----------------------------------------------------------------

    def _seed(self) -> int:
        return parse_whole_number(self.seed.value, "seed", 0, MAX_SEED)

    def _reshape(self, sizes: list[int], activations=None) -> None:
        def change() -> Config:
            check_builder_sizes(sizes)
            return reshaped(self.config, sizes, activations=activations, seed=self._seed())

        self._apply(change)

    def _on_activation(self, layer: int, change) -> None:
        if self._holding or change["new"] is None:
            return
        activations = list(self.config.network.activations)
        if not 0 < layer <= len(activations):
            return
        activations[layer - 1] = change["new"]
        self._apply(lambda: self.config.replace(activations=activations))

    def _on_options(self) -> None:
        if self._holding:
            return
        self._apply(
            lambda: reshaped(
                self.config,
                self.config.network.sizes,
                loss=self.loss.value,
                bias_mode=self.bias_mode.value,
                seed=self._seed(),
            )
        )

    def _apply(self, make) -> Lesson | None:
        """Make the new config; show it, or say why it cannot be (the last
        valid network stays, every box keeps what was typed)."""
        with self.stepper.errors:
            try:
                config = make()
            except (TypeError, ValueError) as exc:
                self._problem = str(exc)
                self.message.value = problem_html(exc, "the last valid network")
                self.seed.mark(str(exc) if str(exc).startswith("seed:") else None)
                return None
            self._problem = self.message.value = ""
            self.seed.mark(None)
            self.prefetch.wait_for(config.network.sizes)
            # The controls first (a few small messages the browser shows at
            # once), then the stepper; what follows the network (the JSON, an
            # exercise panel) comes after, from the playground's listeners.
            self._show_controls(config)
            lesson = self.playground.set_config(config)
            if lesson is None:
                self._show_controls()  # not shown: the controls of the network on screen
            self.announce.value = html.escape(
                f"{describe(config)} {len(self.stepper.lesson.steps)} steps."
            )
            self._look_ahead()
            return lesson

    def _look_ahead(self) -> None:
        try:
            seed = self._seed()
        except (TypeError, ValueError):
            return
        self.prefetch.ahead(self.config, self._one_click_away(), seed)

    def _show_controls(self, config: Config | None = None) -> None:
        """Every control as ``config``'s network (the one on screen) has it."""
        network = (config or self.config).network
        count = len(network.sizes)
        self._holding = True
        try:
            for column in self.columns[:count]:
                k = column.slot
                title = layer_title(k, count)
                column.heading.value = f"<b>{title}</b>"
                size = network.sizes[k]
                column.size.value = f"{size} neuron{'s' if size > 1 else ''}"
                column.fewer.disabled = size <= 1
                column.more.disabled = size >= MAX_BUILDER_NEURONS
                column.remove.layout.display = None if 0 < k < count - 1 else "none"
                if k == 0:
                    column.activation.layout.display = "none"
                else:
                    column.activation.layout.display = None
                    options = activations_for(output=k == count - 1)
                    if tuple(column.activation.options) != options:
                        column.activation.options = options
                    column.activation.value = network.activations[k - 1]
                    column.activation.description = "activation"
            self.layers.children = tuple(self.columns[:count])
            self.add_layer_button.disabled = count - 2 >= MAX_HIDDEN_LAYERS
            self.loss.value = network.loss
            self.bias_mode.value = network.bias_mode
            labels = dict(self.aria.labels)
            for column in self.columns[:count]:
                title = layer_title(column.slot, count).lower()
                labels[f".mazur-layer-{column.slot}-fewer"] = f"Remove a neuron from {title}"
                labels[f".mazur-layer-{column.slot}-more"] = f"Add a neuron to {title}"
                labels[f".mazur-layer-{column.slot}-remove"] = f"Remove {title}"
                labels[f".mazur-layer-{column.slot}-activation select"] = f"Activation of {title}"
            self.aria.labels = labels
        finally:
            self._holding = False

    def _show_json(self) -> None:
        text = html.escape(self.json_text)
        rows = min(24, text.count("\n") + 1)
        self.json_view.value = (
            "<label class='mazur-json-label'>Copy this network (select all, copy)"
            f"<textarea readonly rows='{rows}' spellcheck='false' "
            "style='display:block; box-sizing:border-box; width:min(620px, 100%); "
            "font-family:monospace; "
            "color:var(--jp-ui-font-color1, #1a1a1a); "
            "background:var(--jp-layout-color1, #ffffff); border:1px solid #767676'>"
            f"{text}</textarea></label>"
        )
