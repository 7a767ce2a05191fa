"""Backpropagation against centred finite differences (scikit-learn's test_gradient idea)."""

import numpy as np
import pytest

from nnmath.losses import loss_value
from nnmath.network import Layer, backward, forward, init_params

EPS = 1e-6
TOLERANCE = 1e-6


def numeric_gradient(params, X, y, activation, loss, reduction, layer, name):
    """dL/d(params[layer].name) by centred differences, one entry at a time."""
    target = getattr(params[layer], name)
    grad = np.zeros_like(target)
    for index in np.ndindex(target.shape):
        values = []
        for sign in (1, -1):
            shifted = [Layer(W.copy(), b.copy()) for W, b in params]
            getattr(shifted[layer], name)[index] += sign * EPS
            values.append(loss_value(loss, forward(shifted, X, activation).output, y, reduction))
        grad[index] = (values[0] - values[1]) / (2 * EPS)
    return grad


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


@pytest.mark.parametrize("sizes", [[2, 4, 1], [2, 10, 10, 1], [3, 5, 2, 1]])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_backward_matches_finite_differences(activation, loss, reduction, sizes):
    rng = np.random.default_rng(7)
    X = rng.normal(size=(9, sizes[0]))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1])
    params = init_params(sizes, "he", rng_seed=3)
    params = [Layer(W, rng.normal(scale=0.3, size=b.shape)) for W, b in params]
    trace = forward(params, X, activation)
    if activation in ("relu", "leaky_relu"):
        # Finite differences are only meaningful away from the kink at z = 0.
        assert min(np.min(np.abs(z)) for z in trace.zs[:-1]) > 1e-4
    grads = backward(params, trace, y, activation, loss, reduction)
    for layer in range(len(params)):
        for name, analytic in (("W", grads.dW[layer]), ("b", grads.db[layer])):
            numeric = numeric_gradient(params, X, y, activation, loss, reduction, layer, name)
            assert analytic.shape == numeric.shape
            assert np.linalg.norm(numeric) > 1e-8  # the check would be vacuous on a zero gradient
            assert relative_error(analytic, numeric) < TOLERANCE, (layer, name)


def test_deltas_are_dL_dz_and_give_the_gradients():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(5, 2))
    y = np.array([1, 0, 1, 1, 0])
    params = init_params([2, 3, 1], "he", rng_seed=0)
    trace = forward(params, X, "tanh")
    grads = backward(params, trace, y, "tanh", "bce", "mean")
    # For a sigmoid output with cross-entropy the output delta is (a - y) / n.
    np.testing.assert_allclose(grads.deltas[-1][:, 0], (trace.output[:, 0] - y) / 5, rtol=1e-12)
    for layer, delta in enumerate(grads.deltas):
        assert delta.shape == trace.zs[layer].shape
        np.testing.assert_allclose(grads.dW[layer], trace.activations[layer].T @ delta, rtol=1e-12)
        np.testing.assert_allclose(grads.db[layer], delta.sum(axis=0, keepdims=True), rtol=1e-12)
