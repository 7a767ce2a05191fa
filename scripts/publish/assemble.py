"""Assemble the lecture folder from the cached clips, then publish it in one step.

Everything is first written to a staging folder beside the lecture folder (clips and posters are
hard links to the cache, so this copies no video bytes; only ``lecture.mp4`` is written anew, by
stream copy). Then the files are renamed into place with Ctrl-C held back, so an interruption
leaves either the previous lecture or the new one, and files of scenes no longer in the lecture
are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from scenes.registry import SceneEntry
import numpy as np

from scripts.media import audio, captions, video
from scripts.render.cache import Record
from scripts.files import place, write_text
from scripts.interrupts import holding_ctrl_c
from scripts.publish.course import publish_page
from scripts.publish.page import ClipInfo
from scripts.publish.slides import assemble_slides

TOP_LEVEL = ("lecture.mp4", "lecture.srt", "lecture.vtt", "chapters.vtt", "transcript.md",
             "index.html")
PRESENTING = ("slides.html", "lecture.pptx", "handout.pdf")   # with --formats ...,slides
ASSEMBLED = ("course",)   # formats of the lecture folder, made here from the clips (course.py)
FOLDERS = ("clips", "posters", "slides", "assets", "course")


@dataclass(frozen=True)
class Lecture:
    index: Path
    video: Path
    duration: float
    chapters: list[video.Chapter]


def assemble(title: str, scenes: list[tuple[SceneEntry, Record]], cache_dir: Path,
             out_dir: Path, formats: tuple[str, ...], config_path: Path | None = None) -> Lecture:
    """The lecture folder ``out_dir`` of ``scenes``; ``config_path`` is the lecture.toml (None:
    the defaults) whose numbers the page explores and the course's quiz asks about."""
    staging = out_dir.parent / f".{out_dir.name}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    presenting, course = "slides" in formats, "course" in formats
    formats = tuple(kind for kind in formats if kind not in ("slides", "course"))   # the clips' own
    try:
        for folder in FOLDERS:
            (staging / folder).mkdir(parents=True)
        chapters = _chapters(scenes)
        _clips(scenes, cache_dir, staging, formats)
        video.join([cache_dir / record.files["mp4"] for _, record in scenes],
                   staging / "lecture.mp4", title=title, chapters=chapters,
                   voice=_voice(scenes, cache_dir))
        if presenting:
            assemble_slides(title, scenes, cache_dir, staging, _palette(config_path))
        _texts(title, scenes, chapters, staging)
        publish_page(title, scenes, chapters, _clip_infos(scenes, chapters, formats), cache_dir,
                     staging, presenting=presenting, course=course, config_path=config_path)
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Lecture(out_dir / "index.html", out_dir / "lecture.mp4",
                   float(chapters[-1].end) if chapters else 0.0, chapters)


def _chapters(scenes) -> list[video.Chapter]:
    chapters, start = [], Fraction(0)
    for entry, record in scenes:
        end = start + Fraction(record.duration)
        chapters.append(video.Chapter(entry.title, start, end))
        start = end
    return chapters


def _voice(scenes, cache_dir: Path) -> Path | None:
    """The lecture's voice: the clips' tracks end to end (each exactly as long as its video),
    encoded once as AAC and cached by what made them, so that a re-run with nothing changed
    copies it instead of encoding minutes of audio again; None for a silent lecture."""
    if not scenes or any("wav" not in record.files for _, record in scenes):
        return None
    made_of = [[entry.slug, record.key, record.takes, record.duration] for entry, record in scenes]
    digest = hashlib.sha256(json.dumps(made_of).encode()).hexdigest()[:16]
    target = cache_dir / f"lecture-voice-{digest}.m4a"
    if not target.exists():
        for stale in cache_dir.glob("lecture-voice-*.m4a"):
            stale.unlink()
        audio.write_aac(np.concatenate([audio.read_wav(cache_dir / record.files["wav"])
                                        for _, record in scenes]), target)
    return target


def _clips(scenes, cache_dir: Path, staging: Path, formats: tuple[str, ...]) -> None:
    for entry, record in scenes:
        for kind in ("mp4", "srt", "vtt", *formats):
            if kind in record.files:
                place(cache_dir / record.files[kind], staging / "clips" / f"{entry.slug}.{kind}")
        place(cache_dir / record.files["png"], staging / "posters" / f"{entry.slug}.png")


def _texts(title: str, scenes, chapters: list[video.Chapter], staging: Path) -> None:
    timeline, by_chapter = [], []
    for (entry, record), chapter in zip(scenes, chapters):
        start = float(chapter.start)
        cues = captions.line_cues(record.lines, record.duration)
        timeline += captions.shift(cues, start)
        whole = [captions.Cue(line[0], line[1], line[2]) for line in record.lines]
        by_chapter.append((entry.title, start, whole))
    spans = [(chapter.title, float(chapter.start), float(chapter.end)) for chapter in chapters]
    write_text(staging / "lecture.srt", captions.to_srt(timeline))
    write_text(staging / "lecture.vtt", captions.to_vtt(timeline))
    write_text(staging / "chapters.vtt", captions.chapters_vtt(spans))
    write_text(staging / "transcript.md", captions.transcript(title, by_chapter))


def _clip_infos(scenes, chapters: list[video.Chapter], formats: tuple[str, ...]) -> list[ClipInfo]:
    return [ClipInfo(entry.slug, entry.title, entry.summary, float(chapter.start), record.duration,
                     "vtt" in record.files, formats)
            for (entry, record), chapter in zip(scenes, chapters)]


def _publish(staging: Path, out_dir: Path) -> None:
    """Rename every staged file into ``out_dir`` and remove what the new lecture does not have."""
    new = {path.relative_to(staging) for path in staging.rglob("*") if path.is_file()}
    with holding_ctrl_c(then_raise=True):
        for relative in sorted(new):
            (out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, out_dir / relative)
        for folder in FOLDERS:   # slides/ exists only in a lecture made with its slides
            for path in (out_dir / folder).glob("*"):
                if path.is_file() and path.relative_to(out_dir) not in new:
                    path.unlink()
        for name in PRESENTING:   # slides of an earlier run would show files no longer there
            if Path(name) not in new:
                (out_dir / name).unlink(missing_ok=True)


def _palette(config_path: Path | None):
    """The palette of the lecture's theme (its config's ``lecture.theme``)."""
    from nnmath.config import load_config
    from scenes.theme import named

    return named(load_config(config_path).lecture.theme)
