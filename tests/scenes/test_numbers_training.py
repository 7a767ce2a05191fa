"""The training scene shows nnmath's training: every snapshot's heatmap is coloured from that
snapshot's decision grid, the boundary between snapshots from the grids of the epochs between, every stop shows its epoch and accuracies, and the default lecture ends on
the lesson's test accuracy of 97.5 %."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from conftest import TINY, context_of
from layout import render_one

from nnmath.activations import get_activation
from nnmath.landscape import decision_grid
from nnmath.network import forward
from nnmath.training import train

pytestmark = pytest.mark.render

SLUG = "training"


def stops(data) -> list[tuple[int, np.ndarray, float, float]]:
    """(epoch, P(class 1) grid, train accuracy, test accuracy) at every snapshot, then after the
    last epoch if that is not a snapshot."""
    b = data.boundary
    result = [(epoch, grid.values, accuracy, test_accuracy) for epoch, grid, accuracy, test_accuracy
              in zip(b.epochs, b.grids, b.accuracy, b.test_accuracy)]
    epochs = data.config.training.epochs
    if b.epochs[-1] < epochs:
        network = data.config.network
        grid = decision_grid(data.final_params, get_activation(network.activation, network.leaky_slope),
                             data.bounds, data.config.lecture.grid_resolution)
        result.append((epochs, grid.values, data.history.final_accuracy,
                       data.history.final_test_accuracy))
    return result


def expected_heatmaps(data) -> dict:
    """Every grid cell of every stop's heatmap, as the scene records what it draws."""
    return {f"epoch[{epoch}].heatmap[{i}][{j}]": round(float(value), 4)
            for epoch, grid, _, _ in stops(data) for (i, j), value in np.ndenumerate(grid)}


def frame_heatmaps(data) -> dict:
    """Every grid cell at every epoch the boundary bends through, from a training run of its own
    that keeps the parameters at those epochs."""
    c, network = data.config, data.config.network
    activation = get_activation(network.activation, network.leaky_slope)
    run = train(data.initial_params, data.dataset, activation, c.training.loss,
                c.training.reduction, c.training.learning_rate, c.training.epochs,
                data.boundary.frame_epochs)
    return {f"epoch[{epoch}].heatmap[{i}][{j}]": round(float(value), 4)
            for epoch in data.boundary.frame_epochs
            for (i, j), value in np.ndenumerate(decision_grid(
                run.snapshots[epoch], activation, data.bounds, c.lecture.grid_resolution).values)}


def test_every_snapshot_is_shown_with_its_whole_grid(rendered, data):
    """Not one snapshot skipped, not one grid cell missing or different from nnmath's grid; the
    grids shown between the snapshots are those of the epochs between."""
    drawn = rendered[SLUG].drawn
    snapshots = expected_heatmaps(data)
    assert {key: drawn.get(key) for key in snapshots} == snapshots
    frames = frame_heatmaps(data)
    assert set(drawn) <= set(frames) and all(frames[key] == value for key, value in drawn.items())
    epochs = {int(key.split("]")[0].removeprefix("epoch[")) for key in drawn}
    assert len(epochs) > len(data.boundary.epochs)     # it bends between the snapshots
    first, second = data.boundary.epochs[:2]
    assert any(first < epoch < second for epoch in epochs)   # from the untrained network on


def test_every_stop_shows_its_epoch_and_accuracies(rendered, data):
    shown = rendered[SLUG].displayed
    for k, epoch in enumerate(data.boundary.epochs):
        assert shown[f"training.snapshots[{k}].epoch"] == epoch
        assert f"training.snapshots[{k}].test_accuracy %" in shown


def test_default_lecture_ends_on_the_lessons_test_accuracy(rendered, data):
    shown = rendered[SLUG].displayed
    assert shown["training.final_test_accuracy %"] == 97.5
    assert data.boundary.epochs[-1] == data.config.training.epochs
    assert shown[f"training.snapshots[{len(data.boundary.epochs) - 1}].test_accuracy %"] == 97.5


def test_training_follows_the_config(other_config):
    other_data, other_results = other_config
    drawn = other_results[SLUG].drawn   # a last-frame render skips the sweep: the last stop only
    want = frame_heatmaps(other_data)
    assert drawn and all(want[key] == value for key, value in drawn.items())


def test_result_counts_and_chance_level_recomputed(rendered, data):
    """The counts the close quotes ('39 of the 40 test points are right') and the chance level it
    is judged against, recomputed here from the final parameters and the test labels."""
    network = data.config.network
    output = forward(data.final_params, data.dataset.X_test,
                     get_activation(network.activation, network.leaky_slope)).output[:, 0]
    right = int(np.sum((output >= 0.5).astype(int) == data.dataset.y_test))
    share = float(np.mean(data.dataset.y_test))
    shown = rendered[SLUG].displayed
    assert shown["verdicts.training.test.correct"] == right == 39
    assert shown["verdicts.training.test.total"] == len(data.dataset.y_test) == 40
    assert shown["verdicts.training.chance_percent"] == round(100 * max(share, 1 - share), 1)


ONE_EPOCH = """
seed = 42
[data]
name = "moons"
n_samples = 45
noise = 0.0
test_size = 0.001
standardize = false
[network]
layers = [2, 1, 1]
activation = "sigmoid"
[training]
loss = "mse"
reduction = "sum"
learning_rate = 1.0
epochs = 1
[lecture]
hidden_sizes = [1]
grid_resolution = 10
[voice]
engine = "none"
"""


def test_a_one_epoch_lecture_plays_its_sweep_from_the_untrained_network(tmp_path):
    """At one epoch the snapshots are epochs 0 and 1, which meet on the log axis; played as video
    (the sweep runs only then), the readouts fade in on the untrained network's accuracy and the
    sweep ends on the trained one's, and nothing on screen overlaps."""
    (tmp_path / "lecture.toml").write_text(ONE_EPOCH)
    context = context_of(tmp_path / "lecture.toml")
    b = context.data.boundary
    assert list(b.epochs) == [0, 1]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as pool:
        result, check, error = pool.submit(render_one, SLUG, str(tmp_path), False, TINY,
                                           context).result()
    assert error is None and not check.issues, error or check.report()
    assert result.displayed["training.snapshots[0].accuracy %"] == round(100 * b.accuracy[0], 1)
    assert result.displayed["training.snapshots[1].accuracy %"] == round(100 * b.accuracy[1], 1)
