"""A network's output over the input plane as a smooth heatmap, with the data drawn on top.

The heatmap is an ImageMobject built from nnmath's grid (one pixel per grid cell, upscaled
bilinearly by Cairo), so changing epochs is a cheap pixel swap rather than thousands of squares.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.ndimage import zoom
from manim import (
    RESAMPLING_ALGORITHMS, Dot, Group, Rectangle, VGroup, color_to_rgb,
)

from scenes.mobjects.heatmap import MapImage


UPSAMPLE = 6  # display pixels per grid cell, so the 0.5 seam is a smooth line, not a staircase


def _class_rgba(values: np.ndarray, colors: tuple[str, str], background: str,
                opacity: float) -> np.ndarray:
    """P(class 1) → colour: class-0 hue below 0.5, class-1 hue above, fading towards the
    background near the boundary so the 0.5 line reads as a thin dark seam."""
    values = zoom(values, UPSAMPLE, order=1)
    c0, c1, bg = (np.array(color_to_rgb(c)) for c in (*colors, background))
    confidence = np.clip(np.abs(2 * values - 1) * 4, 0, 1)[..., None]
    hue = np.where(values[..., None] >= 0.5, c1, c0)
    rgb = bg + (hue - bg) * (0.35 + 0.65 * confidence) * opacity
    rgba = np.concatenate([rgb, np.ones_like(values)[..., None]], axis=-1)
    return (np.flipud(rgba) * 255).round().astype(np.uint8)  # grid rows go up, image rows go down


class DecisionMap(Group):
    """Heatmap of ``values`` (ny, nx, rows from y_min up) over ``bounds`` = (x0, x1, y0, y1)."""

    def __init__(self, values: np.ndarray, bounds: Sequence[float], *, colors: tuple[str, str],
                 background: str, frame_color: str, height: float = 4.0, opacity: float = 0.45,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.bounds = tuple(float(b) for b in bounds)
        self.colors = colors
        self.background = background
        self.opacity = opacity
        x0, x1, y0, y1 = self.bounds
        self.map_height = height
        self.map_width = height * (x1 - x0) / (y1 - y0)
        self.image = self._make_image(values)
        self.frame = Rectangle(width=self.map_width, height=self.map_height, color=frame_color,
                               stroke_width=1.5)
        self.add(self.image, self.frame)

    def _make_image(self, values: np.ndarray) -> MapImage:
        image = MapImage(_class_rgba(np.asarray(values, float), self.colors, self.background,
                                         self.opacity))
        image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        image.stretch_to_fit_width(self.map_width).stretch_to_fit_height(self.map_height)
        return image

    def coords_to_point(self, x: float, y: float) -> np.ndarray:
        """Scene point of data coordinates (x, y)."""
        x0, x1, y0, y1 = self.bounds
        corner = self.frame.get_corner(np.array([-1, -1, 0]))
        return corner + np.array([(x - x0) / (x1 - x0) * self.map_width,
                                  (y - y0) / (y1 - y0) * self.map_height, 0])

    def image_for(self, values: np.ndarray) -> MapImage:
        """A new heatmap image in place of the current one (to fade or transform into)."""
        return self._make_image(values).move_to(self.image)

    def dots(self, X: np.ndarray, y: np.ndarray, *, radius: float = 0.045,
             hollow: bool = False) -> VGroup:
        """The samples as dots coloured by class; test samples hollow."""
        return VGroup(*(
            Dot(self.coords_to_point(*point), radius=radius,
                fill_color=self.background if hollow else self.colors[int(label)],
                fill_opacity=1, stroke_color=self.colors[int(label)] if hollow else self.background,
                stroke_width=1.5 if hollow else 0.8)
            for point, label in zip(X, y)
        ))
