"""The summary quotes the network's sizes and its final test accuracy: nnmath's, for any config."""

from __future__ import annotations


def expected(data) -> dict:
    want = {f"size[{k}]": n for k, n in enumerate(data.layer_sizes)}
    want["test_accuracy"] = round(100 * data.test_accuracy, 1)
    return want


def test_summary_numbers_are_nnmaths(rendered, data, check_numbers):
    check_numbers("summary", rendered["summary"].displayed, expected(data))
    assert rendered["summary"].displayed["test_accuracy"] == 97.5  # the lesson's printed accuracy


def test_summary_numbers_follow_the_config(other_config, check_numbers):
    other_data, results = other_config
    check_numbers("summary", results["summary"].displayed, expected(other_data))
