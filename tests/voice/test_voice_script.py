"""The recording script and the status of a recordings folder."""

from __future__ import annotations

from scripts.voice import spoken_form, take_name
from scripts.voice.script import script_lines, status_report, take_status, write_script

SCENES = [
    ("neuron", "The neuron", ["σ(z) = 0.99 and ŷ = −0.075", "The neuron fires."]),
    ("training", "Training", [("W⁽²⁾ grows.", "The second layer's weights grow.")]),
]


def test_script_lists_every_line_in_order_with_its_take_name(tmp_path):
    path = write_script(SCENES, tmp_path / "out", tmp_path / "narration")
    text = path.read_text(encoding="utf-8")
    names = [take_name("Sigma of z is zero point nine nine and y hat is minus zero point zero "
                       "seven five"), take_name("The neuron fires."),
             take_name("The second layer's weights grow.")]
    positions = [text.index(f"`{name}`") for name in names]
    assert positions == sorted(positions)
    assert text.index("## The neuron") < positions[0] < text.index("## Training") < positions[2]
    assert "say: The second layer's weights grow." in text     # the scene's own spoken form
    assert "1. σ(z) = 0.99 and ŷ = −0.075" in text and "3. W⁽²⁾ grows." in text


def test_status_finds_recorded_missing_and_orphaned_takes(tmp_path):
    folder = tmp_path / "narration"
    folder.mkdir()
    lines = script_lines(SCENES)
    (folder / f"{lines[0].take}.FLAC").write_bytes(b"audio")
    (folder / f"{take_name(spoken_form('The neuron fired.'))}.wav").write_bytes(b"old line")
    (folder / f"{lines[2].take}.txt").write_bytes(b"notes")
    (folder / ".DS_Store").write_bytes(b"")
    status = take_status(SCENES, folder)
    assert status.recorded == [lines[0]] and status.missing == lines[1:]
    assert [p.name for p in status.orphaned] == sorted(
        [f"{take_name('The neuron fired.')}.wav", f"{lines[2].take}.txt"])
    report = status_report(status)
    assert report.splitlines()[0] == ("1 of 3 lines recorded, 2 missing, 2 orphaned takes, 0 timed "
                                      "by characters (their words could not be aligned to the "
                                      "synthetic voice's)")
    assert lines[1].take in report and "orphaned" in report


def test_status_of_a_folder_not_made_yet(tmp_path):
    status = take_status(SCENES, tmp_path / "narration")
    assert status.recorded == [] and len(status.missing) == 3 and status.orphaned == []
