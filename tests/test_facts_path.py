"""The facts-path reader that the shown-numbers test relies on finds values and rejects paths
that do not exist."""

import pytest

from tests.facts_path import lookup, split

FACTS = {"a": {"b": [1.5, {"c": 2}], "d.e": 3}, "xs": [[0, 1], [2, 3]]}


def test_paths_reach_nested_values():
    assert lookup(FACTS, "a.b[0]") == 1.5
    assert lookup(FACTS, "a.b[1].c") == 2
    assert lookup(FACTS, "xs[1][0]") == 2
    assert lookup(FACTS, "xs[-1][-1]") == 3


@pytest.mark.parametrize("path", ["a.z", "a.b[2]", "xs[0].c", "a..b", "a.b[0]x", "", "a b"])
def test_paths_that_do_not_exist_are_errors(path):
    with pytest.raises(KeyError):
        lookup(FACTS, path)


def test_a_percent_key_scales_by_100():
    assert split("training.final_test_accuracy %") == ("training.final_test_accuracy", 100.0)
    assert split("forward_example.x[0]") == ("forward_example.x[0]", 1.0)
