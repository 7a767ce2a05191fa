"""Verdicts: what a training result shows, classified from its numbers, so the narration can only
say what the numbers say.

A verdict is computed once, here, from accuracies, labels and the loss curve, against the
thresholds below; scenes pick their words from its kind and quote the numbers it carries.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

CHANCE_MARGIN = 0.05   # test accuracy less than this above the chance level: stayed at chance
WELL = 0.90            # test accuracy at least this (and no overfitting): learned well
OVERFIT_GAP = 0.10     # train minus test accuracy at least this: overfitted
TAIL = 0.10            # "the end of training": the last tenth of the epochs
STILL_FALLING = 0.05   # more than this share of the loss's whole fall came in the TAIL: still improving
LOSS_GAP_FACTOR = 2.0  # final test loss above this many times the train loss: a gap between them
CLEAR_GAIN = 0.05      # one network's test accuracy this much above another's: clearly better
EPS = 1e-9             # accuracies are ratios of counts: a threshold met exactly counts as met


class Outcome(StrEnum):
    """How far a network learned its data, judged on the test points."""

    WELL = "learned_well"
    PARTLY = "learned_partly"
    CHANCE = "chance"
    OVERFITTED = "overfitted"


class Limit(StrEnum):
    """Why a network can only draw straight boundaries along one direction, whatever it is
    trained on."""

    NONE = "none"
    ONE_HIDDEN_NEURON = "one_hidden_neuron"      # one hidden layer of one neuron: one line
    ONE_NEURON_FIRST = "one_neuron_first_layer"  # deeper, but the first hidden layer is one number
    LINEAR = "linear_activation"                 # linear layers compose to one linear function


class Trend(StrEnum):
    """How a score moves as networks grow (sizes ascending); equal scores are the same."""

    SINGLE = "single"
    SAME = "same"
    RISING = "rising"                      # never falls, not all equal: the largest is among the best
    FALLING = "falling"                    # never rises, not all equal: the smallest is among the best
    LARGEST_NOT_BEST = "largest_not_best"  # up and down, and the largest is not among the best
    UNEVEN = "uneven"                      # up and down, and the largest is among the best


class Contrast(StrEnum):
    """The non-linear network against the linear one, on the test points."""

    NONLINEAR_BETTER = "nonlinear_better"
    SAME = "same"                          # within CLEAR_GAIN of each other
    LINEAR_BETTER = "linear_better"


@dataclass(frozen=True)
class Score:
    """``correct`` of ``total`` points classified correctly; ``percent`` to one decimal, as the
    lecture shows accuracies."""

    correct: int
    total: int
    fraction: float
    percent: float


@dataclass(frozen=True)
class Verdict:
    """One trained network judged: its ``outcome`` and the numbers that justify it.

    ``chance_level`` is the share of the test set's commoner class (always guessing it scores
    that). ``gap`` is train minus test accuracy. ``loss_start``, ``loss_end``: the training loss
    before the first and after the last update; ``tail_share`` the share of its whole fall that
    came in the last TAIL of the epochs (0 when it did not fall); ``still_improving`` when that
    share exceeds STILL_FALLING. ``loss_gap`` when the final test loss exceeds LOSS_GAP_FACTOR
    times the train loss. ``limit`` says why the network can only draw one line, if it can.
    """

    outcome: Outcome
    limit: Limit
    train: Score
    test: Score
    chance_level: float
    chance_percent: float
    gap: float
    loss_start: float
    loss_end: float
    tail_share: float
    still_improving: bool
    loss_gap: bool


@dataclass(frozen=True)
class SizeComparison:
    """The hidden-size networks compared, in ascending size: the trend of their train and test
    accuracies (as shown, in percent to one decimal), and the sizes with the best test accuracy."""

    sizes: tuple
    train_trend: Trend
    test_trend: Trend
    best_sizes: tuple


@dataclass(frozen=True)
class LinearityVerdict:
    """The linear network against the non-linear one: each judged, and how they compare."""

    linear: Verdict
    nonlinear: Verdict
    contrast: Contrast
    gain: float  # non-linear minus linear test accuracy


def score(accuracy, total):
    """The Score of an accuracy measured on ``total`` points (accuracy is correct / total)."""
    correct = int(round(float(accuracy) * total))
    return Score(correct, int(total), float(accuracy), round(100 * float(accuracy), 1))


def chance_level(labels):
    """The accuracy of always guessing the commoner class of ``labels`` (0s and 1s)."""
    share = float(np.mean(np.asarray(labels) == 1))
    return max(share, 1.0 - share)


def limit(layer_sizes, activation):
    """Why a network of ``layer_sizes`` (inputs first) with hidden ``activation`` can only draw
    straight boundaries along one direction: linear hidden layers, or a first hidden layer of one
    neuron (everything after it sees the plane through that one number)."""
    if activation == "linear":
        return Limit.LINEAR
    if len(layer_sizes) > 2 and layer_sizes[1] == 1:
        return Limit.ONE_HIDDEN_NEURON if len(layer_sizes) == 3 else Limit.ONE_NEURON_FIRST
    return Limit.NONE


def tail_share(losses, final_loss):
    """The share of the loss's whole fall (from ``losses[0]`` to ``final_loss``) that came in the
    last TAIL of the epochs: 0 when the loss did not fall overall, negative when it rose in the
    tail. ``losses[e]`` is the loss before update e."""
    losses = np.asarray(losses, dtype=np.float64)
    start, end = float(losses[0]), float(final_loss)
    if not end < start:
        return 0.0
    tail = max(1, int(round(TAIL * len(losses))))
    return float((losses[len(losses) - tail] - end) / (start - end))


def outcome(train_accuracy, test_accuracy, chance):
    """The Outcome of a network with these accuracies on data whose chance level is ``chance``:
    at chance first (nothing learned, whatever the training points say), then overfitted, then
    well or partly."""
    if test_accuracy - chance < CHANCE_MARGIN - EPS:
        return Outcome.CHANCE
    if train_accuracy - test_accuracy >= OVERFIT_GAP - EPS:
        return Outcome.OVERFITTED
    return Outcome.WELL if test_accuracy >= WELL - EPS else Outcome.PARTLY


def judge(*, train_accuracy, test_accuracy, n_train, y_test, losses, final_loss, final_test_loss,
          layer_sizes, activation):
    """The Verdict on one trained network from its final accuracies and losses, its per-epoch
    training loss ``losses``, the test labels, its sizes and hidden activation name."""
    chance = chance_level(y_test)
    share = tail_share(losses, final_loss)
    return Verdict(
        outcome=outcome(train_accuracy, test_accuracy, chance),
        limit=limit(layer_sizes, activation),
        train=score(train_accuracy, n_train),
        test=score(test_accuracy, len(y_test)),
        chance_level=chance,
        chance_percent=round(100 * chance, 1),
        gap=float(train_accuracy - test_accuracy),
        loss_start=float(losses[0]),
        loss_end=float(final_loss),
        tail_share=share,
        still_improving=share > STILL_FALLING + EPS,
        loss_gap=bool(final_test_loss > LOSS_GAP_FACTOR * final_loss),
    )


def trend(values):
    """The Trend of ``values`` (one per network, sizes ascending); equal values are the same."""
    values = list(values)
    if len(values) == 1:
        return Trend.SINGLE
    if len(set(values)) == 1:
        return Trend.SAME
    if all(a <= b for a, b in zip(values, values[1:])):
        return Trend.RISING
    if all(a >= b for a, b in zip(values, values[1:])):
        return Trend.FALLING
    return Trend.UNEVEN if values[-1] == max(values) else Trend.LARGEST_NOT_BEST


def compare_sizes(sizes, verdicts):
    """The SizeComparison of networks with hidden ``sizes`` and their ``verdicts`` (same order).
    Accuracies compare as the lecture shows them, so two that read the same are the same."""
    order = sorted(range(len(sizes)), key=lambda k: sizes[k])
    trains = [verdicts[k].train.percent for k in order]
    tests = [verdicts[k].test.percent for k in order]
    return SizeComparison(
        sizes=tuple(int(sizes[k]) for k in order),
        train_trend=trend(trains),
        test_trend=trend(tests),
        best_sizes=tuple(int(sizes[k]) for k, test in zip(order, tests) if test == max(tests)),
    )


def contrast(linear, nonlinear):
    """The LinearityVerdict of a linear network's verdict against a non-linear one's."""
    gain = nonlinear.test.fraction - linear.test.fraction
    if gain >= CLEAR_GAIN - EPS:
        kind = Contrast.NONLINEAR_BETTER
    elif gain <= -CLEAR_GAIN + EPS:
        kind = Contrast.LINEAR_BETTER
    else:
        kind = Contrast.SAME
    return LinearityVerdict(linear, nonlinear, kind, float(gain))


@dataclass(frozen=True)
class Start:
    """Where training started, as the lecture first shows it: the ``epoch`` of the first snapshot,
    the ``train`` score there, and whether that is no better than chance on the training set."""

    epoch: int
    train: Score
    at_chance: bool


def start(epoch, train_accuracy, y_train):
    """The Start of training at snapshot ``epoch`` with this train accuracy."""
    at_chance = train_accuracy - chance_level(y_train) < CHANCE_MARGIN - EPS
    return Start(int(epoch), score(train_accuracy, len(y_train)), bool(at_chance))
