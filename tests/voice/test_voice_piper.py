"""The Piper voice: the same line gives the same bytes in another process (no noise), a short line
has a short, sensible length, and its speed is measured (printed, not asserted)."""

from __future__ import annotations

import dataclasses
import time

import pytest
from voice_helpers import espeak_settings

from scripts.voice import make_voice, measure, spoken_form, synthesize_all
from scripts.voice.audio import read_wav
from scripts.voice.loudness import PEAK_CEILING_DBTP, TARGET_LUFS

pytestmark = pytest.mark.voice

SHORT = [spoken_form("σ(z) = 0.99."), spoken_form("The neuron fires.")]
LONG = spoken_form(
    "Backpropagation: how a network learns from a mistake. Phase one: a sample goes forward to a "
    "prediction. Phase two: the loss measures how far the prediction is from the label. Phase "
    "three: the chain rule. How does the loss change if we nudge one weight? Loss against "
    "prediction, sigmoid against its sum, sum against the weight.")


@pytest.fixture
def piper_settings(tmp_path):
    return dataclasses.replace(espeak_settings(tmp_path), engine="piper", fallback="piper")


def test_piper_is_deterministic_across_processes(piper_settings, tmp_path):
    here = [make_voice(piper_settings).speak(line) for line in SHORT]
    elsewhere = synthesize_all(make_voice(dataclasses.replace(
        piper_settings, cache_dir=tmp_path / "other-cache")), SHORT, jobs=2)
    for mine, theirs in zip(here, elsewhere):
        assert mine.key == theirs.key and mine.duration == theirs.duration
        assert mine.wav.read_bytes() == theirs.wav.read_bytes()
        assert mine.source == "piper"
    # "sigma of z is zero point nine nine": about two seconds of speech
    assert 1.2 < here[0].duration < 3.5
    lufs, peak = measure(read_wav(here[0].wav)[0], 48000)
    assert abs(lufs - TARGET_LUFS) <= 1.0 and peak <= PEAK_CEILING_DBTP


def test_piper_speed(piper_settings):
    """CPU seconds per second of speech for about 20 s of speech, model loaded; printed."""
    voice = make_voice(piper_settings)
    voice.speak("Loading.")
    start = time.process_time()
    take = voice.speak(LONG)
    cpu = time.process_time() - start
    print(f"\npiper: {cpu:.2f} CPU s for {take.duration:.1f} s of speech = "
          f"{cpu / take.duration:.3f} CPU s per s")
    assert take.duration > 10
