"""Bad inputs fail early with one-line messages that name the parameter and the bad value."""

import numpy as np
import pytest

from nnmath.datasets import make_dataset
from nnmath.errors import NNMathError, TrainingDiverged
from nnmath.network import Layer, backward, forward, init_params
from nnmath.training import train


@pytest.fixture(scope="module")
def data():
    return make_dataset("moons", 60, 0.1, seed=0)


@pytest.fixture
def params():
    return init_params([2, 4, 1])


def one_line(err):
    message = str(err.value)
    assert "\n" not in message and message
    return message


@pytest.mark.parametrize(
    "X, pattern",
    [
        (np.zeros((5, 3)), r"X has shape \(5, 3\): must be \(n_samples >= 1, 2\)"),
        (np.zeros(4), r"X has shape \(4,\)"),
        (np.zeros((0, 2)), r"X has shape \(0, 2\)"),
        (np.array([[0.0, 1.0], [np.nan, 2.0]]), r"X\[1, 0\] = nan: inputs must be finite"),
        (np.array([[0.0, np.inf]]), r"X\[0, 1\] = inf"),
        (np.array([["a", "b"]]), r"X has dtype <U1: must be real numbers"),
    ],
)
def test_forward_rejects_bad_inputs(params, X, pattern):
    with pytest.raises(NNMathError, match=pattern) as err:
        forward(params, X, "sigmoid")
    one_line(err)


@pytest.mark.parametrize(
    "y, pattern",
    [
        (np.array([0, 1, 2]), r"y contains \[2\]: labels must be 0 or 1"),
        (np.array([0, 1, -1]), r"y contains \[-1\]"),
        (np.array([0.0, 1.0, 0.5]), r"y contains \[0.5\]"),
        (np.array([0, 1]), r"y has shape \(2,\): must be \(3,\)"),
    ],
)
def test_backward_rejects_bad_labels(params, y, pattern):
    trace = forward(params, np.zeros((3, 2)), "sigmoid")
    with pytest.raises(NNMathError, match=pattern) as err:
        backward(params, trace, y, "sigmoid")
    one_line(err)


@pytest.mark.parametrize(
    "sizes, pattern",
    [
        (
            [2, 0, 1],
            r"layer_sizes = \[2, 0, 1\] is invalid: every layer needs an integer number of neurons >= 1",
        ),
        ([2], r"layer_sizes = \[2\] is invalid: needs an input and an output size"),
        ([2, 2.5, 1], r"layer_sizes = \[2, 2.5, 1\]"),
    ],
)
def test_init_rejects_bad_layer_sizes(sizes, pattern):
    with pytest.raises(NNMathError, match=pattern):
        init_params(sizes)


def test_init_rejects_unknown_scheme_and_bad_scale():
    with pytest.raises(NNMathError, match="init = 'xavier' is unknown: choose one of lesson, glorot, he"):
        init_params([2, 3, 1], "xavier")
    with pytest.raises(NNMathError, match="init_scale = -1"):
        init_params([2, 3, 1], "lesson", 0, -1)


def test_mismatched_params_are_rejected():
    W1, b1 = np.zeros((2, 3)), np.zeros((1, 3))
    with pytest.raises(NNMathError, match=r"params\[1\].W has 4 rows but the previous layer has 3 neurons"):
        forward([Layer(W1, b1), Layer(np.zeros((4, 1)), np.zeros((1, 1)))], np.zeros((1, 2)), "relu")
    with pytest.raises(NNMathError, match="the output layer must have exactly 1"):
        forward([Layer(W1, b1)], np.zeros((1, 2)), "relu")


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"learning_rate": -0.1}, r"learning_rate = -0.1 is invalid: must be a positive finite number"),
        ({"learning_rate": 0}, r"learning_rate = 0 is invalid"),
        ({"learning_rate": float("nan")}, r"learning_rate = nan is invalid"),
        ({"epochs": 0}, r"epochs = 0 is invalid: must be an integer >= 1"),
        ({"epochs": 10.0}, r"epochs = 10.0 is invalid"),
        (
            {"epochs": 10, "snapshot_epochs": [0, 11]},
            r"snapshot epoch 11 is invalid: must be an integer within \[0, 10\]",
        ),
        ({"loss": "hinge"}, r"loss = 'hinge' is unknown: choose one of mse, bce"),
        ({"reduction": "max"}, r"reduction = 'max' is unknown"),
    ],
)
def test_train_rejects_bad_settings(params, data, kwargs, pattern):
    with pytest.raises(NNMathError, match=pattern) as err:
        train(params, data, "sigmoid", **kwargs)
    one_line(err)


def test_train_rejects_bad_data(params, data):
    from dataclasses import replace

    bad = replace(data, X_train=np.where(np.arange(len(data.X_train))[:, None] == 3, np.nan, data.X_train))
    with pytest.raises(NNMathError, match=r"X\[3, 0\] = nan"):
        train(params, bad, "sigmoid", epochs=2)
    with pytest.raises(NNMathError, match=r"y contains \[3\]"):
        train(params, replace(data, y_test=data.y_test * 3), "sigmoid", epochs=2)


@pytest.mark.parametrize("activation", ["relu", "linear"])
def test_divergence_names_the_epoch_and_the_learning_rate(params, data, activation):
    with pytest.raises(
        TrainingDiverged, match=r"training diverged at epoch 1: .*smaller than 1e\+300"
    ) as err:
        train(params, data, activation, learning_rate=1e300, epochs=20)
    one_line(err)


def test_training_leaves_the_given_params_alone(params, data):
    before = [W.copy() for W, _ in params]
    train(params, data, "tanh", epochs=5)
    for W, W0 in zip((W for W, _ in params), before):
        np.testing.assert_array_equal(W, W0)
