"""The training animation from Python: what it sends the page (the page
plays it; tests/browser/test_animation_in_browser.py drives it for real)."""

import pytest

import mazur_nn
from mazur_nn import Config, Network
from mazur_nn.core.numbers import format_number
from mazur_nn.render.film import training_film
from mazur_nn.widgets import TrainingAnimation
from mazur_nn.widgets.animation import SPEED, SPEEDS
from mazur_nn.widgets.parts import TEXT_LIMIT


def test_it_sends_the_film_of_its_config():
    animation = TrainingAnimation(mazur_nn.mazur_example(), rounds=200, frames=20)
    film = training_film(mazur_nn.mazur_example(), rounds=200, frames=20)
    assert animation.film == film.to_json()
    assert animation.svg == film.svg and animation.chart == film.chart
    assert [run["rule"] for run in animation.film["runs"]] == ["original", "updated"]
    assert SPEED in animation.speeds == list(SPEEDS)
    assert max(SPEEDS) >= 20  # the floor is reachable from the menu


def test_one_rule_without_compare():
    config = mazur_nn.mazur_example(hidden_uses="updated")
    animation = TrainingAnimation(config, rounds=10, frames=10, compare=False)
    assert [run["rule"] for run in animation.film["runs"]] == ["updated"]
    assert animation.film["runs"][0]["rounds"] == list(range(11))


def test_its_text_form_names_it():
    text = repr(TrainingAnimation(mazur_nn.mazur_example(), rounds=100, frames=10))
    assert text == (
        "Training animation of Mazur's 2-2-2 example: 11 frames over 100 rounds; press Play"
    )
    large = Network.create([4, 8, 4, 2], "sigmoid", bias_mode="per_neuron", seed=1)
    config = Config(large, (0.1, 0.2, 0.3, 0.4), (0.01, 0.99))
    text = repr(TrainingAnimation(config, rounds=2000, frames=1000))
    assert text.startswith("Training animation of a 4-8-4-2 network: 1001 frames over 2000 rounds")
    assert len(text) + len("8-8-8-8-8-8") - len("4-8-4-2") + 3 <= TEXT_LIMIT  # the longest


@pytest.mark.parametrize(
    ("settings", "field"), [({"rounds": -1}, "rounds"), ({"frames": 10_000}, "frames")]
)
def test_bad_settings_name_their_field(settings, field):
    with pytest.raises(ValueError, match=f"^{field}: "):
        TrainingAnimation(mazur_nn.mazur_example(), **settings)


def test_a_step_gets_any_rounds_frame_from_the_engine():
    """Step asks the kernel for a round the film did not keep: its frame is
    the engine's, trained in one call from round 0."""
    animation = TrainingAnimation(mazur_nn.mazur_example(), rounds=100, frames=10)
    sent = []
    animation.send = sent.append
    animation._answer(animation, {"type": "round", "rule": 1, "round": 13, "question": 4}, [])
    (message,) = sent
    assert message["type"] == "frame" and message["rule"] == 1 and message["question"] == 4
    trained = mazur_nn.mazur_example(hidden_uses="updated").train(13)
    frame = message["frame"]
    assert frame["round"] == 13
    assert frame["E_total"] == format_number(trained.E_total)
    w5 = animation.film["parts"].index("w5")
    assert frame["labels"][w5] == f"w5 = {format_number(trained.network.parameters['w5'])}"
    # A kept round's frame is the film's own.
    kept = animation.round_frame(0, 20)["frame"]
    run = animation.film["runs"][0]
    assert kept["labels"] == run["labels"][2] and kept["widths"] == run["widths"][2]
    animation._answer(animation, {"type": "other"}, [])
    assert len(sent) == 1
