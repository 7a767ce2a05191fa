"""A scene's clip cut at its narration steps, in the scene's worker: one silent step video
(H.264, yuv420p, faststart, the clip's size and frame rate) and one still per ``narrate`` call,
cached beside the clip with a manifest ``SLUG.steps.json``; a step's video ends on exactly the
frame the lecture shows at that step's end. ``publish.slides`` puts them in the lecture folder.

A step that starts on a keyframe of the clip is cut by stream copy: each ``narrate`` is one
Manim animation, and each animation is a partial movie that starts on a keyframe and refers to
no frame outside it, so the clip's packets from that keyframe to the next step's are the step
itself. Only a step that starts elsewhere (or holds no frame of its own) is encoded again.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scripts.files import partial_path, write_json, writing
from scripts.media.video import FASTSTART

# x264 for the step videos: visually lossless for flat drawings (the clip itself is crf 23), and
# cheap next to Manim's render: ultrafast takes a fifth less time than superfast and 40 % less
# than veryfast, for about twice the bytes (at -ql, 3.9 MB of steps for a 1.2 MB clip).
STEP_ENCODER = {"preset": "ultrafast", "crf": "18"}
SAMPLE = 8   # a frame's pixels are judged one in eight each way (stills, rest): plenty for a
             # share of drawn pixels, and cheap
REST = 4     # a frame is at rest if no judged pixel moved more levels than this since the frame
             # before (x264's noise on a still picture: up to 3; a moving drawing: 5 and more)


def cut_steps(clip: Path, record, cache_dir: Path, slug: str) -> dict[str, str]:
    """Cut ``clip`` into one silent video and one still per narration line of ``record`` (a
    cache record: its key, duration and lines).

    Returns the files to add to the record: each step's video and still, and the manifest
    (kind ``slides``), written last.
    """
    starts = [line[0] for line in record.lines]
    if not starts:
        raise ValueError(f"{slug}: the scene narrates nothing, so it has no steps for slides")
    for old in cache_dir.glob(f"{slug}.step*"):
        old.unlink()
    steps: list[dict] = []
    with av.open(str(clip)) as source:
        stream = source.streams.video[0]
        rate = Fraction(stream.average_rate)
        half = 0.5 / float(rate)
        writer, previous, writers = None, None, []
        for frame in source.decode(stream):
            step = max(0, bisect_right(starts, float(frame.time) + half) - 1)
            while writer is None or writer.number < step:
                if writer is not None:
                    steps.append(writer.close(previous))
                writer = _StepWriter(cache_dir, slug, 0 if writer is None else writer.number + 1,
                                     rate, stream.width, stream.height)
                writers.append(writer)
            writer.add(frame)
            previous = frame
        if writer is None:
            raise ValueError(f"{clip} holds no video frames")
        while writer.number < len(starts) - 1:   # lines said after the last frame: hold it
            steps.append(writer.close(previous))
            writer = _StepWriter(cache_dir, slug, writer.number + 1, rate, stream.width,
                                 stream.height)
            writers.append(writer)
        steps.append(writer.close(previous))
    _copy_steps(clip, [w for w in writers if w.copied])
    ends = [line[0] for line in record.lines[1:]] + [record.duration]
    for step, line, end in zip(steps, record.lines, ends):
        step.update(start=line[0], end=end, line=line[2])
    files = {f"step{number}.{kind}": step[kind]
             for number, step in enumerate(steps, start=1) for kind in ("mp4", "png")}
    files["slides"] = f"{slug}.steps.json"
    write_json(cache_dir / files["slides"], {"key": record.key, "width": stream.width,
                                             "height": stream.height, "steps": steps})
    return files


class _StepWriter:
    """One step's silent video and its still: the fullest frame at rest (the same as the frame
    before it: an animation's end, held while a line is said), as the scene's poster is the
    fullest frame at an animation's end (a frame caught in a cross-fade shows two drawings at
    once and would often be the fullest); with none at rest, the step's last frame. A step
    whose first frame is a keyframe keeps the clip's packets of its frames (``copied``: the
    clip's presentation times from ``first`` to ``last``, copied by ``_copy_steps``); any
    other is encoded as its frames arrive."""

    def __init__(self, cache_dir: Path, slug: str, number: int, rate: Fraction, width: int,
                 height: int) -> None:
        self.number, self.rate, self.size, self.count = number, rate, (width, height), 0
        stem = f"{slug}.step{number + 1:03d}"
        self.video, self.still = cache_dir / f"{stem}.mp4", cache_dir / f"{stem}.png"
        self.output, self.copied, self.first, self.last_pts = None, False, None, None
        self.best, self.rank, self.last = None, (False, -1.0), None

    def add(self, frame, *, own: bool = True) -> None:
        """One frame of the step (``own``: the clip's, so it may be copied; else a held frame
        of the step before)."""
        if self.count == 0:
            self.copied = own and frame.key_frame
            self.first = frame.pts
        sample = _sample(frame)
        resting = self.last is not None and np.abs(sample - self.last).max() <= REST
        rank = (True, fullness(sample)) if resting else (False, 0.0)
        if rank >= self.rank:   # ties: the later frame, nearer the step's finished drawing
            self.best, self.rank = frame, rank
        self.last = sample.astype(np.int16)
        self.last_pts = frame.pts
        if not self.copied:
            self._encode(frame)
        self.count += 1

    def _encode(self, frame) -> None:
        if self.output is None:
            self.output = av.open(str(partial_path(self.video)), mode="w", format="mp4",
                                  options=FASTSTART)
            self.stream = self.output.add_stream("libx264", rate=self.rate,
                                                 options=dict(STEP_ENCODER))
            self.stream.width, self.stream.height = self.size
            self.stream.pix_fmt = "yuv420p"
        pts, time_base = frame.pts, frame.time_base
        frame.pts, frame.time_base = self.count, 1 / self.rate
        self.output.mux(self.stream.encode(frame))
        frame.pts, frame.time_base = pts, time_base

    def close(self, previous) -> dict:
        """Finish the files (a copied step's video comes later); a step with no frame of its
        own shows the frame before it."""
        if self.count == 0:
            self.add(previous, own=False)
        if not self.copied:
            self.output.mux(self.stream.encode())
            self.output.close()
            os.replace(partial_path(self.video), self.video)
        with writing(self.still) as partial:
            self.best.to_image().save(partial, format="PNG", compress_level=1)
        return {"mp4": self.video.name, "png": self.still.name, "frames": self.count}


def _copy_steps(clip: Path, writers: list[_StepWriter]) -> None:
    """Write each copied step's video: the clip's packets of its frames, by stream copy, its
    times counted from its first frame."""
    if not writers:
        return
    with av.open(str(clip)) as source:
        stream = source.streams.video[0]
        outputs = []
        for writer in writers:
            output = av.open(str(partial_path(writer.video)), mode="w", format="mp4",
                             options=FASTSTART)
            outputs.append((writer, output, output.add_stream_from_template(template=stream)))
        for packet in source.demux(stream):
            if packet.pts is None:
                continue
            for writer, output, target in outputs:
                if writer.first <= packet.pts <= writer.last_pts:
                    packet.pts -= writer.first
                    packet.dts = None   # libav recomputes it, as when Manim joins partial movies
                    packet.stream = target
                    output.mux(packet)
                    break
        for writer, output, _ in outputs:
            output.close()
            os.replace(partial_path(writer.video), writer.video)


def _sample(frame) -> np.ndarray:
    """Every eighth pixel of every eighth row as RGB, for ``fullness`` and the rest test: read
    from the decoded YUV planes without a copy and converted in numpy (BT.601, as x264 stores
    Manim's frames), a tenth of the cost of converting whole frames."""
    height, width = frame.height, frame.width
    if frame.format.name != "yuv420p" or height % 2 or width % 2:
        return frame.to_ndarray(format="rgb24")[::SAMPLE, ::SAMPLE]
    luma, blue, red = (np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)
                       for plane in frame.planes)
    luma = luma[:height:SAMPLE, :width:SAMPLE].astype(np.float32) - 16
    half = SAMPLE // 2
    blue, red = (plane[:height // 2:half, :width // 2:half].astype(np.float32) - 128
                 for plane in (blue, red))
    rgb = np.stack([1.164 * luma + 1.596 * red,
                    1.164 * luma - 0.392 * blue - 0.813 * red,
                    1.164 * luma + 2.017 * blue], axis=2)
    return np.clip(rgb, 0, 255).astype(np.uint8)


def fullness(pixels: np.ndarray) -> float:
    """The share of pixels that differ from the background (the corner colour): how much a
    frame shows, for the poster and each slide step's still."""
    sample = pixels[:, :, :3].astype(np.int16)
    return float((np.abs(sample - sample[0, 0]).sum(axis=2) > 48).mean())
