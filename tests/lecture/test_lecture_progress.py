"""The progress view: a rich live table on a terminal (scene, state, frames done of total, time
left), one plain line per change of state otherwise; for `render` and `preview` alike."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lecture_helpers import DRIVER
from rich.console import Console

from scripts.render.progress import Board

HERE = Path(__file__).resolve().parent
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_plain_lines_give_each_change_of_state_once_and_no_frames():
    written: list[str] = []
    board = Board(["title", "neuron"], written.append, live=False, fps=10)
    board.start()
    board.set("title", "rendering", estimate=10.0)
    board.progress("title", 3.0)
    board.set("title", "rendering")
    board.set("title", "done", estimate=10.0, done=True)
    assert "".join(written).splitlines() == [
        "  title   queued", "  neuron  queued", "  title   rendering", "  title   done"]


def test_the_live_table_shows_frames_done_of_total_and_time_left():
    board = Board(["title", "neuron"], lambda text: None, live=False, fps=10)
    board.known("neuron", "cached      12.0 s of video", 12.0)
    board.set("title", "rendering", estimate=10.0)
    board.rows["title"].started -= 6.0       # six seconds ago, for 3 of 10 s of video
    board.progress("title", 3.0)
    console = Console(file=io.StringIO(), width=100)
    with console.capture() as captured:
        console.print(board._table())
    table = captured.get()
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.strip()}
    assert rows["scene"] == ["scene", "state", "frames", "left"]
    assert rows["title"][1:] == ["rendering", "30/100", "0:14"]     # 7 s of video at 2 s/s
    assert rows["neuron"][-1] == "120/120"
    assert "1 of 2 scenes" in table


def in_terminal(args: list[str], env: dict, cwd: Path) -> tuple[int, str]:
    """Run ``args`` with a pseudo-terminal as its standard output and error; all it wrote."""
    main, sub = pty.openpty()
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=sub, stderr=sub, env=env,
                               cwd=cwd)
    os.close(sub)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:   # EIO: the program ended and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return process.wait(timeout=120), b"".join(chunks).decode(errors="replace")


@pytest.fixture
def driver(tmp_path):
    path = tmp_path / "driver.py"
    path.write_text(DRIVER)
    env = {**os.environ, "PYTHONPATH": str(HERE), "TERM": "xterm", "COLUMNS": "120"}
    return lambda *args: [sys.executable, str(path), *args], env


@pytest.mark.render
def test_render_in_a_terminal_draws_the_live_table(driver, tmp_path):
    command, env = driver
    code, output = in_terminal(command("render", "--only", "quick", "-q", "draft", "--voice",
                                       "none", "--media-dir", str(tmp_path / "media")), env,
                               Path.cwd())
    assert code == 0, output
    assert "\x1b[?25l" in output            # rich hides the cursor while it redraws
    text = ESCAPE.sub("", output)
    assert re.search(r"scene\s+state\s+frames\s+left", text)
    done = re.findall(r"quick\s+done\s+[\d.]+ s of video in [\d.]+ s\s+(\d+)/(\d+)", text)
    assert done and done[-1][0] == done[-1][1], text
    assert "1 of 1 scenes" in text
    log = (tmp_path / "media" / "lecture" / "draft" / "render.log").read_text()
    assert re.search(r"== quick: done in [\d.]+ s, [\d.]+ CPU s, peak \d+ MB", log)


@pytest.mark.render
def test_preview_in_a_terminal_draws_the_same_view_not_manims_bars(driver, tmp_path):
    command, env = driver
    code, output = in_terminal(command("preview", "quick", "--voice", "none", "--media-dir",
                                       str(tmp_path / "media")), env, Path.cwd())
    assert code == 0, output
    text = ESCAPE.sub("", output)
    assert re.search(r"quick\s+done\s+[\d.]+ s of video\s+\d+", text), text
    assert "it/s" not in text and "Animation 0" not in text      # no tqdm bars
    assert text.strip().endswith(str(tmp_path / "media" / "preview" / "l" / "quick.mp4"))
