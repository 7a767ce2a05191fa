"""Render the lecture: plan from the cache, render what changed in workers, assemble the folder.

Output goes to ``MEDIA/lecture/QUALITY/``; the cache (finished clips and their records) lives in
``MEDIA/.manim/lecture/QUALITY/`` and is what makes a re-run with nothing changed only assemble.
A failed scene or Ctrl-C leaves the previous lecture folder as it was, and keeps every scene that
finished in the cache.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scenes.registry import SceneEntry
from scripts.lecture import progress
from scripts.lecture.assemble import Lecture, assemble
from scripts.lecture.cache import load_record, scene_key
from scripts.lecture.clip import Job, takes_digest
from scripts.lecture.workers import Event, run_jobs
from scripts.rendering import quality_settings

FORMATS = ("mp4", "webm", "gif")   # mp4 clips are always made: the lecture is joined from them
# Every lecture render: the scene cache replaces Manim's per-animation one, which would also
# time cached animations by their nominal length and so make captions depend on the cache.
LECTURE_SETTINGS = {"disable_caching": True}
# x264 settings by quality (see README, "Render speed"): a draft trades file size for speed; the
# other qualities keep Manim's (preset medium, crf 23) or what manim.cfg's [video_encoder.options] say.
ENCODER_SETTINGS = {"draft": {"video_encoder_options": {"preset": "ultrafast"}}}


class LectureFailed(Exception):
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
    failed: dict[str, str] = field(default_factory=dict)       # slug -> one-line message
    peak_mb: dict[str, float] = field(default_factory=dict)    # slug -> worker's peak memory
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # slug -> worker's CPU time
    missing_takes: dict[str, list] = field(default_factory=dict)  # slug -> lines with no take
    render_seconds: float = 0.0
    assemble_seconds: float = 0.0
    lecture: Lecture | None = None


def render_lecture(title: str, entries: list[SceneEntry], *, quality: str, jobs: int,
                   media_dir: Path, formats: tuple[str, ...] = (), force: bool = False,
                   config_path: Path | None = None, overrides: dict | None = None,
                   write: Callable[[str], None] = lambda text: None,
                   live: bool = False, prepare: Callable[[], None] = lambda: None,
                   voice=None) -> Report:
    """Render ``entries`` (in lecture order) and assemble them as the lecture ``title``.

    ``overrides`` are extra Manim config values (tests render at 160x90, 5 fps); ``write`` and
    ``live`` show the progress board; ``prepare`` runs before the first scene renders (not when
    every scene is cached); ``voice`` (scripts.voice.VoiceSettings, None for silence) speaks
    the narration. Raises LectureFailed if a scene fails.
    """
    media_dir = Path(media_dir)
    cache_dir = media_dir / ".manim" / "lecture" / quality
    cache_dir.mkdir(parents=True, exist_ok=True)
    extra = tuple(kind for kind in FORMATS if kind in formats and kind != "mp4")
    settings = {**quality_settings(quality), **LECTURE_SETTINGS,
                **ENCODER_SETTINGS.get(quality, {}), **(overrides or {})}
    report = Report(quality, media_dir / "lecture" / quality)
    board = progress.Board([entry.slug for entry in entries], write, live)
    records, plan = {}, []
    speaker = _Takes(voice)
    for entry in entries:
        key = scene_key(entry, quality=quality, settings=settings, config_path=config_path,
                        voice=speaker.description)
        record = load_record(cache_dir, entry.slug)
        fresh = (not force and record is not None and record.key == key
                 and record.intact(cache_dir) and speaker.unchanged(record))
        missing = tuple(kind for kind in extra if not fresh or kind not in record.files)
        if fresh and not missing:
            records[entry.slug] = record
            report.cached.append(entry.slug)
            board.lines[entry.slug] = f"cached     {record.duration:6.1f} s of video"
            continue
        plan.append(Job(entry, key, render=not fresh, formats=missing, quality=quality,
                        media_dir=media_dir, cache_dir=cache_dir, settings=settings,
                        config_path=str(config_path.resolve()) if config_path else None,
                        estimate=_estimate(media_dir, entry.slug, record), voice=voice))
    if any(job.render for job in plan):
        prepare()
    board.start()

    def on_event(event: Event) -> None:
        job = next(job for job in plan if job.entry.slug == event.slug)
        if event.kind == "started":
            board.set(event.slug, "rendering" if job.render else f"encoding {', '.join(job.formats)}")
        elif event.kind == "progress":
            board.set(event.slug, progress.rendering_text(event.seconds, job.estimate),
                      progress=True)
        elif event.kind == "done":
            records[event.slug] = event.record
            (report.rendered if job.render else report.encoded)[event.slug] = event.seconds
            report.peak_mb[event.slug] = event.peak_mb
            report.cpu_seconds[event.slug] = event.cpu_seconds
            board.set(event.slug, f"done       {event.record.duration:6.1f} s of video "
                                  f"in {event.seconds:.1f} s")
        else:
            report.failed[event.slug] = event.message
            board.set(event.slug, "failed")

    started = time.perf_counter()
    # Longest first (by an earlier render's length) so that no long scene starts last.
    plan.sort(key=lambda job: -(job.estimate or float("inf")))
    if plan:
        run_jobs(plan, max(1, min(jobs, len(plan))), on_event)
    report.render_seconds = time.perf_counter() - started
    if report.failed:
        kept = len(records)
        raise LectureFailed("\n".join([*report.failed.values(),
                                       f"{kept} other scene(s) finished and are cached; "
                                       f"the previous lecture in {report.out_dir} is unchanged"]),
                            report)
    started = time.perf_counter()
    report.lecture = assemble(title, [(entry, records[entry.slug]) for entry in entries],
                              cache_dir, report.out_dir, extra)
    report.assemble_seconds = time.perf_counter() - started
    report.missing_takes = {entry.slug: records[entry.slug].missing_takes for entry in entries
                            if records[entry.slug].missing_takes}
    return report


class _Takes:
    """What the voice contributes to deciding whether a cached scene is still good: its settings
    (in every scene's key) and, per scene, the takes of the lines it said last time (a new or
    changed recording re-renders only the scenes whose lines it speaks)."""

    def __init__(self, settings) -> None:
        self.voice = None
        self.description = None
        if settings is not None and settings.engine != "none":
            from scripts.voice import make_voice

            self.voice = make_voice(settings)
            relevant = ["engine", "rate"]
            if settings.engine == "recorded":
                relevant += ["recordings", "fallback"]
            self.description = {name: str(getattr(settings, name)) for name in relevant}

    def unchanged(self, record) -> bool:
        if self.voice is None:
            return "wav" not in record.files
        keys = [self.voice.key(line[3]) for line in record.lines]
        return "wav" in record.files and takes_digest(keys) == record.takes


def _estimate(media_dir: Path, slug: str, record) -> float | None:
    """The scene's length from its last render at any quality: the denominator of its percent."""
    if record is not None:
        return record.duration
    for folder in sorted((media_dir / ".manim" / "lecture").iterdir()):
        other = load_record(folder, slug)
        if other is not None:
            return other.duration
    return None
