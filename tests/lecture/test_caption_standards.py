"""Captions to subtitle standards: a narration line becomes cues of at most two lines of 42
characters, broken where a clause ends when one is near (how cues are timed from the words:
tests/test_captions_words.py)."""

from __future__ import annotations

import pytest

from scripts.media.captions import LINE_CHARS, split_line, wrap

LINES = [
    "Welcome. This lecture builds a neural network from a single neuron up to a trained classifier.",
    "Layers of neurons, joined by weights set by training on data. Blue weights are positive, "
    "orange negative; thicker means stronger.",
    "A short line.",
    "Supercalifragilisticexpialidocious-and-then-some-more-characters-than-fit-on-a-line is long.",
]


@pytest.mark.parametrize("line", LINES)
def test_every_cue_fits_two_lines_and_keeps_every_word_in_order(line):
    chunks = split_line(line)
    assert " ".join(chunks).split() == line.split()
    for chunk in chunks:
        lines = wrap(chunk) or [chunk]      # a single word longer than a line stands alone
        assert len(lines) <= 2
        assert all(len(text) <= LINE_CHARS for text in lines) or len(chunk.split()) == 1


def test_a_clause_end_is_preferred_to_filling_the_cue():
    chunks = split_line(LINES[1])
    assert chunks[0].endswith("on data.") and chunks[1].startswith("Blue")
