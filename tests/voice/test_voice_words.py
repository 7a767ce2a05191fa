"""Word timings of every take: one per spoken word, in order, inside the take, and where the voice
really says them: Piper's from its phoneme alignments (mapped back on every narrated line),
espeak-ng's from its own events (the same samples as its program), a recorded take's from a
DTW alignment to the synthetic take (within 80 ms of the truth on a stand-in whose truth is
known), falling back to characters, and listed by the script's status, when it is poor."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import numpy as np
import pytest
from test_voice_spoken import narrated_text
from voice_helpers import espeak_settings, tone

from scripts.voice import make_voice, spoken_form, take_name
from scripts.voice.audio import RATE, TRIM_KEEP_S, read_wav, trim_silence, write_wav
from scripts.voice.engines import ESPEAK_VOICE, PIPER_SENTENCE_PAUSE_S
from scripts.voice.espeak_lib import library
from scripts.voice.piper_words import piper_words
from scripts.voice.script import status_report, take_status
from scripts.voice.timing import problems, proportional, shifted

pytestmark = pytest.mark.voice

# Numbers said as several words, symbols, short words that run together, two sentences.
LINES = [spoken_form(caption) for caption in [
    "σ(z) = 0.99 and ŷ = −0.075.",
    "Our 2-4-1 network reached 97.5% on the test points, at the top of the bowl.",
    "On the left, x = (2.14, 0.30) goes in. Then it is at 0.25 and on the way down.",
]]


@pytest.fixture(scope="module")
def piper_takes(tmp_path_factory):
    settings = dataclasses.replace(espeak_settings(tmp_path_factory.mktemp("piper")),
                                   engine="piper", fallback="piper")
    voice = make_voice(settings)
    return [voice.speak(line) for line in LINES]


def loudness_inside(take) -> tuple[float, float]:
    """Mean square of the take's samples inside its words and in the gaps between them."""
    samples = read_wav(take.wav)[0]
    inside = np.zeros(samples.size, dtype=bool)
    for _, start, end in take.words:
        inside[int(start * RATE):int(end * RATE)] = True
    spoken = slice(int(take.words[0][1] * RATE), int(take.words[-1][2] * RATE))
    gaps = ~inside[spoken]
    return float(np.mean(samples[inside] ** 2)), float(np.mean(samples[spoken][gaps] ** 2))


@pytest.mark.parametrize("index", range(len(LINES)))
def test_piper_words_are_its_own_one_per_spoken_word_inside_the_take(piper_takes, index):
    take, line = piper_takes[index], LINES[index]
    assert problems(take.words, line, take.duration) == []
    assert take.timing == "piper"          # mapped from the alignments, not by characters
    # the trim's shift is applied: speech starts TRIM_KEEP_S in (give or take the trim's 10 ms
    # windows and the ~35 ms of Piper's sentence-start mark, into which a first sound can reach)
    assert TRIM_KEEP_S - 0.015 <= take.words[0][1] <= TRIM_KEEP_S + 0.045
    assert take.duration - take.words[-1][2] < 0.4
    inside, gaps = loudness_inside(take)
    assert gaps < 0.5 * inside     # the times sit on the sound (Piper runs words into each other)


def test_piper_words_after_a_sentence_pause_move_by_it(piper_takes):
    words = piper_takes[2].words
    ends = [k for k, (word, _, _) in enumerate(words) if word == "in."]
    assert len(ends) == 1
    gap = words[ends[0] + 1][1] - words[ends[0]][2]
    assert PIPER_SENTENCE_PAUSE_S <= gap < PIPER_SENTENCE_PAUSE_S + 0.4
    samples = read_wav(piper_takes[2].wav)[0]
    pause = samples[int((words[ends[0]][2] + 0.05) * RATE):int((words[ends[0] + 1][1] - 0.05)
                                                               * RATE)]
    assert np.mean(pause ** 2) < 0.01 * loudness_inside(piper_takes[2])[0]   # silent there


class _Alignment:
    def __init__(self, phoneme: str, samples: int):
        self.phoneme, self.num_samples = phoneme, samples


class _Chunk:
    """A Piper sentence as synthesize() yields it, each phoneme 100 samples long."""

    def __init__(self, phonemes: list[str] | None):
        self.phoneme_alignments = (None if phonemes is None else
                                   [_Alignment(p, 100) for p in ["^", *phonemes, "$"]])
        self.audio_float_array = np.zeros(100 * (len(phonemes or []) + 2))


def phonemized(text: str) -> list[_Chunk]:
    from piper.phonemize_espeak import ESPEAK_DATA_DIR, EspeakPhonemizer
    return [_Chunk(sentence) for sentence in
            EspeakPhonemizer(ESPEAK_DATA_DIR).phonemize("en-us", text)]


def test_every_narrated_line_maps_to_piper_words_exactly():
    texts = sorted({spoken_form(text) for text in narrated_text()})
    assert len(texts) > 100
    poor = []
    for text in texts:
        words, exact = piper_words(text, phonemized(text), 22050, 4410)
        assert [word for word, _, _ in words] == text.split()
        if not exact:
            poor.append(text)
    assert poor == []


def test_numbers_and_merged_words_map_back():
    text = "On the left, 2.14 and 3 of the 7 points."
    words, exact = piper_words(text, phonemized(text), 1, 0)
    on, the, _, number, conjunction = words[:5]
    assert exact
    # "On the" is one Piper word ("ɔnðə"): shared, the first ending where the second starts
    assert on[2] == the[1] and on[1] < on[2] < the[2]
    # "2.14" is four Piper words ("two point one four"), one text word from first to last
    assert number[2] - number[1] > 3 * (conjunction[2] - conjunction[1])


def test_a_poor_or_missing_alignment_falls_back_to_characters_within_its_sentence():
    text = "One two three. Four five."
    chunks = [_Chunk(list("xqzv wqk")), _Chunk(None)]
    words, exact = piper_words(text, chunks, 1, 50)
    assert not exact and problems(words, text, 10_000) == []
    first_sentence_end = chunks[0].audio_float_array.size
    assert words[2][2] <= first_sentence_end <= words[3][1]      # each sentence in its chunk
    assert words[3][1] >= first_sentence_end + 50                # after the pause


def test_espeak_words_are_its_own_and_its_samples_the_programs(settings):
    voice = make_voice(settings)
    for line in LINES:
        take = voice.speak(line)
        assert problems(take.words, line, take.duration) == [] and take.timing == "espeak"
        assert take.words[0][1] == pytest.approx(TRIM_KEEP_S, abs=0.03)
        inside, gaps = loudness_inside(take)
        assert gaps < 0.25 * inside
    program = shutil.which("espeak-ng")
    if program is None:
        pytest.skip("no espeak-ng program to compare the library with")
    wav = settings.cache_dir / "program.wav"
    subprocess.run([program, "-v", ESPEAK_VOICE, "-s", "165", "-b", "1", "-w", str(wav)],
                   input=LINES[2].encode(), check=True)
    theirs = np.round(read_wav(wav)[0] * 32768).astype(np.int16)
    for _ in range(2):          # the same samples every time, not only the first
        ours, _, _ = library().say(LINES[2], ESPEAK_VOICE, 165)
        assert np.array_equal(ours, theirs)


def test_shift_and_proportional_keep_words_monotonic_inside_the_take():
    words = proportional(["a", "bb", "ccc"], 0.0, 0.6)
    assert [round(end - start, 6) for _, start, end in words] == [0.1, 0.2, 0.3]
    moved = shifted(words, 0.05, 0.6)
    assert problems(moved, "a bb ccc", 0.6) == [] and moved[-1][2] == 0.6
    assert problems(shifted(words, -0.2, 0.6), "a bb ccc", 0.6) == []
    assert problems(words, "a bb", 0.6) == ["3 timed words for 2 spoken words"]


@pytest.fixture(scope="module")
def recorded_setup(tmp_path_factory):
    """A recorded voice (Piper fallback at its own speed) whose recordings are made by Piper at
    length_scale 1.25: a stand-in whose true word times are known."""
    root = tmp_path_factory.mktemp("recorded")
    base = dataclasses.replace(espeak_settings(root), engine="piper", fallback="piper")
    base.recordings.mkdir()
    slow = make_voice(dataclasses.replace(base, rate=0.8))
    return base, slow


def record(settings, line: str, samples: np.ndarray):
    write_wav(settings.recordings / f"{take_name(line)}.wav", samples)


@pytest.mark.parametrize("index", [0, 2])
def test_a_recorded_take_is_aligned_within_80_ms_of_the_truth(recorded_setup, index):
    settings, slow = recorded_setup
    line = LINES[index]
    truth = slow.speak(line)
    samples = read_wav(truth.wav)[0]
    record(settings, line, samples)
    _, offset = trim_silence(samples)       # preparing the take trims it again
    expected = shifted(truth.words, -offset / RATE, truth.duration)
    take = make_voice(dataclasses.replace(settings, engine="recorded")).speak(line)
    assert take.source == "recorded" and take.timing == "aligned"
    assert problems(take.words, line, take.duration) == []
    starts = [abs(a[1] - b[1]) for a, b in zip(take.words, expected)]
    ends = [abs(a[2] - b[2]) for a, b in zip(take.words, expected)]
    assert np.median(starts) < 0.08 and np.median(ends) < 0.08, (starts, ends)


def test_a_bad_recording_falls_back_to_characters_and_the_status_lists_it(recorded_setup):
    settings, slow = recorded_setup
    noise = tone(4.0, RATE) * np.random.default_rng(7).standard_normal(4 * RATE)
    record(settings, LINES[1], noise)                                   # not speech at all
    record(settings, LINES[0], read_wav(slow.speak(LINES[2]).wav)[0])   # another line
    voice = make_voice(dataclasses.replace(settings, engine="recorded"))
    for line in LINES[:2]:
        take = voice.speak(line)
        assert take.timing == "proportional" and problems(take.words, line, take.duration) == []
    scenes = [("neuron", "The neuron", LINES[:2])]
    status = take_status(scenes, settings.recordings, voice)
    assert [line.spoken for line in status.unaligned] == LINES[:2]
    report = status_report(status)
    assert "2 timed by characters" in report.splitlines()[0]
    assert f"by characters  {take_name(LINES[0])}  (neuron)" in report
