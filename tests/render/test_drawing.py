"""The network drawing: it builds for every shape and kind of step, shows
the right names and numbers, highlights the step, and stays cheap."""

import subprocess
import sys
import time

import matplotlib
import pytest

matplotlib.use("Agg")

from mazur_nn import Config, mazur_example  # noqa: E402
from mazur_nn.course.steps import build_lesson  # noqa: E402
from mazur_nn.render.drawing import draw_network
from mazur_nn.render.figure import figure_to_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

CONFIGS = {
    "2-3-1": {"layers": [2, 3, 1], "inputs": [0.1, 0.2], "targets": [0.5]},
    "3-4-2": {"layers": [3, 4, 2], "inputs": [0.1, 0.2, 0.3], "targets": [0.1, 0.9]},
    "4-8-4-2 per neuron": {
        "layers": [4, 8, 4, 2],
        "inputs": [0.1, 0.2, 0.3, 0.4],
        "targets": [0.1, 0.9],
        "bias_mode": "per_neuron",
        "update_biases": True,
    },
}


@pytest.fixture(scope="module")
def mazur():
    return build_lesson(mazur_example())


@pytest.fixture(scope="module", params=["Mazur 2-2-2", *CONFIGS])
def lesson(request):
    if request.param == "Mazur 2-2-2":
        return build_lesson(mazur_example())
    return build_lesson(Config.from_dict(CONFIGS[request.param]))


def texts(fig):
    """Every text drawn: the figure's and its axes'."""
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
    return found


def representative_steps(lesson):
    """A forward step, the longest chain path, an update, the total error, none."""
    chain = max((s for s in lesson.steps if s.kind == "chain"), key=lambda s: len(s.path))
    update = next(s for s in lesson.steps if s.kind == "update")
    return [lesson.steps[0], chain, update, lesson.step("E_total"), None]


# -- every shape, every kind of step ----------------------------------------------


def test_every_kind_of_step_draws(lesson):
    names = [n for layer in lesson.config.network.names.neurons for n in layer]
    for step in representative_steps(lesson):
        fig = draw_network(lesson, step)
        png = figure_to_png(fig)
        assert png.startswith(PNG_SIGNATURE)
        assert 10_000 < len(png) < 1_000_000
        shown = texts(fig)
        assert set(names) <= set(shown)
        assert any(t.startswith("E_total") for t in shown)
        if step is not None:
            caption = fig.mazur_artists["caption"].get_text()
            assert step.title in caption and step.shown_value in caption
            for n in step.neurons:
                assert fig.mazur_artists[n].get_linewidth() > 2
            for w in step.weights:
                assert f"label:{w}" in fig.mazur_artists  # the step's weights always labelled


def test_chain_step_draws_its_path(lesson):
    step = max((s for s in lesson.steps if s.kind == "chain"), key=lambda s: len(s.path))
    fig = draw_network(lesson, step)
    arrows = [k for k in fig.mazur_artists if k.startswith("path:")]
    outputs = lesson.config.network.names.neurons[-1]
    assert {f"path:E_total->{o}" for o in outputs} <= set(arrows)
    fed, source = step.path[-2:]
    assert f"path:{fed}->{source}" in arrows
    assert len(arrows) >= len(step.path)


def test_big_networks_label_only_the_steps_weights():
    lesson = build_lesson(Config.from_dict(CONFIGS["3-4-2"]))
    step = lesson.step("dE_total/dw5")
    fig = draw_network(lesson, step)
    labels = [k for k in fig.mazur_artists if k.startswith("label:")]
    assert labels == ["label:w5"]
    assert "w5 = " in fig.mazur_artists["label:w5"].get_text()


# -- Mazur's example: names, numbers, highlight --------------------------------------


def test_mazur_weights_and_values_are_labelled(mazur):
    shown = texts(draw_network(mazur))
    for label in ("w1 = 0.15", "w5 = 0.4", "w8 = 0.55", "b1 = 0.35", "b2 = 0.6"):
        assert label in shown
    assert "0.05" in shown  # input i1
    assert "0.593269992" in shown  # out_h1
    assert "0.75136507\nt1 = 0.01" in shown  # out_o1 and its target
    assert "0.298371109" in shown  # E_total


def test_w5_gradient_step(mazur):
    fig = draw_network(mazur, "dE_total/dw5")
    art = fig.mazur_artists
    caption = art["caption"].get_text()
    assert caption == "Gradient of w5:  dE_total/dw5 = 0.082167041"
    others = [art[w].get_linewidth() for w in mazur.config.network.names.weights if w != "w5"]
    assert art["w5"].get_linewidth() > max(others)
    assert art["h1"].get_facecolor() != art["h2"].get_facecolor()
    assert art["o1"].get_facecolor() != art["o2"].get_facecolor()
    assert {"path:E_total->o1", "path:o1->h1"} == {k for k in art if k.startswith("path:")}


def test_w1_gradient_step_flows_back_through_both_outputs(mazur):
    art = draw_network(mazur, "dE_total/dw1").mazur_artists
    assert {k for k in art if k.startswith("path:")} == {
        "path:E_total->o1",
        "path:E_total->o2",
        "path:o1->h1",
        "path:o2->h1",
        "path:h1->i1",
    }
    assert art["w1"].get_linewidth() > art["w2"].get_linewidth()


def test_forward_step_highlights_weights_and_bias(mazur):
    art = draw_network(mazur, "net_h1").mazur_artists
    for part in ("w1", "w2", "b1->h1"):
        assert art[part].get_linewidth() > art["w3"].get_linewidth()
    assert art["b1->h2"].get_linewidth() == pytest.approx(0.9)  # b1 also feeds h2, not now
    assert art["caption"].get_text() == "Net input of h1:  net_h1 = 0.3775"


def test_update_step_shows_old_and_new_value(mazur):
    art = draw_network(mazur, "w5+").mazur_artists
    assert art["label:w5"].get_text() == "w5 = 0.4\nw5+ = 0.35891648"
    assert art["caption"].get_text() == "New w5:  w5+ = 0.35891648   (was 0.4)"
    assert not any(k.startswith("path:") for k in art)


def test_error_and_after_steps(mazur):
    fig = draw_network(mazur, "E_total")
    assert fig.mazur_artists["o1->E_total"].get_linewidth() > 2
    after = texts(draw_network(mazur, "E_total+"))
    assert "E_total+" in after and "0.291027774" in after  # values after the update
    assert "w5 = 0.35891648" in after


def test_step_by_index_name_or_record(mazur):
    step = mazur.step("dE_total/dw5")
    captions = {
        draw_network(mazur, s).mazur_artists["caption"].get_text()
        for s in (step, step.index, step.name)
    }
    assert len(captions) == 1
    with pytest.raises(TypeError):
        draw_network(mazur, 1.5)
    with pytest.raises(KeyError):
        draw_network(mazur, "dE_total/dw99")


def test_draws_on_a_given_axes(mazur):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    assert draw_network(mazur, "dE_total/dw5", ax=ax) is fig
    assert fig.mazur_artists is ax.mazur_artists
    assert "w5 = 0.4" in texts(fig)


# -- display, determinism, speed, lazy import -----------------------------------------


def test_figure_shows_itself_as_png_in_a_notebook(mazur):
    fig = draw_network(mazur, 0)
    assert fig.canvas is not None
    assert fig._repr_png_().startswith(PNG_SIGNATURE)  # IPython's display hook


def test_drawing_is_deterministic(mazur):
    step = mazur.step("dE_total/dw1")
    assert figure_to_png(draw_network(mazur, step)) == figure_to_png(draw_network(mazur, step))


def test_drawing_is_fast_enough_for_a_playground(mazur):
    step = mazur.step("dE_total/dw1")
    figure_to_png(draw_network(mazur, step))  # fonts loaded, caches warm
    times = []
    for _ in range(5):
        start = time.perf_counter()
        figure_to_png(draw_network(mazur, step))
        times.append(time.perf_counter() - start)
    assert min(times) < 0.5  # about 0.05 s on a quiet machine; loose for busy CI


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout.strip()


def test_import_mazur_nn_does_not_import_matplotlib():
    assert run_python("import mazur_nn, sys; print('matplotlib' in sys.modules)") == "False"


def test_drawing_uses_no_pyplot():
    code = (
        "import sys\n"
        "from mazur_nn import mazur_example\n"
        "from mazur_nn.course.steps import build_lesson\n"
        "from mazur_nn.render.drawing import draw_network\n"
        "from mazur_nn.render.figure import figure_to_png\n"
        "figure_to_png(draw_network(build_lesson(mazur_example()), 'dE_total/dw5'))\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    assert run_python(code) == "False"


def test_hundreds_of_weights_share_one_collection():
    config = Config.from_dict({"layers": [4, 12, 12], "inputs": [0.1] * 4, "targets": [0.5] * 12})
    lesson = build_lesson(config)
    art = draw_network(lesson, "dE_total/dw1").mazur_artists
    assert len(art["weights"].get_segments()) == len(config.network.names.weights) - 1
    assert art["w1"].get_linewidth() > 2 and "w2" not in art
