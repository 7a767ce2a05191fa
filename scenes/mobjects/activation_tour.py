"""The activation functions side by side on one gridded plot, as the activations chapter tours
them: the axes with their grid and numbers, the formulas placed where no curve goes, a sweep
that slides z along every curve at once with live readouts, and a point marked with its
guides to both axes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UL, Axes, DashedLine, DecimalNumber, Dot, Line, MathTex, Mobject,
    ValueTracker, VGroup, VMobject,
)

from scenes import theme
from scenes.notation import ACTIVATION_SYMBOL

NUMBER_SIZE = theme.math_size(theme.TYPE.label)   # the axes' numbers
LEGEND_GAP = 0.3     # between the formulas and the axes, their numbers and the curves
RIGHT_SIDE = {"sigmoid": r"\frac{1}{1 + e^{-z}}", "tanh": r"\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
              "relu": r"\max(0,\, z)", "leaky_relu": r"\max(\alpha z,\, z)"}


class TourAxes(VGroup):
    """``grid``, ``axes`` and ``numbers`` (in that order): axes over ``z_range`` filling
    ``region``, y from ``y_range[0]`` to ``y_range[1]`` with a faint grid line and a number
    (at ``decimals``) every ``y_step``, and every whole z."""

    def __init__(self, z_range: Sequence[float], y_range: Sequence[float], y_step: float,
                 region: theme.Region, *, palette: theme.Palette, decimals: int = 0,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        p = palette
        z0, z1 = self.z_range = tuple(z_range)
        axes = self.axes = Axes(
            x_range=[z0, z1, 1], y_range=[*y_range, y_step], x_length=region.width - 0.6,
            y_length=region.height - 0.3, tips=False,
            axis_config={"color": p.muted, "stroke_width": 2, "include_ticks": False})
        axes.move_to(region.center)
        zs = range(int(z0), int(z1) + 1)
        ys = np.arange(np.ceil(y_range[0] / y_step) * y_step, y_range[1] + 1e-9, y_step)
        self.grid = VGroup(*(Line(axes.c2p(z, y_range[0]), axes.c2p(z, y_range[1])) for z in zs),
                           *(Line(axes.c2p(z0, y), axes.c2p(z1, y)) for y in ys))
        self.grid.set_stroke(p.muted, width=1, opacity=0.22)
        self.numbers = VGroup(
            *(MathTex(f"{z:g}", font_size=NUMBER_SIZE, color=p.muted)
              .next_to(axes.c2p(z, 0), DOWN + LEFT * (z == 0), buff=0.1) for z in zs if z != 0),
            *(MathTex(f"{y:.{decimals}f}", font_size=NUMBER_SIZE, color=p.muted)
              .next_to(axes.c2p(0, y), LEFT, buff=0.12) for y in ys if abs(y) > 1e-9))
        self.add(self.grid, self.axes, self.numbers)

    def curve(self, fn: Callable, color: str, span: Sequence[float] | None = None,
              width: float = 4) -> VMobject:
        """``fn`` (numpy in, numpy out) drawn over ``span`` (default: the whole z range)."""
        return self.axes.plot(lambda z: float(fn(np.array(z))),
                              x_range=[*(span or self.z_range), 0.02], color=color,
                              stroke_width=width)

    def mark(self, z: float, y: float, *, palette: theme.Palette) -> VGroup:
        """The point (z, y) as a dot, with dashed guides down to the z axis and across to the
        y axis."""
        axes, point = self.axes, self.axes.c2p(z, y)
        return VGroup(DashedLine(axes.c2p(z, 0), point, color=palette.muted, stroke_width=2),
                      DashedLine(axes.c2p(0, y), point, color=palette.muted, stroke_width=2),
                      Dot(point, radius=0.08, color=palette.gradient))


def formula(name: str, color: str, font_size: float) -> VGroup:
    """Activation ``name``'s formula in two parts, "g(z) =" and its right-hand side (where the
    sweep shows g's value)."""
    return VGroup(*(MathTex(tex, font_size=font_size, color=color)
                    for tex in (ACTIVATION_SYMBOL[name] + "(z) =", RIGHT_SIDE[name]))
                  ).arrange(RIGHT, buff=0.15)


def place_legend(axes: Axes, top_line: Mobject, rows: Sequence[VGroup]) -> None:
    """The formulas ``rows`` (σ, tanh, ReLU, leaky ReLU) where no curve goes (every one rises
    from left to right): the first two in the axes' upper left, above g = 1 and left of the y
    axis's numbers, with ``top_line`` above them; the ReLUs' in the lower right, below the z
    axis's numbers."""
    origin = axes.c2p(0, 0)
    upper = VGroup(top_line, *rows[:2]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    _place(upper, axes.get_left()[0] + LEGEND_GAP, origin[0] - 0.3 - LEGEND_GAP,
           axes.get_top()[1] - 0.1, axes.c2p(0, 1)[1] + LEGEND_GAP)
    lower = VGroup(*rows[2:]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    _place(lower, origin[0] + LEGEND_GAP, axes.get_right()[0] - LEGEND_GAP,
           origin[1] - 0.45, axes.get_bottom()[1])


def _place(block: VGroup, left: float, right: float, top: float, bottom: float) -> None:
    """Fit ``block`` into the box (scaled down only), at its top left."""
    block.scale(min(1.0, (right - left) / block.width, (top - bottom) / block.height))
    block.move_to([left, top, 0], aligned_edge=UL)


class Sweep(VGroup):
    """z (the tracker ``z``, from ``start``) swept along every curve of ``axes``: a vertical
    ``marker`` line, a dot on each curve (``dots``), each function's value where its formula's
    right-hand side was (``values``, over ``rows[k][1]``), and "z = …" at ``anchor``'s left
    (``z_row``). The group holds the marker, the dots and z's row; ``stop`` freezes them all."""

    def __init__(self, axes: Axes, functions: Sequence[Callable], colors: Sequence[str],
                 rows: Sequence[VGroup], anchor: Mobject, start: float, *, font_size: float,
                 palette: theme.Palette, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        z = self.z = ValueTracker(start)
        y0, y1 = axes.y_range[:2]

        def follow(line: Line) -> None:
            """Down to just below the lowest output (clear of the ReLUs' formulas)."""
            at = z.get_value()
            low = min(0.0, *(float(fn(np.array(at))) for fn in functions)) - 0.3
            line.put_start_and_end_on(axes.c2p(at, max(low, y0)), axes.c2p(at, y1))

        self.marker = Line(axes.c2p(0, y0), axes.c2p(0, y1), color=palette.muted,
                           stroke_width=1.5).add_updater(follow)
        self.dots = VGroup(*(Dot(radius=0.08, color=color) for color in colors))
        self.dots.add_updater(lambda group: [
            dot.move_to(axes.c2p(z.get_value(), float(fn(np.array(z.get_value())))))
            for dot, fn in zip(group, functions)])
        self.values = VGroup(*(DecimalNumber(0, num_decimal_places=2, font_size=font_size,
                                             color=color) for color in colors))
        for value, row, fn in zip(self.values, rows, functions):
            value.move_to(row[1], aligned_edge=LEFT)
            value.add_updater(lambda m, fn=fn: m.set_value(float(fn(np.array(z.get_value())))))
        self.z_row = VGroup(MathTex("z =", font_size=font_size, color=palette.text),
                            DecimalNumber(z.get_value(), num_decimal_places=2,
                                          font_size=font_size, color=palette.text))
        self.z_row.arrange(RIGHT, buff=0.15).move_to(anchor, aligned_edge=LEFT)
        self.z_row[1].add_updater(lambda m: m.set_value(z.get_value()))
        for part in (self.marker, self.dots, *self.values):
            part.update()
        self.add(self.marker, self.dots, self.z_row)

    def stop(self) -> None:
        """The marker, dots and readouts stay where they are."""
        for part in (self.marker, self.dots, *self.values, self.z_row[1]):
            part.clear_updaters()
