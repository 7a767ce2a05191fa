"""Rendering on a Dask cluster, on loopback: a real `dask scheduler` and two `dask worker`
processes started here, the quick test scenes rendered through them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from cluster_test_scenes import HANG_ONCE
from lecture_helpers import QUALITY, TINY, render
from lecture_test_scenes import HANG, OTHER, QUICK, QUICK_TOO

from scripts.cli import main
from scripts.pipeline import LectureFailed, LectureSpec, render_lectures

pytestmark = [pytest.mark.render, pytest.mark.cluster]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DASK = Path(sys.executable).parent / "dask"


class Cluster:
    """A scheduler on a free loopback port and its workers, each a process group of its own
    (a worker's nanny, its worker process and their render processes), killed at the end."""

    def __init__(self, folder: Path, python_path: list[Path], workers: int) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.env = {**os.environ, "NNLECTURE_TEST_DIR": str(folder),
                    "NNLECTURE_TEST_PID_FILE": str(folder / "hang.pid"),
                    "PYTHONPATH": os.pathsep.join(str(path) for path in [*python_path, ROOT])}
        self.processes = [self._start([DASK, "scheduler", "--host", "127.0.0.1", "--port",
                                       self.address.rsplit(":", 1)[1], "--no-dashboard"], folder)]
        for number in range(workers):
            self.processes.append(self._start(
                [DASK, "worker", self.address, "--nworkers", "1", "--nthreads", "1",
                 "--no-dashboard", "--local-directory", str(folder / f"worker{number}")],
                folder))
        from distributed import Client

        with Client(self.address, timeout=30) as client:
            client.wait_for_workers(workers, timeout=60)

    def _start(self, command: list, folder: Path) -> subprocess.Popen:
        log = (folder / f"{Path(command[1]).name}-{len(getattr(self, 'processes', []))}.log")
        return subprocess.Popen([str(part) for part in command], cwd=ROOT, env=self.env,
                                stdout=log.open("w"), stderr=subprocess.STDOUT,
                                start_new_session=True)

    def stop(self) -> None:
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = Cluster(tmp_path_factory.mktemp("cluster"), [HERE], workers=2)
    yield started
    started.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != "render.log"}


def test_a_lecture_rendered_on_the_cluster_is_byte_identical_to_one_rendered_here(
        cluster, tmp_path):
    here = render(tmp_path / "here", [QUICK, OTHER])
    there = render(tmp_path / "there", [QUICK, OTHER], cluster=cluster.address)
    assert sorted(there.report.rendered) == ["other", "quick"]
    assert _files(there.out_dir) == _files(here.out_dir)
    assert "lecture.mp4" in _files(there.out_dir) and "clips/quick.mp4" in _files(there.out_dir)
    for slug in ("quick", "other"):
        assert f"  {slug}  done" in there.output and "s on tcp://127.0.0.1:" in there.output
    again = render(tmp_path / "there", [QUICK, OTHER], cluster=cluster.address)
    assert again.report.cached == ["quick", "other"]   # the client's own cache has the clips


def test_two_configs_in_one_command_render_shared_scenes_once(cluster, tmp_path):
    configs = []
    for name in ("course-a", "course-b"):
        configs.append(tmp_path / f"{name}.toml")
        configs[-1].write_text("seed = 7\n")    # the same lecture for two course pages
    entries = [QUICK, QUICK_TOO, OTHER]
    reports = render_lectures(
        [LectureSpec("Test", entries, path, None, path.stem) for path in configs],
        quality=QUALITY, jobs=2, media_dir=tmp_path, overrides=dict(TINY),
        cluster=cluster.address)
    assert sum(len(report.rendered) for report in reports) == 2   # quick (= quick_too), other
    assert sorted(reports[0].rendered) == ["other", "quick"] and reports[0].shared == ["quick_too"]
    assert sorted(reports[1].shared) == ["other", "quick", "quick_too"]
    lectures = [_files(tmp_path / "lecture" / QUALITY / path.stem) for path in configs]
    for files in lectures:
        assert {"lecture.mp4", "index.html", "transcript.md", "clips/quick.mp4",
                "clips/quick_too.mp4", "clips/other.mp4", "posters/quick_too.png"} <= set(files)
    assert lectures[0] == lectures[1]


def test_several_configs_on_the_command_line_render_locally_into_a_folder_each(tmp_path):
    for name in ("course-a", "course-b"):
        (tmp_path / f"{name}.toml").write_text("seed = 7\n")
    result = CliRunner().invoke(main, [
        "render", "--only", "title", "-q", "draft", "--voice", "none", "--media-dir",
        str(tmp_path / "media"), "--config", str(tmp_path / "course-a.toml"),
        "--config", str(tmp_path / "course-b.toml")])
    assert result.exit_code == 0, result.output
    assert "course-a: 1 scene (1 rendered)" in result.output
    assert "course-b: 1 scene (1 shared)" in result.output
    assert "course-b/title  shared" in result.output
    lectures = [_files(tmp_path / "media" / "lecture" / "draft" / name)
                for name in ("course-a", "course-b")]
    assert {"lecture.mp4", "clips/title.mp4", "index.html"} <= set(lectures[0])
    assert lectures[0] == lectures[1]


def test_a_worker_killed_mid_scene_is_retried_on_another_worker(cluster, tmp_path):
    attempts = Path(cluster.env["NNLECTURE_TEST_DIR"])
    killed = []

    def kill_the_worker_rendering_it() -> None:
        pid_file = attempts / "hang_once.pid"
        deadline = time.monotonic() + 60
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        worker = psutil.Process(int(pid_file.read_text())).parent()   # the render's worker
        killed.append(worker.pid)
        worker.kill()

    killer = threading.Thread(target=kill_the_worker_rendering_it)
    killer.start()
    rendered = render(tmp_path, [HANG_ONCE, QUICK], cluster=cluster.address)
    killer.join()
    assert killed and sorted(rendered.report.rendered) == ["hang_once", "quick"]
    assert len((attempts / "hang_once.attempts").read_text().split()) == 2
    assert (rendered.out_dir / "clips" / "hang_once.mp4").stat().st_size > 0


def test_ctrl_c_cancels_every_task_and_keeps_the_previous_lecture(cluster, tmp_path):
    previous = render(tmp_path, [QUICK], cluster=cluster.address)
    before = _files(previous.out_dir)
    pid_file = Path(cluster.env["NNLECTURE_TEST_PID_FILE"])

    def press_ctrl_c_once_hang_renders(text: str) -> None:
        if "hang" in text and "rendering on" in text:
            deadline = time.monotonic() + 30
            while not pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_lectures([LectureSpec("Test", [HANG, OTHER, QUICK])], quality=QUALITY, jobs=2,
                        media_dir=tmp_path, overrides=dict(TINY), cluster=cluster.address,
                        write=press_ctrl_c_once_hang_renders)
    render_process = int(pid_file.read_text())
    deadline = time.monotonic() + 15
    while psutil.pid_exists(render_process) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not psutil.pid_exists(render_process), "the cancelled scene's render still runs"
    assert _files(previous.out_dir) == before


def test_a_worker_with_other_scene_code_is_refused_with_one_line(tmp_path):
    elsewhere = tmp_path / "other-install"
    elsewhere.mkdir()
    edited = (HERE / "lecture_test_scenes.py").read_text() + "\n# edited on this machine only\n"
    (elsewhere / "lecture_test_scenes.py").write_text(edited)
    odd = Cluster(tmp_path, [elsewhere, HERE], workers=1)
    try:
        with pytest.raises(LectureFailed) as failed:
            render(tmp_path / "media", [QUICK], cluster=odd.address)
    finally:
        odd.stop()
    first = str(failed.value).splitlines()[0]
    assert first.startswith("scene 'quick' refused by worker tcp://127.0.0.1:")
    assert "differs from the client in: scene code (lecture_test_scenes.py);" in first
    assert not (tmp_path / "media" / ".manim" / "lecture" / QUALITY / "quick.json").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--cluster", "localhost"], "Error: --cluster 'localhost' is not a Dask scheduler address"),
    (["--config", "{a}/x.toml", "--config", "{b}/x.toml"],
     "Error: several --config files are named 'x'"),
])
def test_bad_cluster_values_get_one_line_and_exit_2(tmp_path, args, message):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.toml").write_text("seed = 1\n")
    args = [arg.format(a=tmp_path / "a", b=tmp_path / "b") for arg in args]
    result = CliRunner().invoke(main, ["render", *args, "--media-dir", str(tmp_path / "media")])
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_an_unreachable_scheduler_fails_fast_with_one_line(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["render", "--only", "title", "-q", "draft", "--cluster",
                                       address, "--voice", "none", "--media-dir", str(tmp_path)])
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach the Dask scheduler at {address} within")
    assert len(result.output.strip().splitlines()) == 1
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert not list((tmp_path / ".manim" / "lecture").rglob("*.json"))
    assert not (tmp_path / "lecture" / "draft" / "lecture.mp4").exists()
