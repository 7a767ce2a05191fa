"""Video work done with PyAV: measuring, joining with chapters, a clip's audio, webm and gif.

Joining and remuxing copy the H.264 packets (no re-encode), so they cost little more than reading
and writing the bytes. Every MP4 is written with ``+faststart`` (the index ``moov`` before the
media ``mdat``), which Manim does not do, so a browser starts playing before the file has arrived.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scripts.files import writing
from scripts.media import audio

FASTSTART = {"movflags": "+faststart"}
GIF_MAX_WIDTH = 480   # a GIF is for a slide or a forum post; full HD GIFs are tens of megabytes
GIF_MAX_FPS = 15
WEBM_OPTIONS = {"crf": "32", "b": "0", "deadline": "good", "cpu-used": "4", "row-mt": "1"}


@dataclass(frozen=True)
class Chapter:
    title: str
    start: Fraction   # seconds on the lecture's timeline
    end: Fraction


def duration(path: Path) -> Fraction:
    """The measured length of a video's stream, in seconds, exactly: from its packets.

    This, not the scene's nominal time, places the next clip: Manim writes ceil(run_time * fps)
    frames per animation, so nominal times drift from the real ones.
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        starts, ends = [], []
        for packet in container.demux(stream):
            if packet.pts is not None:
                starts.append(packet.pts)
                ends.append(packet.pts + packet.duration)
        if not starts:
            raise ValueError(f"{path} holds no video frames")
        return (max(ends) - min(starts)) * stream.time_base


def join(clips: list[Path], target: Path, *, title: str | None, chapters: list[Chapter],
         voice: Path | None = None) -> None:
    """Concatenate same-format H.264 clips by stream copy, shifting each one's timestamps, and
    copy the audio of ``voice`` (a file with the whole timeline's AAC, or None), interleaved.

    Clips from one quality share their encoder settings, hence their SPS/PPS, so the first clip's
    stream parameters describe them all (Manim joins its own segments the same way).
    """
    with writing(target) as partial, _audio_packets(voice) as (sound_template, pending):
        with av.open(str(partial), mode="w", format="mp4", options=FASTSTART) as output:
            if title:
                output.metadata["title"] = title
            with av.open(str(clips[0])) as first:
                template = first.streams.video[0]
                out_stream = output.add_stream_from_template(template=template)
                if chapters:
                    output.set_chapters(_chapter_dicts(chapters, template.time_base))
            sound = (output.add_stream_from_template(template=sound_template)
                     if sound_template is not None else None)
            offset = Fraction(0)
            for clip in clips:
                with av.open(str(clip)) as source:
                    stream = source.streams.video[0]
                    shift = offset / stream.time_base
                    if shift.denominator != 1:
                        raise ValueError(f"{clip}: time base {stream.time_base} cannot place it "
                                         f"at {float(offset):.3f} s exactly")
                    end = 0
                    for packet in source.demux(stream):
                        if packet.dts is None:   # demux's flushing packet
                            continue
                        end = max(end, packet.pts + packet.duration)
                        packet.pts += int(shift)
                        packet.dts += int(shift)
                        pending = _mux_until(output, sound, pending, packet.dts * stream.time_base)
                        packet.stream = out_stream
                        output.mux(packet)
                    offset += end * stream.time_base
            _mux_until(output, sound, pending, None)


def add_audio(video: Path, samples: np.ndarray | None, target: Path) -> None:
    """MP4 ``target`` = ``video``'s stream copied, plus ``samples`` encoded as its AAC audio
    stream, interleaved by time, with faststart. ``samples`` None copies the video alone."""
    samples = audio.within_ceiling(samples, "aac") if samples is not None else None
    with writing(target) as partial, av.open(str(video)) as source:
        with av.open(str(partial), mode="w", format="mp4", options=FASTSTART) as output:
            in_video = source.streams.video[0]
            out_video = output.add_stream_from_template(template=in_video)
            out_audio = audio.audio_stream(output, "aac") if samples is not None else None
            video_packets = [packet for packet in source.demux(in_video) if packet.dts is not None]
            audio_packets = audio.encode(out_audio, samples) if out_audio is not None else []
            for packet, is_video in audio.interleaved(video_packets, audio_packets):
                packet.stream = out_video if is_video else out_audio
                output.mux(packet)


@contextmanager
def _audio_packets(path: Path | None):
    """(the audio stream, its packets) of ``path``, for copying; (None, []) without one."""
    if path is None:
        yield None, []
        return
    with av.open(str(path)) as source:
        stream = source.streams.audio[0]
        yield stream, [packet for packet in source.demux(stream) if packet.dts is not None]


def _mux_until(output, stream, packets: list, seconds: Fraction | None) -> list:
    """Mux the audio packets that start before ``seconds`` (all if None); return the rest."""
    count = 0
    for packet in packets:
        if seconds is not None and (packet.dts or 0) * packet.time_base > seconds:
            break
        packet.stream = stream
        output.mux(packet)
        count += 1
    return packets[count:]


def _chapter_dicts(chapters: list[Chapter], time_base: Fraction) -> list[dict]:
    def ticks(seconds: Fraction) -> int:
        return round(seconds / time_base)

    return [{"id": number, "start": ticks(chapter.start), "end": ticks(chapter.end),
             "time_base": time_base, "metadata": {"title": chapter.title}}
            for number, chapter in enumerate(chapters, start=1)]


def encode_webm(source: Path, target: Path, voice=None) -> None:
    """Re-encode a clip as VP9 WebM at its own size and frame rate, with ``voice`` (48 kHz mono
    samples, or None for none) as its Opus audio."""
    with writing(target) as partial, av.open(str(source)) as src:
        in_stream = src.streams.video[0]
        with av.open(str(partial), mode="w", format="webm") as output:
            stream = output.add_stream("libvpx-vp9", rate=in_stream.average_rate,
                                       options=dict(WEBM_OPTIONS))
            stream.width, stream.height, stream.pix_fmt = in_stream.width, in_stream.height, "yuv420p"
            sound = audio.audio_stream(output, "libopus") if voice is not None else None
            voice = audio.within_ceiling(voice, "libopus") if voice is not None else None
            packets = []
            for index, frame in enumerate(src.decode(in_stream)):
                frame.pts, frame.time_base = index, 1 / Fraction(in_stream.average_rate)
                packets += stream.encode(frame)
            packets += stream.encode()
            sounds = audio.encode(sound, voice) if sound is not None else []
            for packet, is_video in audio.interleaved(packets, sounds):
                packet.stream = stream if is_video else sound
                output.mux(packet)


def encode_gif(source: Path, target: Path) -> None:
    """Re-encode a clip as a looping GIF with its own palette, at most 480 px wide and 15 fps."""
    with writing(target) as partial, av.open(str(source)) as src:
        in_stream = src.streams.video[0]
        width = min(in_stream.width, GIF_MAX_WIDTH)
        height = round(in_stream.height * width / in_stream.width)
        rate = min(Fraction(in_stream.average_rate), GIF_MAX_FPS)
        graph = av.filter.Graph()
        chain = [graph.add_buffer(template=in_stream),
                 graph.add("fps", f"fps={rate}"),
                 graph.add("scale", f"{width}:{height}:flags=lanczos"),
                 graph.add("split")]
        palette = graph.add("palettegen", "stats_mode=diff")
        use = graph.add("paletteuse", "dither=bayer:bayer_scale=5:diff_mode=rectangle")
        sink = graph.add("buffersink")
        for upstream, downstream in zip(chain, chain[1:]):
            upstream.link_to(downstream)
        chain[-1].link_to(palette, 0, 0)
        chain[-1].link_to(use, 1, 0)
        palette.link_to(use, 0, 1)
        use.link_to(sink)
        graph.configure()
        for frame in src.decode(in_stream):
            graph.push(frame)
        graph.push(None)
        with av.open(str(partial), mode="w", format="gif") as output:
            stream = output.add_stream("gif", rate=rate)
            stream.width, stream.height, stream.pix_fmt = width, height, "pal8"
            index = 0
            while True:
                try:
                    frame = graph.pull()
                except (av.error.EOFError, av.error.BlockingIOError):
                    break
                frame.pts, frame.time_base = index, 1 / rate
                index += 1
                output.mux(stream.encode(frame))
            output.mux(stream.encode())
