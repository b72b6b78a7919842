"""How backpropagation runs: the statements turned into Python functions.

:mod:`mazur_nn.core.statements` lists what is computed for a network shape;
this module writes those statements out as straight-line Python functions
(forward, errors, backward, and a training loop per option), compiles them
once per shape, and shows their source (:func:`source`). The numbers a
student reads are exactly the numbers training uses, and training runs
about as fast as hand-written Python: a plain list-based loop is about 11x
slower, a graph of objects in the style of micrograd about 100x (see
docs/ARCHITECTURE.md).

Only our own names and the registry's expressions go into the generated
code; every number arrives as an argument.

Example
-------
>>> engine = get_engine((2, 2, 2), ("sigmoid", "sigmoid"), "half_squared_error", "shared")
>>> print(engine.source.splitlines()[3])
    net_h1 = w1 * i1 + w2 * i2 + b1
"""

from __future__ import annotations

import linecache
import math
from functools import lru_cache
from typing import Any

from mazur_nn.core.functions import MATH_FUNCTIONS
from mazur_nn.core.statements import (
    Statement,
    Statements,
    identifier,
    name_of,
    statements_of,
)
from mazur_nn.core.validate import echo

LARGEST_FLOAT = 1.7976931348623157e308


def lines(statements, indent: str = "    ") -> list[str]:
    """``identifier = code``, one line per statement."""
    return [f"{indent}{identifier(s.name)} = {s.code}" for s in statements]


def unpack(names, what: str) -> str:
    """``a, b = what`` (with the trailing comma a single name needs)."""
    return f"    {', '.join(names)}{',' if len(names) == 1 else ''} = {what}"


def update_order(statements: Statements, hidden_uses: str, update_biases: bool) -> list[Statement]:
    """One backward pass and its updates, in the order the chosen variant
    runs them. ``hidden_uses="original"`` updates every parameter at the end
    (the post's steps); ``"updated"`` updates each layer as soon as its
    gradients are known, so the layers before it see the new weights (the
    script behind the post's printed results; see the README's errata)."""
    names = statements.names
    order: list[Statement] = []
    updates: list[Statement] = []
    for layer in range(statements.layers, 0, -1):
        params = [w for row in names.weight_matrix[layer - 1] for w in row]
        if update_biases:
            params += list(names.layer_biases[layer - 1])
        step = [
            Statement(p, f"{p} - learning_rate * {identifier('dE_total/d' + p)}", layer)
            for p in params
        ]
        order += [*statements.deltas[layer], *statements.gradients[layer]]
        (order if hidden_uses == "updated" else updates).extend(step)
    return order + updates


def backward_statements(statements: Statements) -> list[Statement]:
    """Every backward statement, output layer first, then the named factors."""
    layers = sorted(statements.deltas, reverse=True)
    result = [s for layer in layers for s in statements.deltas[layer] + statements.gradients[layer]]
    return result + list(statements.factors)


def returned(names) -> str:
    """``return {'name': identifier, ...}``."""
    return "    return {" + ", ".join(f"{n!r}: {identifier(n)}" for n in names) + "}"


def forward_source(statements: Statements) -> list[str]:
    names = statements.names
    return [
        "def forward(parameters, inputs):",
        f"    {', '.join(names.parameters)}, = parameters",
        unpack(names.neurons[0], "inputs"),
        *lines(statements.forward),
        returned(names.forward),
    ]


def errors_source(statements: Statements) -> list[str]:
    outs = [f"out_{n}" for n in statements.names.neurons[-1]]
    # A softmax's cross-entropy is computed from the net inputs (log-sum-exp).
    code = " ".join(s.code for s in statements.errors)
    outs += [f"net_{n}" for n in statements.names.neurons[-1] if f"net_{n}" in code]
    return [
        "def errors(values, targets):",
        unpack(statements.names.targets, "targets"),
        *[f"    {o} = values[{o!r}]" for o in outs],
        *lines(statements.errors),
        returned(s.name for s in statements.errors),
    ]


def backward_source(statements: Statements) -> list[str]:
    names = statements.names
    known = [*names.parameters, *names.neurons[0], *names.targets, *names.forward]
    backward = backward_statements(statements)
    return [
        "def backward(values):",
        *[f"    {n} = values[{n!r}]" for n in known],
        *lines(backward),
        returned(s.name for s in backward),
    ]


def train_name(hidden_uses: str, update_biases: bool) -> str:
    """``train_original_without_biases`` and its three siblings."""
    return f"train_{hidden_uses}_{'with' if update_biases else 'without'}_biases"


def train_source(statements: Statements, hidden_uses: str, update_biases: bool) -> list[str]:
    """``rounds`` rounds of forward, errors, backward and update; E_total of
    each round goes into ``history``, and the loop stops once it overflows."""
    names = statements.names
    return [
        f"def {train_name(hidden_uses, update_biases)}("
        "parameters, inputs, targets, learning_rate, rounds, history):",
        f"    {', '.join(names.parameters)}, = parameters",
        unpack(names.neurons[0], "inputs"),
        unpack(names.targets, "targets"),
        "    for round_index in range(rounds):",
        *lines(statements.forward + statements.errors, "        "),
        "        history.append(E_total)",
        "        if not E_total <= LARGEST_FLOAT:",
        "            break",
        *lines(update_order(statements, hidden_uses, update_biases), "        "),
        f"    return ({', '.join(names.parameters)},)",
    ]


def update_name(update_biases: bool) -> str:
    """``update_updated_without_biases`` or ``update_updated_with_biases``."""
    return f"update_updated_{'with' if update_biases else 'without'}_biases"


def update_source(statements: Statements, update_biases: bool) -> list[str]:
    """The update of the post's printed variant (``hidden_uses="updated"``),
    from the values of one backward pass: the output layer moves by the
    gradients given; each layer before it then takes its gradients again,
    with the later weights already moved, and moves by those. Nothing else
    is recomputed: the forward values and the later deltas are the ones given."""
    names = statements.names
    known = [*names.parameters, *names.neurons[0], *names.targets, *names.forward]
    known += [s.name for s in backward_statements(statements)]
    order = update_order(statements, "updated", update_biases)
    given = {*statements.deltas[statements.layers], *statements.gradients[statements.layers]}
    return [
        f"def {update_name(update_biases)}(values, learning_rate):",
        *[f"    {identifier(n)} = values[{n!r}]" for n in known],
        *lines(s for s in order if s not in given),
        f"    return ({', '.join(names.parameters)},)",
    ]


def program_source(statements: Statements) -> str:
    """The whole program of one shape: forward, errors, backward, the four
    training loops and the two updates of the post's printed variant."""
    parts = [forward_source(statements), errors_source(statements), backward_source(statements)]
    for hidden_uses in ("original", "updated"):
        for update_biases in (False, True):
            parts.append(train_source(statements, hidden_uses, update_biases))
    parts += [update_source(statements, update_biases) for update_biases in (False, True)]
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


class Engine:
    """The statements of one network shape and the functions compiled from them."""

    def __init__(self, sizes, activations, loss, bias_mode) -> None:
        self.statements = statements_of(tuple(sizes), tuple(activations), loss, bias_mode)
        self.names = self.statements.names
        self.chain = self.statements.chain
        self.source = program_source(self.statements)
        shape = f"{list(sizes)} {'/'.join(activations)} {loss} {bias_mode}"
        self.filename = f"<mazur_nn engine {shape}>"
        # linecache lets tracebacks and debuggers show the generated lines.
        lines_ = self.source.splitlines(True)
        linecache.cache[self.filename] = (len(self.source), None, lines_, self.filename)
        code = compile(self.source, self.filename, "exec")
        # Two copies of the same code: the fast one calls the C library's exp
        # directly; where that raises OverflowError, :meth:`run` repeats the
        # call with the registry's exp, which gives inf there (IEEE's answer)
        # and the very same numbers everywhere else.
        self.functions: dict[str, Any] = {**MATH_FUNCTIONS, "exp": math.exp}
        self.saturating: dict[str, Any] = {**MATH_FUNCTIONS}
        self.functions["LARGEST_FLOAT"] = self.saturating["LARGEST_FLOAT"] = LARGEST_FLOAT
        exec(code, self.functions)  # noqa: S102 (our own code)
        exec(code, self.saturating)  # noqa: S102 (our own code)

    def run(self, name: str, *args, history: list | None = None):
        """Call the generated function ``name``; past exp's range, call it
        again in its saturating copy (a training ``history`` starts over)."""
        extra = () if history is None else (history,)
        try:
            return self.functions[name](*args, *extra)
        except OverflowError:
            if history is not None:
                history.clear()
            return self.saturating[name](*args, *extra)

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
        return name_of(text.split(" = ", 1)[0])


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
        raise ValueError(f"part: {echo(repr(part))} is not allowed; allowed are {', '.join(names)}")
    blocks = engine.source.split("\n\n")
    return next(b for b in blocks if b.startswith(f"def {names[part]}(")) + "\n"
