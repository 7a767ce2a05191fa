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
    """The whole registered lecture, rendered once per test session at the tiny size."""
    return render(tmp_path_factory.mktemp("lecture-media"), registry.SCENES)


@pytest.fixture
def mp4_atoms():
    return top_level_atoms
