"""One scene inside its worker process: render it, then make its cached files.

The cached files of a scene are a faststart MP4, its captions (``.srt`` and ``.vtt``), a poster
PNG and, when asked, a WebM and a GIF; its record (``cache.Record``) is written last. A job whose
clip is already cached but lacks a format only encodes that format.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from scenes.registry import SceneEntry
from scripts.lecture import captions, media
from scripts.lecture.cache import Record, load_record, record_path, save_record
from scripts.lecture.files import write_text, writing
from scripts.rendering import render_scene

ENCODERS = {"webm": media.encode_webm, "gif": media.encode_gif}


@dataclass(frozen=True)
class Job:
    entry: SceneEntry
    key: str
    render: bool                # False: the clip is cached, only ``formats`` are missing
    formats: tuple[str, ...]    # extra formats to encode from the clip: webm, gif
    quality: str
    media_dir: Path
    cache_dir: Path
    settings: dict              # Manim config that shapes the pixels (part of the key)
    config_path: str | None     # the lecture.toml, for $NNLECTURE_CONFIG in the worker
    estimate: float | None      # the scene's length from an earlier render, for a percentage


def scene_dirs(media_dir: Path, slug: str) -> dict[str, str]:
    """One LaTeX and one Text folder per scene. Manim's LaTeX clean-up deletes the other files in
    its folder, and two workers writing the same Text SVG would read each other's half-written
    file; per scene, the folders also stay warm across runs."""
    work = media_dir / ".manim"
    return {"tex_dir": str(work / "tex" / slug), "text_dir": str(work / "texts" / slug)}


def run(job: Job, report: Callable[[float], None]) -> Record:
    """Do ``job``; ``report`` receives the scene time reached (seconds) while rendering."""
    slug = job.entry.slug
    record = None if job.render else load_record(job.cache_dir, slug)
    if record is None or record.key != job.key:   # planned as cached, but changed since
        record = _render(job, report)
    clip = job.cache_dir / record.files["mp4"]
    for kind in job.formats:
        target = job.cache_dir / f"{slug}.{kind}"
        ENCODERS[kind](clip, target)
        record.files[kind] = target.name
    save_record(job.cache_dir, slug, record)
    return record


def _render(job: Job, report: Callable[[float], None]) -> Record:
    slug, cache_dir = job.entry.slug, job.cache_dir
    record_path(cache_dir, slug).unlink(missing_ok=True)
    poster = PosterPicker()

    def on_play(scene) -> None:
        report(scene.time)
        poster.consider(scene.camera.pixel_array)

    partial_movies = job.media_dir / ".manim" / "partial" / f"lecture-{job.quality}" / slug
    overrides = {**job.settings, **scene_dirs(job.media_dir, slug),
                 "partial_movie_dir": str(partial_movies)}
    try:
        rendered = render_scene(job.entry, job.media_dir, quality=job.quality,
                                overrides=overrides, progress=False, out_dir=cache_dir / "raw",
                                on_play=on_play)
    finally:  # Manim's segments: joined into the clip by now, or useless (caching is off)
        shutil.rmtree(partial_movies, ignore_errors=True)
    files = {"mp4": f"{slug}.mp4", "png": f"{slug}.png"}
    media.remux(rendered.video, cache_dir / files["mp4"])
    rendered.video.unlink()
    length = float(media.duration(cache_dir / files["mp4"]))
    if rendered.captions is not None:
        cues = captions.fit(captions.read_srt(rendered.captions), length)
        for kind, text in (("srt", captions.to_srt(cues)), ("vtt", captions.to_vtt(cues))):
            files[kind] = f"{slug}.{kind}"
            write_text(cache_dir / files[kind], text)
        rendered.captions.unlink()
    poster.save(cache_dir / files["png"])
    return Record(key=job.key, duration=length, files=files)


class PosterPicker:
    """Keeps the fullest frame seen at the end of an animation or wait, for the poster.

    "Fullest" is the share of pixels that differ from the background (the corner colour): a
    step's end shows its drawing complete, and the fullest step represents the scene better
    than the first frame (empty) or the last (often faded out).
    """

    def __init__(self) -> None:
        self.best: np.ndarray | None = None
        self.score = -1.0

    def consider(self, rgba: np.ndarray) -> None:
        sample = rgba[::4, ::4, :3].astype(np.int16)
        score = float((np.abs(sample - sample[0, 0]).sum(axis=2) > 48).mean())
        if score > self.score:
            self.best, self.score = rgba[:, :, :3].copy(), score

    def save(self, target: Path) -> None:
        from PIL import Image

        if self.best is None:
            raise ValueError("the scene played nothing, so it has no frame for a poster")
        with writing(target) as partial:
            Image.fromarray(self.best).save(partial, format="PNG")
