import json

import numpy as np
import pytest

from nnmath.config import parse_config
from nnmath.errors import TrainingDiverged
from nnmath.landscape import decision_grid
from nnmath.lecture_data import LectureData
from nnmath.losses import loss_value, reported_loss
from nnmath.network import backward, forward


@pytest.fixture(scope="module")
def data():
    return LectureData.build()


def arrays_equal(a, b):
    """Recursive exact equality of two LectureData-like structures."""
    return json.dumps(a.to_facts()) == json.dumps(b.to_facts()) and all(
        np.array_equal(ga.values, gb.values) for ga, gb in zip(a.boundary.grids, b.boundary.grids)
    )


def test_builds_are_deterministic_and_seeded():
    config = parse_config({"training": {"epochs": 400}})
    first = LectureData.build(config, cached=False)
    second = LectureData.build(config, cached=False)
    assert first is not second and arrays_equal(first, second)
    other = LectureData.build(parse_config({"seed": 7, "training": {"epochs": 400}}), cached=False)
    assert not np.array_equal(other.dataset.X_train, first.dataset.X_train)
    assert not np.array_equal(other.initial_params[0].W, first.initial_params[0].W)
    assert not np.array_equal(other.final_params[0].W, first.final_params[0].W)


def test_global_rng_is_neither_used_nor_needed():
    config = parse_config({"training": {"epochs": 50}})
    np.random.seed(0)
    state = np.random.get_state()[1].copy()
    first = LectureData.build(config, cached=False)
    assert np.array_equal(np.random.get_state()[1], state)
    np.random.seed(123)  # as Manim does
    assert arrays_equal(first, LectureData.build(config, cached=False))


def test_build_is_cached_and_read_only(data):
    assert LectureData.build() is data
    with pytest.raises(ValueError, match="read-only"):
        data.final_params[0].W[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        data.boundary.grids[0].values[:] = 0


def test_shapes(data):
    assert data.layer_sizes == (2, 4, 1) and data.n_weights == 12 and data.n_biases == 5
    assert [W.shape for W, _ in data.final_params] == [(2, 4), (4, 1)]
    assert [b.shape for _, b in data.final_params] == [(1, 4), (1, 1)]
    assert len(data.history.loss) == len(data.history.test_accuracy) == 5000
    assert sorted(data.history.snapshots) == list(data.config.training.snapshots)
    assert data.boundary.epochs == data.config.training.snapshots
    assert all(grid.values.shape == (60, 60) for grid in data.boundary.grids)
    assert [len(layer) for layer in data.neuron_grids] == [4]
    assert data.neuron_grids[0][0].values.shape == (60, 60)


def test_history_snapshots_and_final_agree(data):
    history = data.history
    for W, snap in zip(data.initial_params, history.snapshots[0]):
        np.testing.assert_array_equal(W.W, snap.W)
    for layer, snap in zip(data.final_params, history.snapshots[5000]):
        np.testing.assert_array_equal(layer.W, snap.W)
    # Entry e of the history is measured before update e: it is the snapshot after e updates.
    out = forward(history.snapshots[1000], data.dataset.X_train, "sigmoid").output[:, 0]
    assert reported_loss("mse", out, data.dataset.y_train) == pytest.approx(history.loss[1000], rel=1e-12)
    assert data.boundary.loss[-1] == history.final_loss
    assert data.boundary.accuracy[0] == history.accuracy[0]
    np.testing.assert_allclose(
        data.boundary.grids[-1].values,
        decision_grid(data.final_params, "sigmoid", data.bounds, 60).values,
        rtol=1e-12,
    )
    assert history.loss[-1] < history.loss[0] / 100
    assert data.train_accuracy == history.final_accuracy == 1.0


def test_forward_and_neuron_examples(data):
    example = data.forward_example
    trace = forward(data.final_params, data.dataset.X_test[:1], "sigmoid")
    assert example.index == 0 and example.label == data.dataset.y_test[0]
    np.testing.assert_array_equal(example.x, data.dataset.X_test[0])
    assert example.prediction == trace.output[0, 0]
    assert example.predicted_class == int(example.prediction >= 0.5)
    assert [a.shape for a in example.activations] == [(2,), (4,), (1,)]
    assert [c.label for c in data.class_examples] == [0, 1]
    assert [c.index for c in data.class_examples] == [
        int(np.flatnonzero(data.dataset.y_test == c)[0]) for c in (0, 1)
    ]
    neuron = data.neuron_example
    assert neuron.z == pytest.approx(example.zs[0][neuron.neuron], rel=1e-12)
    assert neuron.a == pytest.approx(example.activations[1][neuron.neuron], rel=1e-12)
    assert neuron.sample_index == example.index
    assert neuron.neuron == int(np.argmax(np.abs(data.final_params[1].W).sum(axis=1)))
    np.testing.assert_array_equal(neuron.weights, data.final_params[0].W[:, neuron.neuron])
    np.testing.assert_allclose(neuron.terms, neuron.weights * neuron.inputs, rtol=1e-15)
    assert 0 < neuron.activation_range[0] < 0.01 and 0.99 < neuron.activation_range[1] < 1


def test_backprop_example_is_one_gradient_step(data):
    example = data.backprop_example
    x, y = example.forward.x[None, :], np.array([example.forward.label])
    before = example.params_before
    for layer, initial in zip(before, data.initial_params):
        np.testing.assert_array_equal(layer.W, initial.W)
    grads = backward(before, forward(before, x, "sigmoid"), y, "sigmoid", "mse", "sum")
    lr = data.config.training.learning_rate
    for (W, b), (W1, b1), dW, db in zip(before, example.params_after, grads.dW, grads.db):
        np.testing.assert_allclose(W1, W - lr * dW, rtol=1e-12)
        np.testing.assert_allclose(b1[0], b[0] - lr * db[0], rtol=1e-12)
    a = example.forward.prediction
    assert example.loss == pytest.approx(0.5 * (a - y[0]) ** 2)
    assert example.output_gradient == pytest.approx(a - y[0])
    assert example.deltas[-1][0] == pytest.approx((a - y[0]) * a * (1 - a))
    assert example.loss_after < example.loss
    assert example.loss_after == pytest.approx(
        loss_value("mse", np.array([[example.prediction_after]]), y, "sum")
    )


def test_descent_demos(data):
    descent = data.descent
    assert descent.bowl_path.points.shape == (20, 2)
    np.testing.assert_allclose(descent.bowl_path.points[:3], [[1.8, 1.8], [1.44, 1.44], [1.152, 1.152]])
    small, good, large = descent.learning_rates
    assert (small.learning_rate, good.learning_rate, large.learning_rate) == (0.02, 0.1, 1.01)
    assert np.all(np.diff(np.sign(large.points[:, 0])) != 0)  # overshoots every step
    assert np.all(np.diff(large.values) > 0)  # and climbs every step
    assert small.values[-1] > good.values[-1]
    assert [v.rate for v in descent.rate_verdicts] == ["too_small", "good", "too_large"]
    assert [v.overshoots for v in descent.rate_verdicts] == [False, False, True]
    extent = descent.rates_surface.xs[-1]
    assert -descent.rates_surface.xs[0] == extent >= np.max(np.abs(large.points))
    assert data.to_facts()["descent"]["rate_verdicts"][2]["rate"] == "too_large"
    curve = descent.curve
    path = curve.path.points[:, 0]
    assert 8 <= len(path) - 1 <= 12
    assert np.all(np.diff(curve.path.values) < 0) and np.all(path < curve.minimum)  # downhill, no overshoot
    assert abs(path[-1] - curve.minimum) < 0.05
    np.testing.assert_allclose(curve.ys, curve.xs**4 - 3 * curve.xs**3 + 2)


def test_loss_slice_is_the_real_loss(data):
    sl = data.descent.loss_slice
    assert sl.grid.values.shape == (31, 31)
    assert [(w.kind, w.layer) for w in sl.weights] == [("W", 1), ("W", 1)]
    rows = [w.row for w in sl.weights]
    assert rows == sorted(np.argsort(-np.abs(data.final_params[1].W[:, 0]))[:2].tolist())
    # At the final epoch the slice passes through the trained network's loss.
    assert sl.path_epochs[-1] == 5000
    assert sl.path_slice_loss[-1] == pytest.approx(data.history.final_loss, rel=1e-9)
    assert sl.path_loss[0] == pytest.approx(data.history.loss[0], rel=1e-12)
    # The grid covers the path.
    assert sl.grid.xs[0] <= sl.path[:, 0].min() and sl.path[:, 0].max() <= sl.grid.xs[-1]
    assert sl.grid.ys[0] <= sl.path[:, 1].min() and sl.path[:, 1].max() <= sl.grid.ys[-1]
    # One grid value recomputed with a full forward pass.
    i, j = 7, 23
    W2 = data.final_params[1].W.copy()
    W2[rows[0], 0], W2[rows[1], 0] = sl.grid.xs[j], sl.grid.ys[i]
    params = [data.final_params[0], type(data.final_params[1])(W2, data.final_params[1].b)]
    out = forward(params, data.dataset.X_train, "sigmoid").output[:, 0]
    assert sl.grid.values[i, j] == pytest.approx(reported_loss("mse", out, data.dataset.y_train), rel=1e-10)


def test_comparisons(data):
    sizes = [network.layer_sizes for network in data.hidden_size_comparison]
    assert sizes == [(2, 3, 1), (2, 5, 1), (2, 10, 1)]
    linear, nonlinear = data.linearity_comparison.linear, data.linearity_comparison.nonlinear
    assert linear.activation == "linear" and nonlinear.activation == "sigmoid"
    assert nonlinear.test_accuracy == data.test_accuracy
    assert linear.train_accuracy < nonlinear.train_accuracy
    # A linear hidden layer under a sigmoid is logistic regression: a straight boundary, i.e. the
    # output's pre-activation is an affine function of the input.
    grid = linear.grid
    logit = np.log(grid.values / (1 - grid.values))
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    design = np.column_stack([gx.ravel(), gy.ravel(), np.ones(gx.size)])
    coef, *_ = np.linalg.lstsq(design, logit.ravel(), rcond=None)
    np.testing.assert_allclose(design @ coef, logit.ravel(), atol=1e-8)


def test_facts_are_json_with_every_epoch(data):
    facts = data.to_facts()
    text = json.dumps(facts, allow_nan=False)
    assert len(text) < 3_000_000
    assert json.loads(text) == facts
    for key in (
        "config",
        "dataset",
        "network",
        "training",
        "forward_example",
        "backprop_example",
        "descent",
        "hidden_size_comparison",
        "linearity_comparison",
    ):
        assert key in facts
    for key in ("loss", "test_loss", "accuracy", "test_accuracy"):
        assert len(facts["training"][key]) == 5000
    assert facts["training"]["final_test_accuracy"] == data.test_accuracy
    assert set(facts["dataset"]) >= {"X_train", "y_train", "X_test", "y_test"}
    assert facts["network"]["final"][1]["W"] == data.final_params[1].W.tolist()
    assert facts["network"]["initial"][0]["b"] == [[0.0, 0.0, 0.0, 0.0]]
    assert facts["neuron_example"]["activation_fn"] == "sigmoid"


@pytest.mark.parametrize(
    "mapping",
    [
        {
            "data": {"name": "xor", "n_samples": 120},
            "network": {"layers": [2, 6, 5, 1], "activation": "tanh"},
            "training": {"epochs": 150, "loss": "bce", "reduction": "mean", "learning_rate": 1.0},
        },
        {
            "data": {"name": "circles", "standardize": True},
            "network": {"layers": [2, 8, 1], "activation": "relu", "init": "he"},
            "training": {"epochs": 120, "snapshots": [0, 7, 120]},
            "lecture": {"hidden_sizes": [4, 2], "grid_resolution": 12, "example_index": 5},
        },
        {
            "seed": 3,
            "data": {"name": "blobs", "noise": 0.05},
            "network": {"layers": [2, 1, 1], "activation": "leaky_relu", "init": "glorot"},
            "training": {"epochs": 60},
            "lecture": {"hidden_sizes": [1]},
        },
    ],
)
def test_other_configs_build(mapping):
    config = parse_config(mapping)
    data = LectureData.build(config, cached=False)
    sizes = tuple(config.network.layers)
    assert data.layer_sizes == sizes
    assert [len(layer) for layer in data.neuron_grids] == list(sizes[1:-1])
    assert len(data.history.loss) == config.training.epochs
    assert data.boundary.epochs == config.training.snapshots
    assert data.forward_example.index == config.lecture.example_index
    assert len(data.backprop_example.deltas) == len(sizes) - 1
    assert len(data.hidden_size_comparison) == len(config.lecture.hidden_sizes)
    assert data.descent.loss_slice.path_slice_loss[-1] == pytest.approx(data.history.final_loss, rel=1e-9)
    json.dumps(data.to_facts(), allow_nan=False)


def test_divergence_during_build_names_the_network_and_the_key():
    config = parse_config(
        {"network": {"activation": "relu"}, "training": {"learning_rate": 1e300, "epochs": 10}}
    )
    with pytest.raises(TrainingDiverged) as err:
        LectureData.build(config, cached=False)
    message = str(err.value)
    assert message.startswith("the lecture's network: training diverged at epoch 1")
    assert message.endswith("(training.learning_rate in the config)") and "\n" not in message
