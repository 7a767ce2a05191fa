"""Captions from the words (scripts/media/captions.py ``line_cues``): cut at phrase boundaries,
timed from the words they hold, within subtitle limits, and WebVTT's inline timestamps inside
their cues, read back with a WebVTT library."""

from __future__ import annotations

import io
import re

import pytest
import webvtt

from scripts.media import captions

LINES = [
    "Think of a neural network as a black box: data goes in, a prediction comes out.",
    "The neuron weighs its inputs, 7.00 times 2.14 and −4.17 times 0.30, adds its bias −8.91, "
    "and squashes the sum z = 4.82 through the sigmoid, which gives 0.99.",
    "Short.",
    "Gradient descent walks downhill: each step moves the weights against the slope, scaled by "
    "the learning rate, until the loss stops falling and the boundary settles where the data "
    "says it should be.",
]


def spoken_lines(rate: float):
    """The lines said one after another at ``rate`` characters a second, each word timed."""
    lines, at = [], 1.0
    for caption in LINES:
        words, t = [], at
        for word in caption.split():
            length = (len(word) + 1) / rate
            words.append([word, t, t + length * 0.9])
            t += length
        lines.append([at, t, caption, caption, words])
        at = t + 0.6
    return lines, at + 1.0


@pytest.mark.parametrize("rate", [12.0, 16.0, 19.0])
def test_cues_fit_the_standards_and_start_on_their_first_word(rate):
    lines, length = spoken_lines(rate)
    cues = captions.line_cues(lines, length)
    assert cues
    for cue in cues:
        rows = cue.text.split("\n")
        assert len(rows) <= captions.CUE_LINES and all(len(r) <= captions.LINE_CHARS for r in rows)
        assert len(cue.text.replace("\n", " ")) / (cue.end - cue.start) <= captions.MAX_CPS + 1e-6
    for before, after in zip(cues, cues[1:]):
        assert before.end <= after.start + 1e-9
    words = [w for line in lines for w in line[4]]
    said = {w[1] for w in words}
    # at a natural pace every cue appears the moment its first word is said
    if rate <= 16:
        assert all(cue.words[0][1] == cue.start and cue.start in said for cue in cues)
    assert " ".join(" ".join(c.text.split()) for c in cues) == " ".join(LINES)


def test_a_cue_spoken_too_fast_borrows_time_from_the_pause_after_it():
    lines, length = spoken_lines(30.0)           # far faster than anyone reads
    cues = captions.line_cues(lines[:1], length)
    assert all(len(c.text.replace("\n", " ")) / (c.end - c.start) <= captions.MAX_CPS + 1e-6
               for c in cues)
    assert cues[-1].end > lines[0][1]            # it stays up into the pause


def test_vtt_inline_timestamps_lie_inside_their_cues_and_parse():
    lines, length = spoken_lines(15.0)
    cues = captions.shift(captions.line_cues(lines, length), 62.0)
    text = captions.to_vtt(cues)
    parsed = webvtt.from_buffer(io.StringIO(text))
    assert len(parsed.captions) == len(cues)
    stamps = 0
    for caption, cue in zip(parsed.captions, cues):
        found = [_seconds(s) for s in re.findall(r"<(\d\d:\d\d:\d\d\.\d\d\d)>", caption.raw_text)]
        assert len(found) == len(cue.text.split()) - 1        # one before each word after the first
        assert all(_seconds(caption.start) < s < _seconds(caption.end) for s in found)
        assert found == sorted(found)
        stamps += len(found)
    assert stamps > 20 and "<00:01:0" in text
    assert "<" not in captions.to_srt(cues)                    # SRT stays plain


def _seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
