"""One scene inside its worker process: render it, then make its cached files.

The cached files of a scene are a faststart MP4 (with the narration as its AAC audio when there
is a voice), the voice track as a WAV (what the lecture's audio is joined from), its captions
(``.srt`` and ``.vtt``, to subtitle standards), a poster PNG and, when asked, a WebM (Opus audio)
and a GIF (silent); its record (``cache.Record``) is written last. A job whose clip is already
cached but lacks a format only encodes that format.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np

from scenes.registry import SceneEntry
from scripts.files import write_text, writing
from scripts.media import audio, captions, video
from scripts.media.steps import cut_steps, fullness
from scripts.render.cache import Record, load_record, record_path, save_record, takes_digest
from scripts.render.scene import job_folder, render_scene


@dataclass(frozen=True)
class Job:
    entry: SceneEntry
    key: str
    render: bool                # False: the clip is cached, only ``formats`` are missing
    formats: tuple[str, ...]    # extra formats to make from the clip: webm, gif, slides
    quality: str
    media_dir: Path
    cache_dir: Path
    settings: dict              # Manim config that shapes the pixels (part of the key)
    config_path: str | None     # the lecture.toml: its bytes are in the key
    estimate: float | None      # the scene's length from an earlier render, for a percentage
    voice: object = None        # scripts.voice.VoiceSettings, or None for a silent lecture
    lecture: str = ""           # the lecture's name when several render at once (progress only)
    context: object = None      # scenes.base.LectureContext without its voice: config and numbers

    @property
    def label(self) -> str:
        return label(self.lecture, self.entry.slug)


def label(lecture: str, slug: str) -> str:
    """A scene's name in progress events: its slug, prefixed by its lecture's when several
    lectures render at once."""
    return f"{lecture}/{slug}" if lecture else slug


def run(job: Job, report: Callable[[float], None]) -> Record:
    """Do ``job``; ``report`` receives the scene time reached (seconds) while rendering."""
    slug = job.entry.slug
    record = None if job.render else load_record(job.cache_dir, slug)
    if record is None or record.key != job.key:   # planned as cached, but changed since
        record = _render(job, report)
    clip = job.cache_dir / record.files["mp4"]
    for kind in job.formats:
        if kind == "slides":
            record.files.update(cut_steps(clip, record, job.cache_dir, slug))
            continue
        target = job.cache_dir / f"{slug}.{kind}"
        if kind == "webm":
            wav = record.files.get("wav")
            video.encode_webm(clip, target, audio.read_wav(job.cache_dir / wav) if wav else None)
        else:
            video.encode_gif(clip, target)
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

    speaker = Speaker(job.voice)
    with job_folder(job.media_dir, job.quality, slug, job.config_path) as folders:
        rendered = render_scene(job.entry, job.media_dir, quality=job.quality,
                                overrides={**job.settings, **folders}, progress=False,
                                out_dir=cache_dir / "raw", on_play=on_play,
                                context=replace(job.context,
                                                voice=speaker if speaker.voice else None))
    files = {"mp4": f"{slug}.mp4", "png": f"{slug}.png"}
    measured = video.duration(rendered.video)
    length = float(measured)
    track = None
    if speaker.voice is not None:
        track = voice_track(rendered, measured)
        files["wav"] = f"{slug}.wav"
        audio.write_wav(track, cache_dir / files["wav"])
    video.add_audio(rendered.video, track, cache_dir / files["mp4"])
    rendered.video.unlink()
    lines = narration_lines(rendered, speaker)
    for kind, text in caption_texts(lines, length).items():
        files[kind] = f"{slug}.{kind}"
        write_text(cache_dir / files[kind], text)
    if rendered.captions is not None:
        rendered.captions.unlink()
    poster.save(cache_dir / files["png"])
    return Record(key=job.key, duration=length, files=files, lines=lines,
                  takes=takes_digest([step.take.key for step in rendered.steps if step.take]),
                  missing_takes=speaker.missing())


def narration_lines(rendered, speaker) -> list:
    """A scene's lines as its record keeps them: [start, end of speech, caption, spoken text,
    [[caption word, start, end], ...], whether the voice timed those words] (clip seconds)."""
    return [[step.start, step.start + (step.speech or step.duration), step.text,
             step.say or speaker.spoken_form(step.text), [list(word) for word in step.words],
             step.timed] for step in rendered.steps]


def caption_texts(lines: list, length: float) -> dict[str, str]:
    """The clip's captions as SRT and word-timed WebVTT (none for a scene without narration)."""
    if not lines:
        return {}
    cues = captions.line_cues(lines, length)
    return {"srt": captions.to_srt(cues), "vtt": captions.to_vtt(cues)}


def voice_track(rendered, length) -> np.ndarray:
    """A scene's voice track: its steps' takes at their start times, ``length`` seconds long,
    levelled towards the takes' loudness."""
    return audio.level(audio.voice_track([(step.start, step.take.wav) for step in rendered.steps
                                          if step.take is not None], length))


def add_voice(rendered) -> None:
    """Give a previewed scene's video (rendered with a voice) its voice track, in place."""
    video.add_audio(rendered.video, voice_track(rendered, video.duration(rendered.video)),
                    rendered.video)


class Speaker:
    """The voice of one scene's render: speaks caption lines through the pronunciation table
    and measures how long a caption part takes to say (for timing its cue)."""

    def __init__(self, settings) -> None:
        from scripts.voice import make_voice, spoken_form

        self.spoken_form = spoken_form
        self.voice = make_voice(settings) if settings is not None else None
        if self.voice is not None and self.voice.engine == "none":
            self.voice = None

    def speak(self, line: str, spoken: str | None):
        return self.voice.speak(spoken or self.spoken_form(line))

    def timed_words(self, line: str, spoken: str | None, take) -> list:
        """Each caption word of ``line`` with its (start, end) in ``take``: from the take's word
        timings, or spread over its length by characters when it has none."""
        from scenes.base import proportional_words
        from scripts.voice.caption_words import caption_word_times

        said = spoken or self.spoken_form(line)
        return (caption_word_times(line, said, take.words, self.spoken_form)
                or list(proportional_words(line, take.duration)))

    def missing(self) -> list[str]:
        """Lines that had no recorded take (only a recorded voice has any)."""
        return list(self.voice.missing) if self.voice is not None else []


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
        score = fullness(rgba[::4, ::4])
        if score > self.score:
            self.best, self.score = rgba[:, :, :3].copy(), score

    def save(self, target: Path) -> None:
        from PIL import Image

        if self.best is None:
            raise ValueError("the scene played nothing, so it has no frame for a poster")
        with writing(target) as partial:
            Image.fromarray(self.best).save(partial, format="PNG")
