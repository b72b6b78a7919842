"""The stepper and the playground on a softmax output layer."""

from mazur_nn import mazur_softmax_example
from mazur_nn.core.functions import ACTIVATIONS
from mazur_nn.widgets import Playground, Stepper
from mazur_nn.widgets.playground import config_from_texts


def test_stepper_walks_every_softmax_step():
    stepper = Stepper(mazur_softmax_example(), drawing=False)
    titles = [stepper.title.value]
    while not stepper.next_button.disabled:
        stepper.next()
        titles.append(stepper.title.value)
    assert len(titles) == len(stepper.lesson.steps)
    assert "<h3>Sum of the paths into net_o1</h3>" in titles
    stepper.go_to("dE_total/dw5")
    assert "agree" in stepper.check.value


def test_playground_menu_sets_the_hidden_layers_and_keeps_the_softmax():
    playground = Playground(mazur_softmax_example())
    menu = playground.activation
    assert "softmax" not in menu.options
    assert set(menu.options) == {n for n, a in ACTIVATIONS.items() if not a.layerwise}
    assert (menu.description, menu.value) == ("hidden", "sigmoid")
    menu.value = "tanh"
    assert playground.config.network.activations == ("tanh", "softmax")
    assert playground.message.value == ""
    playground.reset()
    assert playground.config.network.activations == ("sigmoid", "softmax")


def test_playground_keeps_targets_that_do_not_add_up_to_one():
    playground = Playground(mazur_softmax_example())
    playground.set_text("t1", "0.2")
    assert "targets: t1 + t2 = 1.19 is not allowed" in playground.message.value
    assert playground.boxes["t1"].value == "0.2"  # what was typed stays
    assert playground.boxes["t1"].invalid and playground.boxes["t2"].invalid  # both marked
    assert not playground.boxes["w5"].invalid
    assert playground.config.targets == (0.01, 0.99)  # the last valid numbers
    playground.set_text("t2", "0.8")
    assert playground.message.value == "" and playground.config.targets == (0.2, 0.8)


def test_config_from_texts_sets_the_hidden_layers_under_a_softmax():
    base = mazur_softmax_example()
    texts = {f: repr(v) for f, v in zip(("i1", "i2"), base.inputs)}
    texts |= {t: repr(v) for t, v in zip(("t1", "t2"), base.targets)}
    texts |= {p: repr(v) for p, v in base.network.parameters.items()}
    texts["learning_rate"] = "0.5"
    assert config_from_texts(base, texts, "relu").network.activations == ("relu", "softmax")
    assert config_from_texts(base, texts, "(as given)").network.activations == (
        "sigmoid",
        "softmax",
    )
