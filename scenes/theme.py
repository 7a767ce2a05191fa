"""Every colour, font size and stroke width the lecture draws with, in one place.

Colour carries meaning and means the same thing in every scene: each layer kind has its hue,
weight sign uses a colour-blind-safe blue/orange pair, gradients use one accent colour.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str          # secondary text, axes, inactive edges
    input: str          # input layer
    hidden: str         # hidden layers
    output: str         # output layer
    positive: str       # positive weight / class 1
    negative: str       # negative weight / class 0
    gradient: str       # gradients, deltas, the loss
    highlight: str      # the thing being talked about right now

    def of_weight(self, weight: float) -> str:
        """A weight's colour: its sign's (zero counts as positive)."""
        return self.positive if weight >= 0 else self.negative

    def of_class(self, label: int) -> str:
        """A class's colour: class 1 positive, class 0 negative."""
        return self.positive if label == 1 else self.negative


DARK = Palette(
    background="#0E1116",
    text="#ECEFF4",
    muted="#7A8290",
    input="#58C4DD",
    hidden="#83C167",
    output="#C59BE8",
    positive="#4A9FE8",
    negative="#F0913A",
    gradient="#FFD166",
    highlight="#F5F5F5",
)

# Every colour is also a text colour, so each reaches WCAG AA's 4.5:1 against the background
# (tests/test_theme.py): on a near-white that takes deep shades of green, orange and gold.
LIGHT = Palette(
    background="#FBFAF7",
    text="#1C1F24",
    muted="#6B7280",
    input="#1F78B4",
    hidden="#27804E",
    output="#7B3FA0",
    positive="#1F6FC5",
    negative="#B85500",
    gradient="#8F6A00",
    highlight="#000000",
)

PALETTES = {"dark": DARK, "light": LIGHT}

FONT = "DejaVu Sans"

# Font sizes (Manim units): nothing smaller than SMALL is readable at 854x480.
TITLE_SIZE = 64
HEADING_SIZE = 40
BODY_SIZE = 30
SMALL_SIZE = 22

STROKE = 3
THIN_STROKE = 1.5
# Network edges, weakest to strongest |w|: width and opacity grow so small weights fade, not vanish.
EDGE_WIDTH = (1.0, 5.0)
EDGE_OPACITY = (0.3, 1.0)

def named(name: str) -> Palette:
    """The palette called ``name`` (the config's ``lecture.theme``): a scene takes it from its
    context and hands it to the mobjects it draws, so no palette lives in a module global."""
    if name not in PALETTES:
        raise ValueError(f"unknown theme {name!r}; known: {', '.join(PALETTES)}")
    return PALETTES[name]


# -- Layout: the type scale and the frame's regions --------------------------------------------
# Scenes take sizes and places from here, so that one rule lays out every scene for any config.


@dataclass(frozen=True)
class TypeScale:
    """Text sizes (Manim font sizes for Text), largest to smallest."""
    title: float
    heading: float
    body: float
    small: float
    label: float        # the smallest text anywhere; still readable at 854x480


TYPE = TypeScale(title=TITLE_SIZE, heading=HEADING_SIZE, body=BODY_SIZE, small=SMALL_SIZE + 2,
                 label=SMALL_SIZE)

# Height of an "H" per point of font size, in frame units: TeX glyphs are smaller than the text
# font's at the same nominal size (measured from Text("H", font=FONT) and MathTex("H");
# tests/scenes/test_layout.py measures them again).
CAP_HEIGHT_PER_POINT = {"text": 0.010121, "math": 0.007088}
# No glyph on screen may be smaller than a TeX glyph at the type scale's smallest size: 14 px at
# 720p. Text's font draws larger than TeX at the same size, so a Text passes a little below it.
MIN_CAP_HEIGHT = TYPE.label * CAP_HEIGHT_PER_POINT["math"]


def math_size(text_size: float) -> float:
    """The MathTex font size whose glyphs are as tall as Text's at ``text_size``."""
    return text_size * CAP_HEIGHT_PER_POINT["text"] / CAP_HEIGHT_PER_POINT["math"]


@dataclass(frozen=True)
class Region:
    """A rectangle of the frame (frame units, origin at the centre) that a scene part fills."""
    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def center(self) -> tuple[float, float, float]:
        return ((self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0)

    def columns(self, n: int, gap: float = 0.3) -> list["Region"]:
        """``n`` side-by-side regions of equal width with ``gap`` between them."""
        width = (self.width - gap * (n - 1)) / n
        return [Region(self.left + k * (width + gap), self.left + k * (width + gap) + width,
                       self.bottom, self.top) for k in range(n)]

    def fit(self, mobject, buff: float = 0.0):
        """Scale ``mobject`` down (never up) until it fits inside, then centre it here."""
        scale = min(1.0, (self.width - 2 * buff) / max(mobject.width, 1e-9),
                    (self.height - 2 * buff) / max(mobject.height, 1e-9))
        return mobject.scale(scale).move_to(self.center)

    def clamp(self, mobject):
        """Shift ``mobject`` the least distance that brings it inside (if it is small enough)."""
        dx = max(self.left - mobject.get_left()[0], 0) - max(mobject.get_right()[0] - self.right, 0)
        dy = max(self.bottom - mobject.get_bottom()[1], 0) - max(mobject.get_top()[1] - self.top, 0)
        return mobject.shift([dx, dy, 0])


FRAME_HEIGHT = 8.0                                  # Manim's frame, 16:9
FRAME_WIDTH = FRAME_HEIGHT * 16 / 9
MARGIN = 0.35                                       # kept clear at every frame edge
FRAME = Region(-FRAME_WIDTH / 2 + MARGIN, FRAME_WIDTH / 2 - MARGIN, -FRAME_HEIGHT / 2 + MARGIN,
               FRAME_HEIGHT / 2 - MARGIN)
HEADING = Region(FRAME.left, FRAME.right, 2.95, FRAME.top)     # one heading line
CONTENT = Region(FRAME.left, FRAME.right, -3.1, 2.8)           # below the heading
LEFT_PANEL, RIGHT_PANEL = CONTENT.columns(2)
CAPTION_SAFE = Region(FRAME.left, FRAME.right, FRAME.bottom, -3.1)   # players draw subtitles here
