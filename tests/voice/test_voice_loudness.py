"""Loudness: the meter against known values, and every take, synthetic or recorded, short or long,
at -16 LUFS (within 1 LU) with its true peak at most -1 dBTP."""

from __future__ import annotations

import numpy as np
import pytest
from voice_helpers import tone

from scripts.voice import measure
from scripts.voice.audio import RATE, read_wav
from scripts.voice.loudness import PEAK_CEILING_DBTP, TARGET_LUFS, normalise, true_peak_dbtp

pytestmark = pytest.mark.voice


def sine(freq: float, seconds: float, amplitude: float = 1.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return amplitude * np.sin(2 * np.pi * freq * t)


def test_meter_reads_a_full_scale_sine_as_bs1770_says():
    # BS.1770: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS
    lufs, peak = measure(sine(997, 5), RATE)
    assert lufs == pytest.approx(-3.01, abs=0.05)
    assert peak == pytest.approx(0.0, abs=0.05)
    lufs_quiet, _ = measure(sine(997, 5, 0.1), RATE)
    assert lufs_quiet == pytest.approx(-23.01, abs=0.05)


def test_true_peak_sees_between_the_samples():
    # a sine at a quarter of the rate, sampled 45 degrees off its crests: samples peak at 0.707
    t = np.arange(RATE) / RATE
    samples = np.sin(2 * np.pi * (RATE / 4) * t + np.pi / 4)
    assert 20 * np.log10(np.abs(samples).max()) == pytest.approx(-3.01, abs=0.01)
    assert true_peak_dbtp(samples) > -0.5


def within_target(samples: np.ndarray) -> None:
    lufs, peak = measure(samples, RATE)
    assert abs(lufs - TARGET_LUFS) <= 1.0, lufs
    assert peak <= PEAK_CEILING_DBTP, peak


@pytest.mark.parametrize("samples", [
    tone(3.0, RATE, level=0.01),                       # quiet: raised
    tone(3.0, RATE, level=0.9),                        # loud: lowered
    tone(0.2, RATE, level=0.3),                        # shorter than one 400 ms gating block
    np.sign(sine(150, 2.0)) * 0.05 + sine(3000, 2.0, 0.9) * (np.arange(2 * RATE) % 9600 < 200),
], ids=["quiet", "loud", "short", "spiky"])
def test_normalised_tones_hit_the_target(samples):
    within_target(normalise(samples, RATE))


def test_synthetic_take_hits_the_target(espeak):
    take = espeak.speak("The output neuron's activation is the prediction, the probability of "
                        "class one.")
    within_target(read_wav(take.wav)[0])
