"""The summary quotes the network's final test accuracy: the lesson's 97.5 % by default (that
every number shown is the facts' is checked for all scenes in test_facts_shown.py)."""

import pytest

pytestmark = pytest.mark.render


def test_summary_quotes_the_lessons_accuracy(rendered):
    shown = rendered["summary"].displayed
    assert shown["training.final_test_accuracy %"] == 97.5
    assert [shown[f"network.layer_sizes[{k}]"] for k in range(3)] == [2, 4, 1]
