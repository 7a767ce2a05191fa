"""The hidden-sizes scene shows nnmath's comparison networks: one panel per configured hidden
size, each boundary coloured from that network's decision grid, each accuracy nnmath's, and a
narration that says what those numbers show."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.render

SLUG = "hidden_sizes"


def expected_heatmaps(data) -> dict:
    return {f"network[{k}].heatmap[{i}][{j}]": round(float(value), 4)
            for k, network in enumerate(data.hidden_size_comparison)
            for (i, j), value in np.ndenumerate(network.grid.values)}


def test_every_panel_is_shown_with_its_whole_grid_and_accuracies(rendered, data):
    result = rendered[SLUG]
    assert result.drawn == expected_heatmaps(data)
    for k, hidden in enumerate(data.config.lecture.hidden_sizes):
        assert result.displayed[f"hidden_size_comparison[{k}].layer_sizes[1]"] == hidden
        for name in ("train_accuracy", "test_accuracy"):
            assert f"hidden_size_comparison[{k}].{name} %" in result.displayed


def test_hidden_sizes_follow_the_config(other_config):
    other_data, other_results = other_config
    assert other_results[SLUG].drawn == expected_heatmaps(other_data)


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


def test_the_overlay_names_the_test_point_the_sizes_part_on(rendered, data):
    """The boundaries laid over one another part around the test point only 5 hidden neurons
    classify correctly (recomputed in tests/nnmath/test_boundary_difference.py): the captions
    say so, and the camera went close on it."""
    result = rendered[SLUG]
    captions = result.captions.read_text()
    assert data.boundary_difference.right == ((5,),)
    assert "the boundaries part around one test point: only 5 hidden neurons get it right" \
        in captions
