"""One neuron's computation spelled out term by term, for the scene that walks through it."""

from dataclasses import dataclass

import numpy as np

from nnmath.activations import Activation
from nnmath.errors import NNMathError

CURVE_Z_RANGE = (-6.0, 6.0)


@dataclass(frozen=True)
class NeuronExample:
    """Hidden neuron ``neuron`` of the first hidden layer on test sample ``sample_index``.

    ``terms[i]`` = weights[i] * inputs[i]; z = sum(terms) + bias; a = g(z). ``curve_range`` is
    (min, max) of g over ``CURVE_Z_RANGE``, so a plot of g can size its axis from the data.
    """

    sample_index: int
    neuron: int
    inputs: np.ndarray
    weights: np.ndarray
    terms: np.ndarray
    bias: float
    z: float
    a: float
    activation_fn: Activation
    curve_range: tuple

    def activation(self, z):
        return self.activation_fn.fn(z)

    @property
    def activation_range(self):
        """[min, max] of g on CURVE_Z_RANGE, as a list (the form Manim's Axes take)."""
        return list(self.curve_range)

    @property
    def firing_share(self):
        """How strongly the neuron fires: |a| as a share of g's largest |value| on
        CURVE_Z_RANGE."""
        return abs(self.a) / max(map(abs, self.curve_range))


def neuron_example(params, x, sample_index, activation, neuron=0):
    """Spell out z = w·x + b and a = g(z) for ``neuron`` of the first hidden layer on sample x."""
    W, b = params[0]
    if not 0 <= neuron < W.shape[1]:
        raise NNMathError(f"neuron = {neuron} is invalid: the first layer has {W.shape[1]} neurons")
    inputs = np.asarray(x, dtype=np.float64).reshape(-1)
    weights = W[:, neuron].copy()
    terms = weights * inputs
    z = float(terms.sum() + b[0, neuron])
    a = float(activation.fn(np.array(z)))
    curve = activation.fn(np.linspace(*CURVE_Z_RANGE, 241))
    return NeuronExample(
        sample_index,
        neuron,
        inputs,
        weights,
        terms,
        float(b[0, neuron]),
        z,
        a,
        activation,
        (float(curve.min()), float(curve.max())),
    )
