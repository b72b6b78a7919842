"""Forward pass, backward pass, update and training, each its own step.

``backward`` only computes: it returns every gradient and every chain-rule
factor that made it, and changes nothing. ``update`` returns a *new*
network. So a student can look at the gradients before anything moves.

Example
-------
>>> from mazur_nn import mazur_example
>>> ex = mazur_example()
>>> fwd = forward(ex.network, ex.inputs, ex.targets)
>>> round(fwd["out_o1"], 9), round(fwd["E_total"], 9)
(0.75136507, 0.298371109)
>>> bwd = backward(ex.network, ex.inputs, ex.targets)
>>> [(f.name, round(f.value, 9)) for f in bwd.chain["w5"]]
[('dE_total/dout_o1', 0.74136507), ('dout_o1/dnet_o1', 0.186815602), ('dnet_o1/dw5', 0.593269992)]
>>> round(update(ex.network, bwd, 0.5).parameters["w5"], 8)
0.35891648
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from mazur_nn.core.codegen import LARGEST_FLOAT, get_engine, train_name, update_name
from mazur_nn.core.functions import get_loss
from mazur_nn.core.names import latex_name
from mazur_nn.core.network import Network
from mazur_nn.core.numbers import format_number
from mazur_nn.core.statements import Factor
from mazur_nn.core.validate import (
    choice,
    number_list,
    positive_number,
    probability_vector,
    whole_number,
)

HIDDEN_USES = ("original", "updated")
MAX_ROUNDS = 10_000_000


class TrainingDiverged(ValueError):
    """Training stopped because the numbers overflowed.

    ``round`` is the 1-based round in which the numbers left float64's
    range; ``history`` holds E_total of every round before it (all finite)."""

    def __init__(self, message: str, round: int, history: list[float]) -> None:
        super().__init__(message)
        self.round = round
        self.history = history


def _engine(network: Network):
    return get_engine(network.sizes, network.activations, network.loss, network.bias_mode)


def check_example(network: Network, inputs, targets=None):
    """Inputs (and targets, if given) as float tuples of the right length."""
    names = network.names
    inputs = number_list(inputs, "inputs", network.sizes[0], names.neurons[0])
    if targets is not None:
        targets = number_list(targets, "targets", network.sizes[-1], names.targets)
        rule = get_loss(network.loss).targets
        if rule in ("unit_interval", "probability"):
            for name, t in zip(names.targets, targets):
                if not 0.0 <= t <= 1.0:
                    raise ValueError(
                        f"targets[{name}]: {t} is outside [0, 1], which {network.loss} needs"
                    )
        if rule == "probability":
            probability_vector(targets, "targets", names.targets, network.loss)
    return inputs, targets


def arithmetic_problem(engine, exc: Exception) -> str:
    """What went wrong in a generated statement, in words: the statement's
    name, and why. Saturation is no error (``exp`` past its range gives inf,
    and the sigmoid exactly 0 or 1); what is left is a log of 0 or a division
    by 0 at a saturated output, or a value float64 cannot hold."""
    statement = engine.statement_at(exc.__traceback__) or "a quantity"
    if isinstance(exc, ZeroDivisionError):
        return (
            f"{statement} divides by 0 ({exc}): an output is exactly 0 or 1 (saturated), "
            "where the loss's slope is infinite"
        )
    if isinstance(exc, ValueError):
        return (
            f"{statement} cannot be computed ({exc}): it takes the log of an output that "
            "is exactly 0 or 1 (saturated), where the loss is infinite"
        )
    return f"the numbers left float64's range computing {statement} ({exc})"


def _arithmetic_error(engine, exc: Exception, where: str) -> ValueError:
    return ValueError(
        f"{where}: {arithmetic_problem(engine, exc)}; use smaller weights, inputs or learning rate"
    )


@dataclass(frozen=True)
class Forward:
    """Every forward quantity by name (``net_h1``, ``out_h1``, ...), and the
    errors (``E_o1``, ..., ``E_total``) when targets were given."""

    network: Network
    inputs: tuple[float, ...]
    targets: tuple[float, ...] | None
    values: dict[str, float]

    def __getitem__(self, name: str) -> float:
        return self.values[name]

    @property
    def outputs(self) -> dict[str, float]:
        """The output layer's values: ``{"o1": out_o1, ...}``."""
        return {o: self.values[f"out_{o}"] for o in self.network.names.neurons[-1]}

    @property
    def errors(self) -> dict[str, float]:
        return {n: self.values[n] for n in self.network.names.errors if n in self.values}

    @property
    def by_name(self) -> dict[str, float]:
        """Every number of the example so far by name: the parameters, the
        inputs, the targets (if given) and every forward quantity."""
        names = self.network.names
        targets = dict(zip(names.targets, self.targets)) if self.targets is not None else {}
        inputs = dict(zip(names.neurons[0], self.inputs))
        return {**self.network.parameters, **inputs, **targets, **self.values}


def forward(network: Network, inputs, targets=None) -> Forward:
    """The forward pass: ``net`` and ``out`` of every neuron, then the errors."""
    inputs, targets = check_example(network, inputs, targets)
    engine = _engine(network)
    try:
        values = engine.run("forward", network.weights + network.biases, inputs)
        if targets is not None:
            values.update(engine.run("errors", values, targets))
    except (OverflowError, ZeroDivisionError, ValueError) as exc:
        raise _arithmetic_error(engine, exc, "forward pass") from None
    bad = [name for name, value in values.items() if not math.isfinite(value)]
    if bad:
        raise ValueError(
            f"forward pass: {bad[0]} is {values[bad[0]]}; the numbers left float64's range "
            "(use smaller weights or inputs)"
        )
    return Forward(network, inputs, targets, values)


@dataclass(frozen=True)
class ChainFactor:
    """A factor of the chain rule with its value; ``terms`` are the paths it
    sums (each a tuple of factors whose product is one path)."""

    name: str
    value: float
    terms: tuple[tuple[ChainFactor, ...], ...] = ()

    @property
    def latex(self) -> str:
        return latex_name(self.name)

    def to_dict(self) -> dict:
        result = {"name": self.name, "latex": self.latex, "value": self.value}
        if self.terms:
            result["terms"] = [[f.to_dict() for f in term] for term in self.terms]
        return result


@dataclass(frozen=True)
class Backward:
    """The backward pass: ``gradients`` (parameter -> dE_total/dp), ``chain``
    (parameter -> the factors whose product is that gradient), and every
    intermediate value by name in ``values`` (``delta_o1``, ``dE_o1/dout_h1``...)."""

    forward: Forward
    values: dict[str, float]

    @property
    def network(self) -> Network:
        return self.forward.network

    @cached_property
    def gradients(self) -> dict[str, float]:
        return {p: self.values[f"dE_total/d{p}"] for p in self.network.names.parameters}

    @cached_property
    def chain(self) -> dict[str, tuple[ChainFactor, ...]]:
        engine = _engine(self.network)
        return {p: tuple(self._factor(f) for f in fs) for p, fs in engine.chain.items()}

    def _factor(self, factor: Factor) -> ChainFactor:
        terms = tuple(tuple(self._factor(f) for f in term) for term in factor.terms)
        return ChainFactor(factor.name, self.values[factor.source], terms)

    def __getitem__(self, name: str) -> float:
        return self.values[name]


def backward(network: Network, inputs, targets) -> Backward:
    """Every gradient of ``E_total`` and the chain-rule factors behind it.

    Nothing is updated: the network passed in is the one used throughout."""
    fwd = forward(network, inputs, targets)
    return backward_from(fwd)


def backward_from(fwd: Forward) -> Backward:
    """The backward pass for a forward pass already computed."""
    if fwd.targets is None:
        raise ValueError("backward pass: needs targets; give them to forward()")
    engine = _engine(fwd.network)
    try:
        result = engine.run("backward", fwd.by_name)
    except (OverflowError, ZeroDivisionError) as exc:
        raise _arithmetic_error(engine, exc, "backward pass") from None
    bad = [name for name, value in result.items() if not math.isfinite(value)]
    if bad:
        raise ValueError(f"backward pass: {bad[0]} is {result[bad[0]]}; the numbers overflowed")
    return Backward(fwd, result)


def update(
    network: Network,
    gradients: Backward,
    learning_rate,
    *,
    update_biases=False,
    hidden_uses="original",
) -> Network:
    """New parameters ``p - learning_rate * dE_total/dp`` as a new network,
    from the ``gradients`` of one backward pass.

    ``update_biases=False`` keeps the biases, as the post does.
    ``hidden_uses="updated"`` reproduces the variant that printed the post's
    headline numbers: the output layer moves by the gradients given, and
    each layer before it moves by its gradient taken again with the *already
    updated* later weights (the given deltas and forward values, new weights;
    see the post's errata in the README). This is the only case in which
    ``update`` computes a gradient itself, and it says which it used:
    ``mazur_nn.course.report`` shows them as ``dE_total/dp'``.
    """
    learning_rate = positive_number(learning_rate, "learning_rate")
    choice(hidden_uses, "hidden_uses", HIDDEN_USES)
    if gradients.network != network:
        raise ValueError("update: the gradients were computed for a different network")
    if hidden_uses == "original":
        return step_against(network, gradients.gradients, learning_rate, update_biases)
    values = {**gradients.forward.by_name, **gradients.values}
    moved = _engine(network).run(update_name(update_biases), values, learning_rate)
    return _moved(network, dict(zip(network.names.parameters, moved)), learning_rate)


def step_against(network: Network, gradients, learning_rate, update_biases=False) -> Network:
    """``p - learning_rate * gradients[p]`` for every parameter ``p`` (the
    biases kept unless ``update_biases``), as a new network: the one update
    rule, whatever the gradients are the gradients of (one example, or a
    batch's mean: :mod:`mazur_nn.core.batch`)."""
    learning_rate = positive_number(learning_rate, "learning_rate")
    keep = () if update_biases else network.names.biases
    changes = {
        p: v if p in keep else v - learning_rate * gradients[p]
        for p, v in network.parameters.items()
    }
    return _moved(network, changes, learning_rate)


def _moved(network: Network, changes: dict, learning_rate: float) -> Network:
    bad = [p for p, v in changes.items() if not math.isfinite(v)]
    if bad:
        raise ValueError(
            f"update: {bad[0]} became {changes[bad[0]]}; the learning rate "
            f"{learning_rate} is too large for these numbers"
        )
    return network.with_parameters(changes)


@dataclass(frozen=True)
class Training:
    """``history[r]`` is E_total *before* update ``r + 1``; ``network`` is the
    network after all rounds and ``final`` its forward pass. ``stopped``
    says why training ended early (only with ``on_overflow="stop"``); then
    ``network`` is the last state whose forward pass is finite."""

    history: tuple[float, ...]
    network: Network
    final: Forward
    stopped: str | None = None

    @property
    def rounds(self) -> int:
        return len(self.history)

    def __repr__(self) -> str:

        outputs = ", ".join(f"out_{o} = {format_number(v)}" for o, v in self.outputs.items())
        if self.stopped:
            return f"Training({self.stopped}; kept the last finite state: {outputs})"
        return f"Training({self.rounds} rounds: E_total = {format_number(self.E_total)}, {outputs})"

    @property
    def E_total(self) -> float:  # noqa: N802 (Mazur's name)
        """The error after the last update."""
        return self.final["E_total"]

    @property
    def outputs(self) -> dict[str, float]:
        return self.final.outputs


def train(
    network: Network,
    inputs,
    targets,
    learning_rate,
    rounds,
    *,
    update_biases=False,
    hidden_uses="original",
    on_overflow="raise",
) -> Training:
    """Run ``rounds`` rounds of forward, backward and update on one example.

    If the numbers leave float64's range, ``on_overflow="raise"`` raises
    :class:`TrainingDiverged` naming the round; ``"stop"`` returns the
    training up to the last finite round, with the reason in ``stopped``.

    Raises :class:`TrainingDiverged`, naming the round, if the numbers leave
    float64's range instead of returning NaN.
    """
    inputs, targets = check_example(network, inputs, targets)
    learning_rate = positive_number(learning_rate, "learning_rate")
    choice(hidden_uses, "hidden_uses", HIDDEN_USES)
    choice(on_overflow, "on_overflow", ("raise", "stop"))
    if on_overflow == "stop":
        options = {"update_biases": update_biases, "hidden_uses": hidden_uses}
        try:
            return train(network, inputs, targets, learning_rate, rounds, **options)
        except TrainingDiverged as exc:
            # Keep the last state whose forward pass is still finite.
            for kept_rounds in range(exc.round - 1, -1, -1):
                try:
                    kept = train(network, inputs, targets, learning_rate, kept_rounds, **options)
                except TrainingDiverged:
                    continue
                return Training(tuple(exc.history), kept.network, kept.final, str(exc))
            raise  # unreachable: zero rounds always give a finite state
    rounds = whole_number(rounds, "rounds", 0, MAX_ROUNDS)
    engine = _engine(network)
    name = train_name(hidden_uses, update_biases)
    history: list[float] = []
    try:
        parameters = engine.run(
            name,
            network.weights + network.biases,
            inputs,
            targets,
            learning_rate,
            rounds,
            history=history,
        )
    except (OverflowError, ZeroDivisionError, ValueError) as exc:
        # Raised by the forward statements of the round after the last
        # completed one (they run before its error is recorded), or by the
        # backward statements of the round whose error was recorded last (a
        # loss's slope at a saturated output).
        statements = engine.statements
        forward_names = {s.name for s in statements.forward + statements.errors}
        in_backward = history and engine.statement_at(exc.__traceback__) not in forward_names
        where = len(history) if in_backward else len(history) + 1
        raise TrainingDiverged(
            f"training stopped at round {where} of {rounds}: {arithmetic_problem(engine, exc)}; "
            f"try a smaller learning rate than {learning_rate}",
            where,
            history[: where - 1],
        ) from None
    advice = f"try a smaller learning rate than {learning_rate}"
    if history and not history[-1] <= LARGEST_FLOAT:
        where = len(history)
        raise TrainingDiverged(
            f"training stopped at round {where} of {rounds}: E_total became {history[-1]} "
            f"(the numbers overflowed); {advice}",
            where,
            history[:-1],
        )
    trained = None
    if all(map(math.isfinite, parameters)):
        trained = network.with_parameters(dict(zip(network.names.parameters, parameters)))
        try:
            final = forward(trained, inputs, targets)
        except ValueError:
            trained = None
    if trained is None:
        # The last round's update pushed the weights out of range.
        raise TrainingDiverged(
            f"training stopped at round {rounds} of {rounds}: its update pushed the weights "
            f"out of float64's range; {advice}",
            rounds,
            history[:-1],
        )
    return Training(tuple(history), trained, final)


def finite_difference(
    network: Network, inputs, targets, parameter: str, step: float = 1e-6
) -> float:
    """Central difference of ``E_total`` in one parameter (forward pass only)."""
    value = network.parameters[parameter]
    plus = forward(network.with_parameters({parameter: value + step}), inputs, targets)
    minus = forward(network.with_parameters({parameter: value - step}), inputs, targets)
    return (plus["E_total"] - minus["E_total"]) / (2 * step)
