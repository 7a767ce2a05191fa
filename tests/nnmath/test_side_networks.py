"""A network the lecture shows only for contrast never stops it: when the config's learning rate
makes it diverge it is trained with a halved rate, and says so; only the lecture's own network
may stop a config."""

import math

import pytest

from nnmath.config import parse_config
from nnmath.errors import TrainingDiverged
from nnmath.lecture_data import LectureData

# bce at rate 2: the lecture's network trains; its linear twin diverges at that rate.
LINEAR_DIVERGES = {"training": {"loss": "bce", "learning_rate": 2.0}}


@pytest.fixture(scope="module")
def data():
    return LectureData.build(parse_config(LINEAR_DIVERGES), cached=False)


def test_a_diverging_side_network_is_trained_with_a_halved_rate(data):
    linear = data.linearity_comparison.linear
    assert linear.rate_lowered
    halvings = math.log2(2.0 / linear.learning_rate)
    assert halvings >= 1 and halvings == int(halvings)
    assert all(math.isfinite(v) for v in (linear.final_loss, linear.final_test_loss))
    assert 0.5 <= linear.test_accuracy <= 1


def test_the_lecture_network_keeps_the_configs_rate(data):
    nonlinear = data.linearity_comparison.nonlinear
    assert nonlinear.learning_rate == 2.0 and not nonlinear.rate_lowered


def test_the_facts_say_which_rate_trained_each_side_network(data):
    facts = data.to_facts()
    assert facts["linearity_comparison"]["linear"]["rate_lowered"] is True
    assert facts["linearity_comparison"]["linear"]["learning_rate"] < 2.0
    for network in facts["hidden_size_comparison"]:
        assert network["learning_rate"] <= 2.0


def test_only_the_lecture_network_stops_a_config():
    with pytest.raises(TrainingDiverged, match="^the lecture's network: training diverged"):
        LectureData.build(parse_config({"network": {"activation": "leaky_relu", "init": "he"},
                                        "training": {"loss": "bce", "learning_rate": 100.0}}),
                          cached=False)


def test_a_very_large_rate_is_halved_as_often_as_it_takes():
    """bce at 1e8 with two hidden layers: the linear twin needs more than 29 halvings."""
    config = parse_config({"network": {"layers": [2, 8, 8, 1]}, "data": {"n_samples": 400},
                           "training": {"loss": "bce", "learning_rate": 1e8, "epochs": 300}})
    linear = LectureData.build(config, cached=False).linearity_comparison.linear
    assert linear.rate_lowered and linear.learning_rate < 1e8 / 2**29


def test_with_a_stable_rate_nothing_is_lowered():
    data = LectureData.build(cached=True)
    networks = [data.linearity_comparison.linear, *data.hidden_size_comparison]
    assert not any(network.rate_lowered for network in networks)
    assert {network.learning_rate for network in networks} == {0.1}
