"""The backpropagation scene tells a consistent story with nnmath's one-step example: a delta for
every neuron, a gradient on every edge into the output, and the update it shows is one gradient
step on the weight with the largest output gradient, which helps this sample. (That every number
shown is the facts' is checked for all scenes in test_facts_shown.py.)"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

pytestmark = pytest.mark.render

SLUG = "backprop"
EX = "backprop_example"


def followed_weight(shown: dict) -> tuple[int, int]:
    (key,) = [key for key in shown if re.fullmatch(rf"{EX}\.params_after\[\d+\]\.W\[\d+\]\[0\]", key)]
    layer, j, _ = map(int, re.findall(r"\d+", key))
    return layer, j


def test_backprop_shows_every_delta_and_the_output_gradients(rendered, data):
    """2-4-1: a delta beside every neuron, a gradient on every edge into the output."""
    shown = rendered[SLUG].displayed
    for layer, deltas in enumerate(data.backprop_example.deltas):
        assert all(f"{EX}.deltas[{layer}][{i}]" in shown for i in range(len(deltas)))
    hidden = len(data.layer_sizes) - 2
    assert all(f"{EX}.dW[{hidden}][{i}][0]" in shown for i in range(data.layer_sizes[hidden]))


def test_the_update_shown_is_one_gradient_step_on_the_largest_output_gradient(rendered, data):
    result = rendered[SLUG]
    shown = result.displayed
    ex = data.backprop_example
    layer, j = followed_weight(shown)
    assert layer == len(data.layer_sizes) - 2
    assert j == int(np.argmax(np.abs(ex.dW[layer][:, 0])))   # found here, not from nnmath's ranking
    before_key = f"{EX}.forward.params[{layer}].W[{j}][0]"
    after_key = f"{EX}.params_after[{layer}].W[{j}][0]"
    gradient_key = f"{EX}.dW[{layer}][{j}][0]"
    before, after = shown[before_key], shown[after_key]
    gradient, rate = shown[gradient_key], shown[f"{EX}.learning_rate"]
    tolerance = 10 ** -result.decimals[after_key] + rate * 10 ** -result.decimals[gradient_key]
    assert after == pytest.approx(before - rate * gradient, abs=tolerance)
    # the chain rule on screen: the output delta is dL/dŷ times σ'(z), to display precision
    product = shown[f"{EX}.output_gradient"] * shown[f"{EX}.output_slope"]
    assert shown[f"{EX}.deltas[{layer}][0]"] == pytest.approx(product, rel=0.12)
    # σ'(z) of the output, written out here from the prediction: a (1 - a)
    a, slope_key = ex.forward.prediction, f"{EX}.output_slope"
    assert shown[slope_key] == pytest.approx(a * (1 - a), abs=10 ** -result.decimals[slope_key])
    # the step helped this sample
    label = ex.forward.label
    assert abs(shown[f"{EX}.prediction_after"] - label) < abs(shown[f"{EX}.forward.prediction"] - label)
    assert shown[f"{EX}.loss_after"] < shown[f"{EX}.loss"]


def test_the_hidden_slope_shown_is_the_activations_derivative(rendered, data):
    """g'(z) beside the followed hidden neuron equals the derivative written out here."""
    result = rendered[SLUG]
    (key,) = [key for key in result.displayed if key.startswith(f"{EX}.hidden_slopes")]
    layer, j = map(int, re.findall(r"\d+", key))
    a = data.backprop_example.forward.activations[layer + 1][j]
    assert data.config.network.activation == "sigmoid"
    assert result.displayed[key] == pytest.approx(a * (1 - a), abs=10 ** -result.decimals[key])
    assert math.isfinite(result.displayed[key])
