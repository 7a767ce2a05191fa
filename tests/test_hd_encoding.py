"""1080p60 and 4K encode with their own x264 settings and convert a repeated frame once; the
other qualities keep Manim's encoder (README, "Render speed")."""

from __future__ import annotations

import hashlib
import re
from fractions import Fraction

import av
import numpy as np
import pytest
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes import registry
from scripts.render.scene import (
    HD_ENCODER, _manim_settings, _still_once_writer, quality_settings, render_scene,
)


@pytest.mark.parametrize("quality", ["h", "k"])
def test_hd_qualities_carry_the_hd_encoder_settings(quality):
    settings = quality_settings(quality)
    assert settings["video_encoder_options"] == {"preset": "veryfast"}
    assert settings["max_inflight_encoders"] == 2


@pytest.mark.parametrize("quality", ["l", "m", "h", "k", "draft"])
def test_every_render_encodes_in_one_x264_thread_keeping_its_quality_options(tmp_path, quality):
    """x264's frame threads make two encodes of the same frames differ; one thread, whatever
    else the quality or an override asks of the encoder."""
    overrides = {"video_encoder_options": {"preset": "ultrafast"}} if quality == "draft" else None
    settings = _manim_settings(quality, tmp_path, tmp_path, "x", False, overrides, False)
    options = settings["video_encoder_options"]
    assert options["threads"] == "1"
    want = (overrides or quality_settings(quality)).get("video_encoder_options", {})
    assert {key: options[key] for key in want} == want


@pytest.mark.parametrize("quality", ["l", "m", "draft"])
def test_other_qualities_keep_manims_encoder(quality):
    assert not set(HD_ENCODER) & set(quality_settings(quality))


SPEC = VideoEncoderSpec("mp4", "libx264", "yuv420p", 320, 180, Fraction(60),
                        (("crf", "23"), ("preset", "veryfast")))


def _frames(repeats):
    rng = np.random.default_rng(1)
    return [(rng.integers(0, 256, (180, 320, 4), dtype=np.uint8), repeat) for repeat in repeats]


def _our_encoder(target):
    writer_class = _still_once_writer()
    writer = writer_class.__new__(writer_class)   # only its encoder is wanted: no scene, no plan
    writer.video_encoder = SPEC
    encoder = writer._create_segment_encoder(target)
    assert type(encoder) is not VideoSegmentEncoder
    return encoder


def _encode(encoder, frames) -> tuple[str, list[tuple[int, str]]]:
    """The file's SHA-256 and each decoded frame's number (at 60 fps) and SHA-256."""
    for pixels, repeat in frames:
        encoder.write_frame(pixels, repeat=repeat)
    encoder.finish()
    with av.open(str(encoder.target)) as container:
        decoded = [(round(frame.time * 60), hashlib.sha256(frame.to_ndarray().tobytes()).hexdigest())
                   for frame in container.decode(video=0)]
    return hashlib.sha256(encoder.target.read_bytes()).hexdigest(), decoded


def test_a_repeated_frame_is_converted_once_and_written_as_often(tmp_path):
    encoder = _our_encoder(tmp_path / "ours.mp4")
    conversions = []
    convert = encoder.convert
    encoder.convert = lambda pixels: conversions.append(1) or convert(pixels)
    frames = _frames((1, 5, 1, 30, 2))
    _, decoded = _encode(encoder, frames)
    assert len(conversions) == len(frames)
    assert [number for number, _ in decoded] == list(range(39))
    # the same frames written one by one encode to the same video; compared decoded and within
    # a level, since at a height that is not a multiple of 16 x264 itself varies a few bytes
    # from run to run (scripts/render/scene.py, _manim_settings)
    one_by_one = [(pixels, 1) for pixels, repeat in frames for _ in range(repeat)]
    for first, second in zip(_pixels(_our_encoder(tmp_path / "one_by_one.mp4"), one_by_one),
                             _pixels(_our_encoder(tmp_path / "again.mp4"), frames), strict=True):
        assert np.abs(first - second).mean() < 1.0


def _pixels(encoder, frames) -> list[np.ndarray]:
    """Each decoded frame of ``frames`` written through ``encoder``, as YUV samples."""
    for pixels, repeat in frames:
        encoder.write_frame(pixels, repeat=repeat)
    encoder.finish()
    with av.open(str(encoder.target)) as container:
        return [frame.to_ndarray().astype(np.int16) for frame in container.decode(video=0)]


def test_the_conversion_keeps_manims_luma_and_samples_its_chroma(tmp_path):
    """Manim's encoder converts with PyAV's default (bilinear); ours by point sampling: the
    same Y' plane, each chroma sample one of the four pixels' instead of their average."""
    pixels = _frames((1,))[0][0]
    ours = _our_encoder(tmp_path / "ours.mp4").convert(pixels)
    manims = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format="yuv420p")
    planes = [[np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)[:, :plane.width]
               for plane in frame.planes] for frame in (ours, manims)]
    assert np.array_equal(planes[0][0], planes[1][0])
    for mine, theirs in zip(planes[0][1:], planes[1][1:]):
        assert mine.shape == theirs.shape == (90, 160)
        assert not np.array_equal(mine, theirs)


def _x264_options(video) -> dict[str, str]:
    """x264's settings as it writes them into the stream ("options: cabac=1 ref=3 ...")."""
    found = re.search(rb"options: ([ -~]+)", video.read_bytes())
    return dict(item.split("=", 1) for item in found.group(1).decode().split() if "=" in item)


@pytest.mark.render
@pytest.mark.parametrize("quality, writer, subme", [("h", "StillOnceWriter", "2"),
                                                     ("draft", "SceneFileWriter", "7")])
def test_a_render_uses_the_encoder_of_its_quality(tmp_path, tiny_render, quality, writer, subme):
    """x264's veryfast preset writes subme=2 into the stream, Manim's medium subme=7 (and at
    1080p60 threads=1; at 160x90 x264's automatic count may be 1 too)."""
    writers = set()
    result = render_scene(registry.get("title"), tmp_path, quality=quality, overrides=tiny_render,
                          progress=False,
                          on_play=lambda scene: writers.add(type(scene.renderer.file_writer).__name__))
    assert writers == {writer}
    options = _x264_options(result.video)
    assert options["subme"] == subme
    if quality == "h":
        assert options["threads"] == "1"
