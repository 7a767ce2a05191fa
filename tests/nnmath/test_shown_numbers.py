"""Numbers that scenes used to compute themselves now come from nnmath; each is checked here
against a value written out by hand or by an independent route."""

import math

import numpy as np
import pytest

from nnmath.activation_tour import activation_tour
from nnmath.lecture_data import LectureData
from nnmath.network import parameter_counts


def test_parameter_counts_of_the_lessons_network_and_a_deep_one():
    lesson = parameter_counts([2, 4, 1])
    assert (lesson.weights, lesson.biases, lesson.total) == ([8, 4], [4, 1], 17)
    deep = parameter_counts([2, 3, 9, 7, 1])
    assert deep.weight_shapes == [(2, 3), (3, 9), (9, 7), (7, 1)]
    assert deep.total == 6 + 27 + 63 + 7 + 3 + 9 + 7 + 1


def test_activation_tour_by_hand():
    tour = activation_tour(0.05)
    z = tour.sweep_z
    assert tour.outputs == pytest.approx({"sigmoid": 1 / (1 + math.exp(-z)), "tanh": math.tanh(z),
                                          "relu": z, "leaky_relu": z})
    (z0, peak), (z4, tail) = tour.sigmoid_slopes
    assert (z0, peak) == (0.0, 0.25)
    assert tail == pytest.approx(math.exp(-z4) / (1 + math.exp(-z4)) ** 2)
    low, high = tour.z_range
    assert tour.end_outputs == pytest.approx({"sigmoid": 1 / (1 + math.exp(-high)),
                                              "tanh": math.tanh(high), "relu": high,
                                              "leaky_relu": high})
    assert tour.leaky_end == pytest.approx(0.05 * low)


@pytest.fixture(scope="module")
def data():
    return LectureData.build()


def test_backprop_slopes_are_the_derivatives_at_the_sample(data):
    ex = data.backprop_example
    a = ex.forward.prediction
    assert ex.output_slope == pytest.approx(a * (1 - a))
    hidden = ex.forward.activations[1]
    np.testing.assert_allclose(ex.hidden_slopes[0], hidden * (1 - hidden))   # sigmoid hidden layer


def test_followed_neurons_rank_by_gradient_size(data):
    ex = data.backprop_example
    ranked = [abs(ex.dW[-1][i, 0]) for i in ex.followed_neurons]
    assert ranked == sorted(ranked, reverse=True)
    assert sorted(ex.followed_neurons) == list(range(data.layer_sizes[-2]))
    ranked_inputs = [abs(ex.deltas[0][i]) for i in ex.followed_input_neurons]
    assert ranked_inputs == sorted(ranked_inputs, reverse=True)
    assert ex.largest_gradients == tuple(float(np.abs(dW).max()) for dW in ex.dW)


def test_curve_slopes_are_numpys_derivative(data):
    curve = data.descent.curve
    want = np.polyval(np.polyder(curve.coefficients), curve.path.points[:, 0])
    np.testing.assert_allclose(curve.slopes, want, rtol=1e-12)


def test_neuron_ranges_and_loss_range_are_their_maps_ends(data):
    for ranges, grids in zip(data.neuron_ranges, data.neuron_grids):
        assert ranges == [(g.values.min(), g.values.max()) for g in grids]
    s = data.descent.loss_slice
    assert s.loss_range == (s.grid.values.min(), s.grid.values.max())


def test_facts_hold_the_counts_and_sizes(data):
    facts = data.to_facts()
    assert facts["dataset"]["n_train"] == 160 and facts["dataset"]["n_test"] == 40
    assert facts["network"]["parameters"]["total"] == 17
    assert facts["descent"]["bowl_path"]["steps"] == len(data.descent.bowl_path.points) - 1
    assert [n["n_parameters"] for n in facts["hidden_size_comparison"]] == [13, 21, 41]
