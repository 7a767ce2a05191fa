"""The gradient-descent scene shows nnmath's numbers and draws nnmath's paths.

Expected values are derived here from the LectureData, independently of the scene: the slope
from the curve's coefficients with numpy's polynomial derivative, the display rule (two decimals,
two significant digits below 0.1) with Python's own formatting.
"""

from __future__ import annotations

import re

import numpy as np

SLUG = "gradient_descent"
DRAWN_TOLERANCE = 1.5e-3   # one unit of the recorded 3rd decimal, plus float error of the inverse map


def as_shown(value: float) -> float:
    """Two decimals, or two significant digits below 0.1."""
    value = float(value)
    return round(value, 2) if abs(value) >= 0.1 else float(f"{value:.2g}")


def expected(data) -> dict:
    """Every number the scene may display, keyed as the scene names it (drawn positions apart)."""
    d = data.descent
    curve = d.curve
    x0 = float(curve.path.points[0, 0])
    values = {f"curve.coefficient[{k}]": round(float(c), 2) for k, c in enumerate(curve.coefficients)}
    values |= {
        "curve.x[0]": round(x0, 2),
        "curve.slope[0]": round(float(np.polyval(np.polyder(curve.coefficients), x0)), 2),
        "curve.learning_rate": round(curve.path.learning_rate, 2),
        "curve.minimum": round(curve.minimum, 2),
        "bowl.learning_rate": round(d.bowl_path.learning_rate, 2),
        "bowl.steps": len(d.bowl_path.points) - 1,
        "bowl.loss[0]": as_shown(d.bowl_path.values[0]),
        "bowl.loss[-1]": as_shown(d.bowl_path.values[-1]),
        "slice.loss.min": as_shown(d.loss_slice.grid.values.min()),
        "slice.loss.max": as_shown(d.loss_slice.grid.values.max()),
    }
    for i, path in enumerate(d.learning_rates):
        values |= {f"rate[{i}].learning_rate": round(path.learning_rate, 2),
                   f"rate[{i}].loss[-1]": as_shown(path.values[-1])}
    values |= {f"slice.epoch[{k}]": int(e) for k, e in enumerate(d.loss_slice.path_epochs)}
    return values


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


def drawn_paths(shown: dict) -> dict:
    """The recorded drawn.<name>[k][axis] values as name -> (n, dims) arrays."""
    found: dict = {}
    for key, value in shown.items():
        match = re.fullmatch(r"drawn\.(.+)\[(\d+)\]\[(\d+)\]", key)
        if match:
            name, k, axis = match.group(1), int(match.group(2)), int(match.group(3))
            found.setdefault(name, {})[(k, axis)] = value
    arrays = {}
    for name, cells in found.items():
        n, dims = max(k for k, _ in cells) + 1, max(a for _, a in cells) + 1
        assert len(cells) == n * dims, f"{name}: some drawn coordinates are missing"
        arrays[name] = np.array([[cells[(k, a)] for a in range(dims)] for k in range(n)])
    return arrays


def numbers(shown: dict) -> dict:
    return {key: value for key, value in shown.items() if not key.startswith("drawn.")}


def check_paths(shown: dict, data) -> None:
    drawn, want = drawn_paths(shown), expected_paths(data)
    assert set(drawn) == set(want)
    for name, points in want.items():
        assert drawn[name].shape == points.shape, name
        np.testing.assert_allclose(drawn[name], points, atol=DRAWN_TOLERANCE, err_msg=name)


def test_displayed_numbers_are_nnmaths(rendered, data, check_numbers):
    check_numbers(SLUG, numbers(rendered[SLUG].displayed), expected(data))


def test_every_path_on_screen_is_nnmaths(rendered, data):
    check_paths(rendered[SLUG].displayed, data)


def test_training_path_is_labelled_from_first_to_last_epoch(rendered, data):
    epochs = data.descent.loss_slice.path_epochs
    shown = {key: value for key, value in rendered[SLUG].displayed.items()
             if key.startswith("slice.epoch[")}
    assert shown[f"slice.epoch[{len(epochs) - 1}]"] == epochs[-1] == data.config.training.epochs
    assert shown["slice.epoch[0]"] == 0


def test_too_large_a_rate_overshoots_on_screen(rendered, data):
    """Consecutive points of the largest rate's drawn path lie on opposite sides of the minimum
    (the bowl's is the origin); the smallest rate's never cross it."""
    drawn = drawn_paths(rendered[SLUG].displayed)
    large, small = drawn[f"rate[{len(data.descent.learning_rates) - 1}]"], drawn["rate[0]"]
    assert np.all(np.sign(large[1:, 0]) == -np.sign(large[:-1, 0]))
    assert np.all(np.sign(small[:, 0]) == np.sign(small[0, 0]))


def test_displayed_numbers_follow_the_config(rendered, other_config, check_numbers):
    other_data, other_results = other_config
    shown = other_results[SLUG].displayed
    check_numbers(SLUG, numbers(shown), expected(other_data))
    check_paths(shown, other_data)
    default = rendered[SLUG].displayed
    assert shown["slice.loss.max"] != default["slice.loss.max"] or \
        shown["slice.loss.min"] != default["slice.loss.min"]

