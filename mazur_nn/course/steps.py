"""The worked example as an ordered list of steps, built from any config.

Each :class:`Step` is a plain record: what is computed, one or two sentences
on what happens and why, the formula in symbols (derived by sympy), the same
formula with the numbers in, the value, and the neurons and weights it
involves. It knows nothing of widgets; renderers (text, Markdown, LaTeX,
the diagram, the stepper) read it. :meth:`Lesson.check` backs a step's
value with independent computations (sympy; for a gradient, also finite
differences).

Sections, in order: ``forward``, ``error``, ``output`` (the output layer's
chain rule), ``hidden`` (each hidden layer's, going back), ``update`` and
``after`` (the new forward pass and its error). The first weight of each
layer is taken apart factor by factor; the others show their whole product.

Speed: sympy derives and prints every formula once per network shape (a
:class:`Plan`, cached); a new config only fills numbers in, so a playground
recomputes every step in about a millisecond. Deep, wide networks have
hidden-layer formulas of thousands of terms (sympy would print them for
minutes, and nobody could read them): when a plan's formulas add up to more
than ``FORMULA_BUDGET`` nodes, each one over ``MAX_FORMULA_SIZE`` nodes is
written in quantities of earlier steps instead (``delta_h2_1*w7 + ...``, or
a gradient as its three chain-rule factors, as the report writes it).

Example
-------
>>> from mazur_nn import mazur_example
>>> lesson = build_lesson(mazur_example())
>>> [s.name for s in lesson.steps[:3]]
['net_h1', 'out_h1', 'net_h2']
>>> step = lesson.step("dE_total/dw5")
>>> step.title, step.shown_value, step.section
('Gradient of w5', '0.082167041', 'output')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import sympy

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.names import latex_name
from mazur_nn.core.network import Network
from mazur_nn.core.numbers import bound, format_number
from mazur_nn.core.passes import finite_difference
from mazur_nn.core.statements import identifier, statements_of
from mazur_nn.core.table import Table
from mazur_nn.course.report import MAX_FORMULA_SIZE, delta_neuron, formula_size
from mazur_nn.course.values import worked_values
from mazur_nn.symbolic.functions import activation_expression
from mazur_nn.symbolic.model import for_network
from mazur_nn.symbolic.printer import (
    Template,
    equation_latex,
    equation_rows,
    latex_of,
    shown_width,
    template,
    text_of,
)

FORMULA_BUDGET = 200_000  # sympy nodes of all of a plan's formulas together; a plan under
# it prints every formula in full (a 4-8-4-2 network's come to about 7,000, a 32-32-32's to
# about 470,000, which take sympy 10 s to print)
SHORT_NOTE = (
    " (Written with quantities of earlier steps: in full this formula is too long to read.)"
)

SECTIONS = {
    "forward": "Forward pass",
    "error": "Errors",
    "output": "Output layer: chain rule",
    "hidden": "Hidden layer: chain rule",
    "batch": "Mean over the batch",  # mazur_nn.course.batch: a mini-batch's means
    "update": "Update",
    "after": "After the update",
}


@dataclass(frozen=True)
class Step:
    """One step of the lesson, with its numbers."""

    index: int
    section: str
    kind: str  # forward | error | chain | update
    name: str  # the quantity: "net_h1", "dE_total/dw5", "w5+", "E_total+"
    title: str
    text: str
    formula: str  # plain text, symbols
    numbers: str  # plain text, numbers in
    latex: str  # LaTeX, symbols (printed by sympy)
    latex_numbers: str  # LaTeX, numbers in
    value: float
    neurons: tuple[str, ...] = ()  # neurons to highlight
    weights: tuple[str, ...] = ()  # weights and biases to highlight
    path: tuple[str, ...] = ()  # chain steps: neurons from the error back to the weight

    @property
    def section_title(self) -> str:
        return SECTIONS[self.section]

    @property
    def shown_value(self) -> str:
        return format_number(self.value)

    def equation_text(self) -> str:
        pad = " " * len(self.name)
        lines = [f"{self.name} = {self.formula}"]
        if self.numbers != self.formula:
            lines.append(f"{pad} = {self.numbers}")
        if self.numbers != self.shown_value:
            lines.append(f"{pad} = {self.shown_value}")
        return "\n".join(lines)

    def latex_sides(self) -> list[str]:
        """The right-hand sides in LaTeX: formula, numbers in, value (each
        once: a side equal to the one before is left out)."""
        sides = [self.latex]
        if self.latex_numbers != self.latex:
            sides.append(self.latex_numbers)
        shown = format_number(self.value, latex=True)
        if shown != self.latex_numbers:
            sides.append(shown)
        return sides

    def equation_latex(self, multiline: bool = False) -> str:
        """``name = formula = numbers = value`` in LaTeX on one line;
        ``multiline`` puts each right-hand side on its own row of an
        ``aligned`` block, a long one continued on further rows, so nothing
        scrolls sideways."""
        name, sides = latex_name(self.name), self.latex_sides()
        if not multiline:
            return " = ".join([name, *sides])
        body = r" \\ ".join(equation_rows(name, sides, keep_short=False))
        return rf"\begin{{aligned}} {body} \end{{aligned}}"

    def __str__(self) -> str:
        head = f"Step {self.index + 1} ({self.section_title}): {self.title}"
        return f"{head}\n{self.text}\n{self.equation_text()}"

    __repr__ = __str__

    def _repr_latex_(self) -> str:
        # One line if it fits about 800 px, else one right-hand side per row.
        return f"$\\displaystyle {equation_latex(latex_name(self.name), self.latex_sides())}$"


class Steps(tuple):
    """Several steps shown together: aligned LaTeX in a notebook, one text
    block per step in a terminal (and for nbval)."""

    def __str__(self) -> str:
        return "\n\n".join(str(s) for s in self)

    __repr__ = __str__

    def _repr_latex_(self) -> str:
        names = [latex_name(s.name) for s in self]
        column = max(map(shown_width, names), default=0)  # the block's name column
        rows = " \\\\\n".join(
            row
            for s, name in zip(self, names)
            for row in equation_rows(name, s.latex_sides(), name_width=column)
        )
        return f"$$\\begin{{aligned}}\n{rows}\n\\end{{aligned}}$$"


@dataclass(frozen=True)
class StepPlan:
    """A step before its numbers: what it computes, its words and its formula
    printed once (:class:`~mazur_nn.symbolic.printer.Template`)."""

    section: str
    kind: str
    name: str
    title: str
    text: str  # may hold {placeholders} of values, filled with str.format_map
    formula: Template
    neurons: tuple[str, ...] = ()
    weights: tuple[str, ...] = ()
    path: tuple[str, ...] = ()

    @property
    def symbols(self) -> tuple[str, ...]:
        """The quantities the step's formula is written in."""
        return self.formula.symbols


class Plan:
    """The steps of one network shape and options, with every formula
    derived and printed by sympy once."""

    def __init__(self, config: Config) -> None:
        network = config.network
        self.names = network.names
        self.activations = network.activations
        self.loss = network.loss
        self.update_biases = config.update_biases
        self.hidden_uses = config.hidden_uses
        self.sym = for_network(network)
        # (step's fields, its formula, the formula in earlier steps' quantities or None)
        self._drafts: list[tuple[dict, sympy.Expr, sympy.Expr | None]] = []
        self._forward()
        self._errors()
        for layer in range(len(self.names.sizes) - 1, 0, -1):
            self._layer(layer)
        self._update()
        self._after()
        self.templates: list[StepPlan] = self._printed(self._drafts)
        del self._drafts

    # -- building blocks ---------------------------------------------------

    def _add(
        self,
        section,
        kind,
        name,
        title,
        text,
        expr=None,
        neurons=(),
        weights=(),
        path=(),
        short=None,
    ):
        """A step; ``short`` is its formula written in earlier steps'
        quantities, used if the full one is too long (see :meth:`_printed`)."""
        expr = self.sym.expression(name) if expr is None else expr
        fields = {
            "section": section,
            "kind": kind,
            "name": name,
            "title": title,
            "text": text,
            "neurons": tuple(neurons),
            "weights": tuple(weights),
            "path": tuple(path),
        }
        self._drafts.append((fields, expr, short))

    @staticmethod
    def _printed(drafts) -> list[StepPlan]:
        """Every step with its formula printed once. If all the formulas
        together are over ``FORMULA_BUDGET`` nodes, those over
        ``MAX_FORMULA_SIZE`` that have a short form are printed short."""
        known: dict = {}
        sizes = [formula_size(expr, known) for _, expr, _ in drafts]
        shorten = sum(sizes) > FORMULA_BUDGET
        result = []
        for (fields, expr, short), size in zip(drafts, sizes):
            if shorten and short is not None and size > MAX_FORMULA_SIZE:
                expr, fields = short, {**fields, "text": fields["text"] + SHORT_NOTE}
            result.append(StepPlan(formula=template(expr), **fields))
        return result

    def _layer_of(self, neuron):
        return next(k for k, ns in enumerate(self.names.neurons) if neuron in ns)

    def _incoming(self, neuron):
        """(weight, source) pairs feeding ``neuron``."""
        layer = self._layer_of(neuron)
        row = self.names.weight_matrix[layer - 1][self.names.neurons[layer].index(neuron)]
        return list(zip(row, self.names.neurons[layer - 1]))

    def _act(self, neuron):
        return get_activation(self.activations[self._layer_of(neuron) - 1]).words

    def _downstream(self, neuron):
        """Every neuron after ``neuron``'s layer, outputs first."""
        layers = self.names.neurons[self._layer_of(neuron) + 1 :]
        return tuple(n for ns in reversed(layers) for n in ns)

    # -- sections -----------------------------------------------------------

    def _coupled(self) -> bool:
        """Whether the output layer is a softmax: each output depends on every net input."""
        return get_activation(self.activations[-1]).layerwise

    def _forward(self):
        for layer, neurons in enumerate(self.names.neurons[1:], start=1):
            layerwise = get_activation(self.activations[layer - 1]).layerwise
            for n in neurons:
                pairs = self._incoming(n)
                bias = self.names.bias_of[n]
                self._add(
                    "forward",
                    "forward",
                    f"net_{n}",
                    f"Net input of {n}",
                    f"{n} adds up what comes in, each input times its weight, plus the "
                    f"bias {bias}.",
                    neurons=(n, *(s for _, s in pairs)),
                    weights=(*(w for w, _ in pairs), bias),
                )
                if not layerwise:
                    self._out_step(n)
            if layerwise:  # every output needs every net input of its layer first
                for n in neurons:
                    self._out_step(n)

    def _out_step(self, n):
        if self._coupled() and n in self.names.neurons[-1]:
            text = (
                f"The {self._act(n)}: exp(net_{n}) divided by the sum of exp(net) over every "
                f"output, so out_{n} depends on every output's net input; the outputs are "
                "positive and add up to 1."
            )
            neurons = self.names.neurons[-1]
        else:
            text = (
                f"{n} passes its net input through the {self._act(n)} activation; "
                f"out_{n} is what the next layer sees."
            )
            neurons = (n,)
        self._add("forward", "forward", f"out_{n}", f"Output of {n}", text, neurons=neurons)

    def _errors(self):
        for o, t in zip(self.names.neurons[-1], self.names.targets):
            self._add(
                "error",
                "error",
                f"E_{o}",
                f"Error of {o}",
                f"How far out_{o} is from its target {t}, measured by {get_loss(self.loss).words}.",
                neurons=(o,),
            )
        self._add(
            "error",
            "error",
            "E_total",
            "Total error",
            "The sum of the output errors: the one number training makes smaller.",
            neurons=self.names.neurons[-1],
        )

    def _layer(self, layer):
        names = self.names
        section = "output" if layer == len(names.sizes) - 1 else "hidden"
        for j, n in enumerate(names.neurons[layer]):
            for k, (w, src) in enumerate(self._incoming(n)):
                path = (*self._downstream(n), n, src)
                if j == 0 and k == 0:
                    self._factors(section, n, w, src)
                short = _named_product(f"dE_total/dout_{n}", f"dout_{n}/dnet_{n}", f"dnet_{n}/d{w}")
                if section == "output" and self._coupled():
                    text = (
                        f"The chain rule: how E_total changes with net_{n} (a sum over every "
                        f"output, as the softmax couples them), times how net_{n} changes "
                        f"with {w}."
                    )
                    short = _named_product(f"dE_total/dnet_{n}", f"dnet_{n}/d{w}")
                elif section == "output":
                    text = (
                        f"The chain rule: how E_total changes with out_{n}, times how "
                        f"out_{n} changes with net_{n}, times how net_{n} changes with {w}."
                    )
                else:
                    text = (
                        f"The same three factors, but out_{n} reaches the error along "
                        "every path through the next layer, so its first factor is a sum."
                    )
                self._add(
                    section,
                    "chain",
                    f"dE_total/d{w}",
                    f"Gradient of {w}",
                    text,
                    neurons=path,
                    weights=(w,),
                    path=path,
                    short=short,
                )
        if self.update_biases:
            for b in names.layer_biases[layer - 1]:
                fed = tuple(n for n in names.neurons[layer] if names.bias_of[n] == b)
                self._add(
                    section,
                    "chain",
                    f"dE_total/d{b}",
                    f"Gradient of {b}",
                    f"The bias {b} adds 1 to the net input of {', '.join(fed)}, so its "
                    "gradient adds up their deltas.",
                    neurons=fed,
                    weights=(b,),
                    short=_sum([sympy.Symbol(f"delta_{n}") for n in fed]),
                )

    def _coupled_factors(self, n, w, src):
        """The output layer's factors with a softmax: the loss's slope at
        every output, how each output moves with net_n (the Jacobian's
        column), the path through each output, their sum, and dnet_n/dw."""
        outputs = self.names.neurons[-1]
        for o in outputs:
            self._loss_slope_step(o)
        paths = []
        for o in outputs:
            if o == n:
                text = (
                    f"How out_{n} changes with its own net input: sympy differentiates the "
                    f"softmax and writes it in the outputs, out_{n} (1 - out_{n})."
                )
            else:
                text = (
                    f"net_{n} also moves out_{o}: raising net_{n} takes a share from every "
                    f"other output, so this slope is negative, -out_{o} out_{n} (sympy)."
                )
            self._add(
                "output",
                "chain",
                f"dout_{o}/dnet_{n}",
                f"How out_{o} changes with net_{n}",
                text,
                neurons=(o, n),
                path=(o, n),
            )
        for o in outputs:
            paths.append(sympy.Symbol(f"dE_total/dnet_{n} via {o}"))
            self._add(
                "output",
                "chain",
                f"dE_total/dnet_{n} via {o}",
                f"Path through out_{o}",
                f"net_{n} reaches the error through out_{o}: how E_total changes with "
                f"out_{o}, times how out_{o} changes with net_{n}.",
                neurons=(o, n),
                path=(o, n),
                short=_named_product(f"dE_total/dout_{o}", f"dout_{o}/dnet_{n}"),
            )
        self._add(
            "output",
            "chain",
            f"dE_total/dnet_{n}",
            f"Sum of the paths into net_{n}",
            f"net_{n} moves every output, so the error changes with it along every path: "
            f"add them up. This is delta_{n}; with the cross-entropy and targets adding up "
            f"to 1 it simplifies to out_{n} - t (see the shortcut).",
            neurons=(*outputs, n),
            path=(n,),
            short=_sum(paths),
        )
        self._local_step("output", n, w, src)

    def _loss_slope_step(self, o):
        """``dE_total/dout_o``: the loss's slope at output ``o``."""
        self._add(
            "output",
            "chain",
            f"dE_total/dout_{o}",
            f"How E_total changes with out_{o}",
            f"Only E_{o} depends on out_{o}; sympy differentiates the loss.",
            neurons=(o,),
            path=(o,),
        )

    def _local_step(self, section, n, w, src):
        """``dnet_n/dw``: what ``w`` multiplies in ``net_n``."""
        self._add(
            section,
            "chain",
            f"dnet_{n}/d{w}",
            f"How net_{n} changes with {w}",
            f"net_{n} holds {w} times {src} and nothing else with {w}, so the slope is "
            f"the value {src} sends.",
            neurons=(n, src),
            weights=(w,),
            path=(n, src),
        )

    def _factors(self, section, n, w, src):
        if section == "output" and self._coupled():
            self._coupled_factors(n, w, src)
            return
        if section == "output":
            self._loss_slope_step(n)
        else:
            nxt_layer = self.names.neurons[self._layer_of(n) + 1]
            via_output = nxt_layer == self.names.neurons[-1] and not self._coupled()
            paths = []
            for nxt in nxt_layer:
                weight = next(wt for wt, s in self._incoming(nxt) if s == n)
                term = f"dE_{nxt}/dout_{n}" if via_output else f"dE_total/dout_{n} via {nxt}"
                local = self.sym.factors[f"dnet_{nxt}/dout_{n}"]
                paths.append(sympy.Mul(sympy.Symbol(f"delta_{nxt}"), local, evaluate=False))
                self._add(
                    section,
                    "chain",
                    term,
                    f"Path through {nxt}",
                    f"The error reaches out_{n} through {nxt}: the delta of {nxt} "
                    f"(how the error changes with net_{nxt}) times {weight}, the weight "
                    f"from {n} to {nxt}.",
                    neurons=(nxt, n),
                    weights=(weight,),
                    path=(nxt, n),
                    short=paths[-1],
                )
            self._add(
                section,
                "chain",
                f"dE_total/dout_{n}",
                f"Sum of the paths into {n}",
                f"out_{n} feeds every neuron of the next layer, so the error changes "
                "with it along every path: add them up.",
                neurons=(*nxt_layer, n),
                path=(n,),
                short=_sum(paths),
            )
        act = self._act(n)
        self._add(
            section,
            "chain",
            f"dout_{n}/dnet_{n}",
            f"Slope of the {act} at {n}",
            f"How out_{n} changes with net_{n}: the derivative of the {act}, which sympy "
            f"writes in terms of out_{n}.",
            neurons=(n,),
            path=(n,),
        )
        self._local_step(section, n, w, src)

    def _update(self):
        names = self.names
        params = [w for layer in reversed(names.weight_matrix) for row in layer for w in row]
        if self.update_biases:
            params += list(names.biases)
        last_layer = {w for row in names.weight_matrix[-1] for w in row}
        for p in params:
            expr = sympy.Symbol(p) - sympy.Mul(
                sympy.Symbol("eta"), sympy.Symbol(f"dE_total/d{p}"), evaluate=False
            )
            text = "Step against the gradient, scaled by the learning rate eta = {eta}."
            if self.hidden_uses == "updated" and p in names.weights and p not in last_layer:
                text += (
                    " Here the gradient was taken with the already updated output "
                    "weights: the variant behind the post's printed results."
                )
            self._add("update", "update", f"{p}+", f"New {p}", text, expr, weights=(p,))

    def _after(self):
        outputs = self.names.neurons[-1]
        nets = tuple(sympy.Symbol(f"net_{o}+") for o in outputs)
        for o in outputs:
            expr = activation_expression(self.activations[-1], sympy.Symbol(f"net_{o}+"), nets)
            self._add(
                "after",
                "forward",
                f"out_{o}+",
                f"New output of {o}",
                f"The forward pass again, with the new weights: out_{o} was "
                f"{{out_{o}}} and target {{t_{o}}}.",
                expr,
                neurons=(o,),
            )
        total = sympy.Add(*(sympy.Symbol(f"E_{o}+") for o in outputs), evaluate=False)
        self._add(
            "after",
            "error",
            "E_total+",
            "Error after one update",
            "The total error was {E_total}. Repeat the round many times and it keeps "
            "falling (lesson 04).",
            total if len(outputs) > 1 else sympy.Symbol(f"E_{outputs[0]}+"),
            neurons=outputs,
        )


def _named_product(*names: str) -> sympy.Expr:
    """The product of the quantities called ``names``, in this order."""
    return sympy.Mul(*(sympy.Symbol(name) for name in names), evaluate=False)


def _sum(terms: list) -> sympy.Expr:
    """The sum of ``terms`` in this order (the one term if there is one)."""
    return sympy.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]


@lru_cache(maxsize=64)  # the builder makes the shapes one click away ahead
def _plan(shape) -> Plan:
    sizes, activations, loss, bias_mode, update_biases, hidden_uses = shape

    network = Network.create(list(sizes), list(activations), loss, bias_mode)
    # The inputs and targets only have to be valid here; a plan holds no numbers.
    halves = (0.5,) * sizes[0], (1.0 / sizes[-1],) * sizes[-1]  # a probability vector too
    return Plan(Config(network, *halves, 0.5, update_biases, hidden_uses))


def plan_key(config: Config) -> tuple:
    """What a :class:`Plan` depends on: the network's shape and the options."""
    n = config.network
    return (n.sizes, n.activations, n.loss, n.bias_mode, config.update_biases, config.hidden_uses)


def plan_for(config: Config) -> Plan:
    """The cached :class:`Plan` of ``config``'s shape and options."""
    return _plan(plan_key(config))


@dataclass(frozen=True)
class Lesson:
    """The steps of one config, and their checks on demand."""

    config: Config
    steps: tuple[Step, ...]
    values: dict = field(repr=False)

    def step(self, name: str) -> Step:
        """The step computing ``name`` (``"dE_total/dw5"``, ``"w5+"``...)."""
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(f"no step computes {name!r}")

    def show(self, *names: str) -> Steps:
        """The steps computing ``names``, to display together."""
        return Steps(self.step(n) for n in names)

    def section(self, section: str) -> Steps:
        """Every step of one section (``"forward"``, ``"output"``...)."""
        if section not in SECTIONS:
            allowed = ", ".join(SECTIONS)
            raise ValueError(f"section: {section!r} is not allowed; allowed are {allowed}")
        return Steps(s for s in self.steps if s.section == section)

    def code(self, step: Step) -> str | None:
        """The line of generated Python that computes ``step``'s quantity
        (see ``mazur_nn.source(network)``), or ``None`` for a step the
        engine does not compute on a line of its own.

        >>> from mazur_nn import mazur_example
        >>> lesson = build_lesson(mazur_example())
        >>> lesson.code(lesson.step("dE_total/dw5")), lesson.code(lesson.step("w5+"))
        ('dE_total__dw5 = delta_o1 * out_h1', 'w5 = w5 - learning_rate * dE_total__dw5')
        """
        n = self.config.network
        statements = statements_of(n.sizes, n.activations, n.loss, n.bias_mode)
        if step.kind == "update":
            p = step.name.removesuffix("+")
            return f"{p} = {p} - learning_rate * {identifier('dE_total/d' + p)}"
        every = [*statements.forward, *statements.errors, *statements.factors]
        every += [s for layer in statements.deltas for s in statements.deltas[layer]]
        every += [s for layer in statements.gradients for s in statements.gradients[layer]]
        found = [s for s in every if s.name == step.name.removesuffix("+")]
        return f"{identifier(found[0].name)} = {found[0].code}" if found else None

    def check_table(self, *names: str):
        """Independent values of some steps, as a :class:`~mazur_nn.core.table.Table`."""

        kinds = ("chain rule", "engine", "sympy", "finite difference")
        rows = []
        for name in names:
            values = self.check(self.step(name))
            spread = max(values.values()) - min(values.values())
            cells = [f"{values[k]:.12f}" if k in values else "-" for k in kinds]
            rows.append((name, *cells, bound(spread)))
        header = (
            "quantity",
            *kinds[:2],
            "sympy (30 digits)",
            "finite difference",
            "largest difference",
        )
        keep = [i for i in range(len(header)) if any(r[i] != "-" for r in rows)]
        return Table(
            tuple(header[i] for i in keep),
            [tuple(r[i] for i in keep) for r in rows],
            "Each value computed independently",
        )

    @property
    def sections(self) -> dict[str, int]:
        """Section -> index of its first step."""
        first: dict[str, int] = {}
        for s in self.steps:
            first.setdefault(s.section, s.index)
        return first

    @cached_property
    def _sympy_values(self) -> Mapping[str, float]:
        c = self.config
        return for_network(c.network).evaluation(c.network, c.inputs, c.targets)

    def check(self, step: Step) -> dict[str, float]:
        """Independent values of ``step``'s quantity: the engine's, sympy's
        (its own forward pass at 30 digits), and for a gradient a central
        finite difference."""
        result = {"chain rule" if step.kind == "chain" else "engine": step.value}
        neuron = delta_neuron(step.name)  # dE_total/dnet_o1 is delta_o1
        key = f"delta_{neuron}" if neuron else step.name
        if key in self._sympy_values:
            result["sympy"] = self._sympy_values[key]
        parameter = step.name.removeprefix("dE_total/d")
        if step.kind == "chain" and parameter in self.config.network.parameters:
            c = self.config
            result["finite difference"] = finite_difference(
                c.network, c.inputs, c.targets, parameter
            )
        return result


def build_lesson(config: Config) -> Lesson:
    """Every step of one round of backpropagation for ``config``."""
    plan = plan_for(config)
    values = worked_values(config)
    numbers = {k: format_number(v) for k, v in values.items()}
    words = {k.replace("/", "_"): s for k, s in numbers.items()}
    words.update(
        {
            f"t_{o}": numbers[t]
            for o, t in zip(config.network.names.neurons[-1], config.network.names.targets)
        }
    )
    steps = []
    for i, t in enumerate(plan.templates):
        steps.append(
            Step(
                index=i,
                section=t.section,
                kind=t.kind,
                name=t.name,
                title=t.title,
                text=t.text.format_map(words),
                formula=text_of(t.formula),
                numbers=text_of(t.formula, values),
                latex=latex_of(t.formula),
                latex_numbers=latex_of(t.formula, values),
                value=values[t.name],
                neurons=t.neurons,
                weights=t.weights,
                path=t.path,
            )
        )
    return Lesson(config, tuple(steps), values)
