"""Loss functions of one sigmoid output a against labels y in {0, 1}.

Two numbers are kept apart on purpose:

* the *objective* L that gradient descent minimises, ``loss_value``: per-sample
  mse = ½(a − y)² or bce = −[y log a + (1 − y) log(1 − a)], reduced by "sum" or "mean" over the
  samples. The lesson's update rule is exactly gradient descent on mse with reduction "sum".
* the *reported* loss, ``reported_loss``: a per-sample mean, so train and test sets of different
  sizes compare. For mse it is mean((y − a)²), without the ½: the number the lesson prints.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from nnmath.errors import NNMathError

REDUCTIONS = ("sum", "mean")

# Clip probabilities away from 0 and 1 before taking logs, as scikit-learn's log loss does.
_EPS = np.finfo(np.float64).eps


def check_loss(loss, reduction=None):
    """Raise NNMathError unless ``loss`` (and ``reduction``, when given) are known names."""
    if loss not in LOSSES:
        raise NNMathError(f"loss = {loss!r} is unknown: choose one of {', '.join(LOSSES)}")
    if reduction is not None and reduction not in REDUCTIONS:
        raise NNMathError(f"reduction = {reduction!r} is unknown: choose one of {', '.join(REDUCTIONS)}")


def mse(a, y):
    """Per-sample ½(a − y)²."""
    return 0.5 * np.square(a - y)


def bce(a, y):
    """Per-sample binary cross-entropy −[y log a + (1 − y) log(1 − a)], a clipped to [eps, 1 − eps]."""
    a = np.clip(a, _EPS, 1.0 - _EPS)
    return -(y * np.log(a) + (1.0 - y) * np.log1p(-a))


@dataclass(frozen=True)
class LossChoice:
    """A registered loss: its display name and its per-sample function of (a, y)."""
    display: str
    per_sample: Callable


# The registry, name -> choice.
LOSS_FUNCTIONS = {
    "mse": LossChoice("mean squared error", mse),
    "bce": LossChoice("binary cross-entropy", bce),
}
LOSSES = tuple(LOSS_FUNCTIONS)


def _scale(a, reduction):
    """The divisor that turns a sum over samples into the requested reduction."""
    return 1.0 if reduction == "sum" else float(len(a))


def _column(y, a):
    return np.asarray(y, dtype=np.float64).reshape(np.shape(a))


def loss_value(loss, a, y, reduction):
    """The objective L: per-sample ``loss`` of outputs ``a`` (n, 1) against ``y`` summed or averaged."""
    check_loss(loss, reduction)
    per_sample = LOSS_FUNCTIONS[loss].per_sample(a, _column(y, a))
    return float(np.sum(per_sample)) / _scale(a, reduction)


def loss_gradient(loss, a, y, reduction):
    """dL/da, same shape as ``a``."""
    check_loss(loss, reduction)
    y = _column(y, a)
    if loss == "mse":
        return (a - y) / _scale(a, reduction)
    clipped = np.clip(a, _EPS, 1.0 - _EPS)
    return (clipped - y) / (clipped * (1.0 - clipped)) / _scale(a, reduction)


def output_delta(loss, a, y, reduction):
    """dL/dz of the sigmoid output neuron, z its pre-activation: dL/da · a(1 − a).

    For bce the a(1 − a) cancels and the delta is simply a − y (divided by n for "mean").
    """
    check_loss(loss, reduction)
    return summed_output_delta(loss, a, _column(y, a)) / _scale(a, reduction)


def summed_output_delta(loss, a, y):
    """``output_delta`` for reduction "sum", without validation: ``y`` must already be a float
    column shaped like ``a``. The training loop's version."""
    if loss == "mse":
        return (a - y) * (a * (1.0 - a))
    return a - y


def reported_loss(loss, a, y):
    """Per-sample mean loss over the last axis: mean((y − a)²) for mse, mean bce for bce.

    ``a`` may stack several evaluations, e.g. shape (epochs, n) against ``y`` of shape (n,).
    """
    check_loss(loss)
    y = np.asarray(y, dtype=np.float64)
    if loss == "mse":
        return np.mean(np.square(y - a), axis=-1)
    return np.mean(bce(a, y), axis=-1)
