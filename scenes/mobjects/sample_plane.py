"""The data set's points in a framed square of the input plane, one sample ringed: where the
numbers fed to a network come from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import Circle, Dot, Rectangle, VGroup

from scenes import theme


class SamplePlane(VGroup):
    """Points ``X`` (n, 2) coloured by class ``y`` inside ``bounds`` = (x0, x1, y0, y1), drawn
    ``height`` tall; ``sample`` (two coordinates) is drawn bright and ringed."""

    def __init__(self, X: np.ndarray, y: np.ndarray, bounds: Sequence[float],
                 sample: Sequence[float], *, height: float, palette: theme.Palette,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        p = palette
        self.bounds = tuple(float(b) for b in bounds)
        x0, x1, y0, y1 = self.bounds
        self.frame = Rectangle(width=height * (x1 - x0) / (y1 - y0), height=height,
                               color=p.muted, stroke_width=theme.THIN_STROKE)
        colors = (p.negative, p.positive)
        self.dots = VGroup(*(Dot(self._at(point), radius=0.05, color=colors[int(label)],
                                   fill_opacity=0.8) for point, label in zip(X, y)))
        self.sample = Dot(self._at(sample), radius=0.08, color=p.highlight)
        self.ring = Circle(radius=0.2, color=p.gradient, stroke_width=theme.STROKE).move_to(
            self.sample)
        self.add(self.frame, self.dots, self.sample, self.ring)

    def _at(self, point: Sequence[float]) -> np.ndarray:
        x0, x1, y0, y1 = self.bounds
        corner = self.frame.get_corner(np.array([-1, -1, 0]))
        return corner + np.array([(point[0] - x0) / (x1 - x0) * self.frame.width,
                                  (point[1] - y0) / (y1 - y0) * self.frame.height, 0])
