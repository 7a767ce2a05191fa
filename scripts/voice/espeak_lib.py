"""espeak-ng as a library (libespeak-ng through ctypes), in the mode its own program uses to write
a WAV (synchronous, 22.05 kHz, the same flags): the same samples as ``espeak-ng -w``, and with
them espeak-ng's own events, which place each word and phoneme at an exact sample. The library
carries state from one text to the next (a second synthesis of a line comes out a few samples
longer), so each line is spoken by a fresh child of a small helper process
(scripts/voice/espeak_helper.py), started once per voice.

A word's time is from its first sounding phoneme to the end of its last (pauses are phonemes
named ``_...`` and belong to no word). espeak-ng runs some short words together ("on the") and
then reports one word event for both: their sound is shared in proportion to characters."""

from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import pickle
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from scripts.voice import espeak_helper
from scripts.voice.errors import VoiceError
from scripts.voice.timing import Words, proportional

EVENT_WORD, EVENT_PHONEME = 1, espeak_helper.EVENT_PHONEME
_LOADED: dict[str, object] = {}          # the helper of this process


class Espeak:
    """The library's version, and ``say``, which speaks through the helper."""

    def __init__(self):
        self.name = ctypes.util.find_library("espeak-ng")
        if self.name is None:
            raise VoiceError("the espeak voice needs the espeak-ng library: "
                             "apt-get install espeak-ng")
        lib = ctypes.CDLL(self.name)
        lib.espeak_Info.restype = ctypes.c_char_p
        self.version = lib.espeak_Info(None).decode()
        self.helper: subprocess.Popen | None = None

    def say(self, text: str, voice: str, speed: int) -> tuple[np.ndarray, int, list]:
        """The text's samples (int16), their rate, and its events (type, text position, length,
        sample, phoneme name) as espeak-ng reports them."""
        if self.helper is None or self.helper.poll() is not None:
            self.helper = subprocess.Popen(
                [sys.executable, str(Path(espeak_helper.__file__)), self.name],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        espeak_helper._write(self.helper.stdin, (text, voice, speed))
        answer = espeak_helper._read(self.helper.stdout)
        if answer is None:
            raise VoiceError(f"espeak-ng stopped on the line {text!r}")
        result = pickle.loads(answer)
        if result[0] == "error":
            raise VoiceError(result[1])
        samples, rate, events = result
        return np.frombuffer(samples, dtype="<i2"), rate, events


def library() -> Espeak:
    """The espeak-ng library of this process."""
    if "espeak" not in _LOADED:
        _LOADED["espeak"] = Espeak()
    return _LOADED["espeak"]


def event_words(text: str, events: list, total: int, rate: int) -> tuple[Words, bool]:
    """The text's words timed from espeak-ng's events (seconds from the start of its samples),
    and whether they came out whole (False: in proportion to characters over the take)."""
    matches = list(re.finditer(r"\S+", text))
    words = [m.group() for m in matches]
    starts = [m.start() for m in matches]
    phonemes = [(sample, name) for kind, _, _, sample, name in events if kind == EVENT_PHONEME]
    ends = {index: (phonemes[index + 1][0] if index + 1 < len(phonemes) else total)
            for index in range(len(phonemes))}
    groups: list[list] = []      # [first text word, [(start, end) of its sounding phonemes]]
    phoneme_index = 0
    for kind, position, length, sample, name in events:
        if kind == EVENT_WORD and length > 0:
            word = bisect.bisect_right(starts, position - 1) - 1
            if word >= 0 and (not groups or word > groups[-1][0]):
                groups.append([word, sample, []])
        elif kind == EVENT_PHONEME:
            if groups and not name.startswith("_"):
                groups[-1][2].append((sample, ends[phoneme_index]))
            phoneme_index += 1
    if not groups:
        return proportional(words, 0.0, total / rate), False
    timed: Words = [(word, 0.0, 0.0) for word in words[:groups[0][0]]]
    for index, (first, sample, sounds) in enumerate(groups):
        last = groups[index + 1][0] if index + 1 < len(groups) else len(words)
        start, end = (sounds[0][0], sounds[-1][1]) if sounds else (sample, sample)
        timed += proportional(words[first:last], start / rate, end / rate)
    return timed, True
