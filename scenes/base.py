"""What every lecture scene shares: the theme's background, the lecture data, and narration.

Narration lines become Manim subcaptions, so a rendered scene comes with an ``.srt`` beside it;
they are also kept on the scene (``narration``) with each caption word's time, for word-timed
captions and transcripts. ``narrate`` starts each animation on the word it shows (``on``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from manim import (UP, Animation, AnimationGroup, DecimalNumber, MovingCameraScene, Succession,
                   Text, ThreeDScene, Wait, config)

from nnmath.errors import NNLectureError
from scenes import theme
from scenes.copies import share_parsed_paths

FPS_GRID = 15               # run times are multiples of 1/15 s so captions stay in step at any fps
WORDS_PER_SECOND = 2.6      # a calm speaking pace, for a lecture without a voice
BREATH = 0.4                # seconds of quiet after each spoken line
READABLE_CPS = 20           # a step lasts at least as long as its caption takes to read
CUE_RUN_TIME = (0.5, 2.5)   # an animation without its own run time lasts this long at least/most

Words = tuple[tuple[str, float, float], ...]

share_parsed_paths()   # every lecture scene, under the renderer or plain manim


class CueError(NNLectureError, ValueError):
    """A cue names a word or phrase that its narration line does not contain."""


@dataclass(frozen=True)
class LectureContext:
    """Everything a scene takes from outside it, handed to its render in one object: the config,
    the lecture's numbers built from it (once per config per render, by the caller), and the
    voice (None: a captions-only lecture). ``voice.speak(line, spoken)`` returns the take of a
    caption line (its ``duration`` in seconds and ``wav``), or None;
    ``voice.timed_words(line, spoken, take)`` each caption word with its (start, end) in the take.
    """
    config: object
    data: object
    voice: object = None

    @property
    def theme(self) -> str:
        return self.config.lecture.theme

    @classmethod
    def build(cls, config=None, voice=None) -> LectureContext:
        """The context of ``config`` (None: the defaults), its numbers built by nnmath."""
        from nnmath.config import load_config
        from nnmath.lecture_data import LectureData

        config = config if config is not None else load_config(None)
        return cls(config, LectureData.build(config), voice)


def frame_grid() -> int:
    """Steps of the run-time grid per second: 15 where the frame rate is a multiple of 15 (so
    captions stay in step at every quality), else the frame rate itself (draft's 10 fps), so
    that every run time is a whole number of frames and the voice never drifts off the video."""
    fps = round(config.frame_rate)
    return FPS_GRID if fps % FPS_GRID == 0 else fps


def snap(seconds: float) -> float:
    """Round a duration up to the run-time grid."""
    grid = frame_grid()
    return math.ceil(round(seconds * grid, 6)) / grid


def nearest_frame(seconds: float) -> float:
    """The time of the frame nearest ``seconds`` at the render's frame rate."""
    return round(seconds * config.frame_rate) / config.frame_rate


def reading_time(line: str) -> float:
    """How long a narration line needs on screen to be read or said aloud."""
    return snap(len(line.split()) / WORDS_PER_SECOND + 0.5)


def proportional_words(line: str, speech: float) -> Words:
    """The caption words of ``line`` spread over ``speech`` seconds in proportion to their
    characters (a line without a voice, or a take without word timings)."""
    words = line.split()
    weights = [len(word) + 1 for word in words]
    total, start, timed = sum(weights) or 1, 0.0, []
    for word, weight in zip(words, weights):
        end = start + speech * weight / total
        timed.append((word, start, end))
        start = end
    return tuple(timed)


def _normal(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


def find_phrase(words: list[str], phrase: str, after: int) -> int | None:
    """Index of the first caption word of ``phrase`` in ``words`` at or after ``after``,
    comparing whole words without case or punctuation; None when it is not there."""
    wanted = [_normal(part) for part in phrase.split() if _normal(part)]
    plain = [_normal(word) for word in words]
    for start in range(after, len(plain) - len(wanted) + 1):
        if wanted and plain[start:start + len(wanted)] == wanted:
            return start
    return None


@dataclass(frozen=True)
class Cue:
    """Animations that start on a word or phrase of their narration line (see ``on``)."""
    phrase: str
    animations: tuple
    run_time: float | None = None


def on(phrase: str, *animations: Animation, run_time: float | None = None) -> Cue:
    """Start ``animations`` on the frame nearest the first word of ``phrase`` in the line being
    narrated; they last ``run_time`` or until the next cue (the last: until the speech ends)."""
    if not animations:
        raise ValueError(f"the cue {phrase!r} has no animation")
    return Cue(phrase, animations, run_time)


@dataclass(frozen=True)
class NarrationLine:
    start: float        # scene time at which the step begins (frame-exact)
    duration: float     # the whole step
    text: str           # the caption
    speech: float = 0.0  # seconds of speech (0 without a voice)
    take: object = None  # the voice's take (its ``wav``), None without a voice
    say: str | None = None  # how the line is said when that differs from its caption
    words: Words = ()   # each caption word with its (start, end) in scene time
    timed: bool = False  # whether ``words`` come from the voice's word timings
    cues: tuple = ()    # (phrase, scene time its animations start) per cue


@dataclass(frozen=True)
class _Timed:
    """One group of a step's animations on the step's own clock."""
    start: float
    animations: tuple
    run_time: float


class LectureMixin:
    """What makes a Manim scene a lecture scene: themed background, ``narrate`` for captioned
    steps, and a record of every number shown. Mixed into Scene and ThreeDScene below."""

    def __init__(self, context: LectureContext | None = None, **kwargs) -> None:
        """``context``: what the scene renders from, handed in by the renderer; without one
        (plain ``manim``), the default config's, with its numbers built here."""
        self.context = context if context is not None else LectureContext.build()
        self.palette = theme.named(self.context.theme)
        super().__init__(**kwargs)

    @property
    def data(self):
        """The lecture's numbers: the context's, never a copy of them."""
        return self.context.data

    def setup(self) -> None:
        super().setup()
        self.camera.background_color = self.palette.background
        self.narration: list[NarrationLine] = []
        self.overlap_allowed: list[tuple] = []   # text pairs allowed to overlap (allow_overlap)
        self.displayed: dict[str, float] = {}   # facts path -> the number as shown
        self.decimals: dict[str, int] = {}       # facts path -> its decimals on screen
        self.drawn: dict[str, float] = {}        # values drawn as shapes (heatmaps, paths)
        self.arithmetic: list[dict] = []         # sums and products shown (record_arithmetic)

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

    def record_arithmetic(self, kind: str, operands, result: float, decimals: int, *,
                          approximate: bool = False) -> None:
        """Record a sum or product shown with its result, all values as displayed, so that a
        test can check that the shown terms give the shown result at its decimals (with
        ``approximate``, the screen writes "≈" and the terms' own rounding is allowed)."""
        if kind not in ("sum", "product"):
            raise ValueError(f"unknown arithmetic {kind!r}: 'sum' or 'product'")
        self.arithmetic.append({"kind": kind, "operands": [float(v) for v in operands],
                                "result": float(result), "decimals": decimals,
                                "approximate": approximate})

    def narrate(self, line: str, *animations: Animation | Cue, run_time: float | None = None,
                spoken: str | None = None) -> None:
        """Say ``line`` while playing ``animations``: the one place a step's length is decided.

        Plain animations start with the line and last ``run_time`` (default: until the first
        cue, at most 2 s); those wrapped in ``on(phrase, ...)`` start on the frame nearest
        their phrase's first word, from the voice's word timings (without a voice, in
        proportion to the characters). The step lasts the spoken line plus a breath, or until
        its last animation ends if that is later; the caption spans the speech. ``spoken`` says
        the line differently from how it is shown.
        """
        voice = self.context.voice
        take = voice.speak(line, spoken) if voice is not None else None
        if take is not None:
            needed = snap(max(take.duration + BREATH, len(line) / READABLE_CPS))
            speech = take.duration
            words = tuple(voice.timed_words(line, spoken, take))
        else:
            needed, speech = reading_time(line), 0.0
            words = proportional_words(line, needed - 0.5)
        timeline, cues = self._timeline(line, words, animations, run_time,
                                        speech or needed - 0.5)
        last = max((group.start + group.run_time for group in timeline), default=0.0)
        total = max(needed, snap(last))
        self.add_subcaption(line, duration=speech or total)
        begin = self.time
        self.narration.append(NarrationLine(
            begin, total, line, speech, take, spoken,
            words=tuple((word, begin + a, begin + b) for word, a, b in words),
            timed=take is not None and bool(getattr(take, "words", None)),
            cues=tuple((phrase, begin + start) for phrase, start in cues)))
        if timeline:
            self.play(_schedule(timeline, snap(last)))
        rest = total - (snap(last) if timeline else 0.0)
        if rest > 1e-9:
            self.wait(snap(rest))

    def _timeline(self, line: str, words: Words, animations, run_time: float | None,
                  speech: float) -> tuple[list[_Timed], list[tuple[str, float]]]:
        """The step's animation groups with their starts and run times, and each cue's phrase
        with its start (step seconds)."""
        plain = tuple(a for a in animations if not isinstance(a, Cue))
        cues = [a for a in animations if isinstance(a, Cue)]
        texts = [word for word, _, _ in words]
        starts, after = [], 0
        for cue in cues:
            index = find_phrase(texts, cue.phrase, after)
            if index is None:
                raise CueError(f"scene {type(self).__name__}: cue {cue.phrase!r} is not in the "
                               f"line {line!r}")
            starts.append(nearest_frame(words[index][1]))
            after = index + 1
        ends = starts[1:] + [speech]
        timeline = []
        if plain:
            until = starts[0] if starts else min(speech, 2.0)
            own = snap(run_time if run_time is not None else min(max(until, CUE_RUN_TIME[0]), 2.0))
            timeline.append(_Timed(0.0, plain, own))
        for cue, start, end in zip(cues, starts, ends):
            lasting = cue.run_time if cue.run_time is not None else \
                min(max(end - start, CUE_RUN_TIME[0]), CUE_RUN_TIME[1])
            timeline.append(_Timed(start, cue.animations, snap(lasting)))
        return timeline, [(cue.phrase, start) for cue, start in zip(cues, starts)]


def _schedule(timeline: list[_Timed], length: float) -> Animation:
    """One animation of ``length`` seconds that starts each group at its time: a Succession per
    group (a wait, then the group) so that a fade-in's mobject appears only when it begins."""
    tracks = []
    for group in timeline:
        body = AnimationGroup(*group.animations, run_time=group.run_time)
        if group.start > 1e-9:
            # a hair early, so float rounding never pushes the start to the next frame
            lead = group.start - 1e-3 / config.frame_rate
            tracks.append(Succession(Wait(lead), body))
        else:
            tracks.append(body)
    return AnimationGroup(*tracks, run_time=length)


class LectureScene(LectureMixin, MovingCameraScene):
    """A two-dimensional lecture scene; ``self.camera.frame`` moves and zooms the view."""


class LectureThreeDScene(LectureMixin, ThreeDScene):
    """A lecture scene with a 3-D camera (the loss surfaces)."""
