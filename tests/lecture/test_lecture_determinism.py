"""Two seeded renders of the same config give byte-identical clips, whatever --jobs was, and
with the voice synthesised anew."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lecture_helpers import render

from scenes import registry

pytestmark = [pytest.mark.render, pytest.mark.voice]


def test_two_renders_of_the_title_are_byte_identical(tiny_lecture, tmp_path):
    voice = replace(tiny_lecture.voice, cache_dir=tmp_path / "voice")
    again = render(tmp_path, [registry.get("title")], jobs=1, voice=voice)
    assert list(again.report.rendered) == ["title"]
    for relative in ("clips/title.mp4", "clips/title.srt", "clips/title.vtt", "posters/title.png"):
        first = (tiny_lecture.out_dir / relative).read_bytes()
        assert (again.out_dir / relative).read_bytes() == first, relative
