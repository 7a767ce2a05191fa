"""The inside-the-network scene shows the trained network's real weights, the real activations of
the first test point of each class, and each hidden neuron's map with its real range."""

from __future__ import annotations

import numpy as np

SLUG = "inside_network"


def r2(value) -> float:
    return round(float(value), 2)


def first_of_each_class(data) -> dict:
    """class -> its first test sample, found here from the data set itself."""
    y = data.dataset.y_test
    return {c: int(np.flatnonzero(y == c)[0]) for c in (0, 1) if np.any(y == c)}


def expected(data) -> dict:
    want = {}
    for layer, (W, _) in enumerate(data.final_params):
        want |= {f"w[{layer}][{i}][{j}]": r2(w) for (i, j), w in np.ndenumerate(W)}
    for c, index in first_of_each_class(data).items():
        x = data.dataset.X_test[index]
        activations = [x]
        for layer, (W, b) in enumerate(data.final_params):      # the forward pass, by hand
            z = activations[-1] @ W + b[0]
            last = layer == len(data.final_params) - 1
            activations.append(1 / (1 + np.exp(-z)) if last else hidden(data, z))
        want |= {f"class{c}.a[{layer}][{i}]": r2(a) for layer, acts in enumerate(activations)
                 for i, a in enumerate(acts)}
        want |= {f"class{c}.label": c, f"class{c}.predicted_class": int(activations[-1][0] >= 0.5)}
    for layer, grids in enumerate(data.neuron_grids, start=1):
        for i, grid in enumerate(grids):
            want |= {f"range[{layer}][{i}].low": r2(grid.values.min()),
                     f"range[{layer}][{i}].high": r2(grid.values.max())}
    return want


def hidden(data, z):
    name = data.config.network.activation
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    raise NotImplementedError(name)


def test_inside_network_shows_nnmaths_numbers(rendered, data, check_numbers):
    check_numbers(SLUG, rendered[SLUG].displayed, expected(data))


def test_inside_network_follows_the_config(rendered, other_config, check_numbers):
    other_data, other_results = other_config
    shown = other_results[SLUG].displayed
    check_numbers(SLUG, shown, expected(other_data))
    default = rendered[SLUG].displayed
    assert any(shown[key] != default.get(key) for key in shown)


def test_both_classes_go_through_the_network(rendered, data):
    shown = rendered[SLUG].displayed
    for c, index in first_of_each_class(data).items():
        x = data.dataset.X_test[index]
        assert shown[f"class{c}.a[0][0]"] == r2(x[0]) and shown[f"class{c}.a[0][1]"] == r2(x[1])
        assert shown[f"class{c}.label"] == c


def test_every_hidden_map_states_its_range_and_the_output_weights_are_written(rendered, data):
    """2-4-1: four maps, each with the range of its own neuron's grid; all weights legible."""
    shown = rendered[SLUG].displayed
    for layer, grids in enumerate(data.neuron_grids, start=1):
        for i, grid in enumerate(grids):
            low, high = shown[f"range[{layer}][{i}].low"], shown[f"range[{layer}][{i}].high"]
            assert low <= high
            assert (low, high) == (r2(grid.values.min()), r2(grid.values.max()))
    last = len(data.final_params) - 1
    assert all(f"w[{last}][{i}][0]" in shown for i in range(data.layer_sizes[last]))
