"""The numeric engine: Mazur's arithmetic written out as named statements.

For a network shape, :func:`program` lists every quantity the post computes
as one statement, in order, with Mazur's names::

    net_h1 = w1 * i1 + w2 * i2 + b1
    out_h1 = 1.0 / (1.0 + exp(-net_h1))
    ...
    dE_total/dout_o1 = -(t1 - out_o1)
    dout_o1/dnet_o1  = out_o1 * (1.0 - out_o1)
    delta_o1         = dE_total/dout_o1 * dout_o1/dnet_o1
    dE_total/dw5     = delta_o1 * out_h1

The same statements are turned into three straight-line Python functions
(forward, backward, and a training loop), so the numbers a student reads
are exactly the numbers training uses, and training runs about as fast as
hand-written Python. :func:`source` shows the generated code.

Only our own names and the activation/loss expressions of this package go
into the generated code; every number arrives as an argument.

Example
-------
>>> engine = get_engine((2, 2, 2), ("sigmoid", "sigmoid"), "half_squared_error", "shared")
>>> engine.forward_statements[0]
Statement(name='net_h1', code='w1 * i1 + w2 * i2 + b1', layer=1)
"""

from __future__ import annotations

import linecache
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.names import Names

LARGEST_FLOAT = 1.7976931348623157e308


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
    """The Python identifier of a quantity: ``dE_total/dw5`` -> ``dE_total__dw5``."""
    return name.replace(" via ", "__via__").replace("/", "__")


def _fill(template: str, **names: str) -> str:
    """Put names into an activation or loss expression (whole words only)."""
    return re.sub(r"\b(net|out|t|n)\b", lambda m: names[m.group(1)], template)


class Engine:
    """The statements of one network shape and the functions made from them."""

    def __init__(self, sizes, activations, loss, bias_mode) -> None:
        self.names = names = Names(sizes, bias_mode)
        self.sizes = tuple(sizes)
        self.activations = tuple(activations)
        self.loss = loss
        self.bias_mode = bias_mode
        neurons, weights = names.neurons, names.weight_matrix
        last = len(sizes) - 1

        def source_of(layer: int, k: int) -> str:
            return f"out_{neurons[layer][k]}" if layer else neurons[0][k]

        forward, errors, chain = [], [], {}
        for layer in range(1, last + 1):
            act = get_activation(activations[layer - 1])
            for j, n in enumerate(neurons[layer]):
                terms = [
                    f"{w} * {source_of(layer - 1, k)}" for k, w in enumerate(weights[layer - 1][j])
                ]
                code = " + ".join(terms + [names.bias_of[n]])
                forward.append(Statement(f"net_{n}", code, layer))
                forward.append(Statement(f"out_{n}", _fill(act.value_code, net=f"net_{n}"), layer))
        loss_fn = get_loss(loss)
        for k, o in enumerate(neurons[last]):
            code = _fill(loss_fn.value_code, t=names.targets[k], out=f"out_{o}", n=str(sizes[-1]))
            errors.append(Statement(f"E_{o}", code, last))
        errors.append(Statement("E_total", " + ".join(f"E_{o}" for o in neurons[last]), last))

        # Backward, output layer first. ``deltas[layer]`` are the statements
        # of that layer's neurons; ``grads[layer]`` its parameters' gradients.
        deltas = {layer: [] for layer in range(1, last + 1)}
        grads = {layer: [] for layer in range(1, last + 1)}
        factors = []  # statements that only name a factor (dnet_o1/dw5 = out_h1)
        into = {}  # neuron -> factor list for dE_total/dout_neuron
        for layer in range(last, 0, -1):
            act = get_activation(activations[layer - 1])
            for j, n in enumerate(neurons[layer]):
                d_out = f"dE_total/dout_{n}"
                if layer == last:
                    code = _fill(
                        loss_fn.slope_code, t=names.targets[j], out=f"out_{n}", n=str(sizes[-1])
                    )
                    deltas[layer].append(Statement(d_out, code, layer))
                    into[n] = Factor(d_out, d_out)
                else:
                    paths = []
                    for k, nxt in enumerate(neurons[layer + 1]):
                        w = weights[layer][k][j]
                        via_output = layer + 1 == last
                        term = (
                            f"dE_{nxt}/dout_{n}" if via_output else f"dE_total/dout_{n} via {nxt}"
                        )
                        upstream = f"dE_{nxt}/dnet_{nxt}" if via_output else f"dE_total/dnet_{nxt}"
                        local = f"dnet_{nxt}/dout_{n}"
                        deltas[layer].append(Statement(term, f"delta_{nxt} * {w}", layer))
                        factors.append(Statement(local, w, layer))
                        paths.append(
                            Factor(
                                term,
                                term,
                                ((Factor(upstream, f"delta_{nxt}"), Factor(local, local)),),
                            )
                        )
                    code = " + ".join(identifier(p.name) for p in paths)
                    deltas[layer].append(Statement(d_out, code, layer))
                    into[n] = Factor(
                        d_out, d_out, tuple((p,) for p in paths) if len(paths) > 1 else ()
                    )
                slope = f"dout_{n}/dnet_{n}"
                deltas[layer].append(
                    Statement(slope, _fill(act.slope_code, net=f"net_{n}", out=f"out_{n}"), layer)
                )
                deltas[layer].append(
                    Statement(f"delta_{n}", f"{identifier(d_out)} * {identifier(slope)}", layer)
                )
            for j, n in enumerate(neurons[layer]):
                for k, w in enumerate(weights[layer - 1][j]):
                    src = source_of(layer - 1, k)
                    grads[layer].append(Statement(f"dE_total/d{w}", f"delta_{n} * {src}", layer))
                    factors.append(Statement(f"dnet_{n}/d{w}", src, layer))
                    chain[w] = (
                        into[n],
                        Factor(f"dout_{n}/dnet_{n}", f"dout_{n}/dnet_{n}"),
                        Factor(f"dnet_{n}/d{w}", f"dnet_{n}/d{w}"),
                    )
            for b in names.layer_biases[layer - 1]:
                fed = [n for n in neurons[layer] if names.bias_of[n] == b]
                code = " + ".join(f"delta_{n}" for n in fed)
                grads[layer].append(Statement(f"dE_total/d{b}", code, layer))
                for n in fed:
                    factors.append(Statement(f"dnet_{n}/d{b}", "1.0", layer))
                if len(fed) == 1:
                    n = fed[0]
                    chain[b] = (
                        into[n],
                        Factor(f"dout_{n}/dnet_{n}", f"dout_{n}/dnet_{n}"),
                        Factor(f"dnet_{n}/d{b}", f"dnet_{n}/d{b}"),
                    )
                else:
                    chain[b] = (
                        Factor(
                            f"dE_total/d{b}",
                            f"dE_total/d{b}",
                            tuple(
                                (
                                    Factor(f"dE_total/dnet_{n}", f"delta_{n}"),
                                    Factor(f"dnet_{n}/d{b}", f"dnet_{n}/d{b}"),
                                )
                                for n in fed
                            ),
                        ),
                    )

        self.forward_statements = tuple(forward)
        self.error_statements = tuple(errors)
        self.delta_statements = {layer: tuple(s) for layer, s in deltas.items()}
        self.gradient_statements = {layer: tuple(s) for layer, s in grads.items()}
        self.factor_statements = tuple(factors)
        self.chain = {p: chain[p] for p in names.parameters}
        self._build_functions()

    # -- code generation -------------------------------------------------

    def _lines(self, statements, indent):
        return [f"{indent}{identifier(s.name)} = {s.code}" for s in statements]

    def _backward_order(self, hidden_uses: str, update_biases: bool):
        """Statement lines of one backward pass and update, in the order the
        chosen variant runs them (see DESIGN: the post's errata)."""
        last = len(self.sizes) - 1
        order, updates = [], []
        for layer in range(last, 0, -1):
            lines = list(self.delta_statements[layer]) + list(self.gradient_statements[layer])
            params = [w for row in self.names.weight_matrix[layer - 1] for w in row]
            if update_biases:
                params += list(self.names.layer_biases[layer - 1])
            step = [
                Statement(p, f"{p} - learning_rate * {identifier('dE_total/d' + p)}", layer)
                for p in params
            ]
            order += lines
            if hidden_uses == "updated":
                order += step
            else:
                updates += step
        return order + updates

    def _build_functions(self) -> None:
        names = self.names
        params = ", ".join(names.parameters)
        inputs = ", ".join(names.neurons[0]) + ("," if len(names.neurons[0]) == 1 else "")
        targets = ", ".join(names.targets) + ("," if len(names.targets) == 1 else "")
        fwd_names = list(names.forward)
        backward = [
            s
            for layer in sorted(self.delta_statements, reverse=True)
            for s in self.delta_statements[layer] + self.gradient_statements[layer]
        ]
        backward += self.factor_statements
        parts = [
            "def forward(parameters, inputs):",
            f"    {params}, = parameters",
            f"    {inputs} = inputs",
            *self._lines(self.forward_statements, "    "),
            "    return {" + ", ".join(f"{n!r}: {n}" for n in fwd_names) + "}",
            "",
            "def errors(values, targets):",
            f"    {targets} = targets",
            *[f"    {o} = values[{o!r}]" for o in (f"out_{n}" for n in names.neurons[-1])],
            *self._lines(self.error_statements, "    "),
            "    return {"
            + ", ".join(f"{s.name!r}: {s.name}" for s in self.error_statements)
            + "}",
            "",
            "def backward(values):",
            *[
                f"    {n} = values[{n!r}]"
                for n in list(names.parameters)
                + list(names.neurons[0])
                + list(names.targets)
                + fwd_names
            ],
            *self._lines(backward, "    "),
            "    return {" + ", ".join(f"{s.name!r}: {identifier(s.name)}" for s in backward) + "}",
        ]
        for hidden_uses in ("original", "updated"):
            for update_biases in (False, True):
                parts += [
                    "",
                    f"def train_{hidden_uses}_{'with' if update_biases else 'without'}_biases("
                    "parameters, inputs, targets, learning_rate, rounds, history):",
                    f"    {params}, = parameters",
                    f"    {inputs} = inputs",
                    f"    {targets} = targets",
                    "    for round_index in range(rounds):",
                    *self._lines(self.forward_statements + self.error_statements, "        "),
                    "        history.append(E_total)",
                    "        if not E_total <= LARGEST_FLOAT:",
                    "            break",
                    *self._lines(self._backward_order(hidden_uses, update_biases), "        "),
                    f"    return ({params},)",
                ]
        self.source = "\n".join(parts) + "\n"
        shape = f"{list(self.sizes)} {'/'.join(self.activations)} {self.loss} {self.bias_mode}"
        filename = f"<mazur_nn engine {shape}>"
        linecache.cache[filename] = (len(self.source), None, self.source.splitlines(True), filename)
        namespace = {
            "exp": math.exp,
            "log": math.log,
            "tanh": math.tanh,
            "LARGEST_FLOAT": LARGEST_FLOAT,
        }
        exec(compile(self.source, filename, "exec"), namespace)  # noqa: S102 (our own code)
        self.filename = filename
        self.functions = namespace

    def statement_at(self, traceback) -> str | None:
        """The name of the generated statement where an error was raised."""
        line = None
        while traceback is not None:
            if traceback.tb_frame.f_code.co_filename == self.filename:
                line = traceback.tb_lineno
            traceback = traceback.tb_next
        if line is None:
            return None
        text = self.source.splitlines()[line - 1].strip()
        return text.split(" = ", 1)[0].replace("__via__", " via ").replace("__", "/")


@lru_cache(maxsize=64)
def get_engine(sizes, activations, loss, bias_mode) -> Engine:
    """The (cached) engine of one network shape."""
    return Engine(tuple(sizes), tuple(activations), loss, bias_mode)


def source(network, part: str | None = None) -> str:
    """The Python code generated for ``network``'s shape, for reading;
    ``part`` picks one function: ``"forward"``, ``"errors"``, ``"backward"``
    or ``"train"`` (the training loop of the default options).

    >>> from mazur_nn import mazur_example
    >>> print(source(mazur_example().network, "forward").splitlines()[3])
        net_h1 = w1 * i1 + w2 * i2 + b1
    """
    engine = get_engine(network.sizes, network.activations, network.loss, network.bias_mode)
    if part is None:
        return engine.source
    names = {
        "forward": "forward",
        "errors": "errors",
        "backward": "backward",
        "train": "train_original_without_biases",
    }
    if part not in names:
        raise ValueError(f"part: {part!r} is not allowed; allowed are {', '.join(names)}")
    blocks = engine.source.split("\n\n")
    return next(b for b in blocks if b.startswith(f"def {names[part]}(")) + "\n"
