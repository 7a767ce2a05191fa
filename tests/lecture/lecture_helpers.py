"""Helpers of the lecture pipeline's tests: a tiny render, an MP4 box reader, a media file's audio."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from scenes import registry
from scripts.pipeline import LectureSpec, Report, render_lectures

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}
QUALITY = "draft"
# The command line as a program of its own (run with PYTHONPATH=tests/lecture), with the test
# scenes registered; it answers Ctrl-C as a terminal would even when started in the background.
DRIVER = """
import signal
import sys
from scenes import registry
from lecture_test_scenes import FOLDERS, GATE, QUICK
from scripts.cli import main
registry.SCENES = (*registry.SCENES, QUICK, GATE, FOLDERS)
if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
"""


@dataclass(frozen=True)
class Rendered:
    media_dir: Path
    out_dir: Path
    report: Report
    output: str     # the progress board as printed
    voice: object = None   # the VoiceSettings it was rendered with (render again with the same)
    entries: tuple = ()    # the scenes it rendered, in lecture order


def render(media_dir: Path, entries, **options) -> Rendered:
    """Render and assemble ``entries`` at 160x90, 5 fps (through config, at quality draft)."""
    printed: list[str] = []
    options.setdefault("jobs", 2)
    voice = options.pop("voice", None)
    lecture = LectureSpec(registry.SCENES[0].title, list(entries),
                          options.pop("config_path", None), voice)
    report, = render_lectures([lecture], quality=QUALITY, media_dir=media_dir,
                              overrides=dict(TINY), write=printed.append, **options)
    return Rendered(media_dir, report.out_dir, report, "".join(printed), voice,
                    tuple(entries))


def top_level_atoms(path: Path) -> list[str]:
    """The names of an MP4's top-level boxes in file order (``moov`` before ``mdat`` = faststart)."""
    data = Path(path).read_bytes()
    names, position = [], 0
    while position + 8 <= len(data):
        size, name = struct.unpack(">I4s", data[position:position + 8])
        if size == 1:
            size = struct.unpack(">Q", data[position + 8:position + 16])[0]
        elif size == 0:
            size = len(data) - position
        names.append(name.decode("latin-1"))
        position += size
    return names


def audio_facts(path: Path) -> dict | None:
    """The audio stream of a media file: codec, rate, channels, its decoded samples (float32)
    and its duration in seconds as the container states it (the end of its last packet: an
    encoder's priming before 0 and its padding after the last sample are not played); None if
    it has no audio stream."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        end = max(packet.pts + packet.duration for packet in container.demux(stream)
                  if packet.pts is not None)
        container.seek(0)
        chunks = [frame.to_ndarray().reshape(-1) for frame in container.decode(stream)]
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        return {"codec": stream.codec_context.name, "rate": stream.rate,
                "channels": stream.codec_context.channels, "samples": samples,
                "duration": float(end * stream.time_base)}
