"""The take cache: a line is synthesised once, its key follows everything the audio depends on,
and a take is written whole or not at all."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from voice_helpers import cache_files

from scripts.voice import VoiceError, make_voice
from scripts.voice.audio import RATE, TRIM_KEEP_S, read_wav
from scripts.voice.cache import TakeCache

pytestmark = pytest.mark.voice

LINE = "sigma of z is zero point nine nine"


def test_a_second_call_synthesises_nothing(espeak, settings):
    first = espeak.speak(LINE)
    assert espeak.calls == 1
    again = espeak.speak(LINE)
    assert espeak.calls == 1 and again == first
    fresh = make_voice(settings)          # a new process's voice finds it on disk too
    assert fresh.speak(LINE) == first and fresh.calls == 0
    assert cache_files(settings.cache_dir) == sorted([f"{first.key}.json", f"{first.key}.wav"])


def test_take_is_48k_mono_16_bit_and_its_facts_match(espeak):
    take = espeak.speak(LINE)
    samples, rate = read_wav(take.wav)
    assert rate == RATE and take.source == "espeak" and take.timing == "espeak"
    assert [word for word, _, _ in take.words] == LINE.split()
    assert take.duration == pytest.approx(samples.size / RATE)
    assert 1.0 < take.duration < 5.0
    # speech starts TRIM_KEEP_S in and ends as long before the end (espeak's own WAV has 10 ms
    # of silence before the speech: the rest is padded), give or take the trim's 10 ms windows
    loud = np.flatnonzero(np.abs(samples) > 0.01 * np.abs(samples).max()) / RATE
    assert loud[0] == pytest.approx(TRIM_KEEP_S, abs=0.02)
    assert take.duration - loud[-1] == pytest.approx(TRIM_KEEP_S, abs=0.02)


def test_key_follows_text_engine_and_settings(espeak, settings):
    key = espeak.key(LINE)
    assert key == make_voice(settings).key(LINE) and len(key) == 64
    assert espeak.key(LINE + ".") != key
    assert make_voice(dataclasses.replace(settings, rate=1.2)).key(LINE) != key
    assert make_voice(dataclasses.replace(settings, engine="piper")).key(LINE) != key
    assert espeak.calls == 0


def test_an_interrupted_store_leaves_no_file(tmp_path, monkeypatch):
    cache = TakeCache(tmp_path / "cache")

    def crash(path, samples):
        path.write_bytes(b"RIFF half a take")
        raise KeyboardInterrupt
    monkeypatch.setattr("scripts.voice.cache.write_wav", crash)
    with pytest.raises(KeyboardInterrupt):
        cache.store("k" * 64, np.zeros(RATE), [], "espeak", "espeak")
    assert cache_files(cache.folder) == []
    assert cache.load("k" * 64) is None


def test_a_take_without_its_facts_is_not_a_hit(espeak, settings):
    take = espeak.speak(LINE)
    (settings.cache_dir / f"{take.key}.json").unlink()
    assert espeak.speak(LINE) == take and espeak.calls == 2


def test_an_empty_line_is_one_error(espeak):
    with pytest.raises(VoiceError, match="empty"):
        espeak.speak("  ")


def test_none_says_nothing(settings):
    voice = make_voice(dataclasses.replace(settings, engine="none"))
    assert voice.engine == "none" and voice.speak(LINE) is None
    assert not settings.cache_dir.exists()
