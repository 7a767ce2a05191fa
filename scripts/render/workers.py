"""Scenes render in worker processes, at most ``workers`` at a time, one fresh process per scene.

Manim's config is one global per process and a rendered scene leaves caches behind, so no process
renders two scenes. Processes come from a fork server that has imported Manim once: a worker
starts in milliseconds instead of paying Manim's ~1.5 s import, and forking that server is safe
(it runs no threads, unlike the parent). Workers send events on one queue: started, progress,
done, failed, interrupted. When the parent stops early (Ctrl-C, an error), it terminates the running
workers; a worker turns SIGTERM into KeyboardInterrupt so that its partial files are removed.
When the parent dies without a word (SIGKILL, out of memory), its workers end within a second
the same way (``_end_with``), so that none goes on writing into the media folder.

Ctrl-C reaches the parent and the workers in no set order, and a parent started in the background
ignores it; so a worker stopped by SIGINT says so (an ``interrupted`` event, exit code 130) and the
parent raises KeyboardInterrupt for the whole render, whichever process saw the signal first.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.queues
import os
import queue
import resource
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scripts.files import log_path
from scripts.interrupts import holding_ctrl_c
from scripts.render.cache import Record
from scripts.render.clip import Job

PROGRESS_INTERVAL = 0.25   # seconds between a worker's progress events
STOP_GRACE = 10.0          # seconds a terminated worker gets to clean up before it is killed
INTERRUPTED = 128 + signal.SIGINT   # a worker's exit code after Ctrl-C, as a shell reports it
PR_SET_PDEATHSIG = 1                # prctl: the signal this process gets when its parent ends
WATCH_INTERVAL = 0.5                # seconds between a worker's checks that its render lives

_stopped_by: int | None = None      # in a worker: the signal that stopped it

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["manim"])


@dataclass(frozen=True)
class Event:
    slug: str
    kind: str                     # started | progress | done | failed | interrupted
    seconds: float = 0.0          # progress: scene time reached; done: wall time of the job
    record: Record | None = None  # done
    peak_mb: float = 0.0          # done: the worker's peak resident memory
    cpu_seconds: float = 0.0      # done: the worker's CPU time, all its threads (and LaTeX)
    message: str = ""             # failed: one line, naming the log
    worker: str = ""              # started, done: the Dask worker it ran on (cluster renders)
    output: str = ""              # done, failed: Manim's and LaTeX's output, for the render's log


def run_jobs(jobs: list[Job], workers: int, on_event: Callable[[Event], None]) -> None:
    """Run every job, in list order; each ends with a ``done`` or ``failed`` event.

    Raises KeyboardInterrupt when a worker was interrupted (Ctrl-C), after stopping the others.
    """
    events = _context.Queue()
    waiting = list(jobs)
    running: dict[str, multiprocessing.Process] = {}
    final: dict[str, Event] = {}

    def handle(event: Event) -> None:
        if event.kind == "interrupted":
            raise KeyboardInterrupt
        if event.kind in ("done", "failed"):
            final[event.slug] = event
        on_event(event)

    try:
        while waiting or running:
            while waiting and len(running) < workers:
                job = waiting.pop(0)
                process = _context.Process(target=_work, args=(job, events, os.getpid()),
                                           name=f"nnlecture-{job.entry.slug}")
                process.start()
                running[job.label] = process
            try:
                handle(events.get(timeout=0.2))
            except queue.Empty:
                pass
            for slug, process in list(running.items()):
                if process.is_alive() and slug not in final:
                    continue
                process.join()
                del running[slug]
                _drain(events, handle, until=lambda: slug in final)
                if slug not in final and process.exitcode in (INTERRUPTED, -signal.SIGINT):
                    raise KeyboardInterrupt
                if slug not in final:
                    handle(Event(slug, "failed", message=(
                        f"scene {slug!r} failed: its worker process died with exit code "
                        f"{process.exitcode}; it was killed or crashed (out of memory?)")))
    finally:
        _stop(running.values())
        events.close()


def _drain(events, handle, until: Callable[[], bool]) -> None:
    """Read what a finished worker sent before exiting (it may still be in the pipe)."""
    deadline = time.monotonic() + 2.0
    while not until() and time.monotonic() < deadline:
        try:
            handle(events.get(timeout=0.1))
        except queue.Empty:
            pass


def _stop(processes) -> None:
    """Terminate the running workers and wait for them: none outlives the render."""
    processes = [process for process in processes if process.is_alive()]
    if not processes:
        return
    with holding_ctrl_c(then_raise=False):   # the render is stopping already
        for process in processes:
            process.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()


def _work(job: Job, events, render_pid: int | None = None) -> None:
    """A worker's whole life: quiet output, render, report. Runs in the child process, which
    ends with ``render_pid`` (default: its parent, e.g. the Dask worker of a cluster render)."""
    from scripts.render import clip
    from scripts.render.scene import RenderError

    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    _end_with(render_pid or os.getppid())
    slug, label = job.entry.slug, job.label
    output = job.cache_dir / f".{slug}.output"
    _redirect_output(output)
    started = time.perf_counter()
    events.put(Event(label, "started"))
    last = 0.0

    def report(seconds: float) -> None:
        nonlocal last
        if time.perf_counter() - last >= PROGRESS_INTERVAL:
            last = time.perf_counter()
            events.put(Event(label, "progress", seconds=seconds))

    try:
        record = clip.run(job, report)
    except KeyboardInterrupt:
        output.unlink(missing_ok=True)
        if _stopped_by != signal.SIGTERM:   # SIGTERM: the parent is stopping and reads no more
            events.put(Event(label, "interrupted"))
        elif isinstance(events, multiprocessing.queues.Queue):
            events.cancel_join_thread()   # nobody may read it again: exit without flushing it
        sys.exit(128 + (_stopped_by or signal.SIGINT))   # as a shell reports a stopping signal
    except RenderError as err:  # the scene's own code failed; render_scene wrote the traceback
        log = log_path(job.media_dir, slug)
        text = _append_output(log, output)
        events.put(Event(label, "failed", message=str(err), output=text))
        return
    except Exception as err:  # after rendering: encoding, captions, the poster
        log = log_path(job.media_dir, slug)
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        text = _append_output(log, output)
        events.put(Event(label, "failed", output=text, message=(
            f"scene {slug!r} failed after rendering: {type(err).__name__}: {err} "
            f"(traceback in {log})")))
        return
    text = _read_output(output)
    output.unlink(missing_ok=True)
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    events.put(Event(label, "done", seconds=time.perf_counter() - started, record=record,
                     peak_mb=usage[0].ru_maxrss / 1024,
                     cpu_seconds=sum(use.ru_utime + use.ru_stime for use in usage),
                     output=text))


def _end_with(render_pid: int) -> None:
    """Stop this worker (SIGTERM, so that it removes its partial files) when the render that
    started it dies, however it dies. The kernel sends it when this process's parent ends (the
    fork server, which exits when the render does: Linux's PR_SET_PDEATHSIG); a thread also
    checks the render's pid every WATCH_INTERVAL, for the moment before that and elsewhere."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):   # not Linux
        pass

    def watch() -> None:
        while _alive(render_pid):
            time.sleep(WATCH_INTERVAL)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="watch-render", daemon=True).start()


def _alive(pid: int) -> bool:
    """``pid`` runs (a zombie, killed and not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:   # no /proc
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _interrupt(signum, frame) -> None:
    """Stop the render, once: Ctrl-C reaches a worker directly and again as the parent's SIGTERM,
    and a second KeyboardInterrupt would cut short the removal of its partial files."""
    global _stopped_by
    _stopped_by = signum
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _redirect_output(path: Path) -> None:
    """Send this process's stdout and stderr (Manim's log, LaTeX's output) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _read_output(output: Path) -> str:
    sys.stdout.flush()
    sys.stderr.flush()
    return output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""


def _append_output(log: Path, output: Path) -> str:
    """Add this worker's output to the scene's log; the output, for the render's log."""
    text = _read_output(output)
    with log.open("a", encoding="utf-8") as handle:
        handle.write("\n--- output of Manim and LaTeX ---\n" + (text or "(none)\n"))
    output.unlink(missing_ok=True)
    return text
