"""What every lecture scene shares: the theme's background, the lecture data, and narration.

Narration lines become Manim subcaptions, so a rendered scene comes with an ``.srt`` beside it;
they are also kept on the scene (``narration``) for transcripts.
"""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass

from manim import UP, Animation, DecimalNumber, Scene, Text, ThreeDScene

from scenes import theme

CONFIG_ENV = "NNLECTURE_CONFIG"
FPS_GRID = 15               # run times are multiples of 1/15 s so captions stay in step at any fps
WORDS_PER_SECOND = 2.6      # a calm speaking pace, for a lecture without a voice
BREATH = 0.4                # seconds of quiet after each spoken line

# The narration's voice in this process, set by the renderer before a scene renders (None: a
# captions-only lecture). Called as ``voice(line, spoken)``, it returns the take of a caption
# line, with ``duration`` (seconds) and ``wav`` (its sound file), or None.
_voice = None


def use_voice(voice) -> None:
    """Speak every narration line rendered in this process with ``voice`` (None: silence)."""
    global _voice
    _voice = voice


def snap(seconds: float) -> float:
    """Round a duration up to the 1/15 s grid."""
    return math.ceil(round(seconds * FPS_GRID, 6)) / FPS_GRID


def reading_time(line: str) -> float:
    """How long a narration line needs on screen to be read or said aloud."""
    return snap(len(line.split()) / WORDS_PER_SECOND + 0.5)


@functools.cache
def lecture_config():
    """The lecture's config, from the file named by $NNLECTURE_CONFIG or the defaults."""
    from nnmath.config import load_config

    return load_config(os.environ.get(CONFIG_ENV) or None)


@functools.cache
def lecture_data():
    """All numbers the lecture shows, computed once per process by nnmath."""
    from nnmath.lecture_data import LectureData

    return LectureData.build(lecture_config())


@dataclass(frozen=True)
class NarrationLine:
    start: float        # scene time at which the step begins (frame-exact)
    duration: float     # the whole step
    text: str           # the caption
    speech: float = 0.0  # seconds of speech (0 without a voice)
    take: object = None  # the voice's take (its ``wav``), None without a voice
    say: str | None = None  # how the line is said when that differs from its caption


class LectureMixin:
    """What makes a Manim scene a lecture scene: themed background, ``narrate`` for captioned
    steps, and a record of every number shown. Mixed into Scene and ThreeDScene below."""

    def setup(self) -> None:
        super().setup()
        self.palette = theme.use(lecture_config().lecture.theme)
        self.camera.background_color = self.palette.background
        self.narration: list[NarrationLine] = []
        self.overlap_allowed: list[tuple] = []   # text pairs allowed to overlap (allow_overlap)
        self.displayed: dict[str, float] = {}   # facts path -> the number as shown
        self.decimals: dict[str, int] = {}       # facts path -> its decimals on screen
        self.drawn: dict[str, float] = {}        # values drawn as shapes (heatmaps, paths)

    def show_value(self, path: str, value: float, decimals: int = 2, *,
                   percent: bool = False) -> float:
        """Record a number this scene puts on screen and return it as displayed.

        ``path`` is where the number lives in the lecture's facts (``nnlecture facts``), e.g.
        ``forward_example.x[0]``; with ``percent`` the screen shows 100 × that fact. A test looks
        every recorded path up in the facts and checks the shown value, so every number a scene
        shows must pass through here (or ``number``, or ``record_diagram``).
        """
        key = f"{path} %" if percent else path
        shown = round(float(value) * (100 if percent else 1), decimals)
        self.displayed[key] = shown
        self.decimals[key] = decimals
        return shown

    def make_heading(self, text: str) -> Text:
        """The scene's heading at the heading size, centred across the frame's heading band
        with its top at the band's top (so headings do not move with their descenders)."""
        heading = theme.HEADING.fit(Text(text, font=theme.FONT, font_size=theme.TYPE.heading,
                                         color=self.palette.text))
        return heading.shift(UP * (theme.HEADING.top - heading.get_top()[1]))

    def allow_overlap(self, first, second) -> None:
        """Declare that text inside ``first`` may overlap text inside ``second`` on purpose
        (e.g. a value written over its own label); the layout check in the tests skips them."""
        self.overlap_allowed.append((first, second))

    def record_diagram(self, path: str, diagram) -> None:
        """Record the values a NetworkDiagram shows inside its neurons, as displayed; ``path``
        is the facts path of the activations it was drawn with (one list per layer)."""
        for layer, size in enumerate(diagram.layer_sizes):
            for i in range(size):
                label = diagram.label(layer, i)
                if isinstance(label, DecimalNumber):
                    self.show_value(f"{path}[{layer}][{i}]", label.get_value(), 2)

    def record_drawn(self, key: str, value: float) -> None:
        """Record a value drawn as a shape rather than written (a heatmap cell, a path's corner),
        for the scene's own tests."""
        self.drawn[key] = float(value)

    def number(self, path: str, value: float, decimals: int = 2, *, percent: bool = False,
               **kwargs) -> DecimalNumber:
        """A DecimalNumber for a value from the lecture data, recorded as displayed."""
        kwargs.setdefault("color", self.palette.text)
        return DecimalNumber(self.show_value(path, value, decimals, percent=percent),
                             num_decimal_places=decimals, **kwargs)

    def narrate(self, line: str, *animations: Animation, run_time: float | None = None,
                spoken: str | None = None) -> None:
        """Say ``line`` while playing ``animations``: the one place a step's length is decided.

        With a voice the step lasts the spoken line plus a breath, or the animation if that is
        longer, and the caption spans the speech; without one it lasts the time to read the
        line, all of it captioned. ``spoken`` says the line differently from how it is shown
        (otherwise the voice's pronunciation table turns the caption into speech).
        """
        take = _voice(line, spoken) if _voice is not None else None
        needed = snap(take.duration + BREATH) if take is not None else reading_time(line)
        anim_time = snap(run_time) if run_time is not None else min(needed, 2.0)
        total = max(needed, anim_time if animations else 0)
        speech = take.duration if take is not None else 0.0
        self.add_subcaption(line, duration=speech or total)
        self.narration.append(NarrationLine(self.time, total, line, speech, take, spoken))
        if animations:
            self.play(*animations, run_time=anim_time)
        rest = total - (anim_time if animations else 0)
        if rest > 1e-9:
            self.wait(snap(rest))


class LectureScene(LectureMixin, Scene):
    """A two-dimensional lecture scene."""


class LectureThreeDScene(LectureMixin, ThreeDScene):
    """A lecture scene with a 3-D camera (the loss surfaces)."""
