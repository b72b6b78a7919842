"""Three names for each number: the course's (Mazur's ``w1``, ``net_h1``),
the source's (``w11``, ``z11``) and the matrix entry (``W[1][0, 0]``), and
which entries hold each core parameter's partial.

>>> from mazur_nn import mazur_example
>>> network = mazur_example().network
>>> source_names(network)["w5"], entry_label(parameter_entries(network)["b1"])
('w31', 'db[1][0, 0] + db[1][1, 0]')
"""

# ruff: noqa: E741 (l is the source's name for a layer)
from __future__ import annotations

from mazur_nn.core.table import Table
from mazur_nn.lessons.vectorised.model import read_model


def parameter_entries(network) -> dict[str, tuple[tuple[str, int, int, int], ...]]:
    """For each core parameter, the matrix entries holding its partial:
    ``(quantity, l, j, k)``, e.g. ``w2 -> (("dW", 1, 0, 1),)``. A bias shared
    by a layer is in every row of ``db[l]``: its partial is their sum.

    >>> from mazur_nn import mazur_example
    >>> entries = parameter_entries(mazur_example().network)
    >>> entries["w6"], entries["b2"]
    ((('dW', 2, 0, 1),), (('db', 2, 0, 0), ('db', 2, 1, 0)))
    """
    names = network.names
    result: dict[str, list] = {}
    for l, rows in enumerate(names.weight_matrix, start=1):
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                result[w] = [("dW", l, j, k)]
    for l, neurons in enumerate(names.neurons[1:], start=1):
        for j, neuron in enumerate(neurons):
            result.setdefault(names.bias_of[neuron], []).append(("db", l, j, 0))
    return {p: tuple(result[p]) for p in names.parameters}


def entry_label(entries) -> str:
    """The entries as text: ``dW[2][0, 1]``, or a sum of them."""
    return " + ".join(f"{q}[{l}][{j}, {k}]" for q, l, j, k in entries)


def source_names(network) -> dict[str, str]:
    """The source's name of each parameter: ``w`` + the node it comes from
    (counted over all layers, inputs first) + the neuron it goes to (counted
    in its layer); ``b1``, ``b2`` for a bias shared by a layer; ``-`` for a
    bias per neuron (the source has none).

    >>> from mazur_nn.core.network import Network
    >>> names = source_names(Network.create([2, 3, 1]))
    >>> [names[w] for w in ("w1", "w2", "w3", "w7", "w9", "b1")]
    ['w11', 'w21', 'w12', 'w31', 'w51', 'b1']
    """
    names, sizes = network.names, network.sizes
    wide = sum(sizes) >= 10
    result = {}
    for l, rows in enumerate(names.weight_matrix, start=1):
        before = sum(sizes[: l - 1])
        for j, row in enumerate(rows):
            for k, w in enumerate(row):
                result[w] = f"w{before + k + 1},{j + 1}" if wide else f"w{before + k + 1}{j + 1}"
    for b in names.biases:
        result[b] = b if network.bias_mode == "shared" else "-"
    return {p: result[p] for p in names.parameters}


def names_table(model) -> Table:
    """Three names for each number: the course's (Mazur's), the source's and
    the matrix entry (column ``j`` is example ``j``).

    >>> from mazur_nn import Config
    >>> config = Config.from_dict({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [1]})
    >>> names_table(config).rows[1]
    ('w2', 'w21', 'W[1][0, 1]', 'from i2 to h1')
    """
    found = read_model(model)
    if found.network is None:
        raise TypeError("model: expected a Config or a Network (the course's names come from it)")
    network = found.network
    names = network.names
    source = source_names(network)
    rows = []
    for l, layer in enumerate(names.weight_matrix, start=1):
        for j, row in enumerate(layer):
            for k, w in enumerate(row):
                what = f"from {names.neurons[l - 1][k]} to {names.neurons[l][j]}"
                rows.append((w, source[w], f"W[{l}][{j}, {k}]", what))
    for b, entries in parameter_entries(network).items():
        if b in names.biases:
            cells = " = ".join(f"b[{l}][{j}, 0]" for _, l, j, _ in entries)
            fed = ", ".join(names.neurons[l][j] for _, l, j, _ in entries)
            rows.append((b, source[b], cells, f"bias of {fed}"))
    for l, neurons in enumerate(names.neurons[1:], start=1):
        for j, n in enumerate(neurons):
            for course, letter, matrix in (("net", "z", "Z"), ("out", "a", "A")):
                rows.append(
                    (f"{course}_{n}", f"{letter}{l}{j + 1}", f"{matrix}[{l}][{j}, j]", "example j")
                )
    return Table(
        ("course", "source", "matrix entry", "what"),
        rows,
        "Names: the course's, the source's, and the matrix entry",
    )
