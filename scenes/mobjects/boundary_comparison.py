"""Two networks' decision maps compared in one place: a linear network's and the lecture
network's, shown one after the other on the same spot at the content's left, each with its 0.5
boundary and the training data on top; beside them the map's title and its test accuracy, a
readout that counts from one network's accuracy to the other's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from manim import DOWN, LEFT, DecimalNumber, Group, Mobject, Text

from scenes import theme
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.landscape import ContourLines

MAP_WIDTH = 8.6      # at most, leaving the right of the content for the titles
SIDE_GAP = 0.6       # between the map and the titles
TITLE_Y = 1.6


class BoundaryComparison(Group):
    """``maps[key]`` (a Group holding a DecisionMap) and ``bounds[key]`` (its 0.5 contour) for
    each of ``grids`` (key -> nnmath prediction grid, the first shown first), ``dots`` the
    samples ``X``, ``y`` on the first map, ``titles[key]`` from ``names``, "test accuracy" and
    ``accuracy`` (showing the first key's of ``accuracies``, percent as displayed). The scene
    animates the pieces; the group is for layout only."""

    def __init__(self, grids: Mapping[str, Any], X, y, names: Mapping[str, str],
                 accuracies: Mapping[str, float], *, palette: theme.Palette,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        p, first = palette, next(iter(grids))
        self.maps = {key: self._map(grid, p) for key, grid in grids.items()}
        self.dots = self.maps[first][0].dots(X, y, radius=0.05)
        self.bounds = {key: ContourLines(grid, [0.5], self.maps[key][0].coords_to_point,
                                         [p.highlight], stroke_width=4)
                       for key, grid in grids.items()}
        self.titles = {key: Text(names[key], font=theme.FONT, font_size=theme.TYPE.body,
                                 color=p.text) for key in grids}
        side_x = self.maps[first][0].get_right()[0] + SIDE_GAP
        for title in self.titles.values():
            title.move_to([side_x, TITLE_Y, 0], aligned_edge=LEFT)
        self.accuracy_label = Text("test accuracy", font=theme.FONT, font_size=theme.TYPE.small,
                                   color=p.muted)
        self.accuracy_label.next_to(self.titles[first], DOWN, buff=0.5, aligned_edge=LEFT)
        self.accuracy = DecimalNumber(accuracies[first], num_decimal_places=1, unit=r"\%",
                                      font_size=theme.math_size(theme.TYPE.heading), color=p.text)
        self.accuracy.next_to(self.accuracy_label, DOWN, buff=0.25, aligned_edge=LEFT)
        self.add(*self.maps.values(), self.dots, *self.bounds.values(), *self.titles.values(),
                 self.accuracy_label, self.accuracy)

    @staticmethod
    def _map(grid, palette: theme.Palette) -> Group:
        """The map of ``grid`` at the content's left, as tall as the content allows."""
        area = theme.CONTENT
        dmap = DecisionMap(grid.values, (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]),
                           colors=(palette.negative, palette.positive),
                           background=palette.background, frame_color=palette.muted,
                           height=area.height - 0.3)
        if dmap.width > MAP_WIDTH:
            dmap.scale_to_fit_width(MAP_WIDTH)
        return Group(dmap.move_to([area.left + dmap.width / 2 + 0.2, area.center[1], 0]))

    def below_accuracy(self, note: Mobject) -> Mobject:
        """Put ``note`` under the accuracy readout."""
        return note.next_to(self.accuracy, DOWN, buff=0.4, aligned_edge=LEFT)

    def image_over(self, key: str, under: str) -> Mobject:
        """Map ``key``'s heatmap moved over map ``under``'s, transparent (to fade in there)."""
        return self.maps[key][0].image.move_to(self.maps[under][0].image).set_opacity(0)
