"""The command line as a user meets it: help, list, errors that are one line and exit non-zero."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from scenes import registry
from scripts.cli import main

COMMANDS = ["list", "preview", "render", "doctor", "facts"]


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_group_help_names_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"Usage: nnlecture {command}" in result.output
    assert len(result.output.splitlines()) > 3


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert "0.1.0" in result.output


def test_list_prints_every_scene_in_order(run):
    result = run("list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    slug_lines = [line for line in lines if line and not line.startswith(" ")]
    assert [line.split()[0] for line in slug_lines] == registry.slugs()
    for entry in registry.SCENES:
        assert entry.title in result.output
        assert entry.summary in result.output


def test_unknown_scene_exits_2_with_known_names(run):
    result = run("preview", "nosuch")
    assert result.exit_code == 2
    assert f"unknown scene 'nosuch'; known: {', '.join(registry.slugs())}" in result.output
    assert "Traceback" not in result.output


def test_bad_quality_is_rejected(run):
    result = run("preview", "title", "--quality", "x")
    assert result.exit_code == 2
    assert "'x' is not one of" in result.output


def test_unwritable_media_dir_fails_before_rendering(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("preview", "title", "--media-dir", str(blocker / "media"))
    assert result.exit_code == 1
    assert "cannot write to media dir" in result.output
    assert "Traceback" not in result.output


def test_missing_latex_names_the_package_and_the_command(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no latex, no dvisvgm
    result = run("preview", "title", "--media-dir", str(tmp_path / "media"))
    assert result.exit_code == 1
    assert "LaTeX is missing" in result.output
    assert "apt-get install --no-install-recommends texlive-latex-base" in result.output
    assert not list((tmp_path / "media").rglob("*.mp4"))


def test_doctor_reports_a_working_tool_chain(run):
    result = run("doctor")
    assert result.exit_code == 0, result.output
    for name in ("cairo", "pango", "LaTeX", "dvisvgm", "H.264 encoding"):
        line = next(line for line in result.output.splitlines() if line.startswith(name))
        assert " ok " in line


def test_doctor_exits_1_when_latex_is_missing(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("doctor")
    assert result.exit_code == 1
    assert "MISSING" in result.output
    assert "texlive-latex-base" in result.output
