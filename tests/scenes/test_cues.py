"""Animations cued to words (``on``): each starts on the frame nearest its word at every frame
rate, from the voice's word timings or, without a voice, from the characters; a cue naming a
word the line lacks is an error naming the scene and the word."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
from manim import RIGHT, Square, linear, tempconfig

from nnmath.config import load_config
from scenes import base
from scenes.base import CueError, LectureContext, LectureScene, on

LINE = "Each input is multiplied by its weight, then the bias is added."
# Word starts as a voice would time them: deliberately off the frame grids of 10 and 15 fps.
STARTS = [0.0, 0.31, 0.63, 0.9, 1.37, 1.52, 1.94, 2.45, 2.61, 2.83, 3.41, 3.55]


@dataclass(frozen=True)
class FakeTake:
    duration: float
    words: list
    key: str = "fake"
    wav: Path | None = None


class FakeVoice:
    """A voice whose takes carry known word times."""

    def speak(self, line, spoken):
        words = line.split()
        return FakeTake(4.0, [(w, s, s + 0.1) for w, s in zip(words, STARTS)])

    def timed_words(self, line, spoken, take):
        return take.words


class Mover(LectureScene):
    """Two still squares, one above the other; the top one moves on "weight", the bottom one
    on "the bias"."""
    cues = ("weight", "the bias")

    def construct(self):
        top, bottom = (Square(side_length=1.5, fill_opacity=1, fill_color="#FFFFFF", stroke_width=0)
                       .move_to([-4, y, 0]) for y in (2, -2))
        self.add(top, bottom)
        self.narrate(LINE, on(self.cues[0], top.animate(rate_func=linear).shift(RIGHT * 3),
                              run_time=0.5),
                     on(self.cues[1], bottom.animate(rate_func=linear).shift(RIGHT * 3),
                        run_time=0.5))


def _render(scene_class, folder: Path, fps: int, voice=None):
    settings = {"media_dir": str(folder), "video_dir": str(folder), "pixel_width": 64,
                "pixel_height": 36, "frame_rate": fps, "output_file": "cued",
                "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True,
                "partial_movie_dir": str(folder / "partial")}
    with tempconfig(settings):
        scene = scene_class(context=LectureContext(load_config(None), None, voice))
        scene.render()
    return scene, folder / "cued.mp4"


def _columns(video: Path, half: str) -> list[float]:
    """Per frame, the mean column of the bright pixels in the frame's top or bottom half."""
    found = []
    with av.open(str(video)) as container:
        for frame in container.decode(video=0):
            grey = frame.to_ndarray(format="gray").astype(float)
            rows = grey[: grey.shape[0] // 2] if half == "top" else grey[grey.shape[0] // 2:]
            cols = np.nonzero(rows.max(axis=0) > 128)[0]
            found.append(float(cols.mean()) if cols.size else float("nan"))
    return found


def _first_move(columns: list[float]) -> int | None:
    """The frame on which a move starts: the last frame before the position first changes."""
    for k in range(1, len(columns)):
        if abs(columns[k] - columns[k - 1]) > 0.25:
            return k - 1
    return None


def _moves(video: Path) -> list[int | None]:
    return [_first_move(_columns(video, half)) for half in ("top", "bottom")]


@pytest.mark.render
@pytest.mark.parametrize("fps", [10, 15, 30])
def test_a_cue_starts_on_the_frame_nearest_its_word(tmp_path, fps):
    scene, video = _render(Mover, tmp_path, fps, FakeVoice())
    words = LINE.split()
    expected = [round(STARTS[words.index("weight,")] * fps), round(STARTS[words.index("the")] * fps)]
    moves = _moves(video)
    assert all(got is not None and abs(got - want) <= 1 for got, want in zip(moves, expected)), \
        (moves, expected)
    step = scene.narration[0]
    assert [phrase for phrase, _ in step.cues] == list(Mover.cues)
    assert step.timed and step.words[words.index("bias")][1] == pytest.approx(STARTS[9])


@pytest.mark.render
def test_without_a_voice_cues_follow_the_characters(tmp_path):
    scene, video = _render(Mover, tmp_path, 15)
    step = scene.narration[0]
    (_, weight), (_, bias) = step.cues
    assert 0 < weight < bias < step.duration
    assert not step.timed
    moves = _moves(video)
    assert [m is not None and abs(m - round(t * 15)) <= 1
            for m, t in zip(moves, (weight, bias))] == [True, True]


@pytest.mark.render
def test_the_step_lasts_until_its_last_animation_ends(tmp_path):
    class Late(LectureScene):
        def construct(self):
            square = Square()
            self.add(square)
            self.narrate("Short line, long move.", on("move", square.animate.shift(RIGHT), run_time=5))

    scene, _ = _render(Late, tmp_path, 15)
    step = scene.narration[0]
    assert step.duration >= step.cues[0][1] + 5 - 1e-9


@pytest.mark.render
def test_a_cue_for_a_missing_word_names_scene_and_word(tmp_path):
    class Wrong(LectureScene):
        def construct(self):
            square = Square()
            self.add(square)
            self.narrate("The weights are multiplied.", on("bias", square.animate.shift(RIGHT)))

    with pytest.raises(CueError, match=r"Wrong.*'bias'"):
        _render(Wrong, tmp_path, 15)


def test_phrases_match_whole_words_in_order():
    words = "The bias, then the bias again".split()
    assert base.find_phrase(words, "bias", 0) == 1
    assert base.find_phrase(words, "the bias", 2) == 3
    assert base.find_phrase(words, "bi", 0) is None
    assert base.find_phrase(words, "BIAS again", 0) == 4
