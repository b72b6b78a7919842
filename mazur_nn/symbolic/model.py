"""The same network as sympy expressions, with the same names.

Every quantity has a *definition* in terms of the layer before it
(``out_h1 = sigma(net_h1)``), and every chain-rule factor is *derived* by
``sympy.diff`` from those definitions (``dout_o1/dnet_o1 = out_o1 (1 - out_o1)``):
nothing here reuses the engine's slope formulas, so sympy's numbers are an
independent check of the engine's.

Partials are built layer by layer (products of the derived factors, as the
chain rule says), which stays fast for a 4-8-4-2 network. For small networks
:meth:`Symbolic.flat_gradient` also differentiates the whole error written
in the parameters alone, a check independent of the chain-rule structure.

Example
-------
>>> from mazur_nn import mazur_example
>>> sym = Symbolic(mazur_example().network)
>>> sym.factors["dout_o1/dnet_o1"]
out_o1*(1 - out_o1)
>>> sym.gradients["w5"]
out_h1*out_o1*(1 - out_o1)*(out_o1 - t1)
>>> print(sym.latex("dE_total/dw5"))
\\left(out_{o1} - t_{1}\\right) out_{o1} \\left(1 - out_{o1}\\right) out_{h1}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property, lru_cache

import sympy

from mazur_nn.core.functions import get_activation
from mazur_nn.core.network import Network
from mazur_nn.symbolic.functions import activation_expression, loss_expression
from mazur_nn.symbolic.printer import latex
from mazur_nn.symbolic.softmax import jacobian, shortcut

PRECISION = 30  # decimal digits sympy computes with


def _symbol(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, real=True)


class Symbolic:
    """sympy definitions, chain-rule factors and partials of a network shape."""

    def __init__(self, network: Network) -> None:
        # Only the shape of ``network`` matters here, never its parameters.
        self.network = network
        self.names = network.names

    # -- symbols and definitions -----------------------------------------

    def symbol(self, name: str) -> sympy.Symbol:
        return _symbol(name)

    @cached_property
    def definitions(self) -> dict[str, sympy.Expr]:
        """``net_*``, ``out_*``, ``E_*`` and ``E_total``, each in terms of the
        quantities just before it."""
        names, s = self.names, self.symbol
        result = {}
        last = len(names.sizes) - 1
        for layer in range(1, last + 1):
            act = self.network.activations[layer - 1]
            nets = tuple(s(f"net_{n}") for n in names.neurons[layer])
            for j, n in enumerate(names.neurons[layer]):
                sources = [s(f"out_{p}") if layer > 1 else s(p) for p in names.neurons[layer - 1]]
                weights = names.weight_matrix[layer - 1][j]
                result[f"net_{n}"] = sum(
                    (s(w) * x for w, x in zip(weights, sources)), start=s(names.bias_of[n])
                )
                if not get_activation(act).layerwise:
                    result[f"out_{n}"] = activation_expression(act, s(f"net_{n}"))
            if get_activation(act).layerwise:  # every out after every net of the layer
                for n in names.neurons[layer]:
                    result[f"out_{n}"] = activation_expression(act, s(f"net_{n}"), nets)
        loss = self.network.loss
        count = len(names.neurons[-1])
        for t, o in zip(names.targets, names.neurons[-1]):
            result[f"E_{o}"] = loss_expression(loss, s(t), s(f"out_{o}"), count)
        result["E_total"] = sum(s(f"E_{o}") for o in names.neurons[-1])
        return result

    # -- derived factors ---------------------------------------------------

    @cached_property
    def factors(self) -> dict[str, sympy.Expr]:
        """Every named backward quantity of the engine (``dE_total/dout_o1``,
        ``dout_o1/dnet_o1``, ``delta_o1``, ``dE_o1/dout_h1``, ``dE_total/dw1``,
        ``dnet_o1/dw5``...), derived with ``sympy.diff``."""
        d, s = self.definitions, self.symbol
        names = self.names
        outputs = names.neurons[-1]
        error_in_outs = sum(d[f"E_{o}"] for o in outputs)
        result: dict[str, sympy.Expr] = {}
        coupled = self.coupled
        if coupled:
            self._coupled_outputs(result, error_in_outs)
        for layer in range(len(names.sizes) - 1, 0, -1):
            for n in names.neurons[layer]:
                if coupled and n in outputs:
                    continue  # done above
                out, net = s(f"out_{n}"), s(f"net_{n}")
                if n in outputs:
                    result[f"dE_total/dout_{n}"] = sympy.diff(error_in_outs, out)
                else:
                    paths = []
                    for nxt in names.neurons[layer + 1]:
                        local = sympy.diff(d[f"net_{nxt}"], out)
                        result[f"dnet_{nxt}/dout_{n}"] = local
                        via_output = nxt in outputs and not coupled
                        term = (
                            f"dE_{nxt}/dout_{n}" if via_output else f"dE_total/dout_{n} via {nxt}"
                        )
                        result[term] = _product(result[f"delta_{nxt}"], local)
                        paths.append(result[term])
                    result[f"dE_total/dout_{n}"] = (
                        sympy.Add(*paths, evaluate=False) if len(paths) > 1 else paths[0]
                    )
                # d out / d net, written in terms of out where sympy allows it
                slope = sympy.diff(d[f"out_{n}"], net).subs(d[f"out_{n}"], out)
                result[f"dout_{n}/dnet_{n}"] = slope
                result[f"delta_{n}"] = _product(result[f"dE_total/dout_{n}"], slope)
            for j, n in enumerate(names.neurons[layer]):
                for w in names.weight_matrix[layer - 1][j]:
                    local = sympy.diff(d[f"net_{n}"], s(w))
                    result[f"dnet_{n}/d{w}"] = local
                    result[f"dE_total/d{w}"] = _product(result[f"delta_{n}"], local)
            for b in names.layer_biases[layer - 1]:
                fed = [n for n in names.neurons[layer] if names.bias_of[n] == b]
                parts = []
                for n in fed:
                    result[f"dnet_{n}/d{b}"] = sympy.diff(d[f"net_{n}"], s(b))
                    parts.append(_product(result[f"delta_{n}"], result[f"dnet_{n}/d{b}"]))
                result[f"dE_total/d{b}"] = (
                    sympy.Add(*parts, evaluate=False) if len(parts) > 1 else parts[0]
                )
        return result

    @property
    def coupled(self) -> bool:
        """Whether the output layer is a softmax (each output depends on every net input)."""
        return get_activation(self.network.activations[-1]).layerwise

    def _coupled_outputs(self, result: dict, error_in_outs: sympy.Expr) -> None:
        """A softmax output layer's factors: ``dE_total/dout_ok`` by
        ``sympy.diff``, the Jacobian ``dout_ok/dnet_oj`` derived from the
        softmax's definition (:func:`~mazur_nn.symbolic.softmax.jacobian`),
        each path ``dE_total/dnet_oj via ok`` and their sum ``delta_oj``."""
        s, outputs = self.symbol, self.names.neurons[-1]
        nets = [s(f"net_{o}") for o in outputs]
        outs = [s(f"out_{o}") for o in outputs]
        for o, out in zip(outputs, outs):
            result[f"dE_total/dout_{o}"] = sympy.diff(error_in_outs, out)
        matrix = jacobian(self.network.activations[-1], nets, outs)
        for j, n in enumerate(outputs):
            paths = []
            for k, o in enumerate(outputs):
                result[f"dout_{o}/dnet_{n}"] = matrix[k][j]
                # the two factors kept apart: (-t2/out_o2)*(-out_o1*out_o2)
                path = sympy.Mul(result[f"dE_total/dout_{o}"], matrix[k][j], evaluate=False)
                result[f"dE_total/dnet_{n} via {o}"] = path
                paths.append(path)
            result[f"delta_{n}"] = sympy.Add(*paths, evaluate=False)

    def shortcut(self, neuron: str) -> sympy.Expr:
        """``dE_total/dnet`` of a softmax output ``neuron`` in one
        ``sympy.diff`` of the error written in the net inputs, in the outputs
        and targets (they each add up to 1): ``out_o1 - t1`` for the
        cross-entropy (see :mod:`mazur_nn.symbolic.softmax`)."""
        if not self.coupled:
            raise ValueError("shortcut: the output layer is not a softmax")
        outputs, s = self.names.neurons[-1], self.symbol
        if neuron not in outputs:
            raise ValueError(f"shortcut: {neuron!r} is not an output; allowed are {outputs}")
        return shortcut(
            self.network.activations[-1],
            self.network.loss,
            [s(f"net_{o}") for o in outputs],
            [s(f"out_{o}") for o in outputs],
            [s(t) for t in self.names.targets],
            outputs.index(neuron),
        )

    @cached_property
    def gradients(self) -> dict[str, sympy.Expr]:
        """``dE_total/dp`` for every parameter, simplified by sympy's
        automatic rules (the factors keep the chain's order)."""
        return {p: _evaluated(self.factors[f"dE_total/d{p}"]) for p in self.names.parameters}

    def expression(self, name: str) -> sympy.Expr:
        """The definition or derived factor called ``name``; ``dE_total/dw5``
        and the parameter name ``w5`` both give the partial."""
        if name in self.definitions:
            return self.definitions[name]
        if name in self.factors:
            return self.factors[name]
        if name in self.names.parameters:
            return self.factors[f"dE_total/d{name}"]
        delta = re.match(r"^dE_\w+/dnet_(\w+)$", name)  # dE_o1/dnet_o1 is delta_o1
        if delta and f"delta_{delta.group(1)}" in self.factors:
            return self.factors[f"delta_{delta.group(1)}"]
        raise KeyError(f"no symbolic quantity called {name!r}")

    def latex(self, name: str, values: dict[str, float] | None = None, digits: int = 9) -> str:
        """LaTeX of a quantity's formula; with ``values``, the same formula
        with the numbers put in (nothing is evaluated)."""
        return latex(self.expression(name), values, digits)

    # -- numbers -------------------------------------------------------------

    def evaluate(self, network: Network, inputs, targets) -> dict[str, float]:
        """Every definition and factor evaluated by sympy alone for
        ``network``'s parameters: its own forward pass at ``PRECISION``
        digits, then every derived factor."""
        return dict(self.evaluation(network, inputs, targets))

    def evaluation(self, network: Network, inputs, targets) -> Evaluation:
        """sympy's values for ``network``'s parameters, as :meth:`evaluate`
        gives them, each derived factor computed only when it is asked for
        (a lesson shows the check of one step at a time)."""
        if network.names.parameters != self.names.parameters:
            raise ValueError("evaluate: the network has a different shape")
        s = self.symbol
        values: dict[sympy.Symbol, sympy.Float] = {
            s(p): sympy.Float(repr(v), PRECISION) for p, v in network.parameters.items()
        }
        for name, v in zip(self.names.neurons[0], inputs):
            values[s(name)] = sympy.Float(repr(float(v)), PRECISION)
        for name, v in zip(self.names.targets, targets):
            values[s(name)] = sympy.Float(repr(float(v)), PRECISION)
        for name, expr in self.definitions.items():
            values[s(name)] = expr.xreplace(values).evalf(PRECISION)
        return Evaluation(values, self.factors)

    def flat_gradient(self, parameter: str) -> sympy.Expr:
        """``dE_total/dp`` with every quantity written out in parameters,
        inputs and targets, differentiated in one ``sympy.diff`` (slow for
        large networks; used as an independent check on small ones)."""
        return sympy.diff(self.flat_error, self.symbol(parameter))

    @cached_property
    def flat_error(self) -> sympy.Expr:
        expr = self.symbol("E_total")
        for name in reversed(list(self.definitions)):
            expr = expr.xreplace({self.symbol(name): self.definitions[name]})
        return expr


class Evaluation(Mapping[str, float]):
    """sympy's values of one network by name: the forward pass (evaluated
    when made), and each derived factor, evaluated the first time it is
    read (``values`` substituted into it, at ``PRECISION`` digits)."""

    def __init__(self, values: dict[sympy.Symbol, sympy.Float], factors: dict[str, sympy.Expr]):
        self.substitutions = values
        self.factors = factors
        self.known = {str(k): float(v) for k, v in values.items()}

    def __getitem__(self, name: str) -> float:
        if name not in self.known:
            if name not in self.factors:
                raise KeyError(name)
            self.known[name] = float(
                self.factors[name].xreplace(self.substitutions).evalf(PRECISION)
            )
        return self.known[name]

    def __contains__(self, name: object) -> bool:
        return name in self.known or name in self.factors

    def __iter__(self) -> Iterator[str]:
        yield from [str(k) for k in self.substitutions]
        yield from self.factors

    def __len__(self) -> int:
        return len(self.substitutions) + len(self.factors)


def _product(*factors) -> sympy.Expr:
    """The product of ``factors`` in chain order, not rearranged by sympy."""
    args: list[sympy.Expr] = []
    for factor in factors:
        args.extend(factor.args if isinstance(factor, sympy.Mul) else [factor])
    return sympy.Mul(*args, evaluate=False)


def _evaluated(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` rebuilt with sympy's automatic simplification switched on."""
    if not expr.args:
        return expr
    return expr.func(*(_evaluated(arg) for arg in expr.args))


@lru_cache(maxsize=64)  # as many as course.steps keeps plans
def symbolic(network_shape: tuple) -> Symbolic:
    """The (cached) symbolic model of a network shape: pass
    ``(sizes, activations, loss, bias_mode)``."""
    sizes, activations, loss, bias_mode = network_shape
    return Symbolic(Network.create(list(sizes), list(activations), loss, bias_mode))


def for_network(network: Network) -> Symbolic:
    """The cached :class:`Symbolic` of ``network``'s shape (any parameters)."""
    return symbolic((network.sizes, network.activations, network.loss, network.bias_mode))
