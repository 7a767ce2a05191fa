"""A failing scene and Ctrl-C: the other scenes stay cached, the previous lecture stays as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lecture_helpers import render
from lecture_test_scenes import BOOM, HANG, QUICK

from scenes import registry
from scripts.cli import main
from scripts.render.cache import load_record
from scripts.pipeline import LectureFailed

pytestmark = pytest.mark.render

HERE = Path(__file__).resolve().parent


def previous_lecture(out_dir: Path) -> dict[Path, bytes]:
    """Stand-in files for a lecture made by an earlier run."""
    files = {out_dir / "lecture.mp4": b"the previous lecture",
             out_dir / "index.html": b"<p>previous</p>",
             out_dir / "clips" / "old.mp4": b"a previous clip"}
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def test_a_failing_scene_keeps_the_others_and_names_its_log(tmp_path):
    out_dir = tmp_path / "lecture" / "draft"
    before = previous_lecture(out_dir)
    with pytest.raises(LectureFailed) as failure:
        render(tmp_path, [QUICK, BOOM])
    message = str(failure.value)
    log = tmp_path / "logs" / "boom.log"
    assert f"scene 'boom' failed: RuntimeError: boom: a test scene that fails on purpose " \
           f"(traceback in {log})" in message
    assert "the previous lecture in" in message and "is unchanged" in message
    assert "Traceback" in log.read_text() and "lecture_test_scenes.py" in log.read_text()
    render_log = out_dir / "render.log"
    assert message.endswith(f"the render's log: {render_log}")
    assert "== boom: failed: scene 'boom' failed: RuntimeError: boom" in render_log.read_text()
    assert "== quick: done in" in render_log.read_text()
    assert list(failure.value.report.rendered) == ["quick"]
    assert {path: path.read_bytes() for path in before} == before
    assert not (out_dir / "clips" / "quick.mp4").exists()
    cache = tmp_path / ".manim" / "lecture" / "draft"
    assert load_record(cache, "quick").intact(cache)
    assert load_record(cache, "boom") is None
    assert not list(cache.glob(".*partial*"))
    # Without the failing scene, the finished one is used as it is.
    again = render(tmp_path, [QUICK])
    assert again.report.cached == ["quick"] and again.report.rendered == {}
    assert (out_dir / "clips" / "quick.mp4").is_file()


def test_the_command_reports_a_failed_scene_in_one_line_per_scene(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "SCENES", (*registry.SCENES, BOOM))
    result = CliRunner().invoke(main, ["render", "--only", "boom", "-q", "draft",
                                       "--media-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: scene 'boom' failed: RuntimeError: boom" in result.output
    assert str(tmp_path / "logs" / "boom.log") in result.output
    assert "Traceback" not in result.output
    assert [line.split() for line in result.output.splitlines()][-3][:2] == ["boom", "failed"]


# The render command as a program of its own. It answers Ctrl-C as it would in a terminal even when
# the tests run in the background, where a shell starts programs with SIGINT ignored.
DRIVER = """
import signal
import sys
from scenes import registry
from lecture_test_scenes import HANG, QUICK
from scripts.cli import main
registry.SCENES = (*registry.SCENES, QUICK, HANG)
if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
"""


def send_sigint(target: str, parent: int, worker: int) -> None:
    """Ctrl-C as ``target`` sees it: the whole process group (a terminal), or one process only."""
    if target == "process group":
        os.killpg(parent, signal.SIGINT)
    else:
        os.kill(worker if target == "worker" else parent, signal.SIGINT)


# Which process sees Ctrl-C first is up to the scheduler; each order must end the same way.
@pytest.mark.parametrize("target", ["process group", "worker", "parent"])
def test_ctrl_c_stops_the_workers_and_leaves_the_previous_lecture(tmp_path, target):
    out_dir = tmp_path / "lecture" / "draft"
    before = previous_lecture(out_dir)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    pid_file = tmp_path / "worker.pid"
    env = {**os.environ, "PYTHONPATH": str(HERE), "NNLECTURE_TEST_PID_FILE": str(pid_file)}
    command = [sys.executable, str(driver), "render", "--only", "hang,quick", "-q", "draft",
               "--jobs", "2", "--media-dir", str(tmp_path)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        assert pid_file.exists(), process.communicate()
        worker = int(pid_file.read_text())
        send_sigint(target, process.pid, worker)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stdout + stderr
    assert "Error: interrupted; the previous lecture in" in stderr
    assert "failed" not in stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert not _running(worker)
    assert {path: path.read_bytes() for path in before} == before
    leftovers = [path for path in tmp_path.rglob("*") if ".partial" in path.name
                 or ".staging" in path.name or path.suffix == ".output"]
    assert leftovers == []
    assert not (tmp_path / ".manim" / "jobs" / "draft" / "hang-default").exists()  # cleared
    assert load_record(tmp_path / ".manim" / "lecture" / "draft", "hang") is None


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
