"""Chapter 6: gradient descent. The calculus intuition on a 1-D curve (its slope, steps downhill),
the lesson's bowl w1² + w2² in 3-D with its real descent path and its top view as level lines,
three learning rates side by side, then the real training loss of the lecture's network over two
of its weights with the path training took. Every point and height is nnmath's."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DEGREES, DL, DOWN, LEFT, ORIGIN, OUT, RIGHT, UP, Animation, ArcBetweenPoints, Axes, Create, Dot,
    FadeIn, FadeOut, Group, Indicate, Line, ManimColor, MathTex, Mobject, Succession, Text,
    ThreeDAxes, UpdateFromAlphaFunc, UR, ValueTracker, VGroup, VMobject, config,
)

from nnmath.landscape import curve_derivative
from scenes import theme
from scenes.base import LectureThreeDScene, lecture_data
from scenes.mobjects.heatmap import Heatmap, colorbar
from scenes.mobjects.landscape import ContourLines, grid_surface
from scenes.narration import descent_view

TILT = 62 * DEGREES           # the camera's angle from vertical when looking at a surface
TOP_VIEW = dict(phi=0.0, theta=-90 * DEGREES, centre=ORIGIN)   # the default, plain 2-D view
N_LEVELS = 7                  # level lines drawn between a grid's lowest and highest value
HOP_ANGLE = 0.6               # radians of bend in a learning-rate panel's hops, so that jumps
                              # back and forth along one line stay visible
RATE_VERDICTS = ("too small", "about right", "too large")   # Descent.learning_rates' order
MAX_EPOCH_LABELS = 4
LABEL_SIDES = (UP + RIGHT, DOWN + RIGHT, UP + LEFT, DOWN + LEFT, RIGHT, LEFT, UP, DOWN)  # preferred first
EPOCH_LABEL_SPACING = 1.3     # scene units between labelled points of the training path
LANDSCAPE_SIDE = 4.2          # a surface's box: width and depth,
LANDSCAPE_HEIGHT = 2.4        # height,
LANDSCAPE_SHIFT = DOWN * 0.35  # and offset, so that its top view sits below the subtitle


def _mix(a: str, b: str, t: float) -> str:
    """The colour a fraction ``t`` of the way from ``a`` to ``b``."""
    return ManimColor(a).interpolate(ManimColor(b), float(t)).to_hex()


def _decimals(value: float) -> int:
    """Two decimals, or two significant digits for values below 0.1."""
    magnitude = abs(float(value))
    if magnitude >= 0.1 or magnitude == 0:
        return 2
    return min(6, 1 - math.floor(math.log10(magnitude)))


def _nice_step(span: float, ticks: int = 4) -> float:
    """A 1, 2 or 5 times a power of ten giving about ``ticks`` intervals over ``span``."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(k * power for k in (1, 2, 5, 10) if k * power >= raw)


def _param_tex(ref) -> str:
    """A parameter of the loss slice as the lecture writes it: W^(layer)[row, col] with the
    layers counted from 1 (as in Architecture) and numpy's indices (as in the lesson's code)."""
    if ref.kind == "W":
        return rf"W^{{({ref.layer + 1})}}[{ref.row},{ref.col}]"
    return rf"b^{{({ref.layer + 1})}}[{ref.col}]"


class GradientDescentScene(LectureThreeDScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.descent = self.data.descent
        p = self.palette
        self.loss_colors = (_mix(p.background, p.muted, 0.55), p.gradient)   # low → high loss
        self.heading = self._fixed(Text("Gradient descent", font=theme.FONT,
                                        font_size=theme.HEADING_SIZE, color=p.text)
                                   .to_edge(UP, buff=0.35))
        self.subtitle: Text | None = None
        self._curve()
        self._bowl()
        self._learning_rates()
        self._loss_slice()

    # -- helpers ----------------------------------------------------------------------------
    def _fixed(self, mobject: Mobject) -> Mobject:
        """Pin ``mobject`` to the frame, unmoved by the 3-D camera (it is added when animated)."""
        self.camera.add_fixed_in_frame_mobjects(mobject)
        return mobject

    def _camera(self, centre: np.ndarray | None = None, **angles: float) -> list[Animation]:
        """Animations turning the camera to ``phi``/``theta`` (radians) and, if given, moving
        the point it looks at (and turns about) to ``centre``."""
        trackers = {"phi": self.camera.phi_tracker, "theta": self.camera.theta_tracker}
        moves = [trackers[name].animate.set_value(value) for name, value in angles.items()]
        if centre is not None:   # as ThreeDScene.move_camera does for the Cairo camera
            moves.append(self.camera._frame_center.animate.move_to(centre))
        return moves

    def _subtitle(self, text: str) -> list[Animation]:
        """Replace the phase's subtitle under the heading."""
        new = self._fixed(Text(text, font=theme.FONT, font_size=theme.BODY_SIZE,
                               color=self.palette.muted).next_to(self.heading, DOWN, buff=0.15))
        old, self.subtitle = self.subtitle, new
        return [FadeIn(new)] + ([FadeOut(old)] if old is not None else [])

    def _text(self, text: str, size: int = theme.SMALL_SIZE + 2, color: str | None = None) -> Text:
        return Text(text, font=theme.FONT, font_size=size, color=color or self.palette.text)

    def _value_row(self, tex: str, key: str, value: float, decimals: int | None = None,
                   color: str | None = None, size: int = 36) -> MathTex:
        """``tex`` followed by a recorded number, e.g. "f = 6.48", set as one formula."""
        decimals = _decimals(value) if decimals is None else decimals
        shown = self.show_value(key, value, decimals)
        return MathTex(rf"{tex} {shown:.{decimals}f}", font_size=size,
                       color=color or self.palette.text)

    def _path(self, points: list[np.ndarray], dot_indices, *, hops: bool = False,
              line_shown: bool = True, radius: float = 0.06) -> VGroup:
        """A descent path through scene ``points``: a highlight line over a background-coloured
        casing (readable on any surface colour) and dots at ``dot_indices``. With ``hops`` each
        step is a slight arc, so steps back and forth along one line stay apart; without
        ``line_shown`` only the dots (a trail on a curve, whose chords would cut it)."""
        p = self.palette
        line = VMobject()
        if hops:
            for a, b in zip(points, points[1:]):
                line.append_points(ArcBetweenPoints(a, b, angle=HOP_ANGLE).points)
        else:
            line.set_points_as_corners(points)
        casing = line.copy().set_stroke(p.background, width=7, opacity=0.8 * line_shown)
        line.set_stroke(p.highlight, width=3, opacity=float(line_shown))
        dots = VGroup(*(Dot(points[k], radius=radius * (1.5 if k == 0 else 1), color=p.highlight,
                            stroke_color=p.background, stroke_width=1.5) for k in dot_indices))
        path = VGroup(casing, line, dots)
        path.steps, path.dot_indices, path.hops = len(points) - 1, list(dot_indices), hops
        return path

    def _draw_path(self, path: VGroup) -> Animation:
        """The line grows step by step; each dot appears as the line reaches it."""
        casing, line, dots = path
        for dot in dots[1:]:
            dot.set_opacity(0)

        def reveal(group: VGroup, alpha: float) -> None:
            for index, dot in zip(path.dot_indices, group[2]):
                dot.set_opacity(1 if alpha * path.steps >= index - 1e-9 else 0)
            for part, source in zip(group[:2], (casing_full, line_full)):
                part.pointwise_become_partial(source, 0, alpha)

        casing_full, line_full = casing.copy(), line.copy()
        return UpdateFromAlphaFunc(path, reveal)

    def _record_path(self, name: str, axes: Axes, path: VGroup) -> None:
        """Record, as ``drawn.<name>[k][axis]``, the data coordinates of each point the drawn
        path passes through, read back from the mobjects: the tests check that the path on
        screen is nnmath's. Hops are read from their dots, straight paths from their corners."""
        casing, line, dots = path
        if path.hops:
            points = [dot.get_center() for dot in dots]
        else:
            points = [*line.get_start_anchors(), line.get_end()]
        for k, point in enumerate(points):
            for axis, value in enumerate(axes.p2c(point)):
                self.record_drawn(f"{name}[{k}][{axis}]", round(value, 3))

    def _box_axes(self, axes: ThreeDAxes, labels: tuple[Mobject, Mobject, Mobject]) -> tuple[VGroup, VGroup]:
        """Three edges from the low corner of ``axes``, each labelled outside the box at its
        middle (the height at its top); labels always face the camera. From above, the first two
        frame the top view like a 2-D plot."""
        (x0, x1), (y0, y1), (z0, z1) = (axes.x_range[:2], axes.y_range[:2], axes.z_range[:2])
        corner = axes.c2p(x0, y0, z0)
        ends = (axes.c2p(x1, y0, z0), axes.c2p(x0, y1, z0), axes.c2p(x0, y0, z1))
        lines = VGroup(*(Line(corner, end, color=self.palette.muted, stroke_width=2) for end in ends))
        x_label, y_label, z_label = labels
        x_label.move_to(axes.c2p((x0 + x1) / 2, y0, z0) + DOWN * (0.3 + x_label.height / 2))
        y_label.move_to(axes.c2p(x0, (y0 + y1) / 2, z0) + LEFT * (0.3 + y_label.width / 2))
        z_label.move_to(ends[2] + OUT * (0.3 + z_label.height / 2))
        for label in labels:
            self.camera.add_fixed_orientation_mobjects(label)
        return lines, VGroup(*labels)

    # -- 1. the calculus intuition ----------------------------------------------------------
    def _curve(self) -> None:
        p = self.palette
        c = self.descent.curve
        xs, ys = np.asarray(c.xs), np.asarray(c.ys)
        step = _nice_step(ys.max() - ys.min())
        y_range = [math.floor(ys.min() / step) * step, math.ceil(ys.max() / step) * step, step]
        axes = Axes(x_range=[xs[0], xs[-1], 1], y_range=y_range, x_length=7.0, y_length=4.8,
                    tips=False, axis_config={"color": p.muted, "stroke_width": 2,
                                             "include_ticks": False})
        axes.to_edge(LEFT, buff=0.7).shift(DOWN * 0.5)
        integers = range(math.ceil(xs[0]), math.floor(xs[-1]) + 1)
        ticks = VGroup(*(axes.x_axis.get_tick(x) for x in integers)).set_color(p.muted)
        axes.x_axis.add_numbers(integers, font_size=32, color=p.muted)
        x_label = MathTex("x", font_size=32, color=p.muted).next_to(axes.x_axis, RIGHT, buff=0.15)
        graph = axes.plot_line_graph(xs, ys, add_vertex_dots=False, line_color=p.muted,
                                     stroke_width=4)["line_graph"]
        formula = MathTex("f(x) = " + self._polynomial_tex(c.coefficients), font_size=42,
                          color=p.text)
        formula.to_edge(RIGHT, buff=0.6).align_to(axes, UP)
        self.narrate("Gradient descent starts from high-school calculus: one function, f of x.",
                     *self._subtitle("the slope tells us which way is down"), FadeIn(self.heading),
                     Create(axes), FadeIn(ticks), FadeIn(x_label), Create(graph), FadeIn(formula),
                     run_time=2)

        x = ValueTracker(c.path.points[0, 0])
        dot = Dot(radius=0.1, color=p.highlight, stroke_color=p.background, stroke_width=1.5)
        dot.add_updater(lambda m: m.move_to(axes.c2p(x.get_value(),
                                                     np.interp(x.get_value(), xs, ys))))
        tangent = VMobject()
        tangent.add_updater(lambda m: m.become(self._tangent(axes, x.get_value(), dot)))
        dot.update()
        tangent.update()
        start = self.show_value("descent.curve.path.points[0][0]", c.path.points[0, 0], 2)
        slope = c.slopes[0]
        slope_row = self._value_row(rf"f'({start:g}) =", "descent.curve.slopes[0]", slope, 2,
                                    color=p.gradient)
        slope_row.next_to(formula, DOWN, buff=0.6).align_to(formula, LEFT)
        downhill = "to the right" if slope < 0 else "to the left"
        sign = "negative" if slope < 0 else "positive"
        self.narrate(f"Its derivative is the slope at each point. Here it is {sign}: downhill lies "
                     f"{downhill}.", FadeIn(dot), Create(tangent), FadeIn(slope_row), run_time=1.5)

        rule = MathTex(r"x \leftarrow x - \eta\, f'(x)", font_size=42, color=p.text)
        rate = self._value_row(r"\eta =", "descent.curve.path.learning_rate", c.path.learning_rate, 2)
        VGroup(rule, rate).arrange(DOWN, aligned_edge=LEFT, buff=0.25) \
            .next_to(slope_row, DOWN, buff=0.6).align_to(formula, LEFT)
        self.narrate("So step against the slope, scaled by a learning rate, eta.",
                     FadeIn(rule), FadeIn(rate), run_time=1.5)

        points = c.path.points[:, 0]
        trail = self._path([axes.c2p(px, py) for px, py in zip(points, c.path.values)],
                           range(len(points)), line_shown=False, radius=0.05)
        self._record_path("curve", axes, trail)
        hops = [x.animate.set_value(target) for target in points[1:]]
        self.add(trail)
        self.bring_to_front(tangent, dot)
        self.narrate("The steps grow where the curve is steep and shrink as it flattens.",
                     Succession(*hops), self._draw_path(trail), run_time=4)

        minimum = self._value_row(r"f'(x) = 0 \text{ at } x =", "descent.curve.minimum", c.minimum, 2,
                                  color=p.gradient)
        minimum.move_to(slope_row, aligned_edge=LEFT)
        self.narrate("At the bottom the slope is zero: the minimum.",
                     x.animate.set_value(c.minimum), FadeOut(slope_row), FadeIn(minimum),
                     run_time=1)
        dot.clear_updaters()
        tangent.clear_updaters()
        self.curve_group = VGroup(axes, ticks, x_label, graph, formula, dot, tangent, trail,
                                  minimum, rule, rate)

    def _polynomial_tex(self, coefficients) -> str:
        """The polynomial with these coefficients (highest power first), each one recorded."""
        terms = []
        degree = len(coefficients) - 1
        for k, raw in enumerate(coefficients):
            if round(float(raw), 2) == 0:
                continue
            value = self.show_value(f"descent.curve.coefficients[{k}]", raw, 2)
            power = degree - k
            magnitude = f"{abs(value):g}" if abs(value) != 1 or power == 0 else ""
            variable = "" if power == 0 else "x" if power == 1 else f"x^{{{power}}}"
            sign = ("-" if value < 0 else "") if not terms else (" - " if value < 0 else " + ")
            terms.append(sign + magnitude + variable)
        return "".join(terms)

    def _tangent(self, axes: Axes, x: float, dot: Dot, length: float = 2.2) -> Line:
        """The tangent at x, a fixed length on screen, its slope nnmath's derivative."""
        direction = axes.c2p(1, float(curve_derivative(x))) - axes.c2p(0, 0)
        direction /= np.linalg.norm(direction)
        centre = dot.get_center()
        return Line(centre - direction * length / 2, centre + direction * length / 2,
                    color=self.palette.gradient, stroke_width=3)

    # -- surfaces: shared by the bowl and the real loss -------------------------------------
    def _landscape(self, grid, labels: tuple[Mobject, Mobject, Mobject]):
        """Box axes just fitting ``grid`` (height from 0, or below if the grid goes negative),
        the grid as a surface coloured by height, and the box's labelled edges."""
        low, high = float(grid.values.min()), float(grid.values.max())
        floor = min(0.0, low)
        axes = ThreeDAxes(x_range=[grid.xs[0], grid.xs[-1], grid.xs[-1] - grid.xs[0]],
                          y_range=[grid.ys[0], grid.ys[-1], grid.ys[-1] - grid.ys[0]],
                          z_range=[floor, high, high - floor], x_length=LANDSCAPE_SIDE,
                          y_length=LANDSCAPE_SIDE, z_length=LANDSCAPE_HEIGHT).shift(LANDSCAPE_SHIFT)
        surface = grid_surface(axes, grid, list(zip(self.loss_colors, (low, high))),
                               fill_opacity=0.9, stroke_color=self.palette.background,
                               stroke_width=0.5)
        edges, labels = self._box_axes(axes, labels)
        return axes, surface, edges, labels

    def _tilt(self, axes: ThreeDAxes, theta: float) -> list[Animation]:
        """Turn the camera to look down at the middle of the box at the TILT angle."""
        (x0, x1), (y0, y1), (z0, z1) = (axes.x_range[:2], axes.y_range[:2], axes.z_range[:2])
        return self._camera(centre=axes.c2p((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2),
                            phi=TILT, theta=theta)

    def _from_above(self, axes: ThreeDAxes, surface, drawn: VGroup, edges: VGroup,
                    labels: VGroup) -> list[Animation]:
        """Look straight down while the surface and path flatten onto the box's floor and
        fade: what is left is a 2-D plot of the two weights."""
        floor = axes.c2p(0, 0, axes.z_range[0])
        return [*self._camera(**TOP_VIEW),
                surface.animate.stretch(0, 2, about_point=floor).set_opacity(0),
                drawn.animate.stretch(0, 2, about_point=floor), FadeOut(edges[2]),
                FadeOut(labels[2])]

    def _surface_path(self, axes: ThreeDAxes, points, heights, dot_indices, name: str) -> VGroup:
        """A descent path drawn on a surface, its dots facing the camera, recorded as drawn."""
        drawn = self._path([axes.c2p(*w, z) for w, z in zip(points, heights)], dot_indices)
        for dot in drawn[2]:
            self.camera.add_fixed_orientation_mobjects(dot)
        self._record_path(name, axes, drawn)
        return drawn

    def _levels(self, grid) -> tuple[np.ndarray, list[str]]:
        """N_LEVELS evenly spaced levels inside the grid's range, coloured like the surface."""
        levels = np.linspace(grid.values.min(), grid.values.max(), N_LEVELS + 2)[1:-1]
        return levels, [_mix(*self.loss_colors, t) for t in np.linspace(0.25, 1, N_LEVELS)]

    # -- 2. the bowl in 3-D, then from above ------------------------------------------------
    def _bowl(self) -> None:
        p = self.palette
        grid, path = self.descent.bowl_surface, self.descent.bowl_path
        axes, surface, edges, labels = self._landscape(grid, tuple(
            MathTex(name, font_size=40, color=p.text) for name in ("w_1", "w_2", "f")))
        formula = self._fixed(MathTex("f(w_1, w_2) = w_1^2 + w_2^2", font_size=36, color=p.text)
                              .to_corner(UP + LEFT, buff=0.45))
        self.play(FadeOut(self.curve_group), *self._subtitle("two weights: a bowl"), run_time=1)
        self.narrate("With two weights, the loss becomes a surface. Here is the lesson's bowl.",
                     *self._tilt(axes, -70 * DEGREES), FadeIn(surface), Create(edges),
                     FadeIn(labels), FadeIn(formula), run_time=3)

        steps = len(path.values) - 1
        drawn = self._surface_path(axes, path.points, path.values, range(steps + 1), "bowl")
        readout = self._fixed(VGroup(
            self._value_row(r"\eta =", "descent.bowl_path.learning_rate", path.learning_rate, 2),
            self._value_row(r"\text{start: } f =", "descent.bowl_path.values[0]", path.values[0]),
            self._value_row(rf"\text{{step {self.show_value('descent.bowl_path.steps', steps, 0):g}: }} f =",
                            "descent.bowl_path.values[-1]", path.values[-1]),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3).to_corner(DOWN + LEFT, buff=0.6))
        self.add(drawn)
        self.narrate("Each step heads straight downhill, and the loss falls with every step.",
                     self._draw_path(drawn), *self._camera(theta=-40 * DEGREES),
                     FadeIn(readout[:2]), run_time=5)
        levels, colors = self._levels(grid)
        contours = ContourLines(grid, levels, lambda x, y: axes.c2p(x, y, axes.z_range[0]),
                                colors, stroke_width=2.5)
        self.narrate("From above, the rings are levels of equal loss, and the path cuts straight "
                     "across them.", *self._from_above(axes, surface, drawn, edges, labels),
                     FadeIn(contours), FadeIn(readout[2]), run_time=3)
        self.remove(surface)
        self.play(FadeOut(Group(drawn, edges[:2], labels[:2], formula, readout, contours)),
                  run_time=1)

    # -- 3. learning rates ------------------------------------------------------------------
    def _learning_rates(self) -> None:
        panels = Group(*(self._rate_panel(k, path) for k, path in enumerate(self.descent.learning_rates)))
        panels.arrange(RIGHT, buff=0.7).next_to(self.heading, DOWN, buff=1.3)
        results = [panel.result.next_to(panel.axes, DOWN, buff=0.3) for panel in panels]
        self.narrate("The learning rate sets the step size.",
                     *self._subtitle("the learning rate sets the step"),
                     *(FadeIn(Group(panel.axes, panel.contours, panel.title)) for panel in panels),
                     *(self._draw_path(panel.path) for panel in panels),
                     *(FadeIn(panel.path[2][0]) for panel in panels), run_time=3)
        small, large = panels[0], panels[-1]
        steps = len(self.descent.learning_rates[0].values) - 1
        self.narrate(f"Too small: after {steps} steps it is still far from the bottom.",
                     Indicate(small.title, color=self.palette.gradient), FadeIn(small.result),
                     FadeIn(panels[1].result), run_time=1.5)
        self.narrate("Too large: every step overshoots, landing on the other side of the minimum.",
                     Indicate(large.title, color=self.palette.gradient), FadeIn(large.result),
                     run_time=1.5)
        self.play(FadeOut(panels), *(FadeOut(result) for result in results), run_time=1)

    def _rate_panel(self, index: int, path) -> Group:
        """One learning rate on the bowl from above: level lines, the path, η and its verdict."""
        p = self.palette
        grid = self.descent.bowl_surface
        axes = Axes(x_range=[grid.xs[0], grid.xs[-1], 1], y_range=[grid.ys[0], grid.ys[-1], 1],
                    x_length=3.4, y_length=3.4, tips=False,
                    axis_config={"color": p.muted, "stroke_width": 1.5, "stroke_opacity": 0.6,
                                 "include_ticks": False})
        levels, colors = self._levels(grid)
        contours = ContourLines(grid, levels, axes.c2p, colors, stroke_width=2)
        drawn = self._path([axes.c2p(*w) for w in path.points], range(len(path.points)),
                           hops=True, radius=0.045)
        self._record_path(f"rate[{index}]", axes, drawn)
        eta = self._value_row(r"\eta =", f"descent.learning_rates[{index}].learning_rate",
                              path.learning_rate, 2)
        title = VGroup(eta, self._text(RATE_VERDICTS[index], color=p.muted)) \
            .arrange(DOWN, buff=0.12).next_to(axes, UP, buff=0.25)
        result = self._value_row(r"\text{final } f =", f"descent.learning_rates[{index}].values[-1]",
                                 path.values[-1])
        panel = Group(axes, contours, drawn, title)
        panel.axes, panel.contours, panel.path, panel.title, panel.result = \
            axes, contours, drawn, title, result
        return panel

    # -- 4. the real network's loss over two weights ----------------------------------------
    def _loss_slice(self) -> None:
        p = self.palette
        s = self.descent.loss_slice
        grid = s.grid
        names = tuple(MathTex(_param_tex(ref), font_size=36, color=p.text) for ref in s.weights)
        axes, surface, edges, labels = self._landscape(grid, (*names, self._text("loss", color=p.gradient)))
        key = self._fixed(self._loss_key(*s.loss_range))
        self.narrate("Now our real network: its training loss over two of its weights, with all "
                     "the others held at their final values.",
                     *self._subtitle("the real loss over two weights"),
                     *self._tilt(axes, -70 * DEGREES), FadeIn(surface), Create(edges),
                     FadeIn(labels), FadeIn(key), run_time=3)

        flat = [axes.c2p(x, y, axes.z_range[0]) for x, y in s.path]
        labelled = self._labelled_points(flat)
        drawn = self._surface_path(axes, s.path, s.path_slice_loss, labelled, "slice")
        self.add(drawn)
        self.narrate("The path is where training took these two weights, epoch by epoch.",
                     self._draw_path(drawn), *self._camera(theta=-45 * DEGREES), run_time=4)

        bounds = (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1])
        heatmap = Heatmap(grid.values, bounds, colors=self.loss_colors, width=axes.x_length,
                          height=axes.y_length, frame_color=p.muted)
        heatmap.move_to(axes.c2p((bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2,
                                 axes.z_range[0]))
        self.add(heatmap)
        self.bring_to_back(heatmap)
        self.narrate(descent_view(self.data.training_verdict),
                     *self._from_above(axes, surface, drawn, edges, labels), FadeIn(heatmap),
                     run_time=3)
        self.remove(surface)
        self.narrate("Each dot is where these two weights stood at that epoch; the last is the "
                     "trained network.",
                     FadeIn(self._epoch_labels(s.path_epochs, labelled, flat, [*labels[:2], key])),
                     run_time=1)

    def _loss_key(self, low: float, high: float) -> VGroup:
        """The colour bar of the loss, with the slice's lowest and highest values."""
        p = self.palette
        bar = colorbar(self.loss_colors, 0.3, 3.0)
        top = self._value_row("", "descent.loss_slice.loss_range[1]", high, size=32)
        bottom = self._value_row("", "descent.loss_slice.loss_range[0]", low, size=32)
        top.next_to(bar, RIGHT, buff=0.15).align_to(bar, UP)
        bottom.next_to(bar, RIGHT, buff=0.15).align_to(bar, DOWN)
        title = self._text("loss", color=p.gradient).next_to(bar, UP, buff=0.2)
        return Group(title, bar, top, bottom).to_edge(RIGHT, buff=0.8).shift(LANDSCAPE_SHIFT)

    def _labelled_points(self, flat: list[np.ndarray]) -> list[int]:
        """Which path points get an epoch label: the last and the first, then snapshot epochs,
        each kept only if it is far enough on screen from those already chosen."""
        snapshots = set(self.data.config.training.snapshots)
        epochs = self.descent.loss_slice.path_epochs
        candidates = [len(flat) - 1, 0] + [k for k, e in enumerate(epochs) if int(e) in snapshots]
        chosen: list[int] = []
        for k in candidates:
            if len(chosen) < MAX_EPOCH_LABELS and all(
                    np.linalg.norm(flat[k] - flat[j]) >= EPOCH_LABEL_SPACING for j in chosen):
                chosen.append(k)
        return sorted(chosen)

    def _epoch_labels(self, epochs, labelled: list[int], flat: list[np.ndarray],
                      avoid: list[Mobject]) -> VGroup:
        """"epoch N" beside each labelled point, on the side where it covers the least of the
        path, without touching the other labels, ``avoid`` or the frame's edge."""
        p = self.palette
        along = np.vstack([np.linspace(a, b, int(np.linalg.norm(b - a) / 0.05) + 2)
                           for a, b in zip(flat, flat[1:])] or [flat[0][None]])
        half_frame = np.array([config.frame_width, config.frame_height]) / 2
        placed: list[Mobject] = list(avoid)
        labels = VGroup()
        for k in labelled:
            epoch = self.show_value(f"descent.loss_slice.path_epochs[{k}]", epochs[k], 0)
            label = self._text(f"epoch {epoch:g}", size=theme.SMALL_SIZE)
            label.add_background_rectangle(color=p.background, opacity=0.75, buff=0.06)

            def cost(choice: int) -> tuple:
                label.next_to(flat[k], LABEL_SIDES[choice], buff=0.15)
                low, high = label.get_corner(DL)[:2] - 0.08, label.get_corner(UR)[:2] + 0.08
                covered = np.sum(np.all((along[:, :2] > low) & (along[:, :2] < high), axis=1))
                half_size = (label.get_corner(UR) - label.get_center())[:2]
                off_frame = np.any(np.abs(label.get_center()[:2]) + half_size > half_frame - 0.1)
                clash = off_frame or any(_overlap(label, other) for other in placed)
                return clash, covered, choice

            best = min(range(len(LABEL_SIDES)), key=cost)
            labels.add(label.next_to(flat[k], LABEL_SIDES[best], buff=0.15))
            placed.append(label)
        return labels


def _overlap(a: Mobject, b: Mobject) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` intersect."""
    return bool(np.all(a.get_corner(DL)[:2] < b.get_corner(UR)[:2])
                and np.all(b.get_corner(DL)[:2] < a.get_corner(UR)[:2]))
