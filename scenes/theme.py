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

_active = DARK


def palette() -> Palette:
    """The palette scenes draw with; set once per render by ``use``."""
    return _active


def use(name: str) -> Palette:
    """Select the dark or light palette for the scenes rendered in this process."""
    global _active
    if name not in PALETTES:
        raise ValueError(f"unknown theme {name!r}; known: {', '.join(PALETTES)}")
    _active = PALETTES[name]
    return _active
