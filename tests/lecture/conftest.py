"""Fixtures of the lecture pipeline's tests: one whole-lecture render at 160x90, 5 fps, shared.

Every test that only reads the lecture uses ``tiny_lecture``; tests that change something render
their own small lectures from the quick test scenes (``lecture_test_scenes``).
"""

from __future__ import annotations

import pytest
from lecture_helpers import Rendered, render, top_level_atoms

from scenes import registry


@pytest.fixture(scope="session")
def tiny_lecture(tmp_path_factory) -> Rendered:
    """The whole registered lecture, narrated by espeak-ng (near-instant; Piper is tested in
    tests/voice), rendered once per test session at the tiny size."""
    from scripts.voice import VoiceSettings

    media_dir = tmp_path_factory.mktemp("lecture-media")
    voice = VoiceSettings(engine="espeak", cache_dir=media_dir / ".manim" / "voice")
    return render(media_dir, registry.SCENES, voice=voice)


@pytest.fixture
def mp4_atoms():
    return top_level_atoms
