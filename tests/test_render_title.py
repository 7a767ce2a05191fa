"""The whole chain on one real scene: Manim, LaTeX, cairo, H.264, captions, at 160x90 and 5 fps."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import registry
from scripts.render.scene import render_scene

pytestmark = pytest.mark.render


def test_title_renders_a_playable_video_with_captions(tmp_path, tiny_render, video_facts):
    result = render_scene(registry.get("title"), tmp_path, overrides=tiny_render, progress=False)
    assert result.video == tmp_path / "preview" / "l" / "title.mp4"
    facts = video_facts(result.video)
    assert (facts["width"], facts["height"]) == (160, 90)
    assert facts["fps"] == 5
    assert abs(facts["duration"] - result.duration) <= 1 / 5 + 1e-6
    assert result.duration > 5
    first, last = facts["frames"][0], facts["frames"][-1]
    assert np.abs(first.astype(int) - last.astype(int)).mean() > 1
    assert result.captions is not None and "Welcome" in result.captions.read_text()
    assert not list(result.video.parent.glob(".*partial*"))
    # Manim's per-animation cache is off (it would hash every play call and time cached
    # animations by their nominal length): its partial movies are named "uncached"
    partials = list((tmp_path / ".manim" / "partial").rglob("*.mp4"))
    assert partials and all(path.name.startswith("uncached_") for path in partials)


def test_frame_only_writes_the_last_frame_as_png(tmp_path, tiny_render):
    result = render_scene(registry.get("title"), tmp_path, frame_only=True, overrides=tiny_render,
                          progress=False)
    assert result.video is None
    assert result.frame.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
