"""`nnlecture facts`: the lecture's numbers as JSON, and one-line errors for bad configs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from nnmath.lecture_data import LectureData
from scripts import cli
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
    ("[data]\nn_samples = 1000000\n", ["data.n_samples", "1000000", "[10, 2000]"]),
    ("[network]\nlayers = [2, 4, 4, 4, 4, 1]\n", ["network.layers", "at most 3 hidden layers"]),
    ("[data]\nn_samples = 2000\n[training]\nepochs = 6000\n",
     ["training.epochs × data.n_samples", "6000 × 2000", "at most 10000000"]),
    ('[training]\nlearning_rate = 1e300\nepochs = 10\n[network]\nactivation = "relu"\n',
     ["the lecture's network: training diverged"]),
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


SMALL = "[data]\nn_samples = 60\n[training]\nepochs = 2500\n[lecture]\nhidden_sizes = [3, 5]\n"


def facts_with_progress(tmp_path, monkeypatch, after, every):
    monkeypatch.setattr(cli, "PROGRESS_AFTER", after)
    monkeypatch.setattr(cli, "PROGRESS_EVERY", every)
    config = tmp_path / "lecture.toml"
    config.write_text(SMALL)
    result = CliRunner().invoke(main, ["facts", "--config", str(config), "--out", str(tmp_path / "f.json")])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()


def test_a_slow_build_reports_each_network_on_stderr(tmp_path, monkeypatch):
    lines = facts_with_progress(tmp_path, monkeypatch, after=0, every=0)
    assert lines[-1] == f"wrote {tmp_path / 'f.json'}"
    assert lines[:-1] == [
        f"training {network}: {done}/2500 epochs"
        for network in ("the lecture's network", "the linear comparison network",
                        "the 3-hidden-neuron comparison network", "the 5-hidden-neuron comparison network")
        for done in (999, 1999, 2500)
    ]


def test_a_fast_build_says_nothing(tmp_path, monkeypatch):
    assert facts_with_progress(tmp_path, monkeypatch, after=1e9, every=0) == [f"wrote {tmp_path / 'f.json'}"]


def test_progress_lines_are_spaced_out_but_each_network_ends_with_one(monkeypatch, capsys):
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 2.0)
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 1.0)
    times = iter([0.0, 1.0, 2.0, 2.5, 3.0, 3.2, 3.3, 4.0, 4.4])
    progress = cli._BuildProgress(clock=lambda: next(times))  # started at 0.0
    for step, done in [("a", 10), ("a", 20), ("a", 30), ("a", 40), ("a", 50), ("a", 100),
                       ("b", 10), ("b", 20)]:
        progress(step, done, 100)
    assert capsys.readouterr().err.splitlines() == [
        "a: 20/100 epochs",   # 2.0 s: the first line once the build has run PROGRESS_AFTER
        "a: 40/100 epochs",   # 3.0 s: PROGRESS_EVERY later (2.5 s was too soon)
        "a: 100/100 epochs",  # 3.3 s: a network's last line always shows
        "b: 20/100 epochs",   # 4.4 s (4.0 s was too soon after 3.3 s)
    ]


@pytest.mark.parametrize("command", [["preview", "title", "--frame"],
                                     ["render", "--only", "title", "-q", "draft", "--voice", "none"]])
def test_a_diverging_lecture_network_stops_preview_and_render_before_anything_renders(
        tmp_path, monkeypatch, command):
    config = tmp_path / "lecture.toml"
    config.write_text('[training]\nlearning_rate = 1e300\nepochs = 10\n[network]\nactivation = "relu"\n')
    media = tmp_path / "media"
    result = CliRunner().invoke(main, [*command, "--config", str(config), "--media-dir", str(media)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: the lecture's network: training diverged")
    assert not [path for path in media.rglob("*") if path.suffix in (".mp4", ".png")]


@pytest.mark.render
def test_render_builds_the_numbers_only_when_a_scene_renders(tmp_path, monkeypatch):
    builds = []
    real = cli._lecture_data
    monkeypatch.setattr(cli, "_lecture_data", lambda config: builds.append(config) or real(config))
    args = ["render", "--only", "title", "-q", "draft", "--voice", "none", "--media-dir", str(tmp_path)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert len(builds) == 1
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "1 cached" in again.output, again.output
    assert len(builds) == 1
