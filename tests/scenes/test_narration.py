"""The narration says only what the numbers say: a network that ends at chance is never said to
have learned its data, and the default lecture's network, which learned well, is."""

from __future__ import annotations

import pytest

from nnmath.lecture_data import LectureData
from nnmath.verdicts import Limit, Outcome, compare_sizes, contrast, judge, size_outcomes
from scenes import registry
from scenes.narration import (
    sizes_test_line,
    decision_map_caption, descent_view, linearity, loss_ends, summary_result, training_result,
)
from scripts.render.scene import render_scene

from conftest import TINY, context_of


SLUGS = ("training", "hidden_sizes", "summary")
AT_CHANCE = """[data]
name = "circles"
[network]
layers = [2, 1, 1]
[lecture]
hidden_sizes = [1, 4]
"""


def _render(folder, path) -> tuple[LectureData, dict]:
    """(LectureData, slug -> narration lines) for the config at ``path`` (None: defaults)."""
    context = context_of(path)
    lines = {entry.slug: [step.text for step in render_scene(
                 entry, folder, frame_only=True, overrides=TINY, progress=False,
                 context=context).steps]
             for entry in registry.SCENES if entry.slug in SLUGS}
    return context.data, lines


@pytest.fixture(scope="module")
def at_chance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narration-chance")
    path = folder / "lecture.toml"
    path.write_text(AT_CHANCE)
    return _render(folder, path)


@pytest.fixture(scope="module")
def default(rendered, data):
    """The default lecture's numbers and lines, from the scene tests' shared render."""
    return data, {slug: [step.text for step in rendered[slug].steps] for slug in SLUGS}


def said(lines: list[str]) -> str:
    return " ".join(lines)


@pytest.mark.render
def test_the_config_ends_at_chance_for_want_of_hidden_neurons(at_chance):
    data, _ = at_chance
    verdict = data.training_verdict
    assert verdict.outcome is Outcome.CHANCE
    assert verdict.limit is Limit.ONE_HIDDEN_NEURON
    assert data.hidden_size_verdicts[0].outcome is Outcome.CHANCE     # the 1-neuron network
    assert data.hidden_size_verdicts[1].outcome is not Outcome.CHANCE  # the 4-neuron network


@pytest.mark.render
def test_training_at_chance_says_so_and_why(at_chance):
    data, lines = at_chance
    text = said(lines["training"])
    verdict = data.training_verdict
    assert "no better than chance" in text
    assert f"{verdict.chance_percent:g} percent" in text
    assert "one hidden neuron can only draw one straight line" in text
    assert f"{verdict.test.correct} of the {verdict.test.total} test points" in text
    assert "learned the" not in text
    assert "carries over" not in text


@pytest.mark.render
def test_summary_at_chance_does_not_claim_learning(at_chance):
    _, lines = at_chance
    text = said(lines["summary"])
    assert "stayed at chance on the concentric circles data" in text
    assert "learned the concentric circles data" not in text


@pytest.mark.render
def test_hidden_sizes_at_chance_names_the_one_neuron_network(at_chance):
    _, lines = at_chance
    text = said(lines["hidden_sizes"])
    assert "With 1 hidden neuron the network stays at chance" in text
    assert "one hidden neuron can only draw one straight line" in text
    assert "1 hidden neuron is already enough" not in text


@pytest.mark.render
def test_default_lecture_learned_well(default):
    data, lines = default
    assert data.training_verdict.outcome is Outcome.WELL
    training = said(lines["training"])
    assert "It has learned the two moons data well." in training
    assert "39 of the 40 test points are right, 97.5 percent, and every training point" in training
    assert "chance" not in training
    assert "Our 2-4-1 network learned the two moons data and reached 97.5% test accuracy." \
        in lines["summary"]
    assert "stays at chance" not in said(lines["hidden_sizes"])


@pytest.mark.render
def test_default_hidden_sizes_say_bigger_is_not_better(default):
    data, lines = default
    assert data.size_comparison.best_sizes == (5,)
    text = said(lines["hidden_sizes"])
    assert "5 hidden neurons do best, not the most" in text
    assert "do better" not in text


# -- the sentences themselves, for every kind of verdict (no rendering) -------------------------

def judged(train: float, test: float, *, sizes=(2, 4, 1), activation="sigmoid",
           losses=(0.25, 0.1, 0.01, 0.01), final_loss=0.01, final_test_loss=0.01):
    """A Verdict on 160 training and 40 balanced test points (chance level 50 %)."""
    return judge(train_accuracy=train, test_accuracy=test, n_train=160, y_test=[0, 1] * 20,
                 losses=list(losses), final_loss=final_loss, final_test_loss=final_test_loss,
                 layer_sizes=sizes, activation=activation)


def test_each_outcome_has_its_own_words():
    well, partly = judged(1.0, 0.95), judged(0.8, 0.75)
    chance, overfitted = judged(0.52, 0.5, sizes=(2, 1, 1)), judged(1.0, 0.8)
    assert training_result(well, "XOR", 100, 95, 50) == ["It has learned the XOR data well."]
    assert said(training_result(partly, "XOR", 80, 75, 50)).startswith(
        "It has learned part of the XOR data: more than the 50 percent")
    assert said(training_result(chance, "XOR", 52, 50, 50)) == (
        "That is no better than chance: always guessing the commoner class would score 50 "
        "percent. The reason: one hidden neuron can only draw one straight line across the "
        "plane, and that is not enough for the XOR data.")
    assert "overfitted: 100 percent on its own training points but only 80" in \
        said(training_result(overfitted, "XOR", 100, 80, 50))
    sentences = [summary_result(v, "2-4-1", "XOR", 100, 80) for v in (well, partly, chance, overfitted)]
    assert [("learned the XOR" in s, "part of" in s, "at chance" in s, "overfitted" in s)
            for s in sentences] == [(True, False, False, False), (False, True, False, False),
                                    (False, False, True, False), (False, False, False, True)]


def test_why_it_got_no_further():
    linear = judged(0.55, 0.5, activation="linear")
    assert "with linear activations the whole network can only draw one straight line" in \
        said(training_result(linear, "XOR", 55, 50, 50))
    deep = said(training_result(judged(0.55, 0.5, sizes=(2, 1, 5, 1)), "XOR", 55, 50, 50))
    assert "its first hidden layer has one neuron" in deep and "one hidden neuron" not in deep
    falling = judged(0.55, 0.5, losses=[0.25] * 9 + [0.2], final_loss=0.1)
    assert "still falling when training stopped" in said(training_result(falling, "XOR", 55, 50, 50))
    stuck = judged(0.55, 0.5, losses=[0.25] * 10, final_loss=0.3)
    assert "never brought its loss below where it started" in said(
        training_result(stuck, "XOR", 55, 50, 50))
    assert descent_view(stuck) != descent_view(judged(1.0, 0.95))


def test_the_decision_map_says_learned_only_above_chance():
    assert decision_map_caption(judged(1.0, 0.95), "two moons") == "what it learned on the two moons"
    assert "learned" not in decision_map_caption(judged(0.52, 0.5), "two moons")


def test_losses_close_together_carry_over_only_when_it_learned():
    assert "carries over" in loss_ends(judged(1.0, 0.95))
    assert "carries over" not in loss_ends(judged(0.52, 0.5))
    assert "far below the test loss" in loss_ends(judged(1.0, 0.8, final_test_loss=0.05))


def test_linear_contrast_words():
    sigmoid, line = judged(1.0, 0.975), judged(0.9, 0.9, activation="linear")
    assert "classifies it better" in linearity(contrast(line, sigmoid))
    assert "nearly separable by a straight line" in linearity(contrast(line, judged(0.9, 0.925)))
    one = judged(0.55, 0.55, sizes=(2, 1, 1))
    text = linearity(contrast(judged(0.55, 0.525, activation="linear"), one))
    assert "about the same" in text and "one hidden neuron" in text and "better" not in text


@pytest.mark.parametrize("tests, want", [
    ([95.0, 95.0, 95.0], "On the test points they score the same, 95 percent: for this data 3 "
                         "hidden neurons are already enough."),
    ([50.0, 50.0, 50.0], "On the test points they score the same, 50 percent, no better than "
                         "chance."),
    ([90.0, 95.0, 95.0], "On the test points a larger network never does worse, and 5 and 10 "
                         "hidden neurons do best"),
    ([95.0, 92.5, 90.0], "On the test points bigger is not better: 3 hidden neurons do best, and "
                         "the largest does worse."),
    ([92.5, 95.0, 92.5], "On the test points, 5 hidden neurons do best, not the most"),
])
def test_hidden_sizes_compare_what_the_numbers_show(tests, want):
    verdicts = [judged(t / 100, t / 100) for t in tests]
    line = sizes_test_line(compare_sizes([3, 5, 10], verdicts), tests,
                           size_outcomes([3, 5, 10], verdicts))
    assert line.startswith(want)
    if len(set(tests)) == 1:
        assert "do better" not in line and "does better" not in line
