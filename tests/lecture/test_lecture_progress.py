"""The progress board: one line per scene, redrawn in place on a terminal, one line per change in a log."""

from __future__ import annotations

from scripts.render.progress import Board, rendering_text


def test_percent_against_the_last_render_or_seconds_when_there_is_none():
    assert rendering_text(21.0, 50.0) == "rendering  42 %"
    assert rendering_text(60.0, 50.0) == "rendering  99 %"   # longer than last time: not 100 yet
    assert rendering_text(12.0, None) == "rendering  12.0 s of video"


def test_a_log_gets_each_change_of_state_once_and_no_percentages():
    written: list[str] = []
    board = Board(["title", "neuron"], written.append, live=False)
    board.start()
    board.set("title", "rendering")
    board.set("title", rendering_text(3, 10), progress=True)
    board.set("title", "done")
    board.set("title", "done")
    assert "".join(written).splitlines() == [
        "  title   queued", "  neuron  queued", "  title   rendering", "  title   done"]


def test_a_terminal_gets_the_block_redrawn_in_place():
    written: list[str] = []
    board = Board(["title", "neuron"], written.append, live=True)
    board.start()
    board.set("neuron", "failed")
    assert not written[0].startswith("\x1b[2F")
    assert written[1].startswith("\x1b[2F")   # back up over the two lines, then rewrite them
    assert "\x1b[2K  neuron  failed\n" in written[1]
