"""The activations scene stops its sweep on each function's value at the sweep's z, shows the
leaky slope at the left end of the axis, the sigmoid's slope at its peak and in its tail, and the
two networks' test accuracies; the values are written out here by hand. (Every number shown is
also checked against the facts in test_facts_shown.py.)"""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.render

SLUG = "activations"


def test_the_sweep_stops_on_each_functions_value(rendered, data):
    shown = rendered[SLUG].displayed
    z = data.activation_tour.sweep_z
    assert shown["activation_tour.sweep_z"] == round(z, 2)
    slope = data.config.network.leaky_slope
    want = {"sigmoid": 1 / (1 + math.exp(-z)), "tanh": math.tanh(z), "relu": max(0.0, z),
            "leaky_relu": max(slope * z, z)}
    for name, value in want.items():
        assert shown[f"activation_tour.outputs.{name}"] == round(value, 2), name


def test_the_close_up_shows_the_leaky_slope(rendered, data):
    low = data.activation_tour.z_range[0]
    result = rendered[SLUG]
    shown, places = result.displayed["activation_tour.leaky_end"], result.decimals["activation_tour.leaky_end"]
    assert shown == round(data.config.network.leaky_slope * low, places) != 0


def test_the_sigmoids_slope_at_its_peak_and_tail(rendered):
    shown = rendered[SLUG].displayed
    assert shown["activation_tour.sigmoid_slopes[0][1]"] == 0.25
    z = shown["activation_tour.sigmoid_slopes[1][0]"]
    assert shown["activation_tour.sigmoid_slopes[1][1]"] == round(math.exp(-z) / (1 + math.exp(-z)) ** 2, 3)


def test_both_accuracies_are_shown(rendered, data):
    shown = rendered[SLUG].displayed
    comparison = data.linearity_comparison
    for key in ("linear", "nonlinear"):
        accuracy = getattr(comparison, key).test_accuracy
        assert shown[f"linearity_comparison.{key}.test_accuracy %"] == round(100 * accuracy, 1)
