"""Caption words timed from a take's spoken words.

A caption shows ``σ(z) = 0.99``; its take says "sigma of z is zero point nine nine", and the take's
word timings are per spoken word. Each caption word is timed by the spoken words it becomes: the
spoken form of the caption up to a word says how many spoken words come before it.
"""

from __future__ import annotations

from typing import Callable

Timed = list[tuple[str, float, float]]


def caption_word_times(caption: str, spoken: str, take_words: Timed | None, duration: float,
                       spoken_form: Callable[[str], str]) -> tuple[Timed, bool]:
    """Each word of ``caption`` with its (start, end) in the take, and whether the times come
    from the take's word timings (True) or from the caption's characters over the speech."""
    words = caption.split()
    if not words:
        return [], False
    said = spoken.split()
    if not take_words or len(take_words) != len(said) or spoken != spoken_form(caption):
        span = (take_words[0][1], take_words[-1][2]) if take_words else (0.0, duration)
        return proportional(words, *span), False
    firsts = _first_spoken_word(words, len(said), spoken_form)
    timed = []
    for index, word in enumerate(words):
        first, after = firsts[index], firsts[index + 1]
        if after > first:
            timed.append((word, take_words[first][1], take_words[after - 1][2]))
        else:   # a caption word nothing is said for (a dash): a moment at the next word
            moment = take_words[first][1] if first < len(take_words) else take_words[-1][2]
            timed.append((word, moment, moment))
    return timed, True


def _first_spoken_word(words: list[str], total: int, spoken_form) -> list[int]:
    """For each caption word, the index of the first spoken word it becomes (then ``total``),
    never decreasing."""
    firsts, last = [], 0
    for index in range(len(words)):
        prefix = " ".join(words[:index])
        count = len(spoken_form(prefix).split()) if prefix else 0
        last = min(max(count, last), total)
        firsts.append(last)
    return firsts + [total]


def proportional(words: list[str], start: float, end: float) -> Timed:
    """``words`` spread over [start, end] in proportion to their characters."""
    weights = [len(word) + 1 for word in words]
    total, at, timed = sum(weights), start, []
    for word, weight in zip(words, weights):
        step = (end - start) * weight / total
        timed.append((word, at, at + step))
        at += step
    return timed
