"""Captions to subtitle standards: a narration line becomes cues of at most two lines of 42
characters, broken where a clause ends when one is near, each timed by its share of the speech."""

from __future__ import annotations

import pytest

from scripts.media.captions import LINE_CHARS, Cue, split_line, standard_cues, wrap

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


def test_cues_share_the_speech_in_proportion_and_tile_it():
    cues = standard_cues(Cue(2.0, 12.0, LINES[1]), len)
    assert cues[0].start == 2.0 and cues[-1].end == pytest.approx(12.0)
    assert all(a.end == pytest.approx(b.start) for a, b in zip(cues, cues[1:]))
    shares = [(cue.end - cue.start) / len(cue.text.replace("\n", " ")) for cue in cues]
    assert max(shares) == pytest.approx(min(shares), rel=1e-9)
