"""Captions, chapter tracks and the transcript, as text.

A scene's narration arrives as Manim's ``.srt`` (its subcaptions). On the lecture's timeline each
cue moves by its clip's start, which is the sum of the *measured* lengths of the clips before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import srt


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str


def read_srt(path: Path) -> list[Cue]:
    return [Cue(sub.start.total_seconds(), sub.end.total_seconds(), sub.content)
            for sub in srt.parse(path.read_text(encoding="utf-8"))]


def fit(cues: list[Cue], length: float) -> list[Cue]:
    """Cues in time order, each ending by the next one's start and by the clip's end.

    Manim starts a caption at the frame-exact scene time but ends it after the nominal duration,
    so at low frame rates one cue can overlap the next by a frame; players would show both.
    """
    ordered = sorted(cues, key=lambda cue: cue.start)
    ends = [cue.start for cue in ordered[1:]] + [length]
    kept = [Cue(max(0.0, cue.start), min(cue.end, end, length), cue.text)
            for cue, end in zip(ordered, ends)]
    return [cue for cue in kept if cue.end > cue.start]


def shift(cues: list[Cue], offset: float) -> list[Cue]:
    return [Cue(cue.start + offset, cue.end + offset, cue.text) for cue in cues]


def to_srt(cues: list[Cue]) -> str:
    return srt.compose([srt.Subtitle(index, timedelta(seconds=_ms(cue.start)),
                                     timedelta(seconds=_ms(cue.end)), cue.text)
                        for index, cue in enumerate(cues, start=1)], reindex=False)


def to_vtt(cues: list[Cue]) -> str:
    """WebVTT, what an HTML ``<track>`` reads (browsers do not read SRT)."""
    blocks = ["WEBVTT"]
    for index, cue in enumerate(cues, start=1):
        text = cue.text.replace("-->", "->")   # the one sequence a cue's text may not hold
        blocks.append(f"{index}\n{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def chapters_vtt(chapters: list[tuple[str, float, float]]) -> str:
    """A WebVTT chapters track (``<track kind="chapters">``): one cue per (title, start, end)."""
    return to_vtt([Cue(start, end, title) for title, start, end in chapters])


def transcript(title: str, chapters: list[tuple[str, float, list[Cue]]]) -> str:
    """The narration as Markdown, one section per chapter with its start time."""
    lines = [f"# {title}", "", "Transcript of the narration, by chapter.", ""]
    for number, (chapter, start, cues) in enumerate(chapters, start=1):
        lines += [f"## {number}. {chapter} ({clock(start)})", ""]
        lines += [" ".join(cue.text.split()) for cue in cues] or ["(no narration)"]
        lines.append("")
    return "\n".join(lines)


def clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) for people."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _ms(seconds: float) -> float:
    return round(seconds, 3)


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"
