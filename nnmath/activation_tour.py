"""The numbers of the activation-functions chapter: each hidden activation's output at one z the
sweep stops at, and the sigmoid's slope at its peak and in its tail (the vanishing gradient)."""

from dataclasses import dataclass

import numpy as np

from nnmath.activations import get_activation

TOUR_FUNCTIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
TOUR_Z_RANGE = (-4.0, 4.0)  # the z axis the chapter draws the functions over
SWEEP_Z = 2.0  # where the sweeping z stops to compare the four outputs
SLOPE_ZS = (0.0, TOUR_Z_RANGE[1])  # the sigmoid's slope at its peak and at the axis' end


@dataclass(frozen=True)
class ActivationTour:
    """``outputs[name]`` = g(``sweep_z``) for each of ``TOUR_FUNCTIONS`` (leaky ReLU with the
    config's ``leaky_slope``) and ``end_outputs[name]`` = g at the right end of ``z_range``, where
    the sweep first stops; ``leaky_end`` = leaky ReLU at the left end (its slope made visible);
    ``sigmoid_slopes`` = ((z, σ'(z)), ...) at ``SLOPE_ZS``."""

    z_range: tuple
    sweep_z: float
    leaky_slope: float
    outputs: dict
    sigmoid_slopes: tuple
    end_outputs: dict
    leaky_end: float


def activation_tour(leaky_slope):
    """The chapter's numbers for a config with this leaky-ReLU slope."""
    def at(z):
        return {name: float(get_activation(name, leaky_slope).fn(np.array(z))) for name in TOUR_FUNCTIONS}

    sigmoid = get_activation("sigmoid")
    slopes = tuple((z, float(sigmoid.derivative(np.array(z)))) for z in SLOPE_ZS)
    return ActivationTour(TOUR_Z_RANGE, SWEEP_Z, float(leaky_slope), at(SWEEP_Z), slopes,
                          at(TOUR_Z_RANGE[1]), at(TOUR_Z_RANGE[0])["leaky_relu"])
