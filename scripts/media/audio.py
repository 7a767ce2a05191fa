"""The narration's sound: a clip's voice track built sample-exactly from its spoken lines, and
the audio streams of the MP4 (AAC) and WebM (Opus) files.

A clip's track is silence exactly as long as its video with each line's take placed at the
frame-exact time its step began, so joined clips stay in sync at every chapter. The lecture's track
is the clips' tracks end to end, encoded once: the joints are sample-exact and click-free.
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scripts.files import writing
from scripts.voice import audio as takes
from scripts.voice.audio import RATE   # 48 kHz mono, the takes' format

AAC_BITRATE = 96_000   # speech in mono: transparent at 96 kb/s
OPUS_BITRATE = 48_000
FRAME = 1024           # samples per encoded audio frame
CONTAINERS = {"aac": "mp4", "libopus": "webm"}
ENCODE_TRIES = 3       # encode, measure the true peak, lower: rarely needs a second round


def samples_for(seconds: Fraction | float) -> int:
    """The number of samples in ``seconds`` of audio (video lengths are whole 1/fps steps, and
    48 kHz divides by every frame rate used, so this is exact)."""
    return round(Fraction(seconds) * RATE)


def read_wav(path: Path) -> np.ndarray:
    """A take or a clip's track (48 kHz mono 16-bit WAV) as float32 samples for the encoders."""
    samples, rate = takes.read_wav(path)
    if rate != RATE:
        raise ValueError(f"{path}: expected {RATE} Hz, got {rate}")
    return samples.astype(np.float32)


def write_wav(samples: np.ndarray, target: Path) -> None:
    """``samples`` as the takes' WAV format, written whole or not at all."""
    with writing(target) as partial:
        takes.write_wav(partial, samples)


def voice_track(lines: list[tuple[float, Path]], seconds: Fraction | float) -> np.ndarray:
    """Silence ``seconds`` long with each take (start in seconds, its WAV) placed at its start;
    a take that would run past the end is cut there."""
    track = np.zeros(samples_for(seconds), dtype=np.float32)
    for start, wav in lines:
        take = read_wav(wav)
        first = samples_for(start)
        stop = min(len(track), first + len(take))
        if stop > first:
            track[first:stop] += take[: stop - first]
    return track


def level(track: np.ndarray) -> np.ndarray:
    """``track`` brought to the takes' loudness and true-peak ceiling by the takes' own
    normaliser: short lines between pauses measure below their takes' level, because BS.1770's
    400 ms blocks straddle the pauses."""
    from scripts.voice.loudness import normalise

    return normalise(track, RATE).astype(np.float32) if np.any(track) else track


def write_aac(samples: np.ndarray, target: Path) -> None:
    """``samples`` (48 kHz mono float) as an AAC audio file (M4A), written whole or not at all."""
    samples = within_ceiling(samples, "aac")
    with writing(target) as partial:
        with av.open(str(partial), mode="w", format="mp4") as output:
            stream = audio_stream(output, "aac")
            for packet in encode(stream, samples):
                output.mux(packet)


def within_ceiling(samples: np.ndarray, codec: str) -> np.ndarray:
    """``samples`` lowered where needed so that once encoded by ``codec`` (aac or libopus) their
    true peak stays at most -1 dBTP. A lossy codec overshoots a transient by up to 2 dB (seen at
    96 kb/s), by an amount that depends on the exact input, so the encoded result is measured;
    the encoders are deterministic, so the caller's encoding is the one measured here."""
    from scripts.voice.loudness import PEAK_CEILING_DBTP

    for _ in range(ENCODE_TRIES):
        peak = _true_peak_dbtp(_encoded_and_decoded(samples, codec))
        if peak <= PEAK_CEILING_DBTP:
            break
        samples = samples * np.float32(10 ** ((PEAK_CEILING_DBTP - 0.2 - peak) / 20))
    return samples


def _encoded_and_decoded(samples: np.ndarray, codec: str) -> np.ndarray:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=CONTAINERS[codec]) as output:
        stream = audio_stream(output, codec)
        for packet in encode(stream, samples):
            output.mux(packet)
    buffer.seek(0)
    with av.open(buffer) as container:
        return np.concatenate([frame.to_ndarray().reshape(-1)
                               for frame in container.decode(audio=0)])


def _true_peak_dbtp(samples: np.ndarray, chunk: int = 10 * RATE) -> float:
    """BS.1770's true peak (4x oversampled), a chunk at a time: a lecture's minutes of audio
    would take gigabytes oversampled at once."""
    from scripts.voice.loudness import true_peak_dbtp

    overlap = 64   # the polyphase filter's reach, so chunk edges are oversampled as in one piece
    return max(true_peak_dbtp(samples[max(0, start - overlap):start + chunk + overlap])
               for start in range(0, max(len(samples), 1), chunk))


def audio_stream(output, codec: str):
    """A new 48 kHz mono audio stream of ``output`` (aac or libopus)."""
    stream = output.add_stream(codec, rate=RATE, layout="mono")
    stream.bit_rate = OPUS_BITRATE if codec == "libopus" else AAC_BITRATE
    return stream


def encode(stream, samples: np.ndarray) -> list:
    """``samples`` (48 kHz mono float) encoded by ``stream``'s codec, as packets."""
    frame_size = stream.codec_context.frame_size or FRAME
    data = np.asarray(samples, dtype=np.float32)
    packets = []
    for first in range(0, len(data), frame_size):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(data[None, first:first + frame_size]),
                                           format="fltp", layout="mono")
        frame.sample_rate = RATE
        frame.pts, frame.time_base = first, Fraction(1, RATE)
        packets += stream.encode(frame)
    return packets + list(stream.encode(None))


def interleaved(video: list, audio: list) -> list:
    """(packet, is_video) in order of time, so that a player reads them as it plays."""
    timed = [(float((p.dts or 0) * p.time_base), 0, k, p) for k, p in enumerate(video)]
    timed += [(float((p.dts or 0) * p.time_base), 1, k, p) for k, p in enumerate(audio)]
    return [(item[3], item[1] == 0) for item in sorted(timed, key=lambda item: item[:3])]

