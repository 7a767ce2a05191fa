"""The training scene shows nnmath's training: every snapshot's heatmap is coloured from that
snapshot's decision grid, every accuracy shown is nnmath's, and the default lecture ends on the
lesson's test accuracy of 97.5 %."""

from __future__ import annotations

import numpy as np

from nnmath.activations import get_activation
from nnmath.landscape import decision_grid

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


def expected(data) -> dict:
    want = {
        "n_train": len(data.dataset.X_train),
        "n_test": len(data.dataset.X_test),
        "epoch": data.config.training.epochs,     # the counter ends on the last epoch
        "train_accuracy": round(100 * data.train_accuracy, 1),
        "test_accuracy": round(100 * data.test_accuracy, 1),
    }
    for epoch, grid, accuracy, test_accuracy in stops(data):
        want[f"epoch[{epoch}].accuracy"] = round(100 * accuracy, 1)
        want[f"epoch[{epoch}].test_accuracy"] = round(100 * test_accuracy, 1)
        for (i, j), value in np.ndenumerate(grid):
            want[f"epoch[{epoch}].heatmap[{i}][{j}]"] = round(float(value), 4)
    return want


def test_training_numbers_are_nnmaths(rendered, data, check_numbers):
    check_numbers(SLUG, rendered[SLUG].displayed, expected(data))


def test_every_snapshot_is_shown_with_its_whole_grid(rendered, data):
    """Not one snapshot skipped, not one grid cell missing from any heatmap."""
    assert set(rendered[SLUG].displayed) == set(expected(data))


def test_default_lecture_ends_on_the_lessons_test_accuracy(rendered, data):
    shown = rendered[SLUG].displayed
    assert shown["test_accuracy"] == 97.5
    assert shown[f"epoch[{data.config.training.epochs}].test_accuracy"] == 97.5


def test_training_follows_the_config(rendered, other_config, check_numbers):
    other_data, other_results = other_config
    shown = other_results[SLUG].displayed
    check_numbers(SLUG, shown, expected(other_data))   # a last-frame render skips the sweep
    default = rendered[SLUG].displayed
    assert any(shown[key] != default.get(key) for key in shown if "heatmap" not in key)
