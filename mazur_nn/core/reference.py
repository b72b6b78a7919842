"""Backpropagation as plain loops: read this first.

The engine (:mod:`mazur_nn.core.statements`, :mod:`mazur_nn.core.codegen`)
writes every step out as a line of its own, which is fast and shows each
number with its name. Underneath it is the short recursion below, written
in the post's names with lists and loops, in the spirit of Nielsen's
``network.py``. The tests use it as an independent oracle for the engine.

- **forward**: layer by layer, ``net = sum of w * input + b``, ``out = f(net)``;
- **deltas**: at the output ``delta_o = dE/dout_o * f'(net_o)``; one layer
  back, ``delta_h = (sum over the next layer of delta_k * w_kh) * f'(net_h)``;
  a softmax output layer, where every output depends on every net input,
  sums over its outputs: ``delta_oj = sum over k of dE/dout_ok * dout_ok/dnet_oj``;
- **gradients**: ``dE_total/dw = delta of the neuron it feeds * what comes in``;
  a bias gets the delta of each neuron it feeds.

Example
-------
>>> from mazur_nn import mazur_example
>>> ex = mazur_example()
>>> gradients = backprop(ex.network, ex.inputs, ex.targets)
>>> round(gradients["w5"], 9), round(gradients["w1"], 9)
(0.082167041, 0.000438568)
"""

from __future__ import annotations

from mazur_nn.core.functions import get_activation, get_loss
from mazur_nn.core.network import Network


def backprop(network: Network, inputs, targets) -> dict[str, float]:
    """``dE_total/dp`` for every parameter ``p`` of ``network``, by plain loops."""
    names, p = network.names, network.parameters
    loss = get_loss(network.loss)

    # Forward: outs[l][j] is out of neuron j in layer l (layer 0: the inputs).
    nets: list[list[float]] = [[]]
    outs: list[list[float]] = [list(inputs)]
    for layer in range(1, len(names.sizes)):
        activation = get_activation(network.activations[layer - 1])
        net = [
            sum(p[w] * x for w, x in zip(row, outs[-1])) + p[names.bias_of[n]]
            for row, n in zip(names.weight_matrix[layer - 1], names.neurons[layer])
        ]
        nets.append(net)
        outs.append(activation.layer_values(net))

    # Deltas, from the output layer back: delta[j] = dE_total/dnet of neuron j.
    last = len(names.sizes) - 1
    deltas: list[list[float]] = [[] for _ in names.sizes]
    for layer in range(last, 0, -1):
        activation = get_activation(network.activations[layer - 1])
        if layer == last:
            count = names.sizes[-1]
            d_out = [loss.slope(t, o, count) for t, o in zip(targets, outs[layer])]
        else:
            after = names.weight_matrix[layer]  # after[k][j]: from neuron j to neuron k
            d_out = [
                sum(deltas[layer + 1][k] * p[after[k][j]] for k in range(len(after)))
                for j in range(names.sizes[layer])
            ]
        if activation.layerwise:  # jacobian[k][j] = dout_k/dnet_j
            jacobian = activation.jacobian(nets[layer], outs[layer])
            deltas[layer] = [
                sum(d_out[k] * jacobian[k][j] for k in range(len(d_out))) for j in range(len(d_out))
            ]
        else:
            rows = zip(d_out, nets[layer], outs[layer])
            deltas[layer] = [d * activation.slope(net, out) for d, net, out in rows]

    # Gradients: a weight's is the delta it feeds times what comes in; a
    # bias adds up the deltas of the neurons it feeds.
    gradients = dict.fromkeys(names.parameters, 0.0)
    for layer in range(1, last + 1):
        for j, n in enumerate(names.neurons[layer]):
            for w, x in zip(names.weight_matrix[layer - 1][j], outs[layer - 1]):
                gradients[w] = deltas[layer][j] * x
            gradients[names.bias_of[n]] += deltas[layer][j]
    return gradients
