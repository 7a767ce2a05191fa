"""Activation functions g(z) and their derivatives dg/dz, looked up by name.

The output layer of every nnmath network is a sigmoid; these are the choices for the hidden
layers. "linear" (the identity) exists so the lecture can show what a network without a
non-linearity can and cannot learn.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from nnmath.errors import NNMathError

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")

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


def get_activation(name, leaky_slope=0.01):
    """The activation called ``name`` (one of ``ACTIVATIONS``); ``leaky_slope`` is leaky ReLU's
    slope for z <= 0, 0 < leaky_slope < 1."""
    if not isinstance(leaky_slope, (int, float)) or isinstance(leaky_slope, bool) or not 0 < leaky_slope < 1:
        raise NNMathError(f"leaky_slope = {leaky_slope!r} is invalid: must be a number with 0 < slope < 1")
    if name == "sigmoid":
        return Activation("sigmoid", sigmoid, sigmoid_derivative, lambda a: a * (1.0 - a), sigmoid_into)
    if name == "tanh":
        return Activation(
            "tanh", tanh, tanh_derivative, lambda a: 1.0 - a * a, lambda z, out: np.tanh(z, out=out)
        )
    if name == "relu":
        return Activation(
            "relu", relu, relu_derivative, relu_derivative, lambda z, out: np.maximum(z, 0.0, out=out)
        )
    if name == "leaky_relu":
        slope = float(leaky_slope)

        def leaky_relu_into(z, out):  # max(z, slope z) for 0 < slope < 1
            np.multiply(z, slope, out=out)
            np.maximum(z, out, out=out)

        return Activation(
            "leaky_relu",
            lambda z: leaky_relu(z, slope),
            lambda z: leaky_relu_derivative(z, slope),
            lambda a: leaky_relu_derivative(a, slope),
            leaky_relu_into,
        )
    if name == "linear":
        return Activation(
            "linear", linear, linear_derivative, linear_derivative, lambda z, out: np.copyto(out, z)
        )
    raise NNMathError(f"activation = {name!r} is unknown: choose one of {', '.join(ACTIVATIONS)}")


def as_activation(spec):
    """``spec`` itself if it is an Activation, else ``get_activation(spec)`` with the default slope."""
    return spec if isinstance(spec, Activation) else get_activation(spec)
