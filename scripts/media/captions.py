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


# ---- subtitle standards -----------------------------------------------------------------------
LINE_CHARS = 42          # characters per caption line
CUE_LINES = 2            # lines per cue
MAX_CPS = 20             # characters per second a viewer can read
PHRASE_ENDS = (",", ";", ":", ".", "!", "?", "—")
PHRASE_STARTS = ("and", "but", "or", "so", "then", "which", "where", "while", "because", "that",
                 "with", "without", "to", "from", "of", "in", "on", "for", "as", "by")


def wrap(text: str) -> list[str] | None:
    """``text`` on at most CUE_LINES lines of at most LINE_CHARS, broken at the phrase boundary
    that balances the lines best; None if it does not fit."""
    words = text.split()
    if len(text) <= LINE_CHARS:
        return [text]
    best = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if len(first) > LINE_CHARS or len(second) > LINE_CHARS:
            continue
        score = abs(len(first) - len(second)) - (12 if _boundary(words, cut) else 0)
        if best is None or score < best[0]:
            best = (score, [first, second])
    return best[1] if best else None


def split_line(text: str) -> list[str]:
    """A narration line as successive cue texts, each fitting ``wrap``, broken preferably where
    a sentence or clause ends (punctuation), else where a phrase starts (a conjunction or
    preposition), in the second half of what would fit."""
    words = text.split()
    chunks: list[str] = []
    while words:
        fits = [n for n in range(1, len(words) + 1) if wrap(" ".join(words[:n])) is not None]
        longest = max(fits) if fits else 1
        if longest < len(words):
            cuts = range(longest, 0, -1)
            ends = [n for n in cuts if words[n - 1].endswith(PHRASE_ENDS) and n >= 0.5 * longest]
            starts = [n for n in cuts if _boundary(words, n) and n >= 0.5 * longest]
            longest = (ends or starts or [longest])[0]
        chunks.append(" ".join(words[:longest]))
        words = words[longest:]
    return chunks


def _boundary(words: list[str], cut: int) -> bool:
    """True if a phrase boundary lies between words[cut - 1] and words[cut]."""
    return words[cut - 1].endswith(PHRASE_ENDS) or words[cut].lower() in PHRASE_STARTS


def standard_cues(cue: Cue, spoken_length) -> list[Cue]:
    """``cue`` (one narration line, spanning its speech) as successive cues to subtitle
    standards, each shown while its words are spoken: the span is shared in proportion to each
    part's spoken length (``spoken_length(text)``, e.g. its spoken form's characters)."""
    parts = split_line(cue.text)
    weights = [max(1, spoken_length(part)) for part in parts]
    total, start, cues = sum(weights), cue.start, []
    for part, weight in zip(parts, weights):
        end = start + (cue.end - cue.start) * weight / total
        cues.append(Cue(start, end, "\n".join(wrap(part) or [part])))
        start = end
    return cues
