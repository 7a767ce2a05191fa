"""Verdicts classify results from their numbers: hand-checked small cases for every kind, and the
thresholds met exactly."""

import numpy as np
import pytest

from nnmath.verdicts import (
    Contrast, Limit, Outcome, Trend, chance_level, compare_sizes, contrast, judge, limit, outcome,
    score, start, tail_share, trend,
)

BALANCED = np.array([0, 1] * 20)          # 40 test labels, chance level 0.5
FALLEN = np.geomspace(0.25, 0.001, 100)   # a loss that levels off: its last tenth is ~0 of the fall


def verdict(train, test, *, losses=FALLEN, final_loss=0.001, final_test_loss=0.001,
            sizes=(2, 4, 1), activation="sigmoid", labels=BALANCED):
    return judge(train_accuracy=train, test_accuracy=test, n_train=160, y_test=labels,
                 losses=losses, final_loss=final_loss, final_test_loss=final_test_loss,
                 layer_sizes=sizes, activation=activation)


def test_chance_level_is_the_commoner_class_share():
    assert chance_level([0, 0, 0, 1]) == 0.75
    assert chance_level([1, 1, 1, 0]) == 0.75
    assert chance_level(BALANCED) == 0.5


@pytest.mark.parametrize("train, test, chance, want", [
    (1.0, 0.975, 0.5, Outcome.WELL),
    (0.95, 0.90, 0.5, Outcome.WELL),            # exactly WELL, gap 5 points
    (0.85, 0.80, 0.5, Outcome.PARTLY),
    (0.66, 0.55, 0.55, Outcome.CHANCE),         # the 2-1-1 network on the circles
    (0.50, 0.525, 0.5, Outcome.CHANCE),         # 2.5 points above chance
    (0.60, 0.55, 0.5, Outcome.PARTLY),          # exactly CHANCE_MARGIN above chance
    (1.0, 0.52, 0.5, Outcome.CHANCE),           # memorised, but nothing carried over
    (1.0, 0.90, 0.5, Outcome.OVERFITTED),       # exactly OVERFIT_GAP
    (1.0, 0.925, 0.5, Outcome.WELL),
    (0.95, 0.70, 0.55, Outcome.OVERFITTED),
])
def test_outcome(train, test, chance, want):
    assert outcome(train, test, chance) is want


def test_one_hidden_neuron_or_linear_layers_draw_one_line():
    assert limit((2, 1, 1), "sigmoid") is Limit.ONE_HIDDEN_NEURON
    assert limit((2, 1, 5, 1), "relu") is Limit.ONE_NEURON_FIRST
    assert limit((2, 10, 1), "linear") is Limit.LINEAR
    assert limit((2, 1, 1), "linear") is Limit.LINEAR
    assert limit((2, 4, 1), "tanh") is Limit.NONE
    assert limit((2, 4, 1, 1), "tanh") is Limit.NONE   # a later 1-neuron layer still sees 4 lines


def test_tail_share():
    steady = np.linspace(1.0, 0.1, 100, endpoint=False)   # falls 0.009 per epoch, to 0.1
    assert tail_share(steady, 0.1) == pytest.approx(0.1)   # its last tenth: a tenth of the fall
    assert tail_share(FALLEN, 0.001) < 0.01
    assert tail_share([0.3, 0.3, 0.3], 0.3) == 0.0           # never fell
    assert tail_share([0.3, 0.4, 0.5], 0.6) == 0.0           # rose


def test_still_improving_when_the_loss_falls_to_the_end():
    late = np.concatenate([np.full(90, 0.25), np.linspace(0.25, 0.1, 10, endpoint=False)])
    assert verdict(0.8, 0.8, losses=late, final_loss=0.1).still_improving
    assert not verdict(0.8, 0.8).still_improving
    flat = np.full(100, 0.25)
    assert not verdict(0.5, 0.5, losses=flat, final_loss=0.25).still_improving


def test_verdict_carries_its_numbers():
    v = verdict(0.6625, 0.55, sizes=(2, 1, 1), labels=np.array([0] * 22 + [1] * 18),
                final_loss=0.2066, final_test_loss=0.25, losses=np.full(100, 0.2499))
    assert v.outcome is Outcome.CHANCE and v.limit is Limit.ONE_HIDDEN_NEURON
    assert (v.train.correct, v.train.total, v.train.percent) == (106, 160, 66.2)
    assert (v.test.correct, v.test.total, v.test.percent) == (22, 40, 55.0)
    assert v.chance_level == 0.55 and v.chance_percent == 55.0
    assert v.gap == pytest.approx(0.1125)
    assert (v.loss_start, v.loss_end) == (0.2499, 0.2066)
    assert not v.loss_gap


def test_loss_gap():
    assert verdict(1.0, 0.9, final_loss=0.01, final_test_loss=0.021).loss_gap
    assert not verdict(1.0, 0.9, final_loss=0.01, final_test_loss=0.02).loss_gap


def test_score():
    s = score(0.975, 40)
    assert (s.correct, s.total, s.fraction, s.percent) == (39, 40, 0.975, 97.5)


@pytest.mark.parametrize("values, want", [
    ([97.5], Trend.SINGLE),
    ([95.0, 95.0, 95.0], Trend.SAME),
    ([80.0, 90.0, 90.0], Trend.RISING),
    ([95.0, 92.5, 92.5], Trend.FALLING),
    ([97.5, 100.0, 97.5], Trend.LARGEST_NOT_BEST),
    ([90.0, 85.0, 95.0], Trend.UNEVEN),
])
def test_trend(values, want):
    assert trend(values) is want


def test_compare_sizes_orders_by_size_and_names_the_best():
    verdicts = [verdict(1.0, test) for test in (0.975, 0.925, 0.975)]
    comparison = compare_sizes([10, 3, 5], verdicts)
    assert comparison.sizes == (3, 5, 10)
    assert comparison.test_trend is Trend.RISING         # 92.5, 97.5, 97.5 by size
    assert comparison.best_sizes == (5, 10)
    assert comparison.train_trend is Trend.SAME


def test_compare_sizes_bigger_is_not_always_better():
    verdicts = [verdict(1.0, test) for test in (0.975, 1.0, 0.975)]
    comparison = compare_sizes([3, 5, 10], verdicts)
    assert comparison.test_trend is Trend.LARGEST_NOT_BEST
    assert comparison.best_sizes == (5,)


@pytest.mark.parametrize("linear, nonlinear, want", [
    (0.9, 0.975, Contrast.NONLINEAR_BETTER),
    (0.9, 0.95, Contrast.NONLINEAR_BETTER),      # exactly CLEAR_GAIN
    (0.95, 0.975, Contrast.SAME),
    (0.525, 0.55, Contrast.SAME),
    (0.9, 0.8, Contrast.LINEAR_BETTER),
])
def test_contrast(linear, nonlinear, want):
    result = contrast(verdict(linear, linear, activation="linear"), verdict(nonlinear, nonlinear))
    assert result.contrast is want
    assert result.gain == pytest.approx(nonlinear - linear)


def test_start_at_chance_on_the_training_set():
    labels = np.array([0] * 70 + [1] * 30)
    assert start(0, 0.7, labels).at_chance              # always guessing 0
    assert start(0, 0.3, labels).at_chance              # worse than guessing
    assert not start(0, 0.75, labels).at_chance
    assert start(10, 0.3, labels).train.correct == 30


def test_the_default_lecture_is_judged_from_its_own_numbers():
    """LectureData's verdicts agree with its accuracies and labels, and facts hold them."""
    from nnmath.lecture_data import LectureData

    data = LectureData.build()
    verdict = data.training_verdict
    assert verdict.outcome is Outcome.WELL and verdict.limit is Limit.NONE
    assert (verdict.test.correct, verdict.test.total) == (39, 40)
    assert verdict.train.fraction == data.train_accuracy
    assert verdict.chance_level == chance_level(data.dataset.y_test)
    assert [v.test.fraction for v in data.hidden_size_verdicts] == \
        [n.test_accuracy for n in data.hidden_size_comparison]
    assert data.size_comparison.best_sizes == (5,)
    assert data.linearity_verdict.linear.limit is Limit.LINEAR
    assert data.linearity_verdict.contrast is Contrast.NONLINEAR_BETTER
    assert data.training_start.epoch == data.config.training.snapshots[0]
    facts = data.to_facts()["verdicts"]
    assert facts["training"]["outcome"] == "learned_well"
    assert facts["size_comparison"]["test_trend"] == "largest_not_best"


def test_judge_rate_from_the_loss_per_step():
    from nnmath.verdicts import Rate, judge_rate

    points = np.array([[1.0], [0.5], [0.25]])
    assert judge_rate([1.0, 0.25, 0.0625], points, (0.0,)).rate is Rate.TOO_SMALL
    good = judge_rate([1.0, 0.1, 0.009], points, (0.0,))
    assert (good.rate, good.overshoots, good.climbs) == (Rate.GOOD, False, False)
    bouncing = np.array([[1.0], [-1.0], [1.0]])
    still = judge_rate([1.0, 1.0, 1.0], bouncing, (0.0,))
    assert (still.rate, still.overshoots, still.climbs) == (Rate.TOO_LARGE, True, False)
    climbing = judge_rate([1.0, 1.2, 1.5], np.array([[1.0], [-1.1], [1.2]]), (0.0,))
    assert (climbing.rate, climbing.climbs, climbing.loss_end) == (Rate.TOO_LARGE, True, 1.5)
    # Overshooting yet converging is not "too large": the loss judges the rate.
    assert judge_rate([1.0, 0.64, 0.41], np.array([[1.0], [-0.8], [0.64]]), (0.0,)).overshoots


def test_downhill_lies_against_the_slope():
    from nnmath.verdicts import Downhill, downhill
    assert downhill(-0.5) is Downhill.RIGHT and int(Downhill.RIGHT) == 1
    assert downhill(2.0) is Downhill.LEFT and int(Downhill.LEFT) == -1
    assert downhill(0.0) is Downhill.LEFT
