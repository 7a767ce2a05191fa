"""`nnlecture facts`: the lecture's numbers as JSON, and one-line errors for bad configs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from nnmath.lecture_data import LectureData
from scripts.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_facts_writes_the_lectures_numbers(tmp_path):
    out = tmp_path / "facts.json"
    result = run("facts", "--out", str(out))
    assert result.exit_code == 0, result.output
    facts = json.loads(out.read_text())
    for key in ("config", "dataset", "network", "training", "forward_example", "backprop_example",
                "descent", "hidden_size_comparison"):
        assert key in facts
    data = LectureData.build()
    assert np.allclose(facts["network"]["final"][0]["W"], data.final_params[0].W, rtol=0, atol=1e-12)
    assert len(facts["training"]["loss"]) == data.config.training.epochs
    assert facts["training"]["test_accuracy"][-1] == pytest.approx(data.history.test_accuracy[-1])
    assert not list(tmp_path.glob(".*partial"))


def test_facts_follow_the_config(tmp_path):
    config = tmp_path / "lecture.toml"
    config.write_text('seed = 3\n[network]\nlayers = [2, 6, 1]\n[training]\nepochs = 200\n')
    result = run("facts", "--config", str(config))
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert len(facts["network"]["final"][0]["W"][0]) == 6
    assert len(facts["training"]["loss"]) == 200


@pytest.mark.parametrize("text, words", [
    ("[training]\nlearning_rate = -0.1\n", ["training.learning_rate", "-0.1"]),
    ("[network]\nlayers = [2, 0, 1]\n", ["network.layers"]),
    ('[network]\nactivation = "swish"\n', ["network.activation", "swish"]),
    ('[data]\nname = "spirals"\n', ["data.name", "spirals"]),
    ("[training\n", ["lecture.toml"]),
])
def test_bad_config_is_one_clear_line(tmp_path, text, words):
    config = tmp_path / "lecture.toml"
    config.write_text(text)
    result = run("facts", "--config", str(config))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    for word in words:
        assert word in lines[0]


def test_missing_config_file_is_one_line(tmp_path):
    result = run("facts", "--config", str(tmp_path / "nope.toml"))
    assert result.exit_code == 1
    assert "nope.toml" in result.output and "Traceback" not in result.output
