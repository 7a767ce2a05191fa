"""Scenes rendered as the tasks of a Dask cluster: ``nnlecture render --cluster ADDRESS``.

Each scene to render is one task, run by any ``dask worker`` that reaches the scheduler. Nothing
assumes a shared file system: the task carries the client's config file and manim.cfg as bytes;
on the worker it writes them into a private temporary folder and starts a fresh Python process
there (Manim's config is one global per process, so no process renders two scenes). That process
recomputes the scene's key and refuses, in one line naming the worker and what differs, when it
is not the key the client sent (other scene code, Manim or PyAV versions); otherwise it renders
the scene exactly as a local worker process does (``workers._work``). The task returns the clip's
files as bytes with their record; the client writes them into its own cache, record last.

Faults: a render process that dies (killed, out of memory) makes the task raise, and Dask runs it
again, at most RETRIES more times; a worker that dies mid-scene is the scheduler's to retry on
another worker (at most ``distributed.scheduler.allowed-failures`` times, 3 by default). A scene
that fails on its own is returned as a failure and not retried: it would fail again. Ctrl-C
cancels every task; a running task sees that it was cancelled and stops its render process.
"""

from __future__ import annotations

import os
import pickle
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from nnmath.errors import NNLectureError
from scripts.render.cache import (Record, VoiceKey, key_payload, payload_digest, record_path,
                                  save_record)
from scripts.render.clip import Job
from scripts.files import log_path, writing
from scripts.render.workers import Event

CONNECT_TIMEOUT = 5      # seconds to reach the scheduler before giving up with one line
RETRIES = 2              # extra runs of a task whose render process died
POLL = 0.1               # seconds between looks at the tasks and their events
PART_NAMES = {"files": "scene code", "manim": "Manim version", "av": "PyAV version",
              "manim.cfg": "manim.cfg", "config": "config file", "settings": "Manim settings"}


class ClusterError(NNLectureError):
    """The cluster cannot be used (unreachable scheduler); the message is one line."""


@dataclass
class Session:
    """A connected Dask client and the dashboard's address (None when there is none)."""

    client: object
    dashboard: str | None

    def close(self) -> None:
        self.client.close()


@dataclass(frozen=True)
class TaskResult:
    """What a task returns: the render process's last event (done or failed, as the local pool's
    workers send it), a done scene's files as bytes, and a failed one's log with its path on the
    worker (for the client to keep it and name its own copy)."""

    event: Event
    files: dict = field(default_factory=dict)
    log: str | None = None
    worker_log: str = ""


@dataclass(frozen=True)
class Task:
    """What a worker needs to render one scene: the client's job, the bytes of its config file
    and manim.cfg, the parts of the key the client computed, and the topic for progress."""

    job: Job
    config: bytes | None
    manim_cfg: bytes | None
    payload: dict
    topic: str


def connect(address: str) -> Session:
    """A client of the scheduler at ``address``; ClusterError within CONNECT_TIMEOUT if it
    cannot be reached."""
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except OSError:   # Dask retries a refused or unresolved address until its timeout
        raise ClusterError(f"cannot reach the Dask scheduler at {address} within "
                           f"{CONNECT_TIMEOUT} s; is `dask scheduler` running there?") from None
    except ValueError as err:
        raise ClusterError(f"{address} is not a Dask scheduler address: "
                           f"{' '.join(str(err).split())}") from None
    services = client.scheduler_info().get("services", {})
    return Session(client, client.dashboard_link if "dashboard" in services else None)


def run_jobs(session: Session, jobs: list[Job], on_event) -> None:
    """Run every job as a task (in list order of priority); each ends with a ``done`` or
    ``failed`` event, whose files are in the job's cache folder by then. Ctrl-C (or any error)
    cancels every task before it propagates."""
    client = session.client
    topic = f"nnlecture-{uuid.uuid4().hex}"
    events: queue.SimpleQueue = queue.SimpleQueue()
    client.subscribe_topic(topic, lambda event: events.put(event[1]))
    futures = {}
    try:
        for rank, job in enumerate(jobs):
            future = client.submit(_task, _make_task(job, topic), key=f"{topic}-{job.label}",
                                   pure=False, retries=RETRIES, priority=len(jobs) - rank)
            futures[future] = job
        pending = dict(futures)
        while pending:
            for future in [future for future in pending if future.done()]:
                _forward(events, on_event)
                on_event(_outcome(future, pending.pop(future)))
            _forward(events, on_event)
            time.sleep(POLL)
    except BaseException:
        client.cancel(list(futures), force=True)
        raise
    finally:
        client.unsubscribe_topic(topic)


def _make_task(job: Job, topic: str) -> Task:
    config_path = Path(job.config_path) if job.config_path else None
    manim_cfg = Path("manim.cfg")
    payload = key_payload(job.entry, quality=job.quality, settings=job.settings,
                          config_path=config_path, voice=_voice_description(job))
    return Task(job, config_path.read_bytes() if config_path else None,
                manim_cfg.read_bytes() if manim_cfg.is_file() else None, payload, topic)


def _voice_description(job: Job) -> dict | None:
    return VoiceKey(job.voice).description


def _forward(events: queue.SimpleQueue, on_event) -> None:
    """Pass on the started and progress events that the workers published."""
    while True:
        try:
            message = events.get_nowait()
        except queue.Empty:
            return
        on_event(Event(message["label"], message["kind"], seconds=message["seconds"],
                       worker=message["worker"]))


def _outcome(future, job: Job) -> Event:
    """The final event of a finished task; a done task's files are written to the cache first."""
    slug = job.entry.slug
    if future.status != "finished":
        error = future.exception() if future.status == "error" else None
        what = (f"{type(error).__name__}: {' '.join(str(error).split())}" if error is not None
                else future.status)
        return Event(job.label, "failed", message=f"scene {slug!r} failed on the cluster: {what}")
    result = future.result()
    if result is None:
        return Event(job.label, "failed", message=f"scene {slug!r} was stopped on its worker")
    if result.event.kind == "failed":
        message = result.event.message
        if result.log is not None:   # the worker's log, kept here and named in the message
            log = log_path(job.media_dir, slug)
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(result.log, encoding="utf-8")
            message = message.replace(result.worker_log, str(log))
        return Event(job.label, "failed", message=message)
    _store(job.cache_dir, slug, result.event.record, result.files)
    return result.event


def _store(cache_dir: Path, slug: str, record: Record, files: dict[str, bytes]) -> None:
    """Write a clip's files into this machine's cache, each atomically, the record last."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    record_path(cache_dir, slug).unlink(missing_ok=True)
    for name, data in files.items():
        with writing(cache_dir / name) as partial:
            partial.write_bytes(data)
    save_record(cache_dir, slug, record)


# --- on the worker -------------------------------------------------------------------------

def _task(task: Task) -> TaskResult | None:
    """Render one scene on this Dask worker in a private folder; its files as bytes."""
    from distributed import get_worker

    worker = get_worker()
    begun = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="nnlecture-task-"))
    try:
        job = _local_job(task, folder, Path(worker.local_directory) / "nnlecture-voice")
        (folder / "task.pickle").write_bytes(pickle.dumps((job, task.payload, worker.address)))
        child = subprocess.Popen([sys.executable, "-m", "scripts.render.cluster",
                                  str(folder / "task.pickle")], cwd=folder, env=_render_env(),
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            return _follow(child, job, task.topic, worker, worker.get_current_task(), begun)
        finally:
            _end(child)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _render_env() -> dict[str, str]:
    """This worker's environment less what Dask's nanny set for its own process (malloc
    trimming, one BLAS thread): the render process runs as a local render's would (with
    MALLOC_TRIM_THRESHOLD_=65536 it spent about 20 % more CPU)."""
    import dask

    nanny = dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {}
    return {name: value for name, value in os.environ.items()
            if name not in nanny or value != str(nanny[name])}


def _local_job(task: Task, folder: Path, voice_cache: Path) -> Job:
    """The client's job with this worker's folders: its media and cache in ``folder``, the
    config and manim.cfg written there, the voice's takes kept in ``voice_cache``."""
    config_path = None
    if task.config is not None:
        config_path = folder / "lecture.toml"
        config_path.write_bytes(task.config)
    if task.manim_cfg is not None:
        (folder / "manim.cfg").write_bytes(task.manim_cfg)
    voice = task.job.voice
    if voice is not None:
        voice = replace(voice, cache_dir=voice_cache)
    return replace(task.job, media_dir=folder / "media", cache_dir=folder / "cache",
                   config_path=str(config_path) if config_path else None, voice=voice)


def _follow(child: subprocess.Popen, job: Job, topic: str, worker, key,
            begun: float) -> TaskResult | None:
    """Relay the render process's events until its last one; stop it if the task is cancelled.
    Raises when the process died without a last event (Dask then retries the task)."""
    events: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_read_events, args=(child.stdout, events), daemon=True).start()
    while True:
        try:
            event = events.get(timeout=POLL)
        except queue.Empty:
            state = worker.state.tasks.get(key)
            if state is None or state.state not in ("executing", "long-running"):
                return None   # cancelled: _end stops the render process
            continue
        if event is None:
            code = child.wait()
            raise RuntimeError(f"the render process of scene {job.entry.slug!r} on "
                               f"{worker.address} died with exit code {code}")
        if event.kind in ("started", "progress"):
            worker.log_event(topic, {"label": event.slug, "kind": event.kind,
                                     "seconds": event.seconds, "worker": worker.address})
        elif event.kind == "done":
            return _result(job, event, worker.address, time.perf_counter() - begun)
        elif event.kind == "failed":
            log = log_path(job.media_dir, job.entry.slug)
            return TaskResult(event, worker_log=str(log),
                              log=log.read_text(encoding="utf-8") if log.is_file() else None)
        else:
            return None       # interrupted: this worker is stopping


def _result(job: Job, event: Event, address: str, seconds: float) -> TaskResult:
    """The finished clip for the client; ``seconds``: the whole task, the render process's
    start-up included (the local pool's processes start from a fork server in milliseconds)."""
    files = {name: (job.cache_dir / name).read_bytes() for name in event.record.files.values()}
    return TaskResult(replace(event, seconds=seconds, worker=address), files)


def _read_events(stream, events: queue.SimpleQueue) -> None:
    while True:
        try:
            events.put(pickle.load(stream))
        except (EOFError, pickle.UnpicklingError, OSError):
            events.put(None)
            return


def _end(child: subprocess.Popen) -> None:
    """Stop the render process if it still runs (SIGTERM lets it remove its partial files)."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


# --- the render process --------------------------------------------------------------------

class _Pipe:
    """``workers._work``'s event queue, as pickles written to a file descriptor."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def put(self, event: Event) -> None:
        data = pickle.dumps(event)
        while data:
            data = data[os.write(self.fd, data):]


def _render_process(spec: Path) -> None:
    """Check the key, then render as a local worker process does; events go to stdout."""
    from scripts.render import workers

    job, payload, address = pickle.loads(spec.read_bytes())
    events = _Pipe(os.dup(1))   # before _work sends stdout to the scene's log
    threading.Thread(target=_stop_with_parent, daemon=True).start()
    config_path = Path(job.config_path) if job.config_path else None
    mine = key_payload(job.entry, quality=job.quality, settings=job.settings,
                       config_path=config_path, voice=payload["voice"])
    if payload_digest(mine) != job.key:
        events.put(Event(job.label, "failed", message=(
            f"scene {job.entry.slug!r} refused by worker {address}, which differs from the "
            f"client in: {differences(payload, mine)}; install the same nnlecture on every "
            f"machine (README, \"Rendering on a cluster\")")))
        return
    workers._work(job, events)


def differences(client: dict, worker: dict) -> str:
    """The parts of two key payloads that differ, in words: 'scene code (scenes/title.py)',
    'Manim version (0.22.0 here, 0.21.0 on the worker)'."""
    said = []
    for part in sorted(set(client) | set(worker)):
        theirs, mine = client.get(part), worker.get(part)
        if theirs == mine:
            continue
        name = PART_NAMES.get(part, part)
        if part == "files":
            changed = sorted(label for label in set(theirs) | set(mine)
                             if theirs.get(label) != mine.get(label))
            said.append(f"{name} ({', '.join(changed)})")
        elif part in ("manim", "av"):
            said.append(f"{name} ({theirs} on the client, {mine} on the worker)")
        else:
            said.append(name)
    return ", ".join(said) or "cache key"


def _stop_with_parent() -> None:
    """The task's worker holds our stdin open: at its end (it died), stop rendering."""
    sys.stdin.buffer.read()
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    _render_process(Path(sys.argv[1]))
