"""espeak-ng as a library (libespeak-ng through ctypes), in the mode its own program uses to write
a WAV (synchronous, 22.05 kHz, the same flags): the same samples as ``espeak-ng -w``, and with
them espeak-ng's own events, which place each word and phoneme at an exact sample. The library
carries state from one text to the next (a second synthesis of a line comes out a few samples
longer), so, as its program does, each line is spoken by a fresh copy: a child forked from the
initialised library, which hands back its samples and events through a pipe.

A word's time is from its first sounding phoneme to the end of its last (pauses are phonemes
named ``_...`` and belong to no word). espeak-ng runs some short words together ("on the") and
then reports one word event for both: their sound is shared in proportion to characters."""

from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import os
import pickle
import re

import numpy as np

from scripts.voice.errors import VoiceError
from scripts.voice.timing import Words, proportional

AUDIO_OUTPUT_SYNCHRONOUS = 2
PHONEME_EVENTS = 0x0001                 # espeakINITIALIZE_PHONEME_EVENTS
CHARS_UTF8, PHONEMES, ENDPAUSE = 0x1, 0x100, 0x1000   # espeak-ng -b 1 (and its defaults)
POS_CHARACTER, RATE_PARAMETER = 1, 1
EVENT_END_OF_LIST, EVENT_WORD, EVENT_PHONEME = 0, 1, 7

_LOADED: dict[str, object] = {}          # the library, initialised once per process


class _Id(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    """espeak_EVENT of speak_lib.h."""
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _Id)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


class Espeak:
    """The initialised library: ``say`` gives a text's samples and its word events."""

    def __init__(self):
        name = ctypes.util.find_library("espeak-ng")
        if name is None:
            raise VoiceError("the espeak voice needs the espeak-ng library: "
                             "apt-get install espeak-ng")
        self.lib = ctypes.CDLL(name)
        self.rate = self.lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, PHONEME_EVENTS)
        if self.rate <= 0:
            raise VoiceError("espeak-ng could not start (its data is missing?): "
                             "apt-get install --reinstall espeak-ng-data")
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.version = self.lib.espeak_Info(None).decode()
        self._audio: list[np.ndarray] = []
        self._events: list[tuple[int, int, int, str]] = []
        self._callback = _CALLBACK(self._receive)     # kept alive as long as the library
        self.lib.espeak_SetSynthCallback(self._callback)

    def _receive(self, wav, count, events) -> int:
        if wav and count > 0:
            self._audio.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        index = 0
        while events[index].type != EVENT_END_OF_LIST:
            event = events[index]
            name = event.id.string.decode(errors="replace") if event.type == EVENT_PHONEME else ""
            self._events.append((event.type, event.text_position, event.length, event.sample,
                                 name))
            index += 1
        return 0

    def say(self, text: str, voice: str, speed: int) -> tuple[np.ndarray, list]:
        """The text's samples (int16 at ``self.rate``) and events (type, text position, length,
        sample, phoneme name) as espeak-ng reports them, from a forked child."""
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:                               # the child: speak once, report, exit
            os.close(read)
            try:
                result = self._say(text, voice, speed)
            except BaseException as error:         # noqa: BLE001 - handed to the parent
                result = VoiceError(str(error))
            with os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(result))
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as source:
            data = source.read()
        os.waitpid(pid, 0)
        result = pickle.loads(data) if data else VoiceError(f"espeak-ng failed on {text!r}")
        if isinstance(result, VoiceError):
            raise result
        return result

    def _say(self, text: str, voice: str, speed: int) -> tuple[np.ndarray, list]:
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise VoiceError(f"espeak-ng has no voice {voice!r}: apt-get install espeak-ng-data")
        self.lib.espeak_SetParameter(RATE_PARAMETER, speed, 0)
        data = text.encode("utf-8") + b"\0"
        if self.lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0,
                                 CHARS_UTF8 | PHONEMES | ENDPAUSE, None, None) != 0 \
                or self.lib.espeak_Synchronize() != 0:
            raise VoiceError(f"espeak-ng failed on the line {text!r}")
        audio = np.concatenate(self._audio) if self._audio else np.zeros(0, dtype=np.int16)
        return audio, self._events


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
