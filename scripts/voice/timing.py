"""Word timings of a take: one (word, start, end) per whitespace-separated word of the spoken
text, in seconds from the start of the take's audio. Shared here: times in proportion to
characters (every engine's fallback), the shift that trimming a take applies to them, and the
check that they are well-formed."""

from __future__ import annotations

Words = list[tuple[str, float, float]]


def proportional(words: list[str], start: float, end: float) -> Words:
    """``words`` spread over [start, end] in proportion to their characters (each at least one)."""
    weights = [max(1, len(word)) for word in words]
    total = sum(weights) or 1
    out, at = [], start
    for word, weight in zip(words, weights):
        length = (end - start) * weight / total
        out.append((word, at, at + length))
        at += length
    return out


def shifted(words: Words, offset: float, duration: float) -> Words:
    """Times moved by ``offset`` seconds and kept monotonic inside [0, duration]."""
    out, floor = [], 0.0
    for word, start, end in words:
        start = min(max(round(start + offset, 4), floor), duration)
        end = min(max(round(end + offset, 4), start), duration)
        out.append((word, start, end))
        floor = end
    return out


def problems(words: Words | None, text: str, duration: float) -> list[str]:
    """What is wrong with a take's timings (empty when they are well-formed): one entry per
    spoken word, in order, monotonic, inside [0, duration]."""
    if words is None:
        return ["no word timings"]
    spoken = text.split()
    found = []
    if [word for word, _, _ in words] != spoken:
        found.append(f"{len(words)} timed words for {len(spoken)} spoken words")
    previous = 0.0
    for word, start, end in words:
        if not (0.0 <= start <= end <= duration + 1e-9):
            found.append(f"{word!r} at {start:.3f}-{end:.3f} s is outside the take "
                         f"({duration:.3f} s) or ends before it starts")
        if start < previous - 1e-9:
            found.append(f"{word!r} starts at {start:.3f} s, before the previous word ends")
        previous = end
    return found
