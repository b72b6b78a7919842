"""One worked example from start to finish, as a report a student can read
top to bottom: the forward pass, the errors, every gradient with the
chain-rule factors that make it, one update, and optionally training.

:func:`build_report` computes everything into a JSON-ready dict (nothing is
mutated: the gradients are those *before* the update), numbers at full
precision; :mod:`mazur_nn.render.handouts` writes it as text, Markdown,
LaTeX or JSON.

Example
-------
>>> from mazur_nn import mazur_example
>>> report = build_report(mazur_example())
>>> [round(f["value"], 9) for f in report["chain"]["w5"]]
[0.74136507, 0.186815602, 0.593269992]
>>> round(report["gradients"]["w5"], 9), round(report["updated"]["w5"], 8)
(0.082167041, 0.35891648)
"""

from __future__ import annotations

import re

from mazur_nn.core.config import Config
from mazur_nn.core.statements import statements_of
from mazur_nn.course.values import worked_values
from mazur_nn.symbolic.model import for_network
from mazur_nn.symbolic.printer import text

DIGITS = 9  # the post prints its values rounded to 9 decimal places
TITLE = "Backpropagation step by step"
MAX_FORMULA_SIZE = 200  # sympy nodes; deeper networks' hidden-layer formulas grow far past
# readable (and printing them would take minutes), so those are left out

_DELTA = re.compile(r"^dE_\w+/dnet_(\w+)$")


def delta_neuron(name: str) -> str | None:
    """The neuron whose delta ``name`` is: ``dE_o1/dnet_o1`` and
    ``dE_total/dnet_h1`` are what the symbolic module calls ``delta_o1``,
    ``delta_h1``.

    >>> delta_neuron("dE_o1/dnet_o1"), delta_neuron("dE_total/dw5")
    ('o1', None)
    """
    delta = _DELTA.match(name)
    return delta.group(1) if delta else None


# -- building the report -----------------------------------------------------


def build_report(config: Config, rounds: int | None = None) -> dict:
    """Everything one round of backpropagation computes for ``config``, as
    JSON-ready data: ``forward``, ``error``, ``gradients``, ``chain`` (each
    factor with its sympy ``formula``), ``updated``, ``error_after_update``,
    and with ``rounds`` also ``training`` (the result of that many rounds).
    """
    network = config.network
    names = network.names
    backward = config.backward()
    forward = backward.forward
    values = worked_values(config)
    statements = statements_of(network.sizes, network.activations, network.loss, network.bias_mode)
    updated = {p: values[f"{p}+"] for p in names.parameters}
    inputs = dict(zip(names.neurons[0], config.inputs))
    targets = dict(zip(names.targets, config.targets))

    chain = {p: [f.to_dict() for f in backward.chain[p]] for p in names.parameters}
    shown = [*names.forward, *names.errors, *_factor_names(chain)]
    formulas = _formulas(network, dict.fromkeys(shown), values)
    for factor in factors_of(chain):
        if factor["name"] in formulas:
            factor["formula"] = formulas[factor["name"]]["latex"]

    report = {
        "config": config.to_dict(),
        "options": options_of(config),
        "inputs": inputs,
        "targets": targets,
        "parameters": dict(network.parameters),
        # in the order they are computed: a softmax layer's outputs after all its net inputs
        "forward": {s.name: forward[s.name] for s in statements.forward},
        "error": {n: forward[n] for n in names.errors},
        "gradients": dict(backward.gradients),
        "chain": chain,
        "formulas": formulas,
        "updated": updated,
        "update": _update_steps(config, backward.gradients, updated),
        "error_after_update": values["E_total+"],
    }
    if rounds is not None:
        training = config.train(rounds)
        report["training"] = {
            "rounds": rounds,
            "E_total": training.E_total,
            "outputs": training.outputs,
        }
    return report


def options_of(config: Config) -> dict:
    """The training options a report lists."""
    return {
        "learning_rate": config.learning_rate,
        "update_biases": config.update_biases,
        "hidden_uses": config.hidden_uses,
    }


def _update_steps(config: Config, gradients: dict, updated: dict) -> dict:
    """For each parameter that moved: the gradient its update used. With
    ``hidden_uses="updated"`` the layers before the last used gradients
    recomputed with the already updated later weights: ``(p - p+) / eta``."""
    names = config.network.names
    last_layer = names.layer_parameters(len(names.sizes) - 2)
    steps = {}
    for p, old in config.network.parameters.items():
        if p in names.biases and not config.update_biases:
            continue
        recomputed = config.hidden_uses == "updated" and p not in last_layer
        gradient = (old - updated[p]) / config.learning_rate if recomputed else gradients[p]
        steps[p] = {"gradient": gradient, "recomputed": recomputed}
    return steps


def factors_of(chain: dict):
    """Every factor dict of the chain, the terms' factors included."""
    stack = [f for factors in chain.values() for f in factors]
    while stack:
        factor = stack.pop()
        yield factor
        stack += [f for term in factor.get("terms", ()) for f in term]


def _factor_names(chain: dict) -> list[str]:
    return sorted({f["name"] for f in factors_of(chain)})


def _formulas(network, names, values: dict) -> dict:
    """sympy's formula of each quantity in ``names`` it knows, as LaTeX and
    plain text, each also with the (rounded) numbers put in; formulas over
    ``MAX_FORMULA_SIZE`` nodes are left out."""
    sym = for_network(network)
    sizes: dict = {}
    result = {}
    for name in names:
        neuron = delta_neuron(name)
        key = f"delta_{neuron}" if neuron else name
        try:
            expression = sym.expression(key)
        except KeyError:
            continue
        if formula_size(expression, sizes) > MAX_FORMULA_SIZE:
            continue
        result[name] = {
            "latex": sym.latex(key),
            "latex_values": sym.latex(key, values, DIGITS),
            "text": text(expression),
            "text_values": text(expression, values, DIGITS, tidy=True),
        }
    return result


def formula_size(expression, sizes: dict) -> int:
    """Nodes of ``expression`` as printed (shared parts counted each time
    they appear), counting each distinct part once; ``sizes`` remembers the
    parts already counted (pass the same dict for many formulas).

    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> formula_size(x * (1 - x) + y, {})  # x*(1 + (-1)*x) + y: 9 nodes
    9
    """
    if expression not in sizes:
        sizes[expression] = 1 + sum(formula_size(arg, sizes) for arg in expression.args)
    return sizes[expression]
