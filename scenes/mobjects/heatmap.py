"""A scalar field over a rectangle as a smooth heatmap, with a sequential colour ramp.

DecisionMap colours probabilities by class; this colours any scalar (a loss) from the first
colour of ``colors`` at the low end to the last at the high end. Like DecisionMap it is one
ImageMobject built from nnmath's grid and upscaled bilinearly, so it costs one image per frame.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (
    RESAMPLING_ALGORITHMS, UP, Group, ImageMobject, ManimColor, Rectangle, color_to_rgb,
)
from scipy.ndimage import zoom

UPSAMPLE = 6  # display pixels per grid cell


def ramp(fraction: np.ndarray, colors: Sequence[str]) -> np.ndarray:
    """RGB (..., 3) in [0, 1] for ``fraction`` in [0, 1], piecewise linear through ``colors``."""
    stops = np.array([color_to_rgb(c) for c in colors])
    position = np.clip(fraction, 0, 1) * (len(stops) - 1)
    low = np.minimum(np.floor(position).astype(int), len(stops) - 2)
    t = (position - low)[..., None]
    return stops[low] * (1 - t) + stops[low + 1] * t


class MapImage(ImageMobject):
    """An image whose pixels are data. Recolouring it (``Indicate`` or ``set_color`` on a group
    that holds it) would paint every pixel one colour, a solid block where the map should be,
    so it only ever takes the opacity."""

    def set_color(self, color=None, alpha=None, family: bool = True) -> "MapImage":
        if alpha is not None:
            self.set_opacity(alpha)
        return self


def _image(rgb: np.ndarray) -> MapImage:
    """An image from RGB rows that go up (grid order); image rows go down."""
    rgba = np.concatenate([rgb, np.ones(rgb.shape[:-1] + (1,))], axis=-1)
    image = MapImage((np.flipud(rgba) * 255).round().astype(np.uint8))
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
    return image


class Heatmap(Group):
    """``values`` (ny, nx, rows from y_min up) over ``bounds`` = (x0, x1, y0, y1), drawn
    ``width`` × ``height``; ``value_range`` (low, high) maps to the ends of ``colors``
    (default: the values' own range)."""

    def __init__(self, values: np.ndarray, bounds: Sequence[float], *, colors: Sequence[str],
                 width: float, height: float, value_range: tuple[float, float] | None = None,
                 frame_color: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        values = np.asarray(values, dtype=float)
        self.bounds = tuple(float(b) for b in bounds)
        self.value_range = value_range or (float(values.min()), float(values.max()))
        low, high = self.value_range
        fraction = (zoom(values, UPSAMPLE, order=1) - low) / max(high - low, 1e-12)
        self.image = _image(ramp(fraction, colors))
        self.image.stretch_to_fit_width(width).stretch_to_fit_height(height)
        self.frame = Rectangle(width=width, height=height, stroke_width=1.5,
                               color=frame_color or colors[-1])
        self.add(self.image, self.frame)

    def coords_to_point(self, x: float, y: float) -> np.ndarray:
        """Scene point of data coordinates (x, y)."""
        x0, x1, y0, y1 = self.bounds
        corner = self.frame.get_corner(np.array([-1, -1, 0]))
        return corner + np.array([(x - x0) / (x1 - x0) * self.frame.width,
                                  (y - y0) / (y1 - y0) * self.frame.height, 0])


def colorbar(colors: Sequence[str], width: float, height: float) -> Rectangle:
    """The ramp as a vertical bar, low at the bottom, to key a Heatmap: a vector rectangle
    with Cairo's linear gradient through the same evenly spaced stops, so that a 3-D scene
    can pin it to the frame."""
    bar = Rectangle(width=width, height=height, stroke_width=0)
    bar.set_fill([ManimColor(c) for c in colors], opacity=1)
    return bar.set_sheen_direction(UP)
