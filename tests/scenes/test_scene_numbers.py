"""Every scene renders, with captions, and every number it shows is nnmath's, rounded as shown."""

from __future__ import annotations

import math

import numpy as np
import pytest
import srt

from scenes import registry

CHAPTERS = [entry.slug for entry in registry.chapters()]


def r2(value) -> float:
    return round(float(value), 2)



def diagram_values(example, drawn_layers) -> dict:
    """a[l][i] for every neuron of the forward example (scenes show the drawn ones)."""
    return {f"a[{layer}][{i}]": r2(a) for layer, acts in enumerate(example.activations)
            for i, a in enumerate(acts) if layer in drawn_layers}


def expected(slug: str, data) -> dict:
    """What each scene must display, derived here from the LectureData (not from the scene)."""
    fe, ne = data.forward_example, data.neuron_example
    layers = range(len(data.layer_sizes))
    if slug == "black_box":
        return {"x[0]": r2(fe.x[0]), "x[1]": r2(fe.x[1]), "prediction": r2(fe.prediction),
                "predicted_class": fe.predicted_class, "label": fe.label,
                **diagram_values(fe, layers)}
    if slug == "neuron":
        values = {"b": r2(ne.bias), "sum.b": r2(ne.bias), "z": r2(ne.z), "a": r2(ne.a),
                  "a.out": r2(ne.a)}
        for i, (x, w) in enumerate(zip(ne.inputs, ne.weights)):
            values |= {f"x[{i}]": r2(x), f"w[{i}]": r2(w), f"sum.x[{i}]": r2(x), f"sum.w[{i}]": r2(w)}
        return values
    if slug == "architecture":
        values = {f"size[{layer}]": size for layer, size in enumerate(data.layer_sizes)}
        for layer, (W, b) in enumerate(data.final_params, start=1):
            values |= {f"W{layer}.shape[0]": W.shape[0], f"W{layer}.shape[1]": W.shape[1],
                       f"W{layer}.size": W.size}
        values["n_biases"] = sum(b.size for _, b in data.final_params)
        values["n_parameters"] = sum(W.size + b.size for W, b in data.final_params)
        widest = max(data.hidden_size_comparison, key=lambda net: net.layer_sizes[1])
        values["wide.size"] = widest.layer_sizes[1]
        values["wide.n_parameters"] = sum(W.size + b.size for W, b in widest.params)
        return values
    if slug == "activations":
        z = 2.0
        comparison = data.linearity_comparison
        return {"leaky_slope": r2(data.config.network.leaky_slope), "sweep.z": z,
                "g.sigmoid(2)": r2(1 / (1 + math.exp(-z))), "g.tanh(2)": r2(math.tanh(z)),
                "g.relu(2)": r2(z), "g.leaky_relu(2)": r2(z),
                "dsigmoid(0)": 0.25, "dsigmoid(4)": round(math.exp(-4) / (1 + math.exp(-4)) ** 2, 3),
                "linear.test_accuracy": round(100 * comparison.linear.test_accuracy, 1),
                "nonlinear.test_accuracy": round(100 * comparison.nonlinear.test_accuracy, 1)}
    if slug == "forward_pass":
        values = {"prediction": r2(fe.prediction), "predicted_class": fe.predicted_class,
                  "label": fe.label, **diagram_values(fe, layers)}
        for layer, zs in enumerate(fe.zs, start=1):
            values |= {f"z[{layer}][{i}]": r2(z) for i, z in enumerate(zs)}
        return values
    return {}


@pytest.mark.parametrize("slug", registry.slugs())
def test_scene_renders_with_captions(rendered, slug, video_facts):
    result = rendered[slug]
    facts = video_facts(result.video)
    assert (facts["width"], facts["height"]) == (160, 90)
    assert abs(facts["duration"] - result.duration) <= 0.2 + 1e-6
    cues = list(srt.parse(result.captions.read_text()))
    assert len(cues) >= 3
    assert all(cue.content.strip() for cue in cues)
    first, last = facts["frames"][0], facts["frames"][-1]
    assert np.abs(first.astype(int) - last.astype(int)).mean() > 1, "nothing changed on screen"


@pytest.mark.parametrize("slug", CHAPTERS)
def test_chapter_runs_30_to_90_seconds_with_narration_throughout(rendered, slug):
    result = rendered[slug]
    assert 30 <= result.duration <= 90
    cues = sorted(srt.parse(result.captions.read_text()), key=lambda cue: cue.start)
    gaps = [(b.start - a.end).total_seconds() for a, b in zip(cues, cues[1:])]
    assert cues[0].start.total_seconds() <= 2
    assert max(gaps, default=0) <= 2, "more than 2 s without narration"
    assert result.duration - cues[-1].end.total_seconds() <= 2


PART_ONE = ["black_box", "neuron", "architecture", "activations", "forward_pass"]


@pytest.mark.parametrize("slug", PART_ONE)
def test_displayed_numbers_are_nnmaths(rendered, data, slug, check_numbers):
    check_numbers(slug, rendered[slug].displayed, expected(slug, data))


@pytest.mark.parametrize("slug", PART_ONE)
def test_displayed_numbers_follow_the_config(rendered, other_config, slug, check_numbers):
    other_data, other_results = other_config
    shown = other_results[slug].displayed
    check_numbers(slug, shown, expected(slug, other_data))
    if slug in ("black_box", "neuron", "forward_pass", "activations"):
        default = rendered[slug].displayed
        assert any(shown[key] != default.get(key) for key in shown), \
            f"{slug} shows the same numbers for another seed"
