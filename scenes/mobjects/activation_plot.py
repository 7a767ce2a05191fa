"""An activation function g(z) on numbered axes, with a point that rides the curve to a given z:
the picture of a neuron squashing its weighted sum into its output. Also the plot laid out with
its readouts (z and a) in a region, and the small unnumbered sketch of g's shape."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UL, UP, Animation, AnimationGroup, Axes, Create, DashedLine, Dot, FadeIn,
    MathTex, Triangle, ValueTracker, VGroup,
)

from scenes import theme

Z_RANGE = (-6.0, 6.0)
Z_STEP = 2.0
READOUT_GAP = 0.12     # the readouts' margin inside the plot's corner


def _tick_step(span: float) -> float:
    """0.5 for a bounded activation (σ, tanh), else 1."""
    return 0.5 if span <= 2.0 + 1e-9 else 1.0


class ActivationPlot(VGroup):
    """``fn`` over z in [-6, 6] on axes ``width`` × ``height``, its y axis from the curve's
    ``lowest`` to ``highest`` value widened to whole ticks. ``z`` (a ValueTracker) places a dot
    on the curve, dashed guides down to the z axis and across to the g axis, and a marker on the
    z axis; ``ride(z)`` moves them."""

    def __init__(self, fn: Callable[[float], float], lowest: float, highest: float, symbol: str,
                 *, width: float, height: float, start: float = 0.0, curve_color: str,
                 axis_color: str, accent: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fn = fn
        step = _tick_step(highest - lowest)
        low, high = math.floor(lowest / step - 1e-9) * step, math.ceil(highest / step - 1e-9) * step
        number_size = theme.math_size(theme.TYPE.label)
        self.axes = Axes(
            x_range=[*Z_RANGE, Z_STEP / 2], y_range=[low, high, step], x_length=width,
            y_length=height, tips=False,
            axis_config={"color": axis_color, "stroke_width": theme.THIN_STROKE + 0.5,
                         "font_size": number_size},
            x_axis_config={"numbers_to_include": [z for z in np.arange(Z_RANGE[0], Z_RANGE[1] + 1,
                                                                         Z_STEP) if z != 0],
                           "decimal_number_config": {"num_decimal_places": 0,
                                                     "color": axis_color}},
            y_axis_config={"numbers_to_include": self._y_numbers(low, high, step),
                           "decimal_number_config": {"num_decimal_places": 1 if step < 1 else 0,
                                                     "color": axis_color}},
        )
        label_size = theme.math_size(theme.TYPE.small)
        self.z_label = MathTex("z", font_size=label_size, color=axis_color).next_to(
            self.axes.x_axis.get_right(), RIGHT, buff=0.15)
        self.g_label = MathTex(f"{symbol}(z)", font_size=label_size, color=axis_color).next_to(
            self.axes.y_axis.get_top(), UP, buff=0.15)
        self.curve = self.axes.plot(lambda z: float(fn(z)), x_range=list(Z_RANGE),
                                    color=curve_color, stroke_width=theme.STROKE + 1)
        self.z = ValueTracker(start)
        self.marker, self.dot, self.up, self.across = self._rider(accent)
        self.add(self.axes, self.z_label, self.g_label, self.curve)

    @staticmethod
    def _y_numbers(low: float, high: float, step: float) -> list[float]:
        """The y axis's numbers: its ends and 0, or every other tick on a long axis."""
        ticks = np.arange(low, high + step / 2, step)
        every = 1 if len(ticks) <= 5 else 2
        return [float(t) for t in ticks[::every] if abs(t) > 1e-9 or low < 0]

    def y_numbers_left(self) -> float:
        """The left edge of the y axis's numbers (of the axis itself when it has none)."""
        numbers = getattr(self.axes.y_axis, "numbers", None)
        return (numbers if numbers is not None and len(numbers) else self.axes.y_axis).get_left()[0]

    def point(self, z: float) -> np.ndarray:
        """The curve's point at ``z`` (clipped to the plotted range)."""
        z = float(np.clip(z, *Z_RANGE))
        return self.axes.c2p(z, float(self.fn(z)))

    def foot(self, z: float) -> np.ndarray:
        """Where ``z`` lies on the z axis."""
        return self.axes.c2p(float(np.clip(z, *Z_RANGE)), 0)

    def free_corner(self, width: float, height: float) -> np.ndarray | None:
        """The highest top-left corner of a ``width`` × ``height`` box in the plot's upper left
        that keeps clear of the y axis, its numbers and the curve; None if there is none."""
        axes = self.axes
        left = axes.get_left()[0] + READOUT_GAP
        if left + width > axes.y_axis.get_center()[0] - READOUT_GAP:
            return None
        numbers = getattr(axes.y_axis, "numbers", None) or []
        boxes = [(n.get_left()[0], n.get_bottom()[1], n.get_right()[0], n.get_top()[1])
                 for n in numbers]
        curve = [self.point(z) for z in np.linspace(axes.x_range[0], 0, 121)]
        top = axes.get_top()[1] - 0.05
        while top - height > axes.get_center()[1]:
            x0, y0, x1, y1 = left - 0.1, top - height - 0.15, left + width + 0.1, top + 0.1
            clear = all(bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1 for bx0, by0, bx1, by1 in boxes)
            if clear and all(not (x0 <= x <= x1 and y0 <= y <= y1) for x, y, _ in curve):
                return np.array([left, top, 0.0])
            top -= 0.05
        return None

    def _rider(self, accent: str) -> tuple[Triangle, Dot, DashedLine, DashedLine]:
        axes, z = self.axes, self.z
        marker = Triangle(color=accent, fill_opacity=1, stroke_width=0).scale(0.09)
        marker.add_updater(lambda m: m.move_to(self.foot(z.get_value()) + DOWN * 0.12))
        dot = Dot(radius=0.09, color=accent)
        dot.add_updater(lambda m: m.move_to(self.point(z.get_value())))
        up = DashedLine(self.foot(0), self.point(0), color=accent, stroke_width=2)
        across = DashedLine(self.point(0), axes.c2p(0, float(self.fn(0.0))), color=accent,
                            stroke_width=2)

        def redraw_up(line):
            line.become(DashedLine(self.foot(z.get_value()), self.point(z.get_value()),
                                   color=accent, stroke_width=2))

        def redraw_across(line):
            value = float(self.fn(float(np.clip(z.get_value(), *Z_RANGE))))
            line.become(DashedLine(self.point(z.get_value()), axes.c2p(0, value), color=accent,
                                   stroke_width=2))

        up.add_updater(redraw_up)
        across.add_updater(redraw_across)
        for part in (marker, dot, up, across):
            part.update()
        return marker, dot, up, across

    def show_rider(self, **kwargs: Any) -> Animation:
        """The marker, the dot and the guide up from the z axis appear at the tracker's z (the
        guide across to the g axis is ``across``, to show when the output is named)."""
        return AnimationGroup(Create(self.up), FadeIn(self.marker), FadeIn(self.dot), **kwargs)

    def ride(self, z: float, **kwargs: Any) -> Animation:
        """The dot rides the curve to ``z`` (its guides and marker with it)."""
        return self.z.animate(**kwargs).set_value(z)


def plot_with_readouts(fn: Callable[[float], float], curve_range: tuple, symbol: str,
                       region: theme.Region, z_line: VGroup, a_line: VGroup, *,
                       palette: theme.Palette) -> tuple[ActivationPlot, VGroup]:
    """g's plot filling ``region``, the readouts ``z_line`` and ``a_line`` stacked in its empty
    upper left (g rises from left to right); where they do not fit there, side by side above a
    shorter plot. Returns the plot and the readouts, placed."""
    def plot(height: float) -> ActivationPlot:
        return ActivationPlot(fn, *curve_range, symbol, width=region.width - 0.6, height=height,
                              curve_color=palette.hidden, axis_color=palette.muted,
                              accent=palette.gradient)

    tall = region.fit(plot(region.height - 0.9), buff=0.1)
    stacked = VGroup(z_line.copy(), a_line.copy()).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    spot = tall.free_corner(stacked.width, stacked.height)
    if spot is not None:
        readouts = VGroup(z_line, a_line).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        return tall, readouts.move_to(spot, aligned_edge=UL)
    readouts = VGroup(z_line, a_line).arrange(RIGHT, buff=0.8)
    readouts.move_to([region.center[0], region.top - readouts.height / 2, 0])
    short = plot(region.height - 1.5)
    theme.Region(region.left, region.right, region.bottom,
                 readouts.get_bottom()[1] - 0.3).fit(short)
    return short, readouts


def activation_sketch(fn: Callable[[float], float], curve_range: tuple, symbol: str,
                      region: theme.Region, *, palette: theme.Palette) -> VGroup:
    """g's shape without numbers (axes, curve, its name "g(z)") fitted to ``region``: what
    decides how strongly a neuron fires, before any value is shown."""
    low, high = curve_range
    axes = Axes(x_range=[*Z_RANGE, Z_STEP], y_range=[low, high + 1e-9, (high - low) / 2],
                x_length=region.width - 0.8, y_length=region.height - 0.5, tips=False,
                axis_config={"color": palette.muted, "stroke_width": theme.THIN_STROKE,
                             "include_ticks": False})
    curve = axes.plot(lambda v: float(fn(v)), x_range=list(Z_RANGE), color=palette.hidden,
                      stroke_width=theme.STROKE)
    name = MathTex(f"{symbol}(z)", font_size=theme.math_size(theme.TYPE.small), color=palette.muted)
    name.next_to(axes.c2p(0, high), LEFT, buff=0.15)   # where no rising curve goes
    return region.fit(VGroup(axes, curve, name), buff=0.1)
