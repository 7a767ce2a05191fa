"""The backpropagation scene shows nnmath's one-step example: every number as nnmath computed it,
rounded as the scene's format rule says (two significant digits; before → after pairs with
enough decimals for their change to show), and the step it shows is consistent."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

SLUG = "backprop"


def sig(value: float, digits: int = 2) -> int:
    """Decimals for ``digits`` significant digits, at least 2, at most 5."""
    if value == 0:
        return 2
    return min(5, max(2, digits - 1 - math.floor(math.log10(abs(value)))))


def pair(before: float, after: float) -> int:
    return max(sig(before), sig(after), sig(after - before, 1))


def slope(activation: str, a: float) -> float:
    """g'(z) through the output a = g(z), written out here rather than taken from nnmath."""
    if activation == "sigmoid":
        return a * (1 - a)
    if activation == "tanh":
        return 1 - a * a
    if activation == "relu":
        return float(a > 0)
    raise NotImplementedError(activation)


def expected(data) -> dict:
    ex = data.backprop_example
    fw = ex.forward
    last = len(data.layer_sizes) - 1
    want = {f"a[{layer}][{i}]": round(float(a), 2)
            for layer, acts in enumerate(fw.activations) for i, a in enumerate(acts)}
    d_pred, d_loss = pair(fw.prediction, ex.prediction_after), pair(ex.loss, ex.loss_after)
    want |= {"label": fw.label, "x[0]": round(float(fw.x[0]), 2),
             "prediction": round(fw.prediction, d_pred),
             "prediction_after": round(ex.prediction_after, d_pred),
             "loss": round(ex.loss, d_loss), "loss_after": round(ex.loss_after, d_loss),
             "dL/dyhat": round(ex.output_gradient, sig(ex.output_gradient)),
             "learning_rate": round(data.config.training.learning_rate, 6)}
    output_slope = fw.prediction * (1 - fw.prediction)
    want["dsigma(z_out)"] = round(output_slope, sig(output_slope))
    for layer, deltas in enumerate(ex.deltas, start=1):
        want |= {f"delta[{layer}][{i}]": round(float(d), sig(d)) for i, d in enumerate(deltas)}
    for layer, dW in enumerate(ex.dW):
        for (i, j), g in np.ndenumerate(dW):
            want[f"dW[{layer}][{i}][{j}]"] = round(float(g), sig(g))
    hidden = last - 1
    for j, a in enumerate(fw.activations[hidden]):
        g = slope(data.config.network.activation, float(a))
        w0 = float(ex.params_before[hidden].W[j, 0])
        w1 = float(ex.params_after[hidden].W[j, 0])
        want |= {f"h[{hidden}][{j}]": round(float(a), sig(a)), f"gprime[{hidden}][{j}]": round(g, sig(g)),
                 f"w[{hidden}][{j}][0]": round(w0, sig(w0)),
                 f"w_before[{hidden}][{j}][0]": round(w0, pair(w0, w1)),
                 f"w_after[{hidden}][{j}][0]": round(w1, pair(w0, w1))}
    return want


def followed_weight(shown: dict) -> tuple[int, int]:
    (key,) = [key for key in shown if key.startswith("w_before")]
    layer, j, _ = map(int, re.findall(r"\d+", key))
    return layer, j


def test_backprop_shows_nnmaths_numbers(rendered, data, check_numbers):
    check_numbers(SLUG, rendered[SLUG].displayed, expected(data))


def test_backprop_follows_the_config(rendered, other_config, check_numbers):
    other_data, other_results = other_config
    shown = other_results[SLUG].displayed
    check_numbers(SLUG, shown, expected(other_data))
    default = rendered[SLUG].displayed
    assert any(shown[key] != default.get(key) for key in shown)


def test_backprop_shows_every_delta_and_the_output_gradients(rendered, data):
    """2-4-1: a delta beside every neuron, a gradient on every edge into the output."""
    shown = rendered[SLUG].displayed
    for layer, deltas in enumerate(data.backprop_example.deltas, start=1):
        assert all(f"delta[{layer}][{i}]" in shown for i in range(len(deltas)))
    hidden = len(data.layer_sizes) - 2
    assert all(f"dW[{hidden}][{i}][0]" in shown for i in range(data.layer_sizes[hidden]))


def test_the_update_shown_is_one_gradient_step_on_the_largest_output_gradient(rendered, data):
    shown = rendered[SLUG].displayed
    ex = data.backprop_example
    layer, j = followed_weight(shown)
    assert layer == len(data.layer_sizes) - 2
    assert j == int(np.argmax(np.abs(ex.dW[layer][:, 0])))
    before, after = shown[f"w_before[{layer}][{j}][0]"], shown[f"w_after[{layer}][{j}][0]"]
    gradient, rate = shown[f"dW[{layer}][{j}][0]"], shown["learning_rate"]
    tolerance = 10 ** -pair(before, after) + rate * 10 ** -sig(gradient)
    assert after == pytest.approx(before - rate * gradient, abs=tolerance)
    # the chain rule on screen: the output delta is dL/dŷ times σ'(z), to display precision
    product = shown["dL/dyhat"] * shown["dsigma(z_out)"]
    assert shown[f"delta[{layer + 1}][0]"] == pytest.approx(product, rel=0.12)
    # the step helped this sample
    label = ex.forward.label
    assert abs(shown["prediction_after"] - label) < abs(shown["prediction"] - label)
    assert shown["loss_after"] < shown["loss"]
