"""`nnlecture render` as a user meets it: a draft of one scene, a re-run, and bad values."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from lecture_helpers import top_level_atoms

from scripts.cli import main


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


@pytest.mark.render
def test_a_draft_of_one_scene_then_a_rerun_that_only_assembles(run, tmp_path):
    out = tmp_path / "lecture" / "draft"
    first = run("render", "--only", "title", "--quality", "draft", "--media-dir", str(tmp_path))
    assert first.exit_code == 0, first.output
    assert re.search(r"title\s+done\s+\d+\.\d s of video in \d+\.\d s", first.output)
    assert re.search(r"1 scene \(1 rendered\): lecture 0:\d\d", first.output)
    assert first.output.strip().endswith(str(out / "index.html"))
    for name in ("lecture.mp4", "lecture.srt", "lecture.vtt", "chapters.vtt", "transcript.md",
                 "index.html", "clips/title.mp4", "clips/title.srt", "clips/title.vtt",
                 "posters/title.png"):
        assert (out / name).is_file(), name
    assert top_level_atoms(out / "lecture.mp4")[:2] == ["ftyp", "moov"]
    again = run("render", "--only", "title", "-q", "draft", "--media-dir", str(tmp_path))
    assert again.exit_code == 0, again.output
    assert re.search(r"title\s+cached", again.output)
    assert "1 scene (1 cached)" in again.output and "rendering" not in again.output


@pytest.mark.parametrize(("args", "message"), [
    (["--jobs", "0"], "Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
    (["--only", "title,nosuch"], "Error: unknown scene 'nosuch'; known: "),
    (["--only", ","], "Error: --only names no scene"),
    (["--formats", "mp4,avi"],
     "Error: Invalid value for '--formats': unknown format 'avi'; choose from mp4, webm, gif"),
    (["--quality", "x"],
     "Error: Invalid value for '--quality' / '-q': 'x' is not one of 'draft', 'l', 'm', 'h', 'k'."),
])
def test_bad_values_get_one_line_and_exit_2(run, tmp_path, args, message):
    result = run("render", *args, "--media-dir", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "lecture").exists()


def test_an_unwritable_media_dir_is_reported_before_anything_renders(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("render", "--media-dir", str(blocker / "media"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write to media dir")
    assert len(result.output.strip().splitlines()) == 1


def test_help_names_every_option(run):
    result = run("render", "--help")
    for option in ("--quality", "--jobs", "--config", "--only", "--formats", "--force",
                   "--media-dir", "draft"):
        assert option in result.output
