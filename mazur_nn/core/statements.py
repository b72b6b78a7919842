"""What backpropagation computes for a network shape, as named statements.

For a network shape this lists every quantity Mazur's post computes, in
order, each as one statement ``name = code`` in the post's names::

    net_h1 = w1 * i1 + w2 * i2 + b1
    out_h1 = 1.0 / (1.0 + exp(-net_h1))
    ...
    dE_total/dout_o1 = -(t1 - out_o1)
    dout_o1/dnet_o1  = out_o1 * (1.0 - out_o1)
    delta_o1         = dE_total/dout_o1 * dout_o1/dnet_o1
    dE_total/dw5     = delta_o1 * out_h1

and, for every parameter, the chain-rule factors whose product is its
gradient (:class:`Factor`, with the paths of a sum as its ``terms``). Only
*what* is computed lives here; :mod:`mazur_nn.core.codegen` decides *how*
it runs (it turns the statements into Python functions).

The activations' and losses' code comes from the registry
(:mod:`mazur_nn.core.functions`); names from :mod:`mazur_nn.core.names`.

Example
-------
>>> s = statements_of((2, 2, 2), ("sigmoid", "sigmoid"), "half_squared_error", "shared")
>>> s.forward[0]
Statement(name='net_h1', code='w1 * i1 + w2 * i2 + b1', layer=1)
>>> [f.name for f in s.chain["w5"]]
['dE_total/dout_o1', 'dout_o1/dnet_o1', 'dnet_o1/dw5']
>>> [path.name for (path,) in s.chain["w1"][0].terms]
['dE_o1/dout_h1', 'dE_o2/dout_h1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mazur_nn.core.functions import fill_log_out, get_activation, get_loss
from mazur_nn.core.names import Names


@dataclass(frozen=True)
class Statement:
    """``name = code``; ``code`` uses identifiers (see :func:`identifier`)."""

    name: str
    code: str
    layer: int


@dataclass(frozen=True)
class Factor:
    """One factor of a chain-rule product.

    ``source`` names the statement (or forward quantity) holding its value;
    ``terms``, when given, are the products this factor is the sum of (the
    paths from the error back to a hidden neuron or a shared bias)."""

    name: str
    source: str
    terms: tuple[tuple[Factor, ...], ...] = ()


def identifier(name: str) -> str:
    """The Python identifier of a quantity: ``dE_total/dw5`` -> ``dE_total__dw5``.

    >>> identifier("dE_total/dout_h1 via o2")
    'dE_total__dout_h1__via__o2'
    """
    return name.replace(" via ", "__via__").replace("/", "__")


def name_of(identifier_text: str) -> str:
    """The quantity an identifier stands for (the inverse of :func:`identifier`).

    >>> name_of("dE_total__dout_h1__via__o2")
    'dE_total/dout_h1 via o2'
    """
    return identifier_text.replace("__via__", " via ").replace("__", "/")


def fill(template: str, **names: str) -> str:
    """Put names into a registry expression (whole words ``net``, ``out``,
    ``t``, ``n``, and a layerwise activation's ``nets`` and ``other`` only).

    >>> fill("out * (1.0 - out)", out="out_o1")
    'out_o1 * (1.0 - out_o1)'
    >>> fill("exp(net - logsumexp(nets))", net="net_o1", nets="(net_o1, net_o2)")
    'exp(net_o1 - logsumexp((net_o1, net_o2)))'
    """
    return re.sub(
        r"\b(net|out|t|n|nets|other)\b", lambda m: names.get(m.group(1), m.group(1)), template
    )


def layer_nets(names: Names, layer: int) -> str:
    """The net inputs of a layer as a tuple in code: ``(net_o1, net_o2)``."""
    return "(" + ", ".join(f"net_{n}" for n in names.neurons[layer]) + ")"


@dataclass(frozen=True)
class Statements:
    """Every statement of one network shape, and the chain of every parameter.

    ``deltas[layer]`` are the statements of that layer's neurons (from
    ``dE_total/dout_n`` to ``delta_n``), ``gradients[layer]`` its parameters'
    gradients, ``factors`` the statements that only name a factor
    (``dnet_o1/dw5 = out_h1``); layers count from 1 (the first hidden layer)."""

    names: Names
    activations: tuple[str, ...]
    loss: str
    forward: tuple[Statement, ...]
    errors: tuple[Statement, ...]
    deltas: dict[int, tuple[Statement, ...]]
    gradients: dict[int, tuple[Statement, ...]]
    factors: tuple[Statement, ...]
    chain: dict[str, tuple[Factor, ...]]

    @property
    def layers(self) -> int:
        """The number of layers with weights (the output layer is the last)."""
        return len(self.names.sizes) - 1


def source_of(names: Names, layer: int, k: int) -> str:
    """What neuron ``k`` of ``layer`` sends on: ``i1`` for an input, else ``out_h1``."""
    return f"out_{names.neurons[layer][k]}" if layer else names.neurons[0][k]


def forward_statements(names: Names, activations: tuple[str, ...]) -> tuple[Statement, ...]:
    """``net_n`` (weighted inputs plus bias) and ``out_n`` of every neuron, layer by layer."""
    result = []
    for layer in range(1, len(names.sizes)):
        activation = get_activation(activations[layer - 1])
        nets, outs = [], []
        for j, n in enumerate(names.neurons[layer]):
            weights = names.weight_matrix[layer - 1][j]
            terms = [f"{w} * {source_of(names, layer - 1, k)}" for k, w in enumerate(weights)]
            nets.append(Statement(f"net_{n}", " + ".join(terms + [names.bias_of[n]]), layer))
            code = fill(activation.value_code, net=f"net_{n}", nets=layer_nets(names, layer))
            outs.append(Statement(f"out_{n}", code, layer))
        if activation.layerwise:  # every out needs every net of the layer
            result += nets + outs
        else:
            result += [s for pair in zip(nets, outs) for s in pair]
    return tuple(result)


def error_statements(names: Names, loss: str, output_activation: str) -> tuple[Statement, ...]:
    """``E_o`` of every output by the loss, then their sum ``E_total``. A
    loss written in ``log_out`` takes the output activation's own log of its
    output where it has one (the softmax's ``net - logsumexp(nets)``: no
    ``log(0)``, however saturated), else ``log(out)``."""
    last, outputs = len(names.sizes) - 1, names.neurons[-1]
    value_code, count = get_loss(loss).value_code, str(names.sizes[-1])
    log_code = get_activation(output_activation).log_code
    result = []
    for o, t in zip(outputs, names.targets):
        log_out = "log(out)"
        if log_code:
            log_out = "(" + fill(log_code, net=f"net_{o}", nets=layer_nets(names, last)) + ")"
        code = fill(fill_log_out(value_code, log_out), t=t, out=f"out_{o}", n=count)
        result.append(Statement(f"E_{o}", code, last))
    result.append(Statement("E_total", " + ".join(f"E_{o}" for o in outputs), last))
    return tuple(result)


def _paths_into(names: Names, layer: int, j: int, n: str, coupled: bool):
    """The statements of the paths from the next layer back into hidden neuron
    ``n`` (``dE_o1/dout_h1 = delta_o1 * w5``), the factor statements
    (``dnet_o1/dout_h1 = w5``) and the chain factors of those paths.
    ``coupled``: the next layer is a softmax output layer, whose each error
    depends on every output, so a path is named ``dE_total/dout_h1 via o1``."""
    via_output = layer + 1 == len(names.sizes) - 1 and not coupled
    statements, factors, paths = [], [], []
    for k, nxt in enumerate(names.neurons[layer + 1]):
        w = names.weight_matrix[layer][k][j]
        term = f"dE_{nxt}/dout_{n}" if via_output else f"dE_total/dout_{n} via {nxt}"
        upstream = f"dE_{nxt}/dnet_{nxt}" if via_output else f"dE_total/dnet_{nxt}"
        local = f"dnet_{nxt}/dout_{n}"
        statements.append(Statement(term, f"delta_{nxt} * {w}", layer))
        factors.append(Statement(local, w, layer))
        step = (Factor(upstream, f"delta_{nxt}"), Factor(local, local))
        paths.append(Factor(term, term, (step,)))
    return statements, factors, paths


def loss_slope_statement(names: Names, loss: str, j: int) -> Statement:
    """``dE_total/dout_oj``: the loss's slope at output ``j``."""
    o = names.neurons[-1][j]
    code = fill(
        get_loss(loss).slope_code, t=names.targets[j], out=f"out_{o}", n=str(names.sizes[-1])
    )
    return Statement(f"dE_total/dout_{o}", code, len(names.sizes) - 1)


def coupled_output_statements(names: Names, activations: tuple[str, ...], loss: str):
    """The backward statements of a softmax output layer, where every output
    depends on every net input: the loss's slope at each output, the
    Jacobian ``dout_ok/dnet_oj`` (``out_ok (1 - out_ok)`` for ``k = j``,
    ``-out_ok out_oj`` otherwise), and ``delta_oj = dE_total/dnet_oj`` as
    the sum of the paths ``dE_total/dout_ok * dout_ok/dnet_oj`` over every
    output ``ok``. The chain factors before ``dnet_oj/dw`` are that one sum."""
    activation = get_activation(activations[-1])
    layer, outputs = len(names.sizes) - 1, names.neurons[-1]
    statements = [loss_slope_statement(names, loss, k) for k in range(len(outputs))]
    into: dict[str, tuple[Factor, ...]] = {}
    for j, n in enumerate(outputs):
        paths = []
        for k, o in enumerate(outputs):
            local = f"dout_{o}/dnet_{n}"
            if k == j:
                code = fill(activation.slope_code, net=f"net_{o}", out=f"out_{o}")
            else:
                code = fill(activation.cross_slope_code, out=f"out_{o}", other=f"out_{n}")
            statements.append(Statement(local, code, layer))
            path = f"dE_total/dnet_{n} via {o}"
            d_out = f"dE_total/dout_{o}"
            statements.append(Statement(path, f"{identifier(d_out)} * {identifier(local)}", layer))
            step = (Factor(d_out, d_out), Factor(local, local))
            paths.append(Factor(path, path, (step,)))
        code = " + ".join(identifier(p.name) for p in paths)
        statements.append(Statement(f"delta_{n}", code, layer))
        into[n] = (Factor(f"dE_total/dnet_{n}", f"delta_{n}", tuple((p,) for p in paths)),)
    return statements, [], into


def neuron_statements(names: Names, activations: tuple[str, ...], loss: str, layer: int):
    """The backward statements of one layer's neurons (output layer: the
    loss's slope; hidden: the sum of the paths), each neuron's slope and
    delta; with the factor statements and, for each neuron, the chain
    factors before ``dnet_n/dw`` (``dE_total/dout_n`` and the slope)."""
    activation = get_activation(activations[layer - 1])
    last = len(names.sizes) - 1
    if layer == last and activation.layerwise:
        return coupled_output_statements(names, activations, loss)
    coupled = get_activation(activations[-1]).layerwise and layer + 1 == last
    statements, factors, into = [], [], {}
    for j, n in enumerate(names.neurons[layer]):
        d_out = f"dE_total/dout_{n}"
        if layer == last:
            statements.append(loss_slope_statement(names, loss, j))
            error = Factor(d_out, d_out)
        else:
            paths_code, path_factors, paths = _paths_into(names, layer, j, n, coupled)
            statements += paths_code
            factors += path_factors
            code = " + ".join(identifier(p.name) for p in paths)
            statements.append(Statement(d_out, code, layer))
            error = Factor(d_out, d_out, tuple((p,) for p in paths) if len(paths) > 1 else ())
        slope = f"dout_{n}/dnet_{n}"
        slope_code = fill(activation.slope_code, net=f"net_{n}", out=f"out_{n}")
        statements.append(Statement(slope, slope_code, layer))
        statements.append(
            Statement(f"delta_{n}", f"{identifier(d_out)} * {identifier(slope)}", layer)
        )
        into[n] = (error, Factor(slope, slope))
    return statements, factors, into


def parameter_statements(names: Names, layer: int, into: dict[str, tuple[Factor, ...]]):
    """The gradients of the parameters feeding ``layer`` (``dE_total/dw5 =
    delta_o1 * out_h1``; a bias sums the deltas it feeds), their factor
    statements, and each parameter's chain of factors."""
    neurons = names.neurons[layer]
    gradients: list[Statement] = []
    factors: list[Statement] = []
    chain: dict[str, tuple[Factor, ...]] = {}
    for j, n in enumerate(neurons):
        for k, w in enumerate(names.weight_matrix[layer - 1][j]):
            src = source_of(names, layer - 1, k)
            gradients.append(Statement(f"dE_total/d{w}", f"delta_{n} * {src}", layer))
            factors.append(Statement(f"dnet_{n}/d{w}", src, layer))
            chain[w] = (*into[n], Factor(f"dnet_{n}/d{w}", f"dnet_{n}/d{w}"))
    for b in names.layer_biases[layer - 1]:
        fed = [n for n in neurons if names.bias_of[n] == b]
        gradients.append(Statement(f"dE_total/d{b}", " + ".join(f"delta_{n}" for n in fed), layer))
        factors += [Statement(f"dnet_{n}/d{b}", "1.0", layer) for n in fed]
        if len(fed) == 1:
            n = fed[0]
            chain[b] = (*into[n], Factor(f"dnet_{n}/d{b}", f"dnet_{n}/d{b}"))
        else:
            paths = tuple(
                (
                    Factor(f"dE_total/dnet_{n}", f"delta_{n}"),
                    Factor(f"dnet_{n}/d{b}", f"dnet_{n}/d{b}"),
                )
                for n in fed
            )
            chain[b] = (Factor(f"dE_total/d{b}", f"dE_total/d{b}", paths),)
    return gradients, factors, chain


@lru_cache(maxsize=64)
def statements_of(sizes, activations, loss: str, bias_mode: str) -> Statements:
    """Every statement of the network shape, the output layer's backward
    statements first, then each hidden layer going back (cached per shape)."""
    names = Names(tuple(sizes), bias_mode)
    activations = tuple(activations)
    deltas, gradients, factors, chain = {}, {}, [], {}
    for layer in range(len(names.sizes) - 1, 0, -1):
        statements, neuron_factors, into = neuron_statements(names, activations, loss, layer)
        grads, grad_factors, layer_chain = parameter_statements(names, layer, into)
        deltas[layer], gradients[layer] = tuple(statements), tuple(grads)
        factors += neuron_factors + grad_factors
        chain.update(layer_chain)
    return Statements(
        names=names,
        activations=activations,
        loss=loss,
        forward=forward_statements(names, activations),
        errors=error_statements(names, loss, activations[-1]),
        deltas=deltas,
        gradients=gradients,
        factors=tuple(factors),
        chain={p: chain[p] for p in names.parameters},
    )
