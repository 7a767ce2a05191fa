"""The architecture scene counts n_in × n_out weights per layer, one bias per neuron after the
input, and their sum; the wide network's column shows its true size and its parameter count.
(Every number shown is also checked against the facts in test_facts_shown.py.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.render

SLUG = "architecture"


def test_the_counts_add_up(rendered, data):
    shown = rendered[SLUG].displayed
    sizes = data.layer_sizes
    weights = []
    for index in range(len(sizes) - 1):
        n_in = shown[f"network.parameters.weight_shapes[{index}][0]"]
        n_out = shown[f"network.parameters.weight_shapes[{index}][1]"]
        assert (n_in, n_out) == (sizes[index], sizes[index + 1])
        weights.append(shown[f"network.parameters.weights[{index}]"])
        assert weights[-1] == n_in * n_out
    assert shown["network.n_biases"] == sum(sizes[1:])
    assert shown["network.parameters.total"] == sum(weights) + shown["network.n_biases"] == 17


def test_the_wide_column_shows_its_true_size_and_count(rendered, data):
    shown = rendered[SLUG].displayed
    k = max(range(len(data.hidden_size_comparison)),
            key=lambda index: data.hidden_size_comparison[index].layer_sizes[1])
    wide = data.hidden_size_comparison[k]
    assert shown[f"hidden_size_comparison[{k}].layer_sizes[1]"] == wide.layer_sizes[1] == 10
    assert shown[f"hidden_size_comparison[{k}].n_parameters"] == 2 * 10 + 10 * 1 + 10 + 1
