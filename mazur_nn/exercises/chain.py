"""The chain rule's structure of a network, read from the engine's statements.

:func:`mazur_nn.core.statements.statements_of` already holds, for every
parameter, the chain-rule factors whose product is its gradient, and for a
hidden neuron the paths its factor ``dE_total/dout_h`` adds up. A
:class:`Chain` reads that structure once per network shape into lookups by
quantity name, for the hints and the slips: which factors make a gradient
or a path (:meth:`Chain.factors_of`), which paths a sum adds
(:meth:`Chain.paths_into`), which neuron a slope or an error factor
belongs to, which weights leave a neuron, which layer a quantity belongs
to, and what a factor means in words (:meth:`Chain.describe`, with the
activation's words from the registry :mod:`mazur_nn.core.functions`).
Nothing here parses a quantity's name.

A path through an output (``dE_o1/dout_h1``) is a product of three plain
factors (the output's error factor, its slope and the weight); a path
through a hidden neuron of a deeper network carries that neuron's own sum
and is only a term of the sum it belongs to.

Example
-------
>>> from mazur_nn.core.config import mazur_example
>>> chain = chain_of(mazur_example())
>>> chain.factors_of("dE_total/dw1")
('dE_total/dout_h1', 'dout_h1/dnet_h1', 'dnet_h1/dw1')
>>> chain.factors_of("dE_o2/dout_h1")
('dE_total/dout_o2', 'dout_o2/dnet_o2', 'dnet_o2/dout_h1')
>>> chain.paths_into("dE_total/dout_h1")
('dE_o1/dout_h1', 'dE_o2/dout_h1')
>>> chain.describe("dout_o1/dnet_o1"), chain.describe("dnet_o1/dout_h1")
("the sigmoid's derivative", 'the weight from h1 to o1')
>>> chain.weights_leaving("h1")
{'o1': 'w5', 'o2': 'w7'}
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from mazur_nn.core.config import Config
from mazur_nn.core.functions import get_activation
from mazur_nn.core.names import Names
from mazur_nn.core.statements import name_of, statements_of


@dataclass(frozen=True)
class Path:
    """One path of a hidden neuron's sum: from the error back to ``neuron``
    through ``through`` (a neuron of the next layer) along ``weight``, whose
    factor is ``local`` (``dnet_o1/dout_h1``). ``factors`` is the path's
    product for a path through an output, else empty."""

    name: str
    neuron: str
    through: str
    weight: str
    local: str
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chain:
    """The chain-rule structure of one network shape, by quantity name."""

    names: Names
    activations: tuple[str, ...]
    layer: dict[str, int]  # neuron -> its layer (0: the inputs)
    error: dict[str, str]  # neuron -> its factor dE_total/dout_n
    slope: dict[str, str]  # neuron -> its slope dout_n/dnet_n
    gradient: dict[str, str]  # parameter -> dE_total/dp
    products: dict[str, tuple[str, ...]]  # a weight's gradient or a path -> its factors
    paths: dict[str, tuple[Path, ...]]  # hidden neuron -> the paths its sum adds
    words: dict[str, str] = field(default_factory=dict)  # factor -> what it means
    local_factors: frozenset[str] = frozenset()  # every factor dnet_n/d...
    sums: dict[str, tuple[str, ...]] = field(default_factory=dict)  # softmax: dE_total/dnet_o
    jacobian: dict[str, tuple[str, str]] = field(default_factory=dict)  # dout_ok/dnet_oj -> k, j

    # -- which neuron, which layer --------------------------------------------

    @property
    def coupled(self) -> bool:
        """Whether the output layer is a softmax: every output depends on
        every net input, so a gradient into it is ``dE_total/dnet_o`` (a sum
        of paths, one through each output) times ``dnet_o/dw``."""
        return get_activation(self.activations[-1]).layerwise

    def activation_of(self, neuron: str) -> str:
        """The registry name of ``neuron``'s activation."""
        return self.activations[self.layer[neuron] - 1]

    def activation_words(self, neuron: str) -> str:
        """How a sentence names ``neuron``'s activation ("sigmoid")."""
        return get_activation(self.activation_of(neuron)).words

    def is_output(self, neuron: str) -> bool:
        return neuron in self.names.neurons[-1]

    def forward_of(self, name: str) -> tuple[str, str] | None:
        """``("net", n)`` or ``("out", n)`` for a neuron's forward quantity, else None."""
        kinds = [
            (kind, n) for layer in self.names.neurons[1:] for n in layer for kind in ("net", "out")
        ]
        return dict(zip(self.names.forward, kinds)).get(name)

    def neuron_of_slope(self, name: str) -> str | None:
        """The neuron whose slope ``dout_n/dnet_n`` is ``name``, else None."""
        return next((n for n, s in self.slope.items() if s == name), None)

    def neuron_of_error(self, name: str) -> str | None:
        """The neuron whose factor ``dE_total/dout_n`` is ``name``, else None."""
        return next((n for n, e in self.error.items() if e == name), None)

    def back_to(self, name: str) -> str | None:
        """The hidden neuron that a sum ``dE_total/dout_h`` or a path through
        an output ``dE_o1/dout_h`` goes back to, else None."""
        neuron = self.neuron_of_error(name)
        if neuron in self.paths:
            return neuron
        path = self.path(name)
        return path.neuron if path is not None and path.factors else None

    def weight_layer(self, name: str) -> int | None:
        """The layer of weights (0: into the first hidden layer) a quantity
        differentiates for: a weight's gradient, or a hidden neuron's sum or
        path through an output (the weights into that neuron), else None."""
        weight = next((p for p, g in self.gradient.items() if g == name), None)
        if weight in self.names.weights:
            return self.layer_of_weight(weight)
        neuron = self.back_to(name)
        return None if neuron is None else self.layer[neuron] - 1

    def layer_of_weight(self, weight: str) -> int:
        """The layer of weights ``weight`` belongs to (0: into the first hidden layer)."""
        return next(
            k for k, rows in enumerate(self.names.weight_matrix) for row in rows if weight in row
        )

    def updated_by(self, step: str) -> str | None:
        """The parameter that the lesson's update step ``step`` (``w5+``) sets, else None."""
        return next((p for p in self.names.parameters if step == f"{p}+"), None)

    def weights_of_layer(self, parameter: str) -> tuple[str, ...]:
        """The weights of the layer ``parameter`` belongs to (none for a bias)."""
        if parameter not in self.names.weights:
            return ()
        rows = self.names.weight_matrix[self.layer_of_weight(parameter)]
        return tuple(w for row in rows for w in row)

    # -- products and sums -------------------------------------------------------

    def factors_of(self, name: str) -> tuple[str, ...]:
        """The chain-rule factors whose product is ``name`` (a weight's
        gradient, or a path through an output); empty otherwise."""
        return self.products.get(name, ())

    def paths_into(self, name: str) -> tuple[str, ...]:
        """The paths that a hidden neuron's ``dE_total/dout_h`` adds up, or a
        softmax output's ``dE_total/dnet_o`` (one through each output);
        empty for any other quantity."""
        if name in self.sums:
            return self.sums[name]
        return tuple(p.name for p in self.paths.get(self.neuron_of_error(name), ()))

    def path(self, name: str) -> Path | None:
        """The path called ``name``, or None."""
        return next((p for ps in self.paths.values() for p in ps if p.name == name), None)

    def path_of_weight(self, factor: str) -> Path | None:
        """The path whose weight factor (``dnet_o1/dout_h1``) is ``factor``, or None."""
        return next((p for ps in self.paths.values() for p in ps if p.local == factor), None)

    def weights_leaving(self, neuron: str) -> dict[str, str]:
        """The weights from hidden ``neuron``, by the neuron each feeds."""
        return {p.through: p.weight for p in self.paths[neuron]}

    def derivative_of(self, name: str) -> tuple[str, str] | None:
        """``(top, by)`` when ``name`` differentiates one definition by one
        name: a slope is ``(out_n, net_n)``, an error factor ``(E_total, out_n)``."""
        neuron = self.neuron_of_slope(name)
        if neuron is not None:
            return f"out_{neuron}", f"net_{neuron}"
        if name in self.jacobian:  # a softmax's: out_ok by net_oj
            k, j = self.jacobian[name]
            return f"out_{k}", f"net_{j}"
        neuron = self.neuron_of_error(name)
        return None if neuron is None else ("E_total", f"out_{neuron}")

    def describe(self, factor: str) -> str:
        """What a chain-rule factor means, in words (its name if nothing is known)."""
        return self.words.get(factor, factor)


def _paths(statements, layer: int, j: int, error, chain: Chain) -> tuple[Path, ...]:
    """The paths into neuron ``j`` of hidden ``layer`` (``error`` is its
    factor): the terms of its sum, or with one next neuron the one path its
    statement is computed as. ``chain`` holds the layers after it."""
    names = statements.names
    n = names.neurons[layer][j]
    path_names = [p.name for (p,) in error.terms]
    if not path_names:
        (code,) = (s.code for s in statements.deltas[layer] if s.name == error.name)
        path_names = [name_of(code)]
    local = {s.code: s.name for s in statements.factors if s.code in names.weights}
    result = []
    for k, (name, through) in enumerate(zip(path_names, names.neurons[layer + 1])):
        w = names.weight_matrix[layer][k][j]
        factors = ()
        if chain.is_output(through) and not chain.coupled:
            factors = (chain.error[through], chain.slope[through], local[w])
        result.append(Path(name, n, through, w, local[w], factors))
    return tuple(result)


def _words(chain: Chain, statements) -> dict[str, str]:
    """What each factor of ``chain`` means, in words."""
    names = chain.names
    words = {}
    for n, layer in chain.layer.items():
        if layer == 0:
            continue
        error = f"how the error changes with out_{n}"
        if not chain.is_output(n):
            error += ", added up over every path"
        words[chain.error[n]] = error
        words[chain.slope[n]] = f"the {chain.activation_words(n)}'s derivative"
        for w in names.weight_matrix[layer - 1][names.neurons[layer].index(n)]:
            words[chain.products[chain.gradient[w]][-1]] = f"what {w} multiplies in net_{n}"
    for n, paths in chain.paths.items():
        for p in paths:
            words[p.local] = f"the weight from {n} to {p.through}"
            if p.factors:
                words[p.name] = f"the path from out_{n} through {p.through}"
    for b in names.biases:
        fed = [n for n, bias in names.bias_of.items() if bias == b]
        factors = statements.chain[b]  # one neuron's chain, or the sum over those it feeds
        bias_locals = [factors[-1]] if len(fed) == 1 else [term[-1] for term in factors[0].terms]
        for n, local in zip(fed, bias_locals):
            words[local.name] = f"what {b} multiplies in net_{n}"
    return words


@lru_cache(maxsize=32)
def chain_of_shape(sizes, activations, loss: str, bias_mode: str) -> Chain:
    """The (cached) :class:`Chain` of a network shape: each layer read from
    the engine's statements, the output layer first (a hidden neuron's paths
    go through the layer after it)."""
    statements = statements_of(sizes, activations, loss, bias_mode)
    names = statements.names
    chain = Chain(names, tuple(activations), dict.fromkeys(names.neurons[0], 0), {}, {}, {}, {}, {})
    for layer in range(len(names.sizes) - 1, 0, -1):
        params = [w for row in names.weight_matrix[layer - 1] for w in row]
        params += names.layer_biases[layer - 1]
        chain.gradient.update((p, s.name) for p, s in zip(params, statements.gradients[layer]))
        for j, n in enumerate(names.neurons[layer]):
            row = names.weight_matrix[layer - 1][j]
            chain.layer[n] = layer
            # a softmax output's chain is (dE_total/dnet_n, dnet_n/dw): its
            # error factor and its own slope are terms of that sum's paths
            chain.error[n], chain.slope[n] = f"dE_total/dout_{n}", f"dout_{n}/dnet_{n}"
            for w in row:
                chain.products[chain.gradient[w]] = tuple(f.name for f in statements.chain[w])
            if layer < len(names.sizes) - 1:
                error = statements.chain[row[0]][0]  # a hidden neuron's: dE_total/dout_n
                chain.paths[n] = _paths(statements, layer, j, error, chain)
                chain.products.update((p.name, p.factors) for p in chain.paths[n] if p.factors)
    chain.words.update(_words(chain, statements))
    if chain.coupled:
        _coupled(chain, statements)
    return replace(chain, local_factors=frozenset(s.name for s in statements.factors))


def _coupled(chain: Chain, statements) -> None:
    """A softmax output layer's structure, read from its chains: each
    ``dE_total/dnet_oj`` is a sum of paths ``dE_total/dnet_oj via ok``, each
    the product ``dE_total/dout_ok * dout_ok/dnet_oj`` (a Jacobian entry)."""
    names = chain.names
    outputs = names.neurons[-1]
    for j, n in enumerate(outputs):
        (total, *_) = statements.chain[names.weight_matrix[-1][j][0]]
        chain.sums[total.name] = tuple(path.name for (path,) in total.terms)
        for (path,) in total.terms:
            ((error, local),) = path.terms
            chain.products[path.name] = (error.name, local.name)
            k = outputs[[chain.error[o] for o in outputs].index(error.name)]
            chain.jacobian[local.name] = (k, n)
            chain.words[local.name] = f"how out_{k} changes with net_{n}"
            chain.words[path.name] = f"the path from net_{n} through out_{k}"
        chain.words[total.name] = f"how the error changes with net_{n}, added up over every output"


def chain_of(config: Config) -> Chain:
    """The :class:`Chain` of ``config``'s network shape."""
    n = config.network
    return chain_of_shape(n.sizes, n.activations, n.loss, n.bias_mode)
