"""The hidden-sizes scene shows nnmath's comparison networks: one panel per configured hidden
size, each boundary coloured from that network's decision grid, each accuracy nnmath's, and a
narration that says what those numbers show."""

from __future__ import annotations

import numpy as np

SLUG = "hidden_sizes"


def expected(data) -> dict:
    want = {"epochs": data.config.training.epochs}
    for k, (hidden, network) in enumerate(zip(data.config.lecture.hidden_sizes,
                                              data.hidden_size_comparison)):
        want[f"network[{k}].hidden"] = hidden
        want[f"network[{k}].train_accuracy"] = round(100 * network.train_accuracy, 1)
        want[f"network[{k}].test_accuracy"] = round(100 * network.test_accuracy, 1)
        for (i, j), value in np.ndenumerate(network.grid.values):
            want[f"network[{k}].heatmap[{i}][{j}]"] = round(float(value), 4)
    return want


def test_hidden_sizes_numbers_are_nnmaths(rendered, data, check_numbers):
    shown = rendered[SLUG].displayed
    check_numbers(SLUG, shown, expected(data))
    assert set(shown) == set(expected(data)), "a panel, an accuracy or a grid cell is missing"


def test_hidden_sizes_follow_the_config(rendered, other_config, check_numbers):
    other_data, other_results = other_config
    shown = other_results[SLUG].displayed
    check_numbers(SLUG, shown, expected(other_data))
    assert set(shown) == set(expected(other_data))
    default = rendered[SLUG].displayed
    assert any(shown[key] != default[key] for key in shown if "heatmap" not in key)


def test_narration_follows_the_default_numbers(rendered, data):
    """The lesson's networks all fit their training points; one size is best on the test points,
    and it is not the largest: the captions say so, naming it."""
    captions = rendered[SLUG].captions.read_text()
    networks = data.hidden_size_comparison
    sizes = list(data.config.lecture.hidden_sizes)
    tests = [round(100 * n.test_accuracy, 1) for n in networks]
    best = [size for size, test in zip(sizes, tests) if test == max(tests)]
    assert all(n.train_accuracy == 1 for n in networks)
    assert "classifies all of its training points correctly" in captions
    assert len(best) == 1 and best[0] != max(sizes)
    assert f"{best[0]} hidden neurons do best, not the most" in captions
