"""The process that speaks with libespeak-ng (run as a script by scripts/voice/espeak_lib.py;
it imports nothing of the project, and no numpy). It initialises the library once, then for each
request forks a child that speaks the one text and exits: the library carries state from one text
to the next, and a child of this small process is cheap to fork, unlike one of a render worker.

Requests on stdin and answers on stdout are length-prefixed pickles: (text, voice, speed) in;
(samples as int16 bytes, rate, events) or ("error", message) out."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import struct
import sys

AUDIO_OUTPUT_SYNCHRONOUS = 2
PHONEME_EVENTS = 0x0001                 # espeakINITIALIZE_PHONEME_EVENTS
CHARS_UTF8, PHONEMES, ENDPAUSE = 0x1, 0x100, 0x1000   # espeak-ng -b 1 (and its defaults)
POS_CHARACTER, RATE_PARAMETER = 1, 1
EVENT_END_OF_LIST, EVENT_PHONEME = 0, 7


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


def speak(lib, rate: int, text: str, voice: str, speed: int) -> tuple:
    """One text's samples (int16 bytes), rate and events (type, text position, length, sample,
    phoneme name), as espeak-ng -w would write and report them."""
    audio, events = [], []

    def receive(wav, count, found) -> int:
        if wav and count > 0:
            audio.append(ctypes.string_at(wav, 2 * count))
        index = 0
        while found[index].type != EVENT_END_OF_LIST:
            event = found[index]
            name = event.id.string.decode(errors="replace") if event.type == EVENT_PHONEME else ""
            events.append((event.type, event.text_position, event.length, event.sample, name))
            index += 1
        return 0
    callback = _CALLBACK(receive)
    lib.espeak_SetSynthCallback(callback)
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        return ("error", f"espeak-ng has no voice {voice!r}: apt-get install espeak-ng-data")
    lib.espeak_SetParameter(RATE_PARAMETER, speed, 0)
    data = text.encode("utf-8") + b"\0"
    if lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8 | PHONEMES | ENDPAUSE,
                        None, None) != 0 or lib.espeak_Synchronize() != 0:
        return ("error", f"espeak-ng failed on the line {text!r}")
    return b"".join(audio), rate, events


def _read(stream) -> bytes | None:
    head = stream.read(4)
    if len(head) < 4:
        return None
    return stream.read(struct.unpack("<I", head)[0])


def _write(stream, value) -> None:
    data = pickle.dumps(value)
    stream.write(struct.pack("<I", len(data)) + data)
    stream.flush()


def main() -> None:
    """Serve requests until stdin closes."""
    lib = ctypes.CDLL(sys.argv[1])
    rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, PHONEME_EVENTS)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while (request := _read(source)) is not None:
        text, voice, speed = pickle.loads(request)
        child = os.fork()
        if child == 0:
            try:
                _write(sink, speak(lib, rate, text, voice, speed) if rate > 0 else
                       ("error", "espeak-ng could not start (its data is missing?): "
                                 "apt-get install --reinstall espeak-ng-data"))
            finally:
                os._exit(0)
        if os.waitpid(child, 0)[1] != 0:
            _write(sink, ("error", f"espeak-ng crashed on the line {text!r}"))


if __name__ == "__main__":
    main()
