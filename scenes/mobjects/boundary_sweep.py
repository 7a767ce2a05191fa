"""A decision map that runs through training, and the key to its dots.

nnmath samples the network's grid at a few dozen epochs; the sweep draws the map at any epoch in
between by blending the two sampled heatmaps around it (evenly in log(1 + epoch), as the loss
plot's tip moves) and showing the 0.5 line of the nearer one, so the boundary bends instead of
jumping, and each frame costs a pixel blend rather than a new image.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import RIGHT, Dot, Text, VGroup, VMobject

from scenes import theme
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.landscape import ContourLines


class BoundarySweep:
    """nnmath's ``grids`` at ``epochs`` (ascending, at least two) over ``bounds``: ``map``, a
    DecisionMap as large as ``width`` x ``height`` holds, the middle of its top at ``top`` and
    first at the first grid, and ``boundary``, the line to add to the scene."""

    def __init__(self, epochs: Sequence[int], grids: Sequence, bounds: Sequence[float], *,
                 width: float, height: float, top: tuple[float, float],
                 palette: theme.Palette) -> None:
        p = palette
        x0, x1, y0, y1 = bounds
        height = min(height, width * (y1 - y0) / (x1 - x0))
        self.map = DecisionMap(grids[0].values, bounds, colors=(p.negative, p.positive),
                               background=p.background, frame_color=p.muted, height=height)
        self.map.move_to([top[0], top[1] - height / 2, 0])
        self.epochs, self.grids = list(epochs), list(grids)
        self.pixels = [self.map.image_for(grid.values).pixel_array for grid in self.grids]
        self.lines = [ContourLines(grid, [0.5], self.map.coords_to_point, [p.highlight],
                                   stroke_width=2.5) for grid in self.grids]
        self.boundary = VMobject(stroke_color=p.highlight, stroke_width=2.5)
        self.shown: set[int] = set()

    def show(self, epoch: float) -> list[tuple[int, object]]:
        """Draw the map and its boundary at ``epoch``; the (epoch, grid) of each sampled grid
        drawn for the first time (blended in), for the scene to record."""
        k = min(max(int(np.searchsorted(self.epochs, epoch, side="right")) - 1, 0),
                len(self.epochs) - 2)
        low, high = self.epochs[k], self.epochs[k + 1]
        share = float(np.clip((np.log1p(epoch) - np.log1p(low))
                              / (np.log1p(high) - np.log1p(low)), 0, 1))
        blend = (1 - share) * self.pixels[k] + share * self.pixels[k + 1]
        self.map.image.pixel_array = np.rint(blend).astype(np.uint8)
        drawn = {k, k + 1} if 0 < share < 1 else {k + round(share)}
        new = sorted(drawn - self.shown)
        self.shown |= drawn
        line = self.lines[k + round(share)]
        self.boundary.set_points(line[0].points if len(line) else np.zeros((0, 3)))
        return [(self.epochs[index], self.grids[index]) for index in new]


def dot_legend(entries: Sequence[tuple[bool, str]], *, palette: theme.Palette) -> VGroup:
    """A row of (hollow, words) entries keying a map's filled training dots and hollow test
    dots, each a dot in the text colour before its words in the muted one."""
    p = palette
    return VGroup(*(VGroup(Dot(radius=0.07, fill_color=p.background if hollow else p.text,
                               fill_opacity=1, stroke_color=p.text, stroke_width=1.5),
                           Text(words, font=theme.FONT, font_size=theme.TYPE.small, color=p.muted)
                           ).arrange(RIGHT, buff=0.15)
                    for hollow, words in entries)).arrange(RIGHT, buff=0.6)
