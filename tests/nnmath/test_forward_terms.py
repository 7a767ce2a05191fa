"""The forward example's weighted inputs add up to its sums, and its firing order ranks each
layer's neurons by how hard they fire (checked against a forward pass written out here)."""

import numpy as np

from nnmath.lecture_data import LectureData
from nnmath.verdicts import firing_order


def test_terms_and_bias_add_up_to_each_sum():
    ex = LectureData.build().forward_example
    a = ex.x
    for layer, (W, b) in enumerate(ex.params):
        z = a @ W + b[0]
        np.testing.assert_allclose(ex.terms[layer].sum(axis=1) + b[0], z, rtol=1e-12)
        np.testing.assert_allclose(ex.terms[layer], (a[:, None] * W).T, rtol=1e-12)
        a = ex.activations[layer + 1]


def test_firing_order_ranks_by_magnitude_with_ties_in_index_order():
    assert firing_order([0.1, -0.9, 0.5, 0.9]) == (1, 3, 2, 0)
    ex = LectureData.build().forward_example
    for layer, order in enumerate(ex.firing):
        values = np.abs(ex.activations[layer + 1])
        assert list(values[list(order)]) == sorted(values, reverse=True)


def test_a_step_helps_only_when_the_prediction_nears_its_label_and_the_loss_falls():
    from nnmath.verdicts import gradients_shrink, step_helped
    assert step_helped(0.40, 0.45, 1, 0.18, 0.15)
    assert not step_helped(0.40, 0.35, 1, 0.18, 0.21)
    assert not step_helped(0.40, 0.45, 1, 0.18, 0.19)
    assert gradients_shrink((0.01, 0.1)) and not gradients_shrink((0.05, 0.1))
