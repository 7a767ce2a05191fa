"""NetworkDiagram: its structure read back from the mobject, a tiny render of every animation, and
golden frames (no text: fonts differ between machines) against control data made on this machine.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import Animation, DecimalNumber, Scene, Text, tempconfig

from scenes import theme
from scenes.mobjects import NetworkDiagram


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def network(sizes: list[int], seed: int = 0) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Weights and the activations of one forward pass of a sigmoid network (inputs in [-1, 1])."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 1, (n_in, n_out)) for n_in, n_out in zip(sizes, sizes[1:])]
    activations = [rng.uniform(-1, 1, sizes[0])]
    for w in weights:
        activations.append(sigmoid(activations[-1] @ w))
    return weights, activations


@pytest.fixture(autouse=True)
def media_in_tmp(tmp_path):
    """Text and LaTeX files go to a temporary media dir, not the working tree."""
    with tempconfig({"media_dir": str(tmp_path / "media"), "verbosity": "WARNING"}):
        yield


def drawn_neurons(diagram: NetworkDiagram) -> list[int]:
    return [len(diagram.layer_group(layer)) for layer in range(len(diagram.layer_sizes))]


def drawn_edges(diagram: NetworkDiagram) -> list[int]:
    return [len(diagram.edges_group(layer)) for layer in range(len(diagram.layer_sizes) - 1)]


# ------------------------------------------------------------------------------------ structure

def test_small_network_draws_every_neuron_and_edge_with_names():
    diagram = NetworkDiagram([2, 4, 1], palette=theme.DARK)
    assert drawn_neurons(diagram) == [2, 4, 1]
    assert drawn_edges(diagram) == [8, 4]
    assert [diagram.label(0, 1).text, diagram.label(1, 3).text, diagram.label(2, 0).text] == [
        "x₂", "h₄", "ŷ"]
    assert len(diagram.braces) == 0 and diagram.size_label(1) is None


def test_layers_wider_than_max_neurons_shown_are_elided():
    diagram = NetworkDiagram([2, 10, 10, 1], labels=None, palette=theme.DARK)
    assert drawn_neurons(diagram) == [2, 6, 6, 1]
    assert drawn_edges(diagram) == [2 * 6, 6 * 6, 6 * 1]
    assert diagram.drawn_indices(1) == (0, 1, 2, 7, 8, 9)
    assert [diagram.size_label(layer).text for layer in (1, 2)] == ["10", "10"]


def test_wide_layer_keeps_true_indices_and_its_size_at_the_brace():
    weights, activations = network([3, 64, 1])
    diagram = NetworkDiagram([3, 64, 1], weights, activations, max_neurons_shown=8, palette=theme.DARK)
    assert all(n <= 8 for n in drawn_neurons(diagram))
    assert isinstance(diagram.size_label(1), Text) and diagram.size_label(1).text == "64"
    assert diagram.neuron(1, 63) is not None and diagram.neuron(1, 10) is None
    assert diagram.edge(0, 2, 63) is not None
    assert diagram.edge(0, 0, 10) is None and diagram.edge(1, 10, 0) is None
    brace = diagram.braces[0]
    assert brace.get_bottom()[1] > diagram.layer_group(1).get_top()[1]


def test_edge_colour_follows_weight_sign():
    weights, _ = network([3, 5, 2], seed=1)
    diagram = NetworkDiagram([3, 5, 2], weights, palette=theme.DARK)
    palette = theme.DARK
    for layer, w in enumerate(weights):
        for (i, j), value in np.ndenumerate(w):
            expected = palette.positive if value >= 0 else palette.negative
            assert diagram.edge(layer, i, j).get_stroke_color().to_hex() == expected.upper()


def test_edge_width_and_opacity_grow_with_abs_weight_capped_and_never_vanish():
    w = np.array([[0.0, 0.01, -0.1, 0.5, -1.0, 2.0, -4.0]])
    diagram = NetworkDiagram([1, 7], [w], labels=None, palette=theme.DARK)
    edges = [diagram.edge(0, 0, j) for j in range(7)]
    widths = [e.get_stroke_width() for e in edges]
    opacities = [e.get_stroke_opacity() for e in edges]
    assert widths == sorted(widths) and opacities == sorted(opacities)
    assert widths[0] == pytest.approx(theme.EDGE_WIDTH[0]) and widths[0] > 0
    assert opacities[0] == pytest.approx(theme.EDGE_OPACITY[0]) and opacities[0] > 0
    assert max(widths) == pytest.approx(theme.EDGE_WIDTH[1])
    low, high = theme.EDGE_WIDTH
    assert widths[4] > low + 0.25 * (high - low)    # |w| = largest / 4: a power < 1 lifts it


def test_without_weights_edges_are_thin_and_muted():
    diagram = NetworkDiagram([2, 3], palette=theme.DARK)
    edge = diagram.edge(0, 0, 0)
    assert edge.get_stroke_color().to_hex() == theme.DARK.muted.upper()
    assert edge.get_stroke_width() == theme.THIN_STROKE


def test_fill_opacity_is_the_activation_or_the_share_of_the_largest_magnitude():
    inputs, hidden, output = np.array([0.5, -2.0]), np.array([0.0, 0.3, 0.9]), np.array([1.0])
    diagram = NetworkDiagram([2, 3, 1], activations=[inputs, hidden, output], palette=theme.DARK)
    fills = [[n.get_fill_opacity() for n in diagram.layer_group(k)] for k in range(3)]
    assert fills[0] == pytest.approx([0.25, 1.0])        # raw inputs: |x| / max |x|
    assert fills[1] == pytest.approx([0.08, 0.3, 0.9])   # sigmoid: a itself, at least 0.08
    assert fills[2] == pytest.approx([1.0])


def test_values_shown_are_the_activations_to_two_decimals():
    weights, activations = network([2, 4, 1], seed=2)
    diagram = NetworkDiagram([2, 4, 1], weights, activations, labels="values", palette=theme.DARK)
    numbers = [m for m in diagram.labels if isinstance(m, DecimalNumber)]
    assert len(numbers) == 7
    for layer, values in enumerate(activations):
        shown = [diagram.label(layer, i) for i in range(len(values))]
        assert [round(d.get_value(), 2) for d in shown] == list(np.round(values, 2))
        assert all(d.num_decimal_places == 2 for d in shown)
        for i, number in enumerate(shown):
            assert number.width < 2 * diagram.radius
            assert np.allclose(number.get_center(), diagram.neuron(layer, i).get_center())
            assert number.font_size >= theme.SMALL_SIZE


def test_values_too_small_to_read_are_not_shown():
    sizes = [2, 30, 1]
    weights, activations = network(sizes)
    crowded = NetworkDiagram(sizes, weights, activations, labels="values", max_neurons_shown=30, palette=theme.DARK)
    assert crowded.radius < 0.1
    assert len(crowded.labels) == 0


def test_names_too_large_for_small_neurons_go_beside_the_outer_columns_or_away():
    crowded = NetworkDiagram([2, 30, 1], max_neurons_shown=30, palette=theme.DARK)
    assert crowded.label(0, 0).get_right()[0] < crowded.neuron(0, 0).get_left()[0]
    assert crowded.label(2, 0).get_left()[0] > crowded.neuron(2, 0).get_right()[0]
    assert crowded.label(1, 0) is None
    lit = crowded.light_up(0, np.array([1.0, 1.0]))
    lit.begin()
    lit.finish()
    assert crowded.label(0, 0).get_color().to_hex() == theme.DARK.text.upper()


def test_bad_arrays_are_rejected_naming_the_parameter():
    with pytest.raises(ValueError, match=r"weights\[1\]"):
        NetworkDiagram([2, 3, 1], [np.zeros((2, 3)), np.zeros((1, 3))], palette=theme.DARK)
    with pytest.raises(ValueError, match=r"activations\[2\]"):
        NetworkDiagram([2, 3, 1], activations=[np.zeros(2), np.zeros(3), np.zeros(2)], palette=theme.DARK)
    with pytest.raises(ValueError, match="labels"):
        NetworkDiagram([2, 3, 1], labels="values", palette=theme.DARK)
    with pytest.raises(ValueError, match="layer_sizes"):
        NetworkDiagram([2, 0, 1], palette=theme.DARK)


# ----------------------------------------------------------------------------------- animations

def all_animations(diagram: NetworkDiagram, weights, activations, rng) -> list[Animation]:
    new_weights = [w - 0.5 * rng.normal(0, 1, w.shape) for w in weights]
    return [
        diagram.light_up(0, activations[0]),
        diagram.send_pulses(0),
        diagram.animate_forward(activations),
        diagram.change_weights(new_weights),
        diagram.light_up(len(diagram.layer_sizes) - 1),
    ]


def test_every_animation_method_returns_an_animation_with_run_time():
    sizes = [3, 64, 1]
    weights, activations = network(sizes, seed=3)
    diagram = NetworkDiagram(sizes, weights, activations, labels="values", palette=theme.DARK)
    for animation in all_animations(diagram, weights, activations, np.random.default_rng(0)):
        assert isinstance(animation, Animation)
        assert animation.run_time > 0


@pytest.mark.render
@pytest.mark.parametrize("sizes, labels", [([2, 4, 1], "values"), ([3, 64, 1], "names")])
def test_tiny_render_plays_every_animation_and_leaves_only_the_diagram(tmp_path, sizes, labels):
    weights, activations = network(sizes, seed=4)
    zeros = [np.zeros(n) for n in sizes]

    class EveryAnimation(Scene):
        def construct(self):
            self.diagram = NetworkDiagram(sizes, weights, zeros, labels=labels, palette=theme.DARK)
            self.add(self.diagram)
            for animation in all_animations(self.diagram, weights, activations,
                                            np.random.default_rng(1)):
                self.play(animation)
                assert self.mobjects == [self.diagram]    # pulses and ripples removed

    settings = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5,
                "media_dir": str(tmp_path), "progress_bar": "none"}
    with tempconfig(settings):
        scene = EveryAnimation()
        scene.render()
    assert list(tmp_path.rglob("EveryAnimation.mp4"))

    # The end state is the diagram built from the final numbers.
    played = scene.diagram
    fresh = NetworkDiagram(sizes, played.weights, activations, labels=labels, palette=theme.DARK)
    for layer in range(len(sizes)):
        for i in played.drawn_indices(layer):
            assert played.neuron(layer, i).get_fill_opacity() == pytest.approx(
                fresh.neuron(layer, i).get_fill_opacity())
            if labels == "values":
                assert played.label(layer, i).get_value() == pytest.approx(activations[layer][i])
    for layer in range(len(sizes) - 1):
        for edge, built in zip(played.edges_group(layer), fresh.edges_group(layer)):
            assert edge.get_stroke_color() == built.get_stroke_color()
            assert edge.get_stroke_width() == pytest.approx(built.get_stroke_width())


# --------------------------------------------------------------------------------- golden frames

@pytest.mark.render
def test_golden_plain(golden):
    golden(lambda scene: scene.add(NetworkDiagram([2, 4, 1], labels=None, palette=theme.DARK)))


@pytest.mark.render
def test_golden_weights_and_activations(golden):
    weights, activations = network([2, 4, 1], seed=5)
    golden(lambda scene: scene.add(NetworkDiagram([2, 4, 1], weights, activations, labels=None, palette=theme.DARK)))


@pytest.mark.render
def test_golden_wide_layer_elided(golden):
    weights, activations = network([3, 64, 2], seed=6)
    diagram = NetworkDiagram([3, 64, 2], weights, activations, labels=None, palette=theme.DARK)
    diagram.size_label(1).set_opacity(0)    # text differs between machines
    golden(lambda scene: scene.add(diagram))


@pytest.mark.render
def test_golden_after_light_up_and_change_weights(golden):
    weights, activations = network([2, 4, 1], seed=7)
    diagram = NetworkDiagram([2, 4, 1], weights, labels=None, palette=theme.DARK)

    def construct(scene) -> None:
        scene.add(diagram)
        scene.play(diagram.light_up(1, activations[1]))
        scene.play(diagram.change_weights([-w for w in weights]))
    golden(construct)
