"""The tiny lecture's captions as a player reads them: every .vtt (the lecture's and each clip's)
parses with a WebVTT library, carries an inline timestamp before each word after the first, each
inside its cue and in order; the narration's words come from the voice (espeak-ng's word events)."""

from __future__ import annotations

import re

import pytest
import webvtt

from scripts.media.captions import CUE_LINES, LINE_CHARS, MAX_CPS

pytestmark = pytest.mark.render

STAMP = re.compile(r"<(\d\d):(\d\d):(\d\d\.\d\d\d)>")


def seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def vtt_files(lecture):
    return [lecture.out_dir / "lecture.vtt", *sorted((lecture.out_dir / "clips").glob("*.vtt"))]


def test_every_vtt_parses_and_its_word_stamps_lie_inside_their_cues(tiny_lecture):
    files = vtt_files(tiny_lecture)
    assert len(files) == 1 + len(tiny_lecture.entries)   # the lecture's and each clip's
    stamped = 0
    for path in files:
        captions = webvtt.read(str(path)).captions
        assert captions, path.name
        for caption in captions:
            start, end = seconds(caption.start), seconds(caption.end)
            found = [int(h) * 3600 + int(m) * 60 + float(s)
                     for h, m, s in STAMP.findall(caption.raw_text)]
            words = STAMP.sub("", caption.raw_text).split()
            assert len(found) == len(words) - 1, (path.name, caption.raw_text)
            assert all(start < t < end for t in found), (path.name, caption.raw_text)
            assert found == sorted(found)
            rows = caption.text.split("\n")
            assert len(rows) <= CUE_LINES and all(len(row) <= LINE_CHARS for row in rows)
            assert len(" ".join(rows)) / (end - start) <= MAX_CPS + 1e-3, caption.raw_text
            stamped += len(found)
    assert stamped > 50


def test_the_voice_timed_the_words(tiny_lecture):
    """Espeak-ng reports where each word starts: the cached records say so line by line."""
    import json

    records = list((tiny_lecture.media_dir / ".manim" / "lecture").rglob("*.json"))
    lines = [line for path in records if "lines" in (data := json.loads(path.read_text()))
             for line in data["lines"]]
    assert lines and all(len(line) == 6 for line in lines)
    assert sum(line[5] for line in lines) / len(lines) >= 0.9
