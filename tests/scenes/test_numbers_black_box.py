"""The black box shows the forward example's two coordinates going in and its prediction, class
and label coming out; once opened, every drawn neuron shows its activation. (Every number shown
is also checked against the facts in test_facts_shown.py.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.render

SLUG = "black_box"


def test_the_point_goes_in_and_its_prediction_comes_out(rendered, data):
    ex = data.forward_example
    shown = rendered[SLUG].displayed
    assert [shown[f"forward_example.x[{i}]"] for i in range(2)] == [round(v, 2) for v in ex.x]
    assert shown["forward_example.prediction"] == round(ex.prediction, 2)
    assert shown["forward_example.predicted_class"] == ex.predicted_class == int(ex.prediction >= 0.5)
    assert shown["forward_example.label"] == ex.label


def test_every_neuron_of_the_opened_network_shows_its_activation(rendered, data):
    ex = data.forward_example
    shown = rendered[SLUG].displayed
    for layer, values in enumerate(ex.activations):      # 2-4-1: nothing elided
        for i, value in enumerate(values):
            assert shown[f"forward_example.activations[{layer}][{i}]"] == round(float(value), 2)
