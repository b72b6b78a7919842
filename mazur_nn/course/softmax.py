"""A softmax output layer with the cross-entropy, as the lesson shows it:
the Jacobian, the shortcut ``out - t`` that sympy derives, and the same
network with two independent sigmoids beside it.

Every number comes from the passes (:mod:`mazur_nn.core.passes`, through
:func:`mazur_nn.course.values.worked_values`) and every formula from sympy
(:mod:`mazur_nn.symbolic.softmax`); nothing here computes a gradient.

Example
-------
>>> from mazur_nn import mazur_softmax_example
>>> print(shortcut(mazur_softmax_example()).rows[0].text)
dE_total/dnet_o1 = (-t1/out_o1)*(out_o1*(1 - out_o1)) + (-t2/out_o2)*(-out_o1*out_o2) = out_o1 - t1
"""

from __future__ import annotations

from dataclasses import dataclass

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation
from mazur_nn.core.names import latex_name
from mazur_nn.core.numbers import bound, format_number
from mazur_nn.core.table import Table
from mazur_nn.course.values import worked_values
from mazur_nn.symbolic.model import for_network
from mazur_nn.symbolic.printer import latex, text


def check_softmax(config: Config) -> Config:
    """``config`` if its output layer is a softmax; a clear message otherwise."""
    if not get_activation(config.network.activations[-1]).layerwise:
        raise ValueError(
            "config: expected a softmax output layer (activations ending in softmax), got "
            f"{config.network.activations[-1]}"
        )
    return config


@dataclass(frozen=True)
class ShortcutRow:
    """One output's ``dE_total/dnet``: the chain rule's sum of paths, and
    sympy's simplification, in text and LaTeX, with both values."""

    neuron: str
    text: str
    latex: str
    chain_rule: float  # the engine's sum of the paths
    out_minus_t: float  # out - t from the forward pass


@dataclass(frozen=True)
class Shortcut:
    """``dE_total/dnet_oj`` for every output: the sum of its paths, and
    ``out_oj - t_j``, which sympy derives from it (targets adding up to 1)."""

    rows: tuple[ShortcutRow, ...]

    def table(self) -> Table:
        return Table(
            ("output", "chain rule (sum of the paths)", "out - t", "difference"),
            [
                (
                    r.neuron,
                    format_number(r.chain_rule),
                    format_number(r.out_minus_t),
                    bound(abs(r.chain_rule - r.out_minus_t)),
                )
                for r in self.rows
            ],
            "dE_total/dnet: the chain rule against the shortcut out - t",
        )

    def __str__(self) -> str:
        return "\n".join(r.text for r in self.rows)

    __repr__ = __str__

    def _repr_latex_(self) -> str:
        rows = r" \\ ".join(r.latex for r in self.rows)
        return f"$\\begin{{aligned}} {rows} \\end{{aligned}}$"


def shortcut(config: Config) -> Shortcut:
    """The shortcut for ``config`` (a softmax output with the cross-entropy)."""
    check_softmax(config)
    network = config.network
    if network.loss != "cross_entropy":
        raise ValueError(f"loss: the shortcut out - t needs cross_entropy, got {network.loss}")
    sym, values = for_network(network), worked_values(config)
    rows = []
    for o, t in zip(network.names.neurons[-1], network.names.targets):
        paths, simple = sym.factors[f"delta_{o}"], sym.shortcut(o)
        name = f"dE_total/dnet_{o}"
        rows.append(
            ShortcutRow(
                o,
                f"{name} = {text(paths)} = {text(simple)}",
                f"{latex_name(name)} &= {latex(paths)} \\\\ &= {latex(simple)}",
                values[f"delta_{o}"],
                values[f"out_{o}"] - values[t],
            )
        )
    return Shortcut(tuple(rows))


def jacobian_table(config: Config) -> Table:
    """``dout_ok/dnet_oj`` for every pair of outputs: the diagonal
    ``out (1 - out)`` is positive, the rest ``-out_ok out_oj`` negative,
    and each column adds up to 0 (the outputs always add up to 1)."""
    check_softmax(config)
    outputs, values = config.network.names.neurons[-1], worked_values(config)
    rows = [
        (f"out_{o}", *(format_number(values[f"dout_{o}/dnet_{n}"]) for n in outputs))
        for o in outputs
    ]
    sums = [sum(values[f"dout_{o}/dnet_{n}"] for o in outputs) for n in outputs]
    rows.append(("column sum", *(bound(abs(s)) for s in sums)))
    header = ("dout_ok/dnet_oj", *(f"net_{n}" for n in outputs))
    return Table(header, rows, "The softmax's Jacobian: how each output moves with each net input")


def with_sigmoids(config: Config) -> Config:
    """The same network and numbers with independent sigmoid outputs and
    half the squared error (Mazur's own network, for the softmax example)."""
    check_softmax(config)
    activations = [*config.network.activations[:-1], "sigmoid"]
    return config.replace(activations=activations, loss="half_squared_error")


def comparison(config: Config, rounds: int = 1000) -> Table:
    """The softmax network and the same network with two independent
    sigmoids, side by side: outputs (and their sum), error, deltas, two
    gradients, and the outputs after ``rounds`` rounds of training."""
    sigmoids = with_sigmoids(config)
    columns = []
    names = config.network.names
    outputs, first = names.neurons[-1], names.weights[0]
    last = names.weight_matrix[-1][0][0]
    for c in (sigmoids, config):
        v, trained = worked_values(c), c.train(rounds)
        column = [v[f"out_{o}"] for o in outputs]
        column.append(sum(v[f"out_{o}"] for o in outputs))
        column += [v["E_total"], *(v[f"delta_{o}"] for o in outputs)]
        column += [v[f"dE_total/d{last}"], v[f"dE_total/d{first}"]]
        column += [trained.outputs[o] for o in outputs]
        columns.append([format_number(x) for x in column])
    labels = [*(f"out_{o}" for o in outputs), " + ".join(f"out_{o}" for o in outputs)]
    labels += ["E_total", *(f"delta_{o}" for o in outputs)]
    labels += [f"dE_total/d{last}", f"dE_total/d{first}"]
    labels += [f"out_{o} after {rounds} rounds" for o in outputs]
    targets = ", ".join(f"{t} = {format_number(x)}" for t, x in zip(names.targets, config.targets))
    return Table(
        ("quantity", "sigmoids, half squared error", "softmax, cross-entropy"),
        [(label, a, b) for label, a, b in zip(labels, *columns)],
        f"Two independent sigmoids against one softmax (targets {targets})",
    )
