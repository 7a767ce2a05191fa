import warnings

import numpy as np
import pytest

from nnmath.activations import ACTIVATIONS, get_activation, sigmoid
from nnmath.errors import NNMathError
from nnmath.losses import bce, loss_gradient, loss_value, mse, output_delta, reported_loss


def test_sigmoid_is_safe_for_huge_inputs():
    z = np.array([-1e308, -800.0, -30.0, 0.0, 30.0, 800.0, 1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = sigmoid(z)
    assert a[0] == 0.0 and a[-1] == 1.0 and a[3] == 0.5
    assert np.all(np.diff(a) >= 0)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_derivatives_match_finite_differences_and_derivative_from(name):
    g = get_activation(name, leaky_slope=0.2)
    z = np.array([-3.0, -0.7, -0.1, 0.3, 1.2, 4.0])
    numeric = (g.fn(z + 1e-6) - g.fn(z - 1e-6)) / 2e-6
    np.testing.assert_allclose(g.derivative(z), numeric, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(g.output_derivative(g.fn(z)), g.derivative(z), rtol=1e-12)
    out = np.empty_like(z)
    g.fn_into(z.copy(), out)
    np.testing.assert_allclose(out, g.fn(z), rtol=1e-15)


def test_activation_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(get_activation("relu").fn(z), [0, 0, 3])
    np.testing.assert_allclose(get_activation("leaky_relu").fn(z), [-0.02, 0, 3])
    np.testing.assert_allclose(get_activation("leaky_relu", 0.1).fn(z), [-0.2, 0, 3])
    np.testing.assert_allclose(get_activation("tanh").fn(z), np.tanh(z))
    np.testing.assert_allclose(get_activation("linear").fn(z), z)
    # At the kink, ReLU's derivative is 0 (scikit-learn's choice), leaky ReLU's its slope.
    assert get_activation("relu").derivative(np.array([0.0]))[0] == 0.0
    assert get_activation("leaky_relu").derivative(np.array([0.0]))[0] == 0.01


def test_unknown_activation_lists_the_known_ones():
    with pytest.raises(NNMathError, match="swish.*sigmoid, tanh, relu, leaky_relu, linear"):
        get_activation("swish")
    with pytest.raises(NNMathError, match="leaky_slope = 1.5"):
        get_activation("leaky_relu", 1.5)


def test_losses_values_and_gradients():
    a = np.array([[0.9], [0.2], [0.6]])
    y = np.array([1, 0, 0])
    np.testing.assert_allclose(mse(a[:, 0], y), 0.5 * (a[:, 0] - y) ** 2)
    np.testing.assert_allclose(bce(a[:, 0], y), -np.log([0.9, 0.8, 0.4]))
    assert loss_value("mse", a, y, "sum") == pytest.approx(0.5 * (0.01 + 0.04 + 0.36))
    assert loss_value("bce", a, y, "mean") == pytest.approx(-np.log([0.9, 0.8, 0.4]).mean())
    # The reported mse is the lesson's mean((y - a)^2), without the 1/2.
    assert reported_loss("mse", a[:, 0], y) == pytest.approx((0.01 + 0.04 + 0.36) / 3)
    for loss in ("mse", "bce"):
        for reduction in ("sum", "mean"):
            numeric = np.array(
                [
                    [
                        (loss_value(loss, a + e, y, reduction) - loss_value(loss, a - e, y, reduction)) / 2e-7
                        for e in (np.eye(3)[i][:, None] * 1e-7,)
                    ][0]
                    for i in range(3)
                ]
            )
            np.testing.assert_allclose(loss_gradient(loss, a, y, reduction)[:, 0], numeric, rtol=1e-6)
            np.testing.assert_allclose(
                output_delta(loss, a, y, reduction),
                loss_gradient(loss, a, y, reduction) * a * (1 - a),
                rtol=1e-12,
            )


def test_bce_is_finite_at_saturation():
    assert np.isfinite(loss_value("bce", np.array([[0.0], [1.0]]), np.array([1, 0]), "sum"))


def test_unknown_loss_and_reduction():
    a, y = np.array([[0.5]]), np.array([1])
    with pytest.raises(NNMathError, match="loss = \"?'?hinge"):
        loss_value("hinge", a, y, "sum")
    with pytest.raises(NNMathError, match="reduction = 'max'"):
        loss_value("mse", a, y, "max")
