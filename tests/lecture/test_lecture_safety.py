"""Renders that meet: two into one media folder, two configs at once, a render killed with
SIGKILL mid-scene, and a damaged cache entry. Each ends with a correct lecture or one clear line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest
from lecture_helpers import DRIVER, render
from lecture_test_scenes import FOLDERS, QUICK

pytestmark = pytest.mark.render

HERE = Path(__file__).resolve().parent
class Renders:
    """Start ``nnlecture render`` processes (each a process group of its own) on the test scenes
    in one media folder; whatever is left running is killed at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.media = folder / "media"
        self.driver = folder / "driver.py"
        self.driver.write_text(DRIVER)
        self.pid_file = folder / "gate.pid"
        self.gate = folder / "gate.open"
        self.env = {**os.environ, "PYTHONPATH": str(HERE), "NNLECTURE_TEST_PID_FILE":
                    str(self.pid_file), "NNLECTURE_TEST_GATE": str(self.gate),
                    "NNLECTURE_TEST_FOLDERS": str(folder)}
        self.started: list[subprocess.Popen] = []

    def start(self, *args: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, str(self.driver), "render", "-q", "draft", "--voice", "none",
             "--media-dir", str(self.media), *args],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self.started.append(process)
        return process

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        process = self.start(*args)
        stdout, stderr = process.communicate(timeout=timeout)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def gate_worker(self, process: subprocess.Popen) -> int:
        """The pid of the worker rendering the gate scene, once it waits at the gate."""
        deadline = time.monotonic() + 90
        while not self.pid_file.exists() and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        assert self.pid_file.exists(), "the gate scene never started"
        time.sleep(0.1)   # the pid is written in full
        return int(self.pid_file.read_text())

    def close(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def renders(tmp_path):
    started = Renders(tmp_path)
    yield started
    started.close()


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def decodes_in_full(clip: Path) -> float:
    """The clip's length from its decoded frames, which must cover its stated duration."""
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        stated = float(container.duration / av.time_base)
        rate = float(stream.average_rate)
    assert frames / rate == pytest.approx(stated, abs=1.5 / rate), clip
    return frames / rate


def test_a_second_render_into_the_same_folder_says_so_in_one_line_and_leaves_the_first(renders):
    first = renders.start("--only", "gate,quick", "--jobs", "2")
    renders.gate_worker(first)
    started = time.monotonic()   # the command's own start, under the first render's load:
    assert renders.run("--only", "nosuch").returncode == 2   # it stops parsing its options
    startup = time.monotonic() - started
    started = time.monotonic()
    second = renders.run("--only", "quick")
    elapsed = time.monotonic() - started
    assert second.returncode == 1
    assert second.stderr.strip() == (
        f"Error: a render (pid {first.pid}) is already writing {renders.media}; wait for it "
        f"to finish or give this one another --media-dir")
    assert second.stdout == ""
    assert elapsed < startup + 1.0, f"refused after {elapsed:.1f} s (start-up {startup:.1f} s)"
    assert first.poll() is None
    renders.gate.touch()
    stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stdout + stderr
    lecture = renders.media / "lecture" / "draft"
    for slug in ("gate", "quick"):
        decodes_in_full(lecture / "clips" / f"{slug}.mp4")


def test_two_configs_with_the_same_scenes_at_two_jobs_work_apart_and_both_complete(renders):
    configs = []
    for name, seed in (("a", 1), ("b", 2)):
        configs += ["--config", str(renders.folder / f"{name}.toml")]
        (renders.folder / f"{name}.toml").write_text(f"seed = {seed}\n")
    result = renders.run("--only", "folders,quick", "--jobs", "2", *configs)
    assert result.returncode == 0, result.stdout + result.stderr
    used = [path.read_text().splitlines() for path in renders.folder.glob("*.txt")]
    assert len(used) == 2                                 # the scene of each config
    for kind, (one, other) in zip(("partial movies", "LaTeX", "Text"), zip(*used)):
        assert one != other, f"both jobs used one {kind} folder: {one}"
    for name in ("a", "b"):
        lecture = renders.media / "lecture" / "draft" / name
        assert f"{name}: 2 scenes (2 rendered)" in result.stdout
        for slug in ("folders", "quick"):
            decodes_in_full(lecture / "clips" / f"{slug}.mp4")


def test_a_render_killed_mid_scene_takes_its_workers_along_and_the_next_one_succeeds(renders):
    killed = renders.start("--only", "gate,quick", "--jobs", "2")
    worker = renders.gate_worker(killed)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    deadline = time.monotonic() + 5
    while running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(worker), "the scene's worker outlived its render by 5 s"
    lock = renders.media / ".manim" / "render.lock"
    assert lock.read_text().split()[0] == str(killed.pid)   # left behind: stale, pid gone
    renders.gate.touch()
    result = renders.run("--only", "gate,quick", "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in ("gate", "quick"):
        decodes_in_full(renders.media / "lecture" / "draft" / "clips" / f"{slug}.mp4")


def test_a_truncated_cached_clip_is_rendered_again_and_said_so(tmp_path):
    first = render(tmp_path, [QUICK])
    cache = tmp_path / ".manim" / "lecture" / "draft"
    clip = cache / "quick.mp4"
    length = decodes_in_full(first.out_dir / "clips" / "quick.mp4")
    size = clip.stat().st_size
    os.truncate(clip, size // 2)    # cut short in place (a full disk, a killed copy)
    assert decodes_in_full(first.out_dir / "clips" / "quick.mp4") == length   # not shared
    again = render(tmp_path, [QUICK])
    assert list(again.report.rendered) == ["quick"] and again.report.cached == []
    assert again.report.damaged == {"quick": f"quick.mp4 is {size // 2} bytes, "
                                             f"its record says {size}"}
    assert "quick  cache damaged (quick.mp4 is" in again.output
    published = again.out_dir / "clips" / "quick.mp4"
    assert decodes_in_full(published) == length
    assert published.stat().st_ino != clip.stat().st_ino
    assert published.read_bytes() == clip.read_bytes()


def test_a_cached_clip_changed_in_place_is_not_served(tmp_path):
    render(tmp_path, [QUICK])
    clip = tmp_path / ".manim" / "lecture" / "draft" / "quick.mp4"
    data = bytearray(clip.read_bytes())
    data[len(data) // 2] ^= 0xFF    # same size, other content
    clip.write_bytes(bytes(data))
    again = render(tmp_path, [QUICK])
    assert list(again.report.rendered) == ["quick"]
    assert again.report.damaged == {"quick": "quick.mp4 does not hash to its record's sha256"}
    published = again.out_dir / "clips" / "quick.mp4"
    assert published.stat().st_ino != clip.stat().st_ino
    decodes_in_full(published)
