"""Configs drawn at random from every documented range (tests/config_strategies.py, derandomized:
the same draws on every run) render at the tiny size through the layout check, in the scenes whose
layout follows the config most: the diagrams, the numbers on them, the maps and their panels."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest
from config_strategies import configs
from hypothesis import HealthCheck, Phase, given, settings

from layout import render_one
from nnmath.errors import TrainingDiverged

from conftest import TINY, context_of

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
    folder = tmp_path_factory.mktemp("layout-drawn")
    path = folder / "lecture.toml"
    path.write_text(to_toml(config))
    try:
        context = context_of(path)
    except TrainingDiverged:
        return   # the lecture's own network stops this config, with its one line
    # two scenes at a time, each in a process of its own (render_one lays text out as at full size)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver"),
                             max_tasks_per_child=1) as pool:
        done = list(pool.map(render_one, SCENES, [str(folder)] * len(SCENES),
                             [True] * len(SCENES), [TINY] * len(SCENES), [context] * len(SCENES)))
    issues = [error for _, _, error in done if error]
    issues += [check.report() for _, check, _ in done if check.issues]
    assert not issues, f"{to_toml(config)}\n" + "\n".join(issues)


def test_to_toml_round_trips():
    import tomllib

    config = {"seed": 3, "data": {"name": "xor", "standardize": True, "noise": 0.5},
              "network": {"layers": [2, 3, 1]}, "voice": {"engine": "none"}}
    assert tomllib.loads(to_toml(config)) == config
