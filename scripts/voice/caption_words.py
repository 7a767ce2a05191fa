"""Caption words timed from a take's spoken words.

A caption shows ``σ(z) = 0.99``; its take says "sigma of z is zero point nine nine", and the take's
word timings are per spoken word. Each caption word is timed by the spoken words it becomes: the
spoken form of the caption up to a word says how many spoken words come before it.
"""

from __future__ import annotations

from typing import Callable

Timed = list[tuple[str, float, float]]


def caption_word_times(caption: str, spoken: str, take_words: Timed | None,
                       spoken_form: Callable[[str], str]) -> Timed | None:
    """Each word of ``caption`` with its (start, end) in the take; None when the take has no
    word timings or says something else than the caption's spoken form (the caller then
    spreads the words over the speech)."""
    words = caption.split()
    said = spoken.split()
    if not words or not take_words or len(take_words) != len(said) \
            or spoken != spoken_form(caption):
        return None
    firsts = _first_spoken_word(words, len(said), spoken_form)
    timed = []
    for index, word in enumerate(words):
        first, after = firsts[index], firsts[index + 1]
        if after > first:
            timed.append((word, take_words[first][1], take_words[after - 1][2]))
        else:   # a caption word nothing is said for (a dash): a moment at the next word
            moment = take_words[first][1] if first < len(take_words) else take_words[-1][2]
            timed.append((word, moment, moment))
    return timed


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
