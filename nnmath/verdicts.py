"""Verdicts: what a training result shows, classified from its numbers, so the narration can only
say what the numbers say.

A verdict is computed once, here, from accuracies, labels and the loss curve, against the
thresholds below; scenes pick their words from its kind and quote the numbers it carries.
"""

from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum

import numpy as np

from nnmath.config import LectureConfig, LectureOptions

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

    @property
    def all_right(self):
        """Whether every one of its points is classified correctly."""
        return self.correct == self.total


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


NEAR_MINIMUM = 0.01    # a descent ending below this share of its starting loss reached the bottom


class Rate(StrEnum):
    """What a learning rate did on a descent, judged from the loss at each step."""

    TOO_SMALL = "too_small"    # the loss fell, but ends above NEAR_MINIMUM of its start
    GOOD = "good"              # the loss ends below NEAR_MINIMUM of its start
    TOO_LARGE = "too_large"    # the loss never fell below its start: the steps overshoot


@dataclass(frozen=True)
class RateVerdict:
    """One learning rate's descent judged: its ``rate`` kind; ``overshoots`` when every step
    lands on the other side of the minimum; ``climbs`` when the loss ends above its start;
    ``loss_start``, ``loss_end``: the loss before the first and after the last step."""

    rate: Rate
    overshoots: bool
    climbs: bool
    loss_start: float
    loss_end: float


def judge_rate(values, points, minimum):
    """The RateVerdict of a descent whose loss at each step is ``values`` and whose points are
    ``points`` (steps, dims), on a function whose minimum is at ``minimum``."""
    values = np.asarray(values, dtype=np.float64)
    side = np.sign(np.asarray(points, dtype=np.float64)[:, 0] - np.asarray(minimum)[0])
    start, end = float(values[0]), float(values[-1])
    if not end < start:
        kind = Rate.TOO_LARGE
    elif end < NEAR_MINIMUM * start:
        kind = Rate.GOOD
    else:
        kind = Rate.TOO_SMALL
    overshoots = bool(len(side) > 1 and np.all(side[1:] == -side[:-1]) and np.all(side != 0))
    return RateVerdict(kind, overshoots, bool(end > start), start, end)


class Downhill(IntEnum):
    """Which way along x a curve goes down from a point, judged from its slope there; the value
    is that direction's sign along x."""

    RIGHT = 1     # the slope is negative
    LEFT = -1     # the slope is positive (or zero)


def downhill(slope):
    """The Downhill of a point of a curve whose slope there is ``slope`` (as shown)."""
    return Downhill.RIGHT if slope < 0 else Downhill.LEFT


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


def ends_after_snapshots(snapshot_epochs, epochs):
    """Whether training ran on past its last snapshot epoch, so that a sweep through the
    snapshots must end on the trained network itself."""
    return snapshot_epochs[-1] < epochs


def bends(verdict):
    """Whether the judged network's boundary can bend: no Limit keeps it to straight lines
    along one direction."""
    return verdict.limit is Limit.NONE


def classified_right(example):
    """Whether a class example (a test point with its ``label`` and the network's
    ``predicted_class``) is classified correctly."""
    return example.predicted_class == example.label


def is_lessons_setup(config):
    """Whether ``config`` is the lesson's own data, network and training (its lecture options,
    which change none of those, aside)."""
    return replace(config, lecture=LectureOptions()) == LectureConfig()


BARELY = 0.02          # networks whose classes differ on less than this share of the plane barely differ
FOCUS_WINDOW = 7       # grid cells across the window in which the plane's disagreement is densest


class Difference(StrEnum):
    """How the hidden-size networks' boundaries differ where a viewer can see it."""

    SINGLE = "single"    # one network: nothing to compare
    BARELY = "barely"    # the same class for every test point, and apart on under BARELY of the plane
    PLANE = "plane"      # the same class for every test point, but visibly apart on the plane
    POINTS = "points"    # at least one test point classified differently


@dataclass(frozen=True)
class BoundaryDifference:
    """Where the hidden-size networks' decision boundaries part. ``points``: the test indices
    that some networks classify differently from others; ``right[k]``: for ``points[k]``, the
    sizes that classify it correctly (ascending). ``area``: the share of the grid cells where not
    every network predicts the same class. ``focus``: the data coordinates to look at (the first
    point where the networks differ most evenly, else the centre of the densest disagreement on
    the plane, None when they barely differ); ``focus_point``: that test index, or None."""

    kind: Difference
    points: tuple
    right: tuple
    area: float
    focus: tuple | None
    focus_point: int | None


def compare_boundaries(sizes, grid, predictions, X_test, y_test):
    """The BoundaryDifference of networks with hidden ``sizes`` from ``grid`` = (xs, ys, one
    P(class 1) array per network over those axes) and their class ``predictions`` on the test
    points ``X_test`` (0/1 per point, one array per network)."""
    xs, ys, values = grid
    sizes = [int(s) for s in sizes]
    if len(sizes) == 1:
        return BoundaryDifference(Difference.SINGLE, (), (), 0.0, None, None)
    classes = np.array([np.asarray(v) >= 0.5 for v in values])
    apart = classes.any(axis=0) & ~classes.all(axis=0)
    area = float(apart.mean())
    predicted = np.array([np.asarray(p).astype(int) for p in predictions])
    y_test = np.asarray(y_test).astype(int)
    differ = np.flatnonzero(predicted.min(axis=0) != predicted.max(axis=0))
    order = np.argsort(sizes, kind="stable")
    right = tuple(tuple(sizes[k] for k in order if predicted[k, i] == y_test[i]) for i in differ)
    if differ.size:
        # most even split first: the point that divides the networks most
        balance = [abs(2 * len(r) - len(sizes)) for r in right]
        pick = int(differ[int(np.argmin(balance))])
        focus = (float(X_test[pick][0]), float(X_test[pick][1]))
        return BoundaryDifference(Difference.POINTS, tuple(int(i) for i in differ), right, area,
                                  focus, pick)
    if area < BARELY - EPS:
        return BoundaryDifference(Difference.BARELY, (), (), area, None, None)
    kernel = np.ones(FOCUS_WINDOW) / FOCUS_WINDOW
    density = np.apply_along_axis(np.convolve, 0, apart.astype(float), kernel, "same")
    density = np.apply_along_axis(np.convolve, 1, density, kernel, "same")
    density = np.where(apart, density, -1.0)
    tied = np.argwhere(density >= density.max() - EPS)   # the densest cells; of them, the one
    i, j = tied[np.argmin(((tied - tied.mean(axis=0)) ** 2).sum(axis=1))]   # nearest their middle
    return BoundaryDifference(Difference.PLANE, (), (), area, (float(xs[j]), float(ys[i])), None)


def firing_order(activations):
    """A layer's neurons by decreasing |activation| (ties: lower index first): the first is the
    neuron that fires hardest for the sample, the one worth computing in front of a viewer."""
    values = np.abs(np.asarray(activations, dtype=np.float64).reshape(-1))
    return tuple(int(i) for i in np.argsort(-values, kind="stable"))


def adding_decimals(terms, total, decimals=2, most=6):
    """The fewest decimals, at least ``decimals``, at which ``terms`` each rounded add up to
    ``total`` rounded to ``decimals``: how a worked sum writes its terms so that it checks."""
    want = round(float(total), decimals)
    for places in range(decimals, most + 1):
        if round(sum(round(float(t), places) for t in terms), decimals) == want:
            return places
    return most


def uniform_class(values):
    """The class (0 or 1) a decision grid of P(class 1) gives every point of the plane, or None
    when its boundary crosses the plane."""
    above = np.asarray(values) >= 0.5
    if above.all():
        return 1
    return 0 if not above.any() else None


@dataclass(frozen=True)
class SizeOutcomes:
    """The hidden-size networks' verdicts gathered for the narration, sizes ascending:
    ``all_fit`` when every one classifies all its training points; ``chance`` and ``overfitted``
    the sizes with those outcomes; ``chance_limit`` the one Limit all the chance networks share
    (Limit.NONE when they share none or there are none); ``smallest_well`` when the smallest
    network learned well."""

    all_fit: bool
    chance: tuple
    overfitted: tuple
    chance_limit: Limit
    smallest_well: bool
    all_chance: bool


def size_outcomes(sizes, verdicts):
    """The SizeOutcomes of networks with hidden ``sizes`` and their ``verdicts`` (same order)."""
    order = sorted(range(len(sizes)), key=lambda k: sizes[k])
    chance = [k for k in order if verdicts[k].outcome is Outcome.CHANCE]
    limits = {verdicts[k].limit for k in chance}
    return SizeOutcomes(
        all_fit=all(v.train.all_right for v in verdicts),
        chance=tuple(int(sizes[k]) for k in chance),
        overfitted=tuple(int(sizes[k]) for k in order
                         if verdicts[k].outcome is Outcome.OVERFITTED),
        chance_limit=limits.pop() if len(limits) == 1 else Limit.NONE,
        smallest_well=verdicts[order[0]].outcome is Outcome.WELL,
        all_chance=len(chance) == len(sizes),
    )


SMALL_SHARE = 0.2      # first-layer gradients below this share of the output layer's have shrunk


def step_helped(prediction, prediction_after, label, loss, loss_after):
    """Whether one gradient step on a sample moved its prediction toward its label and lowered
    its loss (else it overshot)."""
    closer = abs(prediction_after - label) < abs(prediction - label)
    return bool(closer and loss_after < loss)


def gradients_shrink(largest_gradients):
    """Whether the first layer's largest |gradient| is below SMALL_SHARE of the output layer's:
    the gradients shrank on their way back."""
    return bool(largest_gradients[0] < SMALL_SHARE * largest_gradients[-1])
