"""Render the lecture: plan from the cache, render what changed in workers, assemble the folder.

Output goes to ``MEDIA/lecture/QUALITY/``; the cache (finished clips and their records) lives in
``MEDIA/.manim/lecture/QUALITY/`` and is what makes a re-run with nothing changed only assemble.
Several lectures rendered at once (one per config) each get a NAME folder inside both.
Scenes render in local processes, or as tasks of a Dask cluster (``cluster.py``).
A failed scene or Ctrl-C leaves the previous lecture folder as it was, and keeps every scene that
finished in the cache.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from nnmath.errors import NNLectureError
from scenes.registry import SceneEntry
from scripts.render import progress
from scripts.publish.assemble import ASSEMBLED, Lecture, assemble
from scripts.render.cache import (Record, VoiceKey, load_record, record_path, save_record,
                                  scene_key)
from scripts.render.clip import Job, label
from scripts.files import place, render_lock
from scripts.render.workers import Event, run_jobs
from scripts.render.scene import FORMATS, frame_rate, quality_settings

# x264 settings by quality (see README, "Render speed"): a draft trades file size for speed; the
# other qualities keep Manim's (preset medium, crf 23) or what manim.cfg's [video_encoder.options] say.
ENCODER_SETTINGS = {"draft": {"video_encoder_options": {"preset": "ultrafast"}}}


class LectureFailed(NNLectureError):
    """Some scenes failed; the message has one line per failed scene. ``report`` says the rest."""

    def __init__(self, message: str, report: "Report") -> None:
        super().__init__(message)
        self.report = report


@dataclass
class Report:
    quality: str
    out_dir: Path
    rendered: dict[str, float] = field(default_factory=dict)   # slug -> wall seconds
    encoded: dict[str, float] = field(default_factory=dict)    # only new formats of a cached clip
    cached: list[str] = field(default_factory=list)
    damaged: dict[str, str] = field(default_factory=dict)      # slug -> what was wrong, re-rendered
    failed: dict[str, str] = field(default_factory=dict)       # slug -> one-line message
    peak_mb: dict[str, float] = field(default_factory=dict)    # slug -> worker's peak memory
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # slug -> worker's CPU time
    missing_takes: dict[str, list] = field(default_factory=dict)  # slug -> lines with no take
    shared: list[str] = field(default_factory=list)  # clips another lecture's same scene made
    render_seconds: float = 0.0
    assemble_seconds: float = 0.0
    lecture: Lecture | None = None


@dataclass(frozen=True)
class LectureSpec:
    """One lecture of a render: its scenes in order, config and voice, and ``name``: its folder
    under lecture/QUALITY when several lectures render at once (empty: that folder itself)."""

    title: str
    entries: list[SceneEntry]
    config_path: Path | None = None
    voice: object = None        # scripts.voice.VoiceSettings, None for silence
    name: str = ""


def render_lectures(lectures: list[LectureSpec], *, quality: str, jobs: int, media_dir: Path,
                    formats: tuple[str, ...] = (), force: bool = False,
                    overrides: dict | None = None,
                    write: Callable[[str], None] = lambda text: None, live: bool = False,
                    prepare: Callable[[], None] = lambda: None,
                    cluster: str | None = None) -> list[Report]:
    """Render several lectures as one set of scenes (a scene whose key another one shares is
    rendered once) and assemble each into its own folder; a report per lecture.

    ``overrides`` are extra Manim config values (tests render at 160x90, 5 fps); ``write`` and
    ``live`` show the progress board; ``prepare`` runs before the first scene renders (not when
    every scene is cached); ``cluster`` is a Dask scheduler's address (None: local processes,
    ``jobs`` at a time). Raises LectureFailed if a scene fails, cluster.ClusterError if the
    scheduler cannot be reached; files.FolderBusy if another render holds ``media_dir``.
    """
    media_dir = Path(media_dir)
    with render_lock(media_dir):
        return _render_lectures(lectures, quality, jobs, media_dir, formats, force, overrides,
                                write, live, prepare, cluster)


def _render_lectures(lectures, quality, jobs, media_dir, formats, force, overrides, write, live,
                     prepare, cluster) -> list[Report]:
    extra = tuple(kind for kind in FORMATS if kind in formats and kind != "mp4")
    settings = {**quality_settings(quality), **ENCODER_SETTINGS.get(quality, {}), **(overrides or {})}
    reports, records, plan = [], {}, []
    for lecture in lectures:
        report, found, jobs_of_lecture = _plan(lecture, media_dir, quality, settings, extra, force)
        reports.append(report)
        records.update(found)
        plan += jobs_of_lecture
    labels = [_label(lecture, entry) for lecture in lectures for entry in lecture.entries]
    board = progress.Board(labels, write, live, fps=frame_rate(quality, settings))
    log = progress.RenderLog(media_dir / "lecture" / quality / "render.log", (
        f"nnlecture render (pid {os.getpid()}) at {time.strftime('%Y-%m-%d %H:%M:%S')}: "
        f"quality {quality}, {len(labels)} scenes, {jobs} jobs; {' '.join(sys.argv)}"))
    owner = {_label(lecture, entry): report for lecture, report in zip(lectures, reports)
             for entry in lecture.entries}
    for lecture, report in zip(lectures, reports):
        for entry in lecture.entries:
            label = _label(lecture, entry)
            if entry.slug in report.cached:
                duration = records[label].duration
                board.known(label, f"cached     {duration:6.1f} s of video", duration)
                log.scene(label, f"cached, {duration:.1f} s of video")
            elif entry.slug in report.damaged:
                damage = f"cache damaged ({report.damaged[entry.slug]}); rendering again"
                board.known(label, damage)
                log.scene(label, damage)
    # Longest first (by an earlier render's length) so that no long scene starts last.
    plan.sort(key=lambda job: -(job.estimate or float("inf")))
    run, copies = _unique(plan)
    session = None
    if cluster and any(job.render for job in run):
        from scripts.render import cluster as dask_cluster

        session = dask_cluster.connect(cluster)
        write(f"Dask cluster {cluster}" + (f", dashboard {session.dashboard}"
                                           if session.dashboard else "") + "\n")
    try:
        if any(job.render for job in run):
            prepare()
        board.start()
        jobs_by_label = {job.label: job for job in plan}

        def on_event(event: Event) -> None:
            job, report = jobs_by_label[event.slug], owner[event.slug]
            slug = job.entry.slug
            where = f" on {event.worker}" if event.worker else ""
            if event.kind == "started":
                board.set(event.slug, ("rendering" if job.render
                                       else f"encoding {', '.join(job.formats)}") + where,
                          estimate=job.estimate)
            elif event.kind == "progress":
                board.progress(event.slug, event.seconds)
            elif event.kind == "done":
                records[event.slug] = event.record
                (report.rendered if job.render else report.encoded)[slug] = event.seconds
                report.peak_mb[slug] = event.peak_mb
                report.cpu_seconds[slug] = event.cpu_seconds
                duration = event.record.duration
                board.set(event.slug, f"done       {duration:6.1f} s of video "
                                      f"in {event.seconds:.1f} s{where}",
                          estimate=duration, done=True)
                log.scene(event.slug, f"done in {event.seconds:.1f} s{where}, "
                                      f"{event.cpu_seconds:.1f} CPU s, peak {event.peak_mb:.0f} "
                                      f"MB; {duration:.1f} s of video", event.output)
                for copy in copies.get(event.slug, []):
                    records[copy.label] = _share(event.record, job, copy)
                    owner[copy.label].shared.append(copy.entry.slug)
                    board.set(copy.label, f"shared     {duration:6.1f} s of video "
                                          f"with {event.slug}", estimate=duration, done=True)
                    log.scene(copy.label, f"shared with {event.slug}")
            else:
                for failed in [job, *copies.get(event.slug, [])]:
                    owner[failed.label].failed[failed.entry.slug] = event.message
                    board.set(failed.label, "failed", done=True)
                log.scene(event.slug, f"failed: {event.message}", event.output)

        started = time.perf_counter()
        remote = [job for job in run if session is not None and job.render]
        local = [job for job in run if job not in remote]
        if remote:
            dask_cluster.run_jobs(session, remote, on_event)
        if local:
            run_jobs(local, max(1, min(jobs, len(local))), on_event)
    finally:
        board.stop()
        log.close()
        if session is not None:
            session.close()
    for report in reports:
        report.render_seconds = time.perf_counter() - started
    failed = [report for report in reports if report.failed]
    if failed:
        kept = sum(label in records for label in labels)
        folders = ", ".join(str(report.out_dir) for report in failed)
        raise LectureFailed("\n".join([*(message for report in failed
                                          for message in report.failed.values()),
                                       f"{kept} other scene(s) finished and are cached; "
                                       f"the previous lecture in {folders} is unchanged; "
                                       f"the render's log: {log.path}"]),
                            failed[0])
    for lecture, report in zip(lectures, reports):
        scenes = [(entry, records[_label(lecture, entry)]) for entry in lecture.entries]
        started = time.perf_counter()
        report.lecture = assemble(lecture.title, scenes, _cache_dir(media_dir, quality, lecture),
                                  report.out_dir,
                                  extra + tuple(kind for kind in ASSEMBLED if kind in formats),
                                  config_path=lecture.config_path)
        report.assemble_seconds = time.perf_counter() - started
        report.missing_takes = {entry.slug: record.missing_takes for entry, record in scenes
                                if record.missing_takes}
    return reports


def _plan(lecture: LectureSpec, media_dir: Path, quality: str, settings: dict,
          extra: tuple[str, ...], force: bool) -> tuple[Report, dict, list[Job]]:
    """One lecture's report, its scenes that are cached (records by label) and its jobs."""
    cache_dir = _cache_dir(media_dir, quality, lecture)
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = Report(quality, media_dir / "lecture" / quality / lecture.name)
    records, plan = {}, []
    speaker = VoiceKey(lecture.voice)
    config_path = lecture.config_path
    for entry in lecture.entries:
        key = scene_key(entry, quality=quality, settings=settings, config_path=config_path,
                        voice=speaker.description)
        record = load_record(cache_dir, entry.slug)
        usable = (not force and record is not None and record.key == key
                  and speaker.unchanged(record))
        damage = record.damage(cache_dir) if usable else None
        if damage is not None:
            report.damaged[entry.slug] = damage
        fresh = usable and damage is None
        missing = tuple(kind for kind in extra if not fresh or kind not in record.files)
        if fresh and not missing:
            records[_label(lecture, entry)] = record
            report.cached.append(entry.slug)
            continue
        plan.append(Job(entry, key, render=not fresh, formats=missing, quality=quality,
                        media_dir=media_dir, cache_dir=cache_dir, settings=settings,
                        config_path=str(config_path.resolve()) if config_path else None,
                        estimate=_estimate(media_dir, entry.slug, record), voice=lecture.voice,
                        lecture=lecture.name))
    if any(job.render for job in plan):
        context = _lecture_context(config_path)
        plan = [replace(job, context=context) for job in plan]
    return report, records, plan


def _lecture_context(config_path: Path | None):
    """The scenes' context of one lecture (config and numbers), built here once for all its
    scenes; each scene process receives it whole and builds nothing."""
    from nnmath.config import load_config
    from scenes.base import LectureContext

    return LectureContext.build(load_config(str(config_path) if config_path else None))


def _cache_dir(media_dir: Path, quality: str, lecture: LectureSpec) -> Path:
    return media_dir / ".manim" / "lecture" / quality / lecture.name


def _label(lecture: LectureSpec, entry: SceneEntry) -> str:
    return label(lecture.name, entry.slug)


def _unique(plan: list[Job]) -> tuple[list[Job], dict[str, list[Job]]]:
    """The jobs to run (one per key among renders) and, by label, the renders that reuse each."""
    run, first, copies = [], {}, {}
    for job in plan:
        if job.render and job.key in first:
            copies.setdefault(first[job.key].label, []).append(job)
            continue
        if job.render:
            first[job.key] = job
        run.append(job)
    return run, copies


def _share(record: Record, source: Job, target: Job) -> Record:
    """Give ``target`` (same key) the files ``source`` rendered, named by its own slug: hard
    links where possible, its record written last."""
    slug = target.entry.slug
    record_path(target.cache_dir, slug).unlink(missing_ok=True)
    files = {}
    for kind, name in record.files.items():
        files[kind] = f"{slug}.{kind}"
        if source.cache_dir / name != target.cache_dir / files[kind]:
            place(source.cache_dir / name, target.cache_dir / files[kind])
    shared = replace(record, files=files)
    save_record(target.cache_dir, slug, shared)
    return shared


def _estimate(media_dir: Path, slug: str, record) -> float | None:
    """The scene's length from its last render at any quality: the denominator of its percent."""
    if record is not None:
        return record.duration
    for folder in sorted((media_dir / ".manim" / "lecture").iterdir()):
        other = load_record(folder, slug)
        if other is not None:
            return other.duration
    return None
