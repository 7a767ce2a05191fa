"""Render one registered scene in this process, writing its files under temporary names first.

Manim's config is one global per process, so each render runs inside ``tempconfig``. The video,
its captions and the still frame are written as ``.<slug>.partial.*`` and renamed when complete:
a failed or interrupted render never leaves a half-written file where a finished one is expected.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Callable, Iterator

from nnmath.errors import NNLectureError
from scenes.registry import SceneEntry
from scripts.files import log_path

QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}
# A quick proof of the whole lecture: Manim has no preset this small, so it is set through config.
DRAFT = {"quality": "low_quality", "pixel_width": 426, "pixel_height": 240, "frame_rate": 10}
FRAME_RATES = {"l": 15, "m": 30, "h": 60, "k": 60}   # Manim's presets
FORMATS = ("mp4", "webm", "gif", "slides")   # mp4 clips are always made: the lecture is joined
# from them; "slides" cuts each clip into its narration steps (scripts/media/steps.py)
# Scenes that draw anything random draw the same thing every time (Scene re-seeds from config.seed).
SEED = 0
# 1080p60 and 4K (README, "Render speed"; `make bench-render-hd`): Manim's encoder thread, not
# Cairo, bounded a render. x264's veryfast preset (crf 23 as Manim's) costs half of medium's CPU on
# these flat graphics; a second animation's frames are drawn while the first one's encoder drains
# (Manim waits for each animation's encoder before the next starts); and _still_once_writer
# converts each drawn frame to yuv420p once, however many times it repeats, and more cheaply.
# One x264 thread: with its frame threads (Manim's "auto") two encodes of the same frames can
# differ in bytes (2 different files in 16 encodes of one 125-frame clip, at medium as at
# veryfast); the drawing thread and the second segment keep both cores busy.
HD_QUALITIES = ("h", "k")
HD_ENCODER = {"video_encoder_options": {"preset": "veryfast"},
              "max_inflight_encoders": 2}


class RenderError(NNLectureError):
    """A scene failed to render; the message is one line and names its log file."""


@dataclass(frozen=True)
class RenderedScene:
    slug: str
    video: Path | None   # None when only the last frame was asked for
    captions: Path | None
    frame: Path | None
    duration: float
    displayed: dict = field(default_factory=dict)   # facts path -> every number shown, as shown
    decimals: dict = field(default_factory=dict)    # facts path -> its decimals on screen
    drawn: dict = field(default_factory=dict)       # values drawn as shapes (heatmaps, paths)
    steps: list = field(default_factory=list)       # scenes.base.NarrationLine per line: times, take
    arithmetic: list = field(default_factory=list)  # sums and products shown, as shown


def ensure_writable(folder: Path) -> Path:
    """Create ``folder`` if needed and prove a file can be written there, before any rendering."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as err:
        raise PermissionError(f"cannot write to media dir {folder}: {err.strerror or err}") from err
    return folder.resolve()


def _manim_settings(quality: str, work: Path, out_dir: Path, stem: str, frame_only: bool,
                    overrides: dict | None, progress: bool) -> dict:
    settings = {
        **quality_settings(quality),
        "media_dir": str(work),
        "video_dir": str(out_dir),
        "images_dir": str(out_dir),
        "partial_movie_dir": str(work / "partial" / quality / "{scene_name}"),
        "tex_dir": str(work / "Tex"),
        "text_dir": str(work / "texts"),
        "output_file": stem,
        "verbosity": "WARNING",
        "progress_bar": "display" if progress else "none",
        "save_last_frame": frame_only,
        "notify_outdated_version": False,
        "seed": SEED,
        # the clip cache replaces Manim's per-animation one, whose hash of every play call was
        # most of a small render's time, and whose cached animations would be timed by their
        # nominal length, so that captions would depend on the cache
        "disable_caching": True,
    }
    settings.update(overrides or {})
    # one x264 thread at every quality: with frame threads, two encodes of the same drawn frames
    # differ (see HD_ENCODER). At 480p and 720p one thread makes the clip byte-identical from run
    # to run; at heights that are not a multiple of 16 (1080, the tests' 90) x264's macroblock-tree
    # and adaptive quantisation still vary in a few bytes for the same frames (turning them off
    # costs 30-45 % in file size); the draft's ultrafast preset has neither, so it is byte-stable
    settings["video_encoder_options"] = {"threads": "1", **settings.get("video_encoder_options", {})}
    return settings


def frame_rate(quality: str, settings: dict) -> float:
    """Frames per second of a render at ``quality`` with these Manim settings."""
    preset = DRAFT["frame_rate"] if quality == "draft" else FRAME_RATES[quality]
    return float(settings.get("frame_rate") or preset)


@contextmanager
def job_folder(media_dir: Path, quality: str, slug: str,
               config_path: str | None) -> Iterator[dict[str, str]]:
    """Manim's working folders for one scene job (partial movies, LaTeX, Text), its own per
    scene, config and quality: ``.manim/jobs/QUALITY/SLUG-CONFIG/``. Jobs of two configs never
    meet there (Manim names partial movies by their index, and its LaTeX clean-up deletes the
    other files of its folder). A ``.busy`` mark stays while the job runs: a job that finds one
    (its job was killed) clears the folder first, since Manim trusts any LaTeX or Text SVG it
    finds; an interrupted or failed job clears it itself. Partial movies go when the job ends
    (caching is off: no later run uses them); LaTeX and Text files stay, warm for the next."""
    config = (hashlib.sha256(Path(config_path).read_bytes()).hexdigest()[:12] if config_path
              else "default")
    folder = Path(media_dir) / ".manim" / "jobs" / quality / f"{slug}-{config}"
    busy, partial = folder / ".busy", folder / "partial"
    if busy.exists():
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(partial, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    busy.write_text(f"{os.getpid()}\n")
    try:
        yield {"partial_movie_dir": str(partial), "tex_dir": str(folder / "tex"),
               "text_dir": str(folder / "texts")}
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    shutil.rmtree(partial, ignore_errors=True)
    busy.unlink(missing_ok=True)


def preview_scene(entry: SceneEntry, media_dir: Path, *, quality: str, frame_only: bool,
                  context=None) -> RenderedScene:
    """``render_scene`` into the preview folder with the progress view on standard error (a
    live row on a terminal, plain lines otherwise), instead of Manim's own bars."""
    from rich.console import Console

    from scripts.render.progress import Board

    console = Console(stderr=True)
    board = Board([entry.slug], sys.stderr.write, console.is_terminal,
                  fps=frame_rate(quality, {}), console=console)
    board.start()
    board.set(entry.slug, "rendering")
    try:
        result = render_scene(entry, media_dir, quality=quality, frame_only=frame_only,
                              progress=False, context=context,
                              on_play=lambda scene: board.progress(entry.slug, scene.time))
    except BaseException:
        board.set(entry.slug, "failed", done=True)
        board.stop()
        raise
    board.set(entry.slug, f"done       {result.duration:6.1f} s of video",
              estimate=result.duration, done=True)
    board.stop()
    return result


def quality_settings(quality: str) -> dict:
    """Manim config for a quality name: one of Manim's presets (l, m, h, k) or ``draft``."""
    if quality == "draft":
        return dict(DRAFT)
    return {"quality": QUALITIES[quality], **(HD_ENCODER if quality in HD_QUALITIES else {})}


@cache
def _still_once_writer():
    """A SceneFileWriter whose segments convert each drawn frame to the encoder's pixel format
    once, however many times it repeats (Manim's own encoder converts a wait's frame again for
    every frame of it), straight from the renderer's array (Manim copies it into a frame first),
    and by point sampling: luma as Manim's conversion, chroma taken instead of averaged, at less
    than half the CPU of swscale's default bilinear."""
    import av
    from av.video.reformatter import VideoReformatter
    from manim.scene.scene_file_writer import SceneFileWriter
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    class StillOnceEncoder(VideoSegmentEncoder):
        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            self._reformatter = VideoReformatter()

        def convert(self, pixels):
            return self._reformatter.reformat(
                av.VideoFrame.from_numpy_buffer(pixels, format="rgba"), self.spec.width,
                self.spec.height, self.spec.pixel_format, interpolation="POINT")

        def write_frame(self, pixels, *, repeat: int = 1) -> None:
            self._validate_frame(pixels, repeat)
            try:
                frame = self.convert(pixels)
                frame.time_base = Fraction(self.spec.frame_rate.denominator,
                                           self.spec.frame_rate.numerator)
                for _ in range(repeat):
                    frame.pts = self._next_pts
                    self._next_pts += 1
                    for packet in self._stream.encode(frame):
                        self._container.mux(packet)
            except BaseException as error:
                raise self._operation_error("encode", error) from error

    class StillOnceWriter(SceneFileWriter):
        def _create_segment_encoder(self, target: Path) -> VideoSegmentEncoder:
            return StillOnceEncoder(target=target, spec=self.video_encoder)

    return StillOnceWriter


def render_scene(entry: SceneEntry, media_dir: Path, *, quality: str = "l", frame_only: bool = False,
                 overrides: dict | None = None, progress: bool = True,
                 out_dir: Path | None = None,
                 on_play: Callable[[object], None] | None = None,
                 context=None) -> RenderedScene:
    """Render ``entry`` into ``out_dir`` (default ``media_dir/preview/<quality>``).

    ``overrides`` are extra Manim config values (tests use a tiny pixel size and frame rate).
    ``on_play`` is called with the scene after every animation or wait: worker processes report
    progress from ``scene.time`` (Manim's own bars are per animation and would interleave) and
    pick a poster frame from the camera. ``context`` (``scenes.base.LectureContext``: config,
    numbers, voice) is what the scene renders from (None: the default lecture); each step's take
    is in the result's ``steps``.
    Raises RenderError naming the log that holds the traceback when the scene itself fails.
    """
    from manim import tempconfig

    media_dir = ensure_writable(Path(media_dir))
    out_dir = ensure_writable(out_dir or media_dir / "preview" / quality)
    stem = f".{entry.slug}.partial"
    kinds = (".png",) if frame_only else (".mp4", ".srt")
    partials = {ext: out_dir / f"{stem}{ext}" for ext in kinds}
    finished = {ext: out_dir / f"{entry.slug}{ext}" for ext in kinds}
    settings = _manim_settings(quality, media_dir / ".manim", out_dir, stem, frame_only, overrides,
                               progress)
    try:
        with tempconfig(settings):
            scene = entry.load()(context=context)
            if quality in HD_QUALITIES and not frame_only:
                scene.renderer.file_writer = _still_once_writer()(scene.file_writer_settings)
            if on_play is not None:
                _report_plays(scene, on_play)
            scene.render()
        _publish(partials, finished)
    except BaseException as err:
        _remove(partials.values())   # also after an interrupt between rendering and renaming
        if isinstance(err, (KeyboardInterrupt, SystemExit)):
            raise
        log = _write_log(media_dir, entry.slug)
        raise RenderError(f"scene {entry.slug!r} failed: {type(err).__name__}: {err} "
                          f"(traceback in {log})") from err
    return RenderedScene(
        slug=entry.slug,
        video=finished.get(".mp4"),
        captions=finished[".srt"] if ".srt" in finished and finished[".srt"].exists() else None,
        frame=finished.get(".png"),
        duration=scene.time,
        displayed=dict(getattr(scene, "displayed", {})),
        decimals=dict(getattr(scene, "decimals", {})),
        drawn=dict(getattr(scene, "drawn", {})),
        steps=list(getattr(scene, "narration", [])),
        arithmetic=list(getattr(scene, "arithmetic", [])),
    )


def _report_plays(scene, on_play: Callable[[object], None]) -> None:
    """Wrap this scene's ``play`` (``wait`` goes through it too) to call ``on_play`` after it."""
    play = scene.play

    def play_and_report(*args, **kwargs):
        play(*args, **kwargs)
        on_play(scene)

    scene.play = play_and_report


def _publish(partials: dict, finished: dict) -> None:
    """Rename each finished partial file to its final name; drop a stale file Manim no longer
    writes (e.g. captions of a scene that lost its narration)."""
    for ext, partial in partials.items():
        if partial.exists():
            os.replace(partial, finished[ext])
        else:
            finished[ext].unlink(missing_ok=True)


def _remove(paths) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _write_log(media_dir: Path, slug: str) -> Path:
    log = log_path(media_dir, slug)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(traceback.format_exc(), encoding="utf-8")
    return log
