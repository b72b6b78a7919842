"""The training film: every frame shows the network the engine reaches at
that round (checked against one long ``train`` call and against the plain
loops of ``core/reference.py``), written as the diagram writes it, and
every part a frame changes is in the drawn SVG where the page looks for it."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

import mazur_nn
from mazur_nn import Config, Network
from mazur_nn.core.numbers import format_number
from mazur_nn.core.reference import backprop
from mazur_nn.course.published import PUBLISHED
from mazur_nn.render.film import training_film
from mazur_nn.render.svg.document import MAX_WEIGHT_WIDTH, MIN_WEIGHT_WIDTH

SVG = "{http://www.w3.org/2000/svg}"


def _reference_train(config: Config, rounds: int) -> dict[str, float]:
    """``rounds`` rounds of plain-loop backprop and ``p - eta * dE/dp``."""
    network = config.network
    keep = () if config.update_biases else network.names.biases
    for _ in range(rounds):
        gradients = backprop(network, config.inputs, config.targets)
        network = network.with_parameters(
            {
                p: v if p in keep else v - config.learning_rate * gradients[p]
                for p, v in network.parameters.items()
            }
        )
    return dict(network.parameters)


def _random_config(seed: int) -> Config:
    rng = random.Random(seed)
    sizes = [rng.randint(1, 4) for _ in range(rng.randint(3, 5))]
    activations = [rng.choice(["sigmoid", "tanh", "relu"]) for _ in sizes[2:]] + ["sigmoid"]
    network = Network.create(
        sizes, activations, bias_mode=rng.choice(["shared", "per_neuron"]), seed=seed
    )
    inputs = [round(rng.uniform(-1, 1), 2) for _ in range(sizes[0])]
    targets = [round(rng.uniform(0.05, 0.95), 2) for _ in range(sizes[-1])]
    return Config(network, inputs, targets, 0.5, update_biases=bool(seed % 2))


@pytest.fixture(scope="module")
def mazur_film():
    return training_film(mazur_nn.mazur_example(), rounds=1000, frames=20)


def test_each_frame_is_the_engines_network_at_that_round(mazur_film):
    for rule, run in zip(("original", "updated"), mazur_film.runs):
        assert run.rule == rule
        assert [f.round for f in run.frames] == list(range(0, 1001, 50))
        for frame in (run.frames[1], run.frames[7], run.frames[-1]):
            trained = mazur_nn.mazur_example(hidden_uses=rule).train(frame.round)
            labels = dict(zip(mazur_film.parts, frame.labels))
            for w, value in trained.network.parameters.items():
                if w in labels:
                    assert labels[w] == f"{w} = {format_number(value)}"
            values = dict(zip(mazur_film.neurons, frame.values))
            for o, value in trained.outputs.items():
                assert values[o] == format_number(value)
            assert frame.E_total == format_number(trained.E_total)
            assert frame.caption == f"Total error: E_total = {frame.E_total}"


def test_round_0_shows_the_posts_published_numbers(mazur_film):
    first = mazur_film.runs[0].frames[0]
    values = dict(zip(mazur_film.neurons, first.values))
    for n in ("h1", "h2", "o1", "o2"):
        published = float(PUBLISHED[f"out_{n}"])
        assert float(values[n]) == pytest.approx(published, abs=1e-9)
    assert float(first.E_total) == pytest.approx(float(PUBLISHED["E_total"]), abs=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_random_networks_follow_the_plain_loops(seed):
    config = _random_config(seed)
    film = training_film(config, rounds=30, frames=6, compare=False)
    (run,) = film.runs
    assert run.rule == config.hidden_uses
    for frame, network in zip(run.frames, run.curves.networks):
        expected = _reference_train(config, frame.round)
        for p, value in network.parameters.items():
            assert value == pytest.approx(expected[p], rel=1e-12, abs=1e-15)
        forward = mazur_nn.forward(network, config.inputs, config.targets)
        digits = 9 if len(network.names.weights) <= 16 else 4
        assert frame.values == tuple(
            format_number(forward[f"out_{n}"], digits) for n in film.neurons
        )
        labels = dict(zip(film.parts, frame.labels))
        for p in film.parts:
            assert labels[p] == f"{p} = {format_number(network.parameters[p], digits)}"


def test_signs_and_thickness_follow_each_weight(mazur_film):
    weights = mazur_film.weights
    largest = max(
        abs(n.parameters[w]) for r in mazur_film.runs for n in r.curves.networks for w in weights
    )
    for run in mazur_film.runs:
        for frame, network in zip(run.frames, run.curves.networks):
            for w, sign, width in zip(weights, frame.signs, frame.widths):
                value = network.parameters[w]
                assert sign == ("+" if value > 0 else "-" if value < 0 else "0")
                spread = MAX_WEIGHT_WIDTH - MIN_WEIGHT_WIDTH
                assert width == pytest.approx(
                    MIN_WEIGHT_WIDTH + spread * abs(value) / largest, abs=0.006
                )
    widths = [w for run in mazur_film.runs for f in run.frames for w in f.widths]
    assert max(widths) == pytest.approx(MAX_WEIGHT_WIDTH, abs=0.006)


def test_only_what_changes_is_sent():
    kept = training_film(mazur_nn.mazur_example(), rounds=20, frames=2)
    assert kept.parts == ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")  # the post keeps b1, b2
    moved = training_film(mazur_nn.mazur_example(update_biases=True), rounds=20, frames=2)
    assert moved.parts[-2:] == ("b1", "b2")


@pytest.mark.parametrize(
    "config",
    [
        mazur_nn.mazur_example(),
        Config(
            Network.create([4, 8, 4, 2], "tanh", bias_mode="per_neuron", seed=2),
            (0.05, 0.1, 0.15, 0.2),
            (0.01, 0.99),
            0.5,
            update_biases=True,
        ),
    ],
    ids=["2-2-2", "4-8-4-2"],
)
def test_every_changing_part_is_in_the_svg_where_the_page_looks(config):
    film = training_film(config, rounds=40, frames=4)
    root = ET.fromstring(film.svg)

    def groups(cls: str) -> dict[str, ET.Element]:
        found = root.iter(f"{SVG}g")
        return {g.get("data-name"): g for g in found if g.get("class") == cls}

    labels, lines = groups("mazur-label"), groups("mazur-weight")
    neurons, errors = groups("mazur-neuron"), groups("mazur-error")
    for p in film.parts:
        assert labels[p].find(f"{SVG}text") is not None and labels[p].find(f"{SVG}rect") is not None
    for w in film.weights:
        line = [x for x in lines[w].iter(f"{SVG}line") if "mz-line" in x.get("class")]
        assert len(line) == 1
    for n in film.neurons:
        assert len(list(neurons[n].iter(f"{SVG}text"))) >= 2  # its name, then its value
    assert len(list(errors["E_total"].iter(f"{SVG}text"))) == 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert film.caption in texts
    assert 'tabindex="' not in film.svg  # nothing to click in a film
    chart = ET.fromstring(film.chart)
    markers = [x for x in chart.iter(f"{SVG}line") if x.get("class") == "mz-now"]
    assert len(markers) == 2 and {m.get("data-rounds") for m in markers} == {"40"}


def test_a_run_that_overflows_ends_at_its_last_finite_frame():
    runaway = mazur_nn.mazur_example().replace(activations="linear", learning_rate=1e6)
    film = training_film(runaway, rounds=100, frames=100, compare=False)
    (run,) = film.runs
    assert run.stopped and run.stopped.startswith("training stopped at round 4 of 100")
    assert [f.round for f in run.frames] == [0, 1, 2, 3]
    assert "training stopped at round 4" in str(film)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rounds": 0}, "rounds"),
        ({"rounds": 2.5}, "rounds"),
        ({"frames": 0}, "frames"),
        ({"frames": 1001}, "frames"),
        ({"frames": "ten"}, "frames"),
    ],
)
def test_bad_settings_name_their_field(changes, message):
    with pytest.raises((TypeError, ValueError), match=f"^{message}: "):
        training_film(mazur_nn.mazur_example(), **{"rounds": 10, "frames": 5, **changes})


def test_the_same_config_gives_the_same_film():
    first = training_film(mazur_nn.mazur_example(), rounds=30, frames=3).to_json()
    again = training_film(mazur_nn.mazur_example(), rounds=30, frames=3).to_json()
    assert first == again
    assert [len(run["labels"]) for run in first["runs"]] == [4, 4]
