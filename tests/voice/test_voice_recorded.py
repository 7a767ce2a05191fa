"""The teacher's takes: any common format, rate and channel count comes out 48 kHz mono, trimmed
and at the lecture's loudness; a line without a take falls back to the synthetic voice and is
reported; a bad take is one line naming the file and leaves nothing behind."""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pytest
from voice_helpers import cache_files, stereo_take

from scripts.voice import VoiceError, make_voice, measure, synthesize_all, take_name
from scripts.voice.audio import RATE, TRIM_KEEP_S, read_wav
from scripts.voice.loudness import PEAK_CEILING_DBTP, TARGET_LUFS

pytestmark = pytest.mark.voice

LINE = "sigma of z is zero point nine nine"
OTHER = "y hat is minus zero point zero seven five"


@pytest.fixture
def recorded(settings):
    """A recorded voice (espeak fallback) with an empty recordings folder."""
    settings.recordings.mkdir()
    return make_voice(dataclasses.replace(settings, engine="recorded"))


def take_path(settings, line: str, suffix: str):
    return settings.recordings / f"{take_name(line)}{suffix}"


def test_take_name_is_first_words_and_a_hash():
    name = take_name(LINE)
    assert name.startswith("sigma-of-z-is-zero-") and len(name) == len("sigma-of-z-is-zero-") + 8
    assert take_name(LINE) == name and take_name(LINE + " now") != name


@pytest.mark.parametrize("suffix", [".wav", ".flac", ".mp3", ".m4a"])
def test_takes_in_any_format_come_out_48k_mono_trimmed_normalised(recorded, settings, suffix):
    # 44.1 kHz stereo: 1 s of silence, 1.5 s of sound, 0.5 s of silence
    stereo_take(take_path(settings, LINE, suffix), lead_s=1.0, speech_s=1.5, tail_s=0.5)
    take = recorded.speak(LINE)
    samples, rate = read_wav(take.wav)
    assert rate == RATE and take.source == "recorded" and recorded.missing == []
    # trimmed to the sound plus TRIM_KEEP_S and at most one 10 ms window at each end (and the
    # few ms a lossy codec smears the sound's edges by)
    assert 1.5 <= take.duration <= 1.5 + 2 * (TRIM_KEEP_S + 0.01) + 0.04
    lead = np.flatnonzero(np.abs(samples) > 0.01)[0] / RATE
    assert lead == pytest.approx(TRIM_KEEP_S, abs=0.02)
    lufs, peak = measure(samples, RATE)
    assert abs(lufs - TARGET_LUFS) <= 1.0 and peak <= PEAK_CEILING_DBTP


def test_a_line_without_a_take_is_synthesised_and_reported(recorded, settings):
    stereo_take(take_path(settings, LINE, ".wav"))
    takes = [recorded.speak(LINE), recorded.speak(OTHER), recorded.speak(OTHER)]
    assert [take.source for take in takes] == ["recorded", "espeak", "espeak"]
    assert recorded.missing == [OTHER]
    assert recorded.key(OTHER) == make_voice(settings).key(OTHER)


def test_a_new_take_changes_the_key(recorded, settings):
    synthetic = recorded.key(LINE)
    path = stereo_take(take_path(settings, LINE, ".wav"), speech_s=1.0)
    first = recorded.key(LINE)
    stereo_take(path, speech_s=2.0)
    second = recorded.key(LINE)
    assert len({synthetic, first, second}) == 3
    assert recorded.speak(LINE).duration > 2.0


@pytest.mark.parametrize("content", [b"", b"these are the lecture notes, not audio\n",
                                     b"RIFF\x24\x00\x00\x00WAVEfmt "], ids=["empty", "text", "cut"])
def test_a_bad_take_is_one_line_naming_it_and_leaves_nothing(recorded, settings, content):
    path = take_path(settings, LINE, ".wav")
    path.write_bytes(content)
    with pytest.raises(VoiceError) as error:
        recorded.speak(LINE)
    message = str(error.value)
    assert str(path) in message and "\n" not in message
    assert cache_files(settings.cache_dir) == []


def test_a_silent_take_is_an_error(recorded, settings):
    path = stereo_take(take_path(settings, LINE, ".flac"), speech_s=0.0)
    with pytest.raises(VoiceError, match="silent"):
        recorded.speak(LINE)
    assert str(path) in str(pytest.raises(VoiceError, recorded.speak, LINE).value)


def test_two_takes_for_one_line_is_an_error_naming_both(recorded, settings):
    wav = stereo_take(take_path(settings, LINE, ".wav"))
    flac = stereo_take(take_path(settings, LINE, ".flac"))
    with pytest.raises(VoiceError, match="two takes") as error:
        recorded.speak(LINE)
    assert str(wav) in str(error.value) and str(flac) in str(error.value)


def test_recorded_lines_in_a_pool(recorded, settings):
    stereo_take(take_path(settings, LINE, ".m4a"))
    takes = synthesize_all(recorded, [OTHER, LINE, OTHER], jobs=2)
    assert [take.source for take in takes] == ["espeak", "recorded", "espeak"]
    assert recorded.missing == [OTHER]


def test_a_bad_take_stops_the_pool_with_its_one_line(recorded, settings):
    bad = take_path(settings, LINE, ".mp3")
    bad.write_text("not audio")
    with pytest.raises(VoiceError, match=re.escape(str(bad))):
        synthesize_all(recorded, [OTHER, LINE, "and a third line"], jobs=2)
    stored = [json.loads(path.read_text()) for path in settings.cache_dir.glob("*.json")]
    assert all(facts["source"] == "espeak" for facts in stored)
    assert all(name.endswith((".wav", ".json")) for name in cache_files(settings.cache_dir))
