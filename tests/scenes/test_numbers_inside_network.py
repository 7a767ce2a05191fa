"""The inside-the-network scene shows the trained network's real weights, the real activations of
the first test point of each class (checked here against a forward pass written out by hand), and
each hidden neuron's map with its real range. (That every number shown is the facts' is checked
for all scenes in test_facts_shown.py.)"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.render

SLUG = "inside_network"


def r2(value) -> float:
    return round(float(value), 2)


def first_of_each_class(data) -> dict:
    """class -> its first test sample, found here from the data set itself."""
    y = data.dataset.y_test
    return {c: int(np.flatnonzero(y == c)[0]) for c in (0, 1) if np.any(y == c)}


def by_hand(data, x) -> list:
    """The 2-4-1 sigmoid network's activations for x, written out here."""
    activations = [x]
    for W, b in data.final_params:
        activations.append(1 / (1 + np.exp(-(activations[-1] @ W + b[0]))))
    return activations


def test_both_classes_go_through_the_network_as_by_hand(rendered, data):
    shown = rendered[SLUG].displayed
    assert data.config.network.activation == "sigmoid"
    for k, (c, index) in enumerate(first_of_each_class(data).items()):
        path = f"class_examples[{k}]"
        for layer, acts in enumerate(by_hand(data, data.dataset.X_test[index])):
            for i, a in enumerate(acts):
                assert shown[f"{path}.activations[{layer}][{i}]"] == r2(a)
        assert shown[f"{path}.label"] == c


def test_every_hidden_map_states_its_range_and_the_output_weights_are_written(rendered, data):
    """2-4-1: four maps, each with the range of its own neuron's grid; all weights legible."""
    shown = rendered[SLUG].displayed
    for layer, grids in enumerate(data.neuron_grids):
        for i, grid in enumerate(grids):
            low, high = shown[f"neuron_ranges[{layer}][{i}][0]"], shown[f"neuron_ranges[{layer}][{i}][1]"]
            assert low <= high
            assert (low, high) == (r2(grid.values.min()), r2(grid.values.max()))
    last = len(data.final_params) - 1
    assert all(f"network.final[{last}].W[{i}][0]" in shown for i in range(data.layer_sizes[last]))
