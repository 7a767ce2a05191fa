"""Every scene renders, with captions, within a chapter's length (the numbers it shows are checked
against the facts in test_facts_shown.py)."""

from __future__ import annotations

import numpy as np
import pytest
import srt

from scenes import registry

pytestmark = pytest.mark.render

CHAPTERS = [entry.slug for entry in registry.chapters()]


@pytest.mark.parametrize("slug", registry.slugs())
def test_scene_renders_with_captions(rendered, slug, video_facts):
    result = rendered[slug]
    facts = video_facts(result.video)
    assert (facts["width"], facts["height"]) == (160, 90)
    assert abs(facts["duration"] - result.duration) <= 0.2 + 1e-6
    cues = list(srt.parse(result.captions.read_text()))
    assert len(cues) >= 3
    assert all(cue.content.strip() for cue in cues)
    first, last = facts["frames"][0], facts["frames"][-1]
    assert np.abs(first.astype(int) - last.astype(int)).mean() > 1, "nothing changed on screen"


@pytest.mark.parametrize("slug", CHAPTERS)
def test_chapter_runs_30_to_100_seconds_with_narration_throughout(rendered, slug):
    """Read without a voice (2.6 words a second, slower than Piper: gradient descent is 98 s
    read and 81 s spoken), a chapter stays between half a minute and 100 s."""
    result = rendered[slug]
    assert 30 <= result.duration <= 100
    cues = sorted(srt.parse(result.captions.read_text()), key=lambda cue: cue.start)
    gaps = [(b.start - a.end).total_seconds() for a, b in zip(cues, cues[1:])]
    assert cues[0].start.total_seconds() <= 2
    assert max(gaps, default=0) <= 2, "more than 2 s without narration"
    assert result.duration - cues[-1].end.total_seconds() <= 2
