"""Our full-batch training against scikit-learn's MLPClassifier doing the same plain SGD steps."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from nnmath.datasets import make_dataset
from nnmath.network import init_params
from nnmath.training import train

EPOCHS = 50
LEARNING_RATE = 0.5


def sklearn_weights(params, data, activation):
    """Fit MLPClassifier for EPOCHS full-batch SGD epochs starting from ``params``."""
    hidden = [W.shape[1] for W, _ in params[:-1]]
    mlp = MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="sgd",
        batch_size=len(data.X_train),
        learning_rate="constant",
        learning_rate_init=LEARNING_RATE,
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        shuffle=False,
        max_iter=1,
        n_iter_no_change=10**9,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(data.X_train, data.y_train)  # only to initialise its internals
        mlp.coefs_ = [W.copy() for W, _ in params]
        mlp.intercepts_ = [b[0].copy() for _, b in params]
        mlp.set_params(warm_start=True, max_iter=EPOCHS)
        mlp.fit(data.X_train, data.y_train)
    # The second fit counts its epochs afresh but appends to the first fit's loss curve.
    assert mlp.n_iter_ == EPOCHS and len(mlp.loss_curve_) == 1 + EPOCHS
    return mlp


@pytest.mark.parametrize("sizes", [[2, 4, 1], [2, 6, 3, 1]])
@pytest.mark.parametrize("ours, theirs", [("sigmoid", "logistic"), ("tanh", "tanh"), ("relu", "relu")])
def test_training_matches_mlpclassifier(ours, theirs, sizes):
    data = make_dataset("moons", 120, 0.15, seed=3)
    params = init_params(sizes, "glorot", rng_seed=5)
    history = train(params, data, ours, "bce", "mean", LEARNING_RATE, EPOCHS)
    mlp = sklearn_weights(params, data, theirs)
    for (W, b), (W0, _), W_ref, b_ref in zip(history.final_params, params, mlp.coefs_, mlp.intercepts_):
        assert np.max(np.abs(W - W0)) > 1e-2  # both really trained
        np.testing.assert_allclose(W, W_ref, rtol=0, atol=1e-8)
        np.testing.assert_allclose(b[0], b_ref, rtol=0, atol=1e-8)
    # scikit-learn's loss_curve_ holds the mean log-loss of each epoch, before its update, like ours.
    np.testing.assert_allclose(history.loss, mlp.loss_curve_[1:], rtol=1e-9)
    assert history.final_accuracy == pytest.approx(mlp.score(data.X_train, data.y_train))
