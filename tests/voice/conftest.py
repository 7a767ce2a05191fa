"""Fixtures of the voice tests: an espeak voice with its own cache, and takes made with PyAV."""

from __future__ import annotations

import pytest
from voice_helpers import espeak_settings

from scripts.voice import make_voice


@pytest.fixture
def settings(tmp_path):
    """espeak settings with a fresh cache and recordings folder under tmp_path."""
    return espeak_settings(tmp_path)


@pytest.fixture
def espeak(settings):
    """A fresh espeak voice."""
    return make_voice(settings)
