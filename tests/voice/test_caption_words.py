"""Caption words timed from the take's spoken words (scripts/voice/caption_words.py)."""

from __future__ import annotations

import pytest

from scripts.voice.caption_words import caption_word_times
from scripts.voice.spoken import spoken_form

LINES = [
    "The neuron computes z = 7.00·2.14 − 4.17·0.30 − 8.91 = 4.82, then σ(z) = 0.99.",
    "A 2-4-1 network has 17 parameters: W⁽¹⁾ holds 8 of them.",
    "ReLU keeps positive inputs — and tanh squashes them into (−1, 1).",
    "After 5,000 epochs, 39 of 40 test points are right: 97.5 %.",
]


def fake_take(spoken: str):
    """One spoken word every 0.3 s, each 0.25 s long."""
    return [(word, k * 0.3, k * 0.3 + 0.25) for k, word in enumerate(spoken.split())]


@pytest.mark.parametrize("line", LINES)
def test_every_caption_word_is_timed_in_order_inside_the_take(line):
    spoken = spoken_form(line)
    words = fake_take(spoken)
    timed = caption_word_times(line, spoken, words, spoken_form)
    assert [word for word, _, _ in timed] == line.split()
    starts = [start for _, start, _ in timed]
    assert starts == sorted(starts)
    assert all(0 <= start <= end <= words[-1][2] for _, start, end in timed)
    assert timed[0][1] == 0.0 and timed[-1][2] == words[-1][2]


def test_a_number_spans_the_words_it_is_said_as():
    line = "so z = 4.82 here"
    spoken = spoken_form(line)   # "So z is four point eight two here"
    words = fake_take(spoken)
    timed = caption_word_times(line, spoken, words, spoken_form)
    number = timed[3]
    assert number[0] == "4.82"
    assert (number[1], number[2]) == (words[3][1], words[6][2])   # "four" .. "two"
    assert timed[4][1] == words[7][1]                            # "here"


def test_without_word_timings_or_with_another_spoken_text_there_are_no_exact_times():
    line = "Short words and a considerably longer one"
    assert caption_word_times(line, spoken_form(line), None, spoken_form) is None
    other = "Something else entirely"
    assert caption_word_times(line, other, fake_take(other), spoken_form) is None
