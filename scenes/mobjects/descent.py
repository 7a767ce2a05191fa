"""Gradient descent drawn: a curve on gridded axes with a dot riding its descent and the tangent
under it, a path that grows step by step with a live readout of the loss, a loss landscape in a
labelled box, a learning-rate panel with its loss per step, and epoch labels placed beside a path
without covering it. Every point comes from nnmath's arrays; the scene hands them in and records
what is drawn."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from manim import (
    DL, DOWN, LEFT, ORIGIN, OUT, PI, RIGHT, UP, UR, Animation, ArcBetweenPoints, Arrow, Axes, Dot,
    FadeOut, Group, Line, ManimColor, MathTex, Mobject, Text, ThreeDAxes, UpdateFromAlphaFunc,
    ValueTracker, VGroup, VMobject, config, linear,
)

from scenes import theme
from scenes.decimals import significant_decimals
from scenes.mobjects.heatmap import Heatmap, colorbar
from scenes.mobjects.landscape import ContourLines, grid_surface

HOP_ANGLE = 0.6   # radians of bend in a hop, so that jumps back and forth along a line stay apart
LABEL_SIDES = (UP + RIGHT, DOWN + RIGHT, UP + LEFT, DOWN + LEFT, RIGHT, LEFT, UP, DOWN)
N_LEVELS = 7      # level lines between a grid's lowest and highest value
EPOCH_LABEL_SPACING, MAX_EPOCH_LABELS = 1.3, 4   # epoch labels on a training path: apart, at most


def levels(grid, colors: tuple[str, str]) -> tuple[np.ndarray, list[str]]:
    """N_LEVELS evenly spaced levels inside the grid's range, coloured from low to high."""
    values = np.linspace(grid.values.min(), grid.values.max(), N_LEVELS + 2)[1:-1]
    low, high = (ManimColor(c) for c in colors)
    return values, [low.interpolate(high, t).to_hex() for t in np.linspace(0.25, 1, N_LEVELS)]


class CurvePlot(VGroup):
    """Gradient descent on a curve of one variable, ``curve`` (nnmath's CurveDescent), on axes of
    ``size`` (width, height) centred at ``centre``: heights in whole ``step``s, a faint grid at
    each whole x and each step, the whole x's but 0 numbered under the axis, the arrow
    ``downhill`` from the curve at ``start`` along its tangent of ``slope`` (both as shown),
    towards ``direction`` (+1: larger x). Built flat, it stands upright in the x-z plane, where a
    camera looking along y sees it flat and it can become a slice of a surface. Then the descent:
    a ``dot`` at step ``tracker`` of the path (between steps it slides along the curve), the
    ``tangent`` under it, a fixed length, of nnmath's slope at the step reached, and the
    ``trail`` of the path's points (dots only). ``stop`` leaves the dot and tangent in place."""

    def __init__(self, curve, tracker: ValueTracker, *, start: float, slope: float,
                 direction: int, centre: np.ndarray, size: tuple[float, float], step: float,
                 number_size: float, palette, tangent_length: float = 2.4, **kwargs) -> None:
        super().__init__(**kwargs)
        xs, ys, p = np.asarray(curve.xs), np.asarray(curve.ys), palette
        self.xs, self.ys = xs, ys
        self.axes = Axes(x_range=[xs[0], xs[-1], 1],
                         y_range=[np.floor(ys.min() / step) * step,
                                  np.ceil(ys.max() / step) * step, step],
                         x_length=size[0], y_length=size[1], tips=False,
                         axis_config={"color": p.muted, "stroke_width": 2, "include_ticks": False})
        self.axes.move_to(centre)
        wholes = range(int(np.ceil(xs[0])), int(xs[-1]) + 1)
        bottom, top = self.axes.y_range[:2]
        self.grid = VGroup(*(Line(self.axes.c2p(x, bottom), self.axes.c2p(x, top)) for x in wholes),
                           *(Line(self.axes.c2p(xs[0], y), self.axes.c2p(xs[-1], y))
                             for y in np.arange(bottom, top + 1e-9, step)))
        self.grid.set_stroke(p.muted, width=1, opacity=0.25)
        self.numbers = VGroup(*(MathTex(f"{x:g}", font_size=number_size, color=p.muted)
                                .next_to(self.axes.c2p(x, 0), DOWN + RIGHT, buff=0.08)
                                for x in wholes if x != 0))
        self.graph = self.axes.plot_line_graph(xs, ys, add_vertex_dots=False, line_color=p.text,
                                               stroke_width=4)["line_graph"]
        point = self.at(start)
        self.downhill = Arrow(point, point + direction * 1.6 * self._along(slope), buff=0.15,
                              color=p.gradient, stroke_width=5)
        self.add(self.grid, self.axes, self.numbers, self.graph, self.downhill)
        self.rotate(PI / 2, RIGHT, about_point=ORIGIN)
        self._descent(curve, tracker, p, tangent_length)

    def _descent(self, curve, tracker: ValueTracker, p, length: float) -> None:
        points, slopes = curve.path.points[:, 0], curve.slopes

        def where() -> np.ndarray:
            k = tracker.get_value()
            i = min(int(k), len(points) - 2)
            return self.at(points[i] + (k - i) * (points[i + 1] - points[i]))

        def tangent() -> Line:
            slope = slopes[min(int(round(tracker.get_value())), len(slopes) - 1)]
            centre, half = where(), self._along(slope) * length / 2
            return Line(centre - half, centre + half, color=p.gradient, stroke_width=3)

        self.dot = Dot(radius=0.1, color=p.highlight, stroke_color=p.background, stroke_width=1.5)
        self.dot.add_updater(lambda m: m.move_to(where()))
        self.tangent = VMobject().add_updater(lambda m: m.become(tangent()))
        self.dot.update(), self.tangent.update()
        self.trail = DescentTrail([self.axes.c2p(x, v) for x, v in zip(points, curve.path.values)],
                                  color=p.highlight, background=p.background, line_shown=False,
                                  radius=0.05)
        self.add(self.dot, self.tangent, self.trail)

    def at(self, x: float) -> np.ndarray:
        """The scene point of the curve at ``x``."""
        return self.axes.c2p(x, np.interp(x, self.xs, self.ys))

    def _along(self, slope: float) -> np.ndarray:
        """The unit vector along a tangent of ``slope``, towards larger x."""
        direction = self.axes.c2p(1, slope) - self.axes.c2p(0, 0)
        return direction / np.linalg.norm(direction)

    def stop(self) -> None:
        for part in (self.dot, self.tangent):
            part.clear_updaters()


class DescentTrail(VGroup):
    """A descent path through scene ``points``: a highlight line over a background-coloured
    casing (readable on any surface) and a dot at each point of ``dot_indices`` (default: all).
    With ``hops`` each step is a slight arc; without ``line_shown`` only the dots (a trail on a
    curve). ``follow(tracker)`` shows the path up to step ``tracker`` (from 0 to ``steps``)."""

    def __init__(self, points: Sequence[np.ndarray], *, color: str, background: str,
                 hops: bool = False, line_shown: bool = True, radius: float = 0.06,
                 dot_indices: Sequence[int] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hops, self.steps = hops, len(points) - 1
        self.dot_indices = list(range(len(points)) if dot_indices is None else dot_indices)
        line = VMobject()
        if hops:
            for a, b in zip(points, points[1:]):
                line.append_points(ArcBetweenPoints(a, b, angle=HOP_ANGLE).points)
        else:
            line.set_points_as_corners(points)
        self.casing = line.copy().set_stroke(background, width=7, opacity=0.8 * line_shown)
        self.line = line.set_stroke(color, width=3, opacity=float(line_shown))
        self.dots = VGroup(*(Dot(points[k], radius=radius * (1.5 if k == 0 else 1), color=color,
                                 stroke_color=background, stroke_width=1.5)
                             for k in self.dot_indices))
        self.add(self.casing, self.line, self.dots)

    def points_drawn(self) -> list[np.ndarray]:
        """The points the drawn path passes through: a hopping path's dots, else the corners
        of its line."""
        if self.hops:
            return [dot.get_center() for dot in self.dots]
        return [*self.line.get_start_anchors(), self.line.get_end()]

    def drawn(self, name: str, to_coords: Callable) -> dict[str, float]:
        """``<name>[k][axis]`` -> the data coordinate (``to_coords`` of a scene point, to 3
        decimals) of each point the whole path passes through (read before it is set to grow)."""
        return {f"{name}[{k}][{axis}]": round(value, 3)
                for k, point in enumerate(self.points_drawn())
                for axis, value in enumerate(to_coords(point))}

    def follow(self, tracker: ValueTracker) -> "DescentTrail":
        """Show the path up to step ``tracker``: the line grows, each dot appears as it is reached."""
        full = [self.casing.copy(), self.line.copy()]

        def update(trail: DescentTrail) -> None:
            k = tracker.get_value()
            for index, dot in zip(trail.dot_indices, trail.dots):
                dot.set_opacity(1 if k >= index - 1e-9 else 0)
            for part, source in zip((trail.casing, trail.line), full):
                part.pointwise_become_partial(source, 0, min(max(k / max(self.steps, 1), 0), 1))

        self.add_updater(update)
        update(self)
        return self

    def grow(self) -> UpdateFromAlphaFunc:
        """An animation drawing the path from its start (for a path without a tracker)."""
        tracker = ValueTracker(0)
        self.follow(tracker)
        return UpdateFromAlphaFunc(tracker, lambda m, a: m.set_value(a * self.steps),
                                   rate_func=linear)


class StepReadout(VGroup):
    """"step k:  f = value" for a descent's ``values``, following a step tracker: the number of
    steps taken and the loss where they have led, both MathTex."""

    def __init__(self, values: Sequence[float], tracker: ValueTracker, *, color: str,
                 symbol: str = "f", font_size: float | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.values, self.tracker, self.color, self.symbol = list(values), tracker, color, symbol
        self.font_size = font_size or theme.math_size(theme.TYPE.body)
        self.add(*self._build(0).submobjects)
        self.add_updater(lambda m: m.become(m._build(int(round(m.tracker.get_value())))
                                            .move_to(m, aligned_edge=LEFT)))

    def _build(self, k: int) -> VGroup:
        k = min(max(k, 0), len(self.values) - 1)
        value = self.values[k]
        return VGroup(MathTex(rf"\text{{step }} {k}:\;\; {self.symbol} = "
                              rf"{value:.{significant_decimals(value)}f}", font_size=self.font_size,
                              color=self.color))


class Landscape(VGroup):
    """A function of two parameters as a surface in a box just fitting its ``grid`` (floor at 0,
    or lower if the grid goes negative), coloured by height from ``colors``; the box's three
    edges from its low corner and their ``labels`` (x, y, height) outside the box."""

    def __init__(self, grid, labels: tuple[Mobject, Mobject, Mobject], *, colors: tuple[str, str],
                 side: float, height: float, edge_color: str, background: str, **kwargs) -> None:
        super().__init__(**kwargs)
        low, high = float(grid.values.min()), float(grid.values.max())
        floor = min(0.0, low)
        self.grid, self.side = grid, side
        self.axes = ThreeDAxes(x_range=[grid.xs[0], grid.xs[-1], grid.xs[-1] - grid.xs[0]],
                               y_range=[grid.ys[0], grid.ys[-1], grid.ys[-1] - grid.ys[0]],
                               z_range=[floor, high, high - floor], x_length=side,
                               y_length=side, z_length=height)
        self.surface = grid_surface(self.axes, grid, list(zip(colors, (low, high))),
                                    fill_opacity=0.9, stroke_color=background, stroke_width=0.5)
        self.edges, self.labels = self._box(labels, edge_color)
        self.add(self.surface, self.edges, self.labels)

    def _box(self, labels, color: str) -> tuple[VGroup, VGroup]:
        axes = self.axes
        (x0, x1), (y0, y1), (z0, z1) = (axes.x_range[:2], axes.y_range[:2], axes.z_range[:2])
        corner = axes.c2p(x0, y0, z0)
        ends = (axes.c2p(x1, y0, z0), axes.c2p(x0, y1, z0), axes.c2p(x0, y0, z1))
        edges = VGroup(*(Line(corner, end, color=color, stroke_width=2) for end in ends))
        x_label, y_label, z_label = labels
        x_label.move_to(axes.c2p((x0 + x1) / 2, y0, z0) + DOWN * (0.3 + x_label.height / 2))
        y_label.move_to(axes.c2p(x0, (y0 + y1) / 2, z0) + LEFT * (0.3 + y_label.width / 2))
        z_label.move_to(ends[2] + OUT * (0.3 + z_label.height / 2))
        return edges, VGroup(*labels)

    def rise(self) -> Animation:
        """The surface made invisible and the animation fading it in (the scene puts it behind
        the texts pinned to the frame first)."""
        self.surface.set_fill(opacity=0).set_stroke(opacity=0)
        return self.surface.animate.set_fill(opacity=0.9).set_stroke(opacity=1)

    def floor_map(self, colors: tuple[str, str], frame_color: str) -> Heatmap:
        """The grid as a heatmap covering the box's floor: the surface seen from straight above."""
        x0, x1, y0, y1 = self.grid.xs[0], self.grid.xs[-1], self.grid.ys[0], self.grid.ys[-1]
        heatmap = Heatmap(self.grid.values, (x0, x1, y0, y1), colors=colors,
                          width=self.side, height=self.side, frame_color=frame_color)
        return heatmap.move_to(self.point((x0 + x1) / 2, (y0 + y1) / 2))

    def path(self, points: Sequence, heights: Sequence[float], **kwargs) -> "DescentTrail":
        """A DescentTrail through the (x, y) ``points`` at ``heights``, on the surface."""
        return DescentTrail([self.axes.c2p(*w, z) for w, z in zip(points, heights)], **kwargs)

    def section(self, row: int, **kwargs) -> VMobject:
        """The surface's curve along the grid's row ``row`` (y = grid.ys[row])."""
        g = self.grid
        return VMobject(**kwargs).set_points_smoothly(
            [self.axes.c2p(x, g.ys[row], v) for x, v in zip(g.xs, g.values[row])])

    def centre(self) -> np.ndarray:
        (x0, x1), (y0, y1), (z0, z1) = (self.axes.x_range[:2], self.axes.y_range[:2],
                                        self.axes.z_range[:2])
        return self.axes.c2p((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2)

    def point(self, x: float, y: float, z: float | None = None) -> np.ndarray:
        """Scene point of (x, y) at height z (default: on the floor)."""
        return self.axes.c2p(x, y, self.axes.z_range[0] if z is None else z)

    def contours(self, colors: tuple[str, str], stroke_width: float = 2.5) -> ContourLines:
        """The grid's level lines on the box's floor."""
        values, shades = levels(self.grid, colors)
        return ContourLines(self.grid, values, lambda x, y: self.point(x, y), shades,
                            stroke_width=stroke_width)

    def flatten(self, *riders: Mobject) -> list:
        """Animations pressing the surface (faded) and ``riders`` onto the floor, dropping the
        height edge and its label: what is left is a 2-D plot of the two parameters."""
        floor = self.point(self.axes.x_range[0], self.axes.y_range[0])
        return [self.surface.animate.stretch(0, 2, about_point=floor).set_opacity(0),
                *(rider.animate.stretch(0, 2, about_point=floor) for rider in riders),
                FadeOut(self.edges[2]), FadeOut(self.labels[2])]


class RatePanel(Group):
    """One learning rate's descent ``path`` on the bowl from above: level lines of ``grid``, the
    hopping path, a title above (η = ``rate`` over the verdict's ``name``), and below, the loss
    at each step as dots on a strip whose height scale ``loss_top`` all panels share, with the
    final loss ``end`` written at its end (``rate`` and ``end`` as shown)."""

    def __init__(self, grid, path, rate: float, name: str, end: float, *, size: float,
                 loss_top: float, colors: tuple[str, str], palette, **kwargs) -> None:
        super().__init__(**kwargs)
        points, values = path.points, path.values
        path_color, muted, background = palette.highlight, palette.muted, palette.background
        title = VGroup(MathTex(rf"\eta = {rate:.2f}", font_size=theme.math_size(theme.TYPE.small),
                               color=palette.text),
                       Text(name, font=theme.FONT, font_size=theme.TYPE.small, color=muted))
        final = MathTex(rf"f = {end:.{significant_decimals(values[-1])}f}",
                        font_size=theme.math_size(theme.TYPE.label), color=palette.text)
        self.axes = Axes(x_range=[grid.xs[0], grid.xs[-1], 1],
                         y_range=[grid.ys[0], grid.ys[-1], 1], x_length=size, y_length=size,
                         tips=False,
                         axis_config={"color": muted, "stroke_width": 1.5, "stroke_opacity": 0.6,
                                      "include_ticks": False})
        shades = levels(grid, colors)
        self.contours = ContourLines(grid, *shades[:1], self.axes.c2p, shades[1], stroke_width=2)
        self.trail = DescentTrail([self.axes.c2p(*w) for w in points], color=path_color,
                                  background=background, hops=True, radius=0.045)
        self.title = title.arrange(DOWN, buff=0.1).next_to(self.axes, UP, buff=0.2)
        self.strip = Axes(x_range=[0, len(values) - 1, len(values) - 1],
                          y_range=[0, loss_top, loss_top], x_length=size, y_length=size * 0.32,
                          tips=False,
                          axis_config={"color": muted, "stroke_width": 1.5, "include_ticks": False})
        self.strip.next_to(self.axes, DOWN, buff=0.3)
        self.losses = VGroup(*(Dot(self.strip.c2p(k, v), radius=0.035, color=path_color)
                               for k, v in enumerate(values)))
        self.final = final.next_to(self.losses[-1], UP, buff=0.12)
        if self.final.get_right()[0] > self.strip.get_right()[0]:
            self.final.align_to(self.strip, RIGHT)
        self.add(self.axes, self.contours, self.trail, self.title, self.strip, self.losses,
                 self.final)

    def frame(self) -> Group:
        """What is there before the path is drawn: the plot, its title and the empty strip."""
        return Group(self.axes, self.contours, self.title, self.strip)

    def follow(self, tracker: ValueTracker, trail: bool = True) -> list[Mobject]:
        """The loss dots (and the path, with ``trail``) appear step by step with ``tracker``;
        returns those parts, for the scene to add."""
        if trail:
            self.trail.follow(tracker)
        self.losses.add_updater(lambda dots: [dot.set_opacity(1 if tracker.get_value() >= k - 1e-9
                                                                 else 0)
                                              for k, dot in enumerate(dots)])
        self.losses.update()
        return [self.trail, self.losses] if trail else [self.losses]


class EpochLabels(VGroup):
    """"epoch N" beside each of ``chosen`` points of a path through ``flat`` (scene points),
    N from ``epochs`` (as shown, one per chosen point), on the side where it covers the least of
    the path, without touching the other labels, ``avoid`` or the frame's edge."""

    def __init__(self, flat: list[np.ndarray], chosen: Sequence[int], epochs: Sequence[float], *,
                 color: str, background: str, avoid: Sequence[Mobject] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        along = np.vstack([np.linspace(a, b, int(np.linalg.norm(b - a) / 0.05) + 2)
                           for a, b in zip(flat, flat[1:])] or [flat[0][None]])
        placed = list(avoid)
        for k, epoch in zip(chosen, epochs):
            label = label_text(f"epoch {epoch:g}", color, background)
            best = min(range(len(LABEL_SIDES)), key=lambda side: self._cost(label, flat[k], side,
                                                                             along, placed))
            self.add(label.next_to(flat[k], LABEL_SIDES[best], buff=0.15))
            placed.append(label)

    @staticmethod
    def _cost(label: Mobject, point: np.ndarray, side: int, along: np.ndarray,
              placed: list[Mobject]) -> tuple:
        label.next_to(point, LABEL_SIDES[side], buff=0.15)
        low, high = label.get_corner(DL)[:2] - 0.08, label.get_corner(UR)[:2] + 0.08
        covered = int(np.sum(np.all((along[:, :2] > low) & (along[:, :2] < high), axis=1)))
        half_frame = np.array([config.frame_width, config.frame_height]) / 2
        half_size = (label.get_corner(UR) - label.get_center())[:2]
        off_frame = bool(np.any(np.abs(label.get_center()[:2]) + half_size > half_frame - 0.1))
        clash = off_frame or any(_overlap(label, other) for other in placed)
        return clash, covered, side


def epoch_marks(flat: list[np.ndarray], epochs: Sequence[float], snapshots: Sequence[int]) -> list[int]:
    """The points of a training path through ``flat`` (scene points, at ``epochs``) to label with
    their epoch: the last, the first, then the ``snapshots`` epochs, at most MAX_EPOCH_LABELS,
    each EPOCH_LABEL_SPACING from the others; in path order."""
    snapshots = set(snapshots)
    wanted = [len(flat) - 1, 0] + [i for i, e in enumerate(epochs) if int(e) in snapshots]
    return spaced_points(flat, wanted, EPOCH_LABEL_SPACING, MAX_EPOCH_LABELS)


def spaced_points(flat: list[np.ndarray], candidates: Sequence[int], spacing: float,
                  most: int) -> list[int]:
    """Of ``candidates`` (in order of preference), at most ``most``, each at least ``spacing``
    from those already chosen; sorted."""
    chosen: list[int] = []
    for k in candidates:
        if len(chosen) < most and all(np.linalg.norm(flat[k] - flat[j]) >= spacing for j in chosen):
            chosen.append(k)
    return sorted(chosen)


def _overlap(a: Mobject, b: Mobject) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` intersect."""
    return bool(np.all(a.get_corner(DL)[:2] < b.get_corner(UR)[:2])
                and np.all(b.get_corner(DL)[:2] < a.get_corner(UR)[:2]))


def label_text(text: str, color: str, background: str, size: float | None = None) -> Text:
    """A small Text label on a background patch, readable over a path or a map."""
    label = Text(text, font=theme.FONT, font_size=size or theme.TYPE.label, color=color)
    return label.add_background_rectangle(color=background, opacity=0.75, buff=0.06)


def polynomial_tex(coefficients: Sequence[float]) -> str:
    """A polynomial in x from its coefficients as shown (highest power first), zeros left out."""
    terms, degree = [], len(coefficients) - 1
    for k, value in enumerate(coefficients):
        if value == 0:
            continue
        power = degree - k
        magnitude = f"{abs(value):g}" if abs(value) != 1 or power == 0 else ""
        variable = "" if power == 0 else "x" if power == 1 else f"x^{{{power}}}"
        sign = ("-" if value < 0 else "") if not terms else (" - " if value < 0 else " + ")
        terms.append(sign + magnitude + variable)
    return "".join(terms)


def param_tex(ref) -> str:
    """A parameter as the lecture writes it: W^(layer)[row, col], layers counted from 1 (as in
    Architecture), numpy's indices (as in the lesson's code)."""
    if ref.kind == "W":
        return rf"W^{{({ref.layer + 1})}}[{ref.row},{ref.col}]"
    return rf"b^{{({ref.layer + 1})}}[{ref.col}]"


class LossKey(VGroup):
    """The colour bar of a loss map, titled "loss", with its lowest and highest values (as
    shown) at its ends."""

    def __init__(self, colors: Sequence[str], low: float, high: float, math_size: float,
                 text_size: float, **kwargs) -> None:
        super().__init__(**kwargs)
        bar = colorbar(colors, 0.35, 3.6)
        ends = [MathTex(f"{value:.{significant_decimals(value)}f}", font_size=math_size, color=colors[-1])
                for value in (high, low)]
        ends[0].next_to(bar, RIGHT, buff=0.15).align_to(bar, UP)
        ends[1].next_to(bar, RIGHT, buff=0.15).align_to(bar, DOWN)
        title = Text("loss", font=theme.FONT, font_size=text_size, color=colors[-1])
        self.add(title.next_to(bar, UP, buff=0.2), bar, *ends)
