import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnmath.training
from nnmath.datasets import make_dataset
from nnmath.network import Layer, backward, forward, init_params
from nnmath.training import train


@pytest.fixture(scope="module")
def data():
    return make_dataset("circles", 80, 0.1, seed=4)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
@pytest.mark.parametrize("loss, reduction", [("mse", "sum"), ("bce", "mean")])
def test_one_epoch_is_one_step_along_the_checked_gradient(data, activation, loss, reduction):
    params = init_params([2, 5, 3, 1], "he", 1)
    history = train(params, data, activation, loss, reduction, 0.3, 1, snapshot_epochs=[0, 1])
    grads = backward(
        params, forward(params, data.X_train, activation), data.y_train, activation, loss, reduction
    )
    for (W, b), (W1, b1), dW, db in zip(params, history.final_params, grads.dW, grads.db):
        np.testing.assert_allclose(W1, W - 0.3 * dW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(b1, b - 0.3 * db, rtol=1e-12, atol=1e-15)
    for snap, layer in zip(history.snapshots[0], params):
        np.testing.assert_array_equal(snap.W, layer.W)


def test_history_entries_are_measured_before_each_update(data):
    params = init_params([2, 4, 1], "glorot", 2)
    history = train(params, data, "tanh", "bce", "mean", 0.5, 30, snapshot_epochs=[0, 12, 30])
    assert history.loss.shape == history.test_accuracy.shape == (30,)
    for epoch in (0, 12):
        snap = history.snapshots[epoch]
        a = forward(snap, data.X_test, "tanh").output[:, 0]
        bce = -np.mean(data.y_test * np.log(a) + (1 - data.y_test) * np.log(1 - a))
        assert history.test_loss[epoch] == pytest.approx(bce, rel=1e-12)
        acc = np.mean((forward(snap, data.X_train, "tanh").output[:, 0] >= 0.5) == data.y_train)
        assert history.accuracy[epoch] == acc
    for snap, final in zip(history.snapshots[30], history.final_params):
        np.testing.assert_array_equal(snap.W, final.W)
    assert history.final_loss < history.loss[0]


def test_blocked_recording_equals_unblocked(data, monkeypatch):
    params = init_params([2, 3, 1])
    whole = train(params, data, "sigmoid", epochs=40)
    monkeypatch.setattr(nnmath.training, "BLOCK_SIZE", 7 * 80)  # 7 epochs per block
    blocked = train(params, data, "sigmoid", epochs=40)
    for name in ("loss", "test_loss", "accuracy", "test_accuracy"):
        np.testing.assert_array_equal(getattr(whole, name), getattr(blocked, name))
    assert whole.final_test_loss == blocked.final_test_loss


def test_snapshots_are_independent_copies(data):
    history = train(init_params([2, 3, 1]), data, "sigmoid", epochs=5, snapshot_epochs=[0, 5])
    assert not np.shares_memory(history.snapshots[5][0].W, history.final_params[0].W)
    assert isinstance(history.final_params[0], Layer)


def test_nnmath_never_imports_manim():
    code = (
        "import sys, nnmath; from nnmath.config import parse_config; "
        "nnmath.LectureData.build(parse_config({'training': {'epochs': 20}})); "
        "assert 'manim' not in sys.modules, 'manim imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
