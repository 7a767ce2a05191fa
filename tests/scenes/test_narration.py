"""The narration says only what the numbers say: a network that ends at chance is never said to
have learned its data, and the default lecture's network, which learned well, is."""

from __future__ import annotations

import pytest

from nnmath.config import load_config
from nnmath.lecture_data import LectureData
from nnmath.verdicts import Limit, Outcome
from scenes import base, registry
from scripts.rendering import render_scene

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}
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
    with pytest.MonkeyPatch.context() as monkeypatch:
        if path is None:
            monkeypatch.delenv(base.CONFIG_ENV, raising=False)
        else:
            monkeypatch.setenv(base.CONFIG_ENV, str(path))
        base.lecture_config.cache_clear()
        base.lecture_data.cache_clear()
        lines = {entry.slug: render_scene(entry, folder, frame_only=True, overrides=TINY,
                                          progress=False).narration
                 for entry in registry.SCENES if entry.slug in SLUGS}
        base.lecture_config.cache_clear()
        base.lecture_data.cache_clear()
    return LectureData.build(load_config(None if path is None else str(path))), lines


@pytest.fixture(scope="module")
def at_chance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narration-chance")
    path = folder / "lecture.toml"
    path.write_text(AT_CHANCE)
    return _render(folder, path)


@pytest.fixture(scope="module")
def default(tmp_path_factory):
    return _render(tmp_path_factory.mktemp("narration-default"), None)


def said(lines: list[str]) -> str:
    return " ".join(lines)


def test_the_config_ends_at_chance_for_want_of_hidden_neurons(at_chance):
    data, _ = at_chance
    verdict = data.training_verdict
    assert verdict.outcome is Outcome.CHANCE
    assert verdict.limit is Limit.ONE_HIDDEN_NEURON
    assert data.hidden_size_verdicts[0].outcome is Outcome.CHANCE     # the 1-neuron network
    assert data.hidden_size_verdicts[1].outcome is not Outcome.CHANCE  # the 4-neuron network


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


def test_summary_at_chance_does_not_claim_learning(at_chance):
    _, lines = at_chance
    text = said(lines["summary"])
    assert "stayed at chance on the concentric circles data" in text
    assert "learned the concentric circles data" not in text


def test_hidden_sizes_at_chance_names_the_one_neuron_network(at_chance):
    _, lines = at_chance
    text = said(lines["hidden_sizes"])
    assert "With 1 hidden neuron the network stays at chance" in text
    assert "one hidden neuron can only draw one straight line" in text
    assert "1 hidden neuron is already enough" not in text


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


def test_default_hidden_sizes_say_bigger_is_not_better(default):
    data, lines = default
    assert data.size_comparison.best_sizes == (5,)
    text = said(lines["hidden_sizes"])
    assert "5 hidden neurons do best, not the most" in text
    assert "do better" not in text
