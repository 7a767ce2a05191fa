"""The neuron scene's worked sum adds up as shown: each product of a shown weight and input is
written at the decimals the terms need for the shown terms and bias to sum to the shown z, and
a = g(z) is the activation of that z. (Every number shown is also checked against the facts in
test_facts_shown.py.)"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.render

SLUG = "neuron"


def _shown(result, n):
    shown, places = result.displayed, result.decimals
    terms = [shown[f"neuron_example.terms[{i}]"] for i in range(n)]
    return shown, places, terms


def test_the_shown_terms_and_bias_add_up_to_the_shown_z(rendered, data):
    result = rendered[SLUG]
    n = len(data.neuron_example.inputs)
    shown, places, terms = _shown(result, n)
    d = places["neuron_example.terms[0]"]
    assert all(places[f"neuron_example.terms[{i}]"] == d for i in range(n))
    assert places["neuron_example.bias"] == d and places["neuron_example.z"] == 2
    assert round(sum(terms) + shown["neuron_example.bias"], 2) == shown["neuron_example.z"]


def test_each_term_is_the_shown_weight_times_the_shown_input_within_their_rounding(rendered, data):
    result = rendered[SLUG]
    n = len(data.neuron_example.inputs)
    shown, places, terms = _shown(result, n)
    for i in range(n):
        w, x = shown[f"neuron_example.weights[{i}]"], shown[f"neuron_example.inputs[{i}]"]
        slack = 0.005 * (abs(w) + abs(x)) + 0.005 ** 2 + 0.5 * 10 ** -places[f"neuron_example.terms[{i}]"]
        assert abs(w * x - terms[i]) <= slack + 1e-12, i


def test_the_output_is_the_activation_of_z(rendered, data):
    ex = data.neuron_example
    shown = rendered[SLUG].displayed
    assert shown["neuron_example.a"] == round(float(ex.activation(np.array(ex.z))), 2)
