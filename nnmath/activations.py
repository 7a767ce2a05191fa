"""Activation functions g(z) and their derivatives dg/dz, looked up by name.

The output layer of every nnmath network is a sigmoid; these are the choices for the hidden
layers. "linear" (the identity) exists so the lecture can show what a network without a
non-linearity can and cannot learn.
"""

from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np

from nnmath.errors import NNMathError

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """One activation function.

    ``fn(z)`` is g(z) and ``derivative(z)`` is g'(z). ``output_derivative(a)`` is the same g'(z)
    written through the output a = g(z), which every activation here allows and which is what
    backpropagation holds. ``fn_into(z, out)`` writes g(z) into ``out`` without allocating and
    may overwrite z: the training loop's form (it leaves overflow warnings to the caller).
    """

    name: str
    fn: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    output_derivative: Callable[[Array], Array]
    fn_into: Callable[[Array, Array], None]


def sigmoid(z):
    """1 / (1 + e^-z). For z < -709 e^-z overflows to inf and the result is the correct limit 0;
    the overflow warning is silenced because it is expected. Equals the lesson's clipped formula
    wherever that one is not already 0 or 1 to within 1e-217."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def sigmoid_into(z, out):
    """``sigmoid`` computed in place: z is overwritten, the result goes to ``out``."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    np.reciprocal(z, out=out)


def sigmoid_derivative(z):
    a = sigmoid(z)
    return a * (1.0 - a)


def tanh(z):
    return np.tanh(z)


def tanh_derivative(z):
    a = np.tanh(z)
    return 1.0 - a * a


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    """1 for z > 0, else 0 (0 at the kink, as scikit-learn). Also right for a = relu(z)."""
    return (np.asarray(z) > 0).astype(np.float64)


def leaky_relu(z, slope=0.01):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, slope * z)


def leaky_relu_derivative(z, slope=0.01):
    """1 for z > 0, else ``slope`` (``slope`` at the kink, like ReLU's 0). Also right for
    a = leaky_relu(z), which has z's sign."""
    return np.where(np.asarray(z) > 0, 1.0, slope)


def linear(z):
    return np.array(z, dtype=np.float64)


def linear_derivative(z):
    return np.ones_like(z, dtype=np.float64)


def _sigmoid_output_derivative(a):
    return a * (1.0 - a)


def _tanh_output_derivative(a):
    return 1.0 - a * a


def _tanh_into(z, out):
    np.tanh(z, out=out)


def _relu_into(z, out):
    np.maximum(z, 0.0, out=out)


def _leaky_relu_into(z, out, slope):
    """max(z, slope z) for 0 < slope < 1."""
    np.multiply(z, slope, out=out)
    np.maximum(z, out, out=out)


def _linear_into(z, out):
    np.copyto(out, z)


def _leaky(slope: float) -> Activation:
    derivative = partial(leaky_relu_derivative, slope=slope)
    return Activation("leaky_relu", partial(leaky_relu, slope=slope), derivative, derivative,
                      partial(_leaky_relu_into, slope=slope))


@dataclass(frozen=True)
class Choice:
    """A registered activation: its display name and how to make it for a leaky slope."""
    display: str
    make: Callable[[float], Activation]


# The registry, name -> choice. Every part is a module-level function (or a partial of one), so
# an Activation, and the LectureData holding it, pickles into a scene's worker process.
ACTIVATIONS = {
    "sigmoid": Choice("sigmoid", lambda slope: Activation(
        "sigmoid", sigmoid, sigmoid_derivative, _sigmoid_output_derivative, sigmoid_into)),
    "tanh": Choice("tanh", lambda slope: Activation(
        "tanh", tanh, tanh_derivative, _tanh_output_derivative, _tanh_into)),
    "relu": Choice("ReLU", lambda slope: Activation(
        "relu", relu, relu_derivative, relu_derivative, _relu_into)),
    "leaky_relu": Choice("leaky ReLU", _leaky),
    "linear": Choice("linear (identity)", lambda slope: Activation(
        "linear", linear, linear_derivative, linear_derivative, _linear_into)),
}


def get_activation(name, leaky_slope=0.01):
    """The activation called ``name`` (one of ``ACTIVATIONS``); ``leaky_slope`` is leaky ReLU's
    slope for z <= 0, 0 < leaky_slope < 1."""
    if not isinstance(leaky_slope, (int, float)) or isinstance(leaky_slope, bool) or not 0 < leaky_slope < 1:
        raise NNMathError(f"leaky_slope = {leaky_slope!r} is invalid: must be a number with 0 < slope < 1")
    if name not in ACTIVATIONS:
        raise NNMathError(f"activation = {name!r} is unknown: choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name].make(float(leaky_slope))


def as_activation(spec):
    """``spec`` itself if it is an Activation, else ``get_activation(spec)`` with the default slope."""
    return spec if isinstance(spec, Activation) else get_activation(spec)
