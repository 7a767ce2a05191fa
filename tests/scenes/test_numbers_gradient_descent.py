"""The gradient-descent scene draws nnmath's paths, labels the training path from its first to
its last epoch, shows the curve's slope as numpy's polynomial derivative gives it, and shows a too
large learning rate overshooting. (Every number shown is checked against the facts in
test_facts_shown.py.)"""

from __future__ import annotations

import re

import pytest

import numpy as np

pytestmark = pytest.mark.render

SLUG = "gradient_descent"
DRAWN_TOLERANCE = 1.5e-3   # one unit of the recorded 3rd decimal, plus float error of the inverse map


def test_the_slope_shown_is_the_curves_derivative(rendered, data):
    """f'(x0) on screen equals the derivative of the curve's coefficients, by numpy's polyder."""
    result = rendered[SLUG]
    curve = data.descent.curve
    x0 = result.displayed["descent.curve.path.points[0][0]"]
    assert x0 == round(float(curve.path.points[0, 0]), 2)
    slope = float(np.polyval(np.polyder(curve.coefficients), curve.path.points[0, 0]))
    assert result.displayed["descent.curve.slopes[0]"] == round(slope, 2)


def expected_paths(data) -> dict:
    """name -> (n, dims) array of the points each drawn path must pass through."""
    d = data.descent
    s = d.loss_slice
    paths = {
        "curve": np.column_stack([d.curve.path.points[:, 0], d.curve.path.values]),
        "bowl": np.column_stack([d.bowl_path.points, d.bowl_path.values]),
        "slice": np.column_stack([s.path, s.path_slice_loss]),
    }
    paths |= {f"rate[{i}]": path.points for i, path in enumerate(d.learning_rates)}
    return paths


def drawn_paths(drawn: dict) -> dict:
    """The recorded <name>[k][axis] path coordinates as name -> (n, dims) arrays."""
    found: dict = {}
    for key, value in drawn.items():
        match = re.fullmatch(r"(.+)\[(\d+)\]\[(\d+)\]", key)
        if match:
            name, k, axis = match.group(1), int(match.group(2)), int(match.group(3))
            found.setdefault(name, {})[(k, axis)] = value
    arrays = {}
    for name, cells in found.items():
        n, dims = max(k for k, _ in cells) + 1, max(a for _, a in cells) + 1
        assert len(cells) == n * dims, f"{name}: some drawn coordinates are missing"
        arrays[name] = np.array([[cells[(k, a)] for a in range(dims)] for k in range(n)])
    return arrays


def check_paths(shown: dict, data) -> None:
    drawn, want = drawn_paths(shown), expected_paths(data)
    assert set(drawn) == set(want)
    for name, points in want.items():
        assert drawn[name].shape == points.shape, name
        np.testing.assert_allclose(drawn[name], points, atol=DRAWN_TOLERANCE, err_msg=name)


def test_every_path_on_screen_is_nnmaths(rendered, data):
    check_paths(rendered[SLUG].drawn, data)


def test_training_path_is_labelled_from_first_to_last_epoch(rendered, data):
    epochs = data.descent.loss_slice.path_epochs
    shown = rendered[SLUG].displayed
    label = "descent.loss_slice.path_epochs[{}]"
    assert shown[label.format(len(epochs) - 1)] == epochs[-1] == data.config.training.epochs
    assert shown[label.format(0)] == 0


def test_too_large_a_rate_overshoots_on_screen(rendered, data):
    """Consecutive points of the largest rate's drawn path lie on opposite sides of the minimum
    (the bowl's is the origin); the smallest rate's never cross it."""
    drawn = drawn_paths(rendered[SLUG].drawn)
    large, small = drawn[f"rate[{len(data.descent.learning_rates) - 1}]"], drawn["rate[0]"]
    assert np.all(np.sign(large[1:, 0]) == -np.sign(large[:-1, 0]))
    assert np.all(np.sign(small[:, 0]) == np.sign(small[0, 0]))


def test_too_large_a_rate_is_seen_and_said_to_fail(rendered, data):
    """The largest rate's loss, as shown, ends above where it started (its descent climbs, by
    the bowl's closed form w -> (1 - 2 eta) w), and the line said over it says so; each rate's
    line names what its verdict found."""
    shown = rendered[SLUG].displayed
    last = len(data.descent.learning_rates) - 1
    large = data.descent.learning_rates[last]
    factor = 1 - 2 * large.learning_rate
    assert abs(factor) > 1
    assert shown[f"descent.learning_rates[{last}].values[-1]"] > shown[f"descent.learning_rates[{last}].values[0]"]
    lines = [step.text for step in rendered[SLUG].steps]
    assert any(line.startswith("Too large") and "climbs" in line for line in lines)
    assert any(line.startswith("Too small") for line in lines)
    assert any(line.startswith("About right") for line in lines)


def test_drawn_paths_follow_the_config(other_config):
    other_data, other_results = other_config
    check_paths(other_results[SLUG].drawn, other_data)
