"""Configs drawn at random from every documented range (tests/config_strategies.py, derandomized:
the same draws on every run) render at the tiny size through the layout check, in the scenes whose
layout follows the config most: the diagrams, the numbers on them, the maps and their panels."""

from __future__ import annotations

import json

import pytest
from config_strategies import configs
from hypothesis import HealthCheck, Phase, given, settings

from layout import LayoutCheck
from nnmath.config import parse_config
from nnmath.errors import TrainingDiverged
from nnmath.lecture_data import LectureData
from scenes import registry
from scripts.render.scene import render_scene

from conftest import TINY, _text_as_at_full_size, context_of

pytestmark = pytest.mark.render

DRAWN = 2
SCENES = ("architecture", "forward_pass", "backprop", "inside_network", "training", "hidden_sizes")


def to_toml(config: dict) -> str:
    """A config mapping (as the strategy draws it) as TOML text."""
    def value(item) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, (list, tuple)):
            return "[" + ", ".join(value(part) for part in item) + "]"
        return json.dumps(item)

    lines = [f"seed = {config['seed']}"] if "seed" in config else []
    for section, keys in config.items():
        if isinstance(keys, dict):
            lines += [f"[{section}]"] + [f"{key} = {value(item)}" for key, item in keys.items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=DRAWN, derandomize=True, deadline=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(configs(max_sample_epochs=60_000, max_samples=300, voices=("none",)))
def test_drawn_configs_are_laid_out(tmp_path_factory, config):
    try:
        LectureData.build(parse_config(config))
    except TrainingDiverged:
        return   # the lecture's own network stops this config, with its one line
    folder = tmp_path_factory.mktemp("layout-drawn")
    path = folder / "lecture.toml"
    path.write_text(to_toml(config))
    issues = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        _text_as_at_full_size(monkeypatch)
        context = context_of(path)
        for slug in SCENES:
            check = LayoutCheck(slug)
            render_scene(registry.get(slug), folder, frame_only=True, overrides=TINY,
                         progress=False, on_play=check, context=context)
            issues += [check.report()] if check.issues else []
    assert not issues, f"{to_toml(config)}\n" + "\n".join(issues)


def test_to_toml_round_trips():
    import tomllib

    config = {"seed": 3, "data": {"name": "xor", "standardize": True, "noise": 0.5},
              "network": {"layers": [2, 3, 1]}, "voice": {"engine": "none"}}
    assert tomllib.loads(to_toml(config)) == config
