"""Fixtures of the lecture pipeline's tests: one tiny lecture at 160x90, 5 fps, shared.

Every test that only reads a rendered lecture uses ``tiny_lecture``: three real scenes of the
registry (LaTeX, Text, a network diagram; every scene is rendered once by tests/scenes), narrated,
so that the pipeline's output is checked without rendering the whole lecture again. Tests that
change something render their own small lectures from the quick test scenes
(``lecture_test_scenes``).
"""

from __future__ import annotations

import pytest
from lecture_helpers import Rendered, render, top_level_atoms

from scenes import registry

TINY_LECTURE = ("title", "architecture", "applications")


@pytest.fixture(scope="session")
def tiny_lecture(tmp_path_factory) -> Rendered:
    """TINY_LECTURE's scenes, narrated by espeak-ng (near-instant; Piper is tested in
    tests/voice), rendered once per test session at the tiny size."""
    from scripts.voice import VoiceSettings

    media_dir = tmp_path_factory.mktemp("lecture-media")
    voice = VoiceSettings(engine="espeak", cache_dir=media_dir / ".manim" / "voice")
    entries = [entry for entry in registry.SCENES if entry.slug in TINY_LECTURE]
    return render(media_dir, entries, voice=voice)


@pytest.fixture
def mp4_atoms():
    return top_level_atoms
