"""Captions, chapter tracks and the transcript, as text.

A scene's narration arrives as its lines with each caption word's time (``line_cues``): cues are
cut at phrase boundaries and timed from the words they hold, and WebVTT carries each word's start
as an inline timestamp so that a player can highlight the word being spoken. On the lecture's
timeline each cue moves by its clip's start, the sum of the *measured* lengths of the clips
before it.
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
    words: tuple = ()  # (word, start) of each word of ``text`` when its words are timed


def read_srt(path: Path) -> list[Cue]:
    return [Cue(sub.start.total_seconds(), sub.end.total_seconds(), sub.content)
            for sub in srt.parse(path.read_text(encoding="utf-8"))]


def shift(cues: list[Cue], offset: float) -> list[Cue]:
    return [Cue(cue.start + offset, cue.end + offset, cue.text,
                tuple((word, start + offset) for word, start in cue.words)) for cue in cues]


def to_srt(cues: list[Cue]) -> str:
    return srt.compose([srt.Subtitle(index, timedelta(seconds=_ms(cue.start)),
                                     timedelta(seconds=_ms(cue.end)), cue.text)
                        for index, cue in enumerate(cues, start=1)], reindex=False)


def to_vtt(cues: list[Cue]) -> str:
    """WebVTT, what an HTML ``<track>`` reads (browsers do not read SRT); a cue whose words are
    timed carries each word's start, after the first, as an inline timestamp."""
    blocks = ["WEBVTT"]
    for index, cue in enumerate(cues, start=1):
        text = _timed_text(cue).replace("-->", "->")   # the one sequence a cue may not hold
        blocks.append(f"{index}\n{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def _timed_text(cue: Cue) -> str:
    """The cue's text with ``<hh:mm:ss.mmm>`` before each word after the first, kept strictly
    inside the cue and never decreasing (a player highlights from each stamp on)."""
    if not cue.words:
        return _escape(cue.text)
    lines, index, last = [], 0, cue.start
    for line in cue.text.split("\n"):
        parts = []
        for word in line.split():
            stamp = ""
            if index > 0:
                last = min(max(cue.words[index][1], last, cue.start + 0.001), cue.end - 0.001)
                stamp = f"<{_vtt_time(last)}>"
            parts.append(stamp + _escape(word))
            index += 1
        lines.append(" ".join(parts))
    return "\n".join(lines)


def _escape(text: str) -> str:
    """A cue's text as WebVTT cue text: ``&`` and ``<`` would start markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def chapters_vtt(chapters: list[tuple[str, float, float]]) -> str:
    """A WebVTT chapters track (``<track kind="chapters">``): one cue per (title, start, end)."""
    return to_vtt([Cue(start, end, title) for title, start, end in chapters])


def line_cues(lines: list, length: float) -> list[Cue]:
    """A clip's cues from its narration lines, each ``[start, end, caption, spoken, words]``
    (``words``: [word, start, end] per caption word, clip seconds): every line is cut at phrase
    boundaries into cues that fit two lines of 42 characters, each starting when its first word
    is said; a cue ends when the next starts (a line's last, a breath after its speech, before
    the next line), lengthened where the words allow until it is read at MAX_CPS at most."""
    cues = []
    starts = [line[0] for line in lines[1:]] + [length]
    for line, following in zip(lines, starts):
        start, end, caption = line[0], line[1], line[2]
        words = [tuple(word) for word in line[4]]
        cues += _cues_of_line(caption, words, start, end, min(following, length))
    return cues


def _cues_of_line(caption: str, words: list[tuple], start: float, end: float,
                  limit: float) -> list[Cue]:
    """One line's cues: each from its first word's start, the last until a breath after the
    speech; then moved the least that lets each be read at MAX_CPS before ``limit``."""
    parts = split_line(caption)
    counts = [len(part.split()) for part in parts]
    firsts = [sum(counts[:k]) for k in range(len(parts))]
    bounds = [max(start, words[first][1]) for first in firsts] + [end + BREATH_S]
    needs = [len(part) / MAX_CPS for part in parts]
    for k in range(1, len(bounds)):            # later, where a cue is too short to read...
        bounds[k] = min(max(bounds[k], bounds[k - 1] + needs[k - 1]), limit)
    for k in range(len(parts) - 1, -1, -1):    # ...earlier, where that ran into the limit
        bounds[k] = max(min(bounds[k], bounds[k + 1] - needs[k]), start)
    cues = []
    for k, part in enumerate(parts):
        timed = tuple((word, stamp) for word, stamp, _ in words[firsts[k]:firsts[k] + counts[k]])
        cues.append(Cue(bounds[k], bounds[k + 1], "\n".join(wrap(part) or [part]), timed))
    return [cue for cue in cues if cue.end > cue.start]


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
BREATH_S = 0.4           # a line's last cue stays this long after its speech, room allowing
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
