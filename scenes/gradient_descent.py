"""Chapter 6: gradient descent. The calculus intuition on a 1-D curve (its slope, steps downhill),
which becomes a slice of the lesson's bowl w1² + w2² in 3-D with its real descent path, seen from
above as level lines; three learning rates from the same start, judged by nnmath; then the real
training loss of the lecture's network over two of its weights with the path training took."""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES, DOWN, LEFT, ORIGIN, OUT, PI, RIGHT, UP, Arrow, Axes, Create, Dot, FadeIn, FadeOut,
    Flash, GrowArrow, Group, Indicate, LaggedStart, Line, MathTex, Mobject, ReplacementTransform,
    ShowPassingFlash, Text, Transform, ValueTracker, VGroup, VMobject, Write, linear,
)

from scenes import theme
from scenes.base import LectureThreeDScene, on
from scenes.decimals import significant_decimals
from scenes.mobjects.descent import (
    DescentTrail, EpochLabels, Landscape, LossKey, RatePanel, StepReadout,
    label_text, param_tex, polynomial_tex, spaced_points,
)
from scenes.mobjects.heatmap import Heatmap
from scenes.narration import RATE_TITLE, descent_view, rate_line

FRONT = dict(phi=90 * DEGREES, theta=-90 * DEGREES)   # looking at the x-z plane: a 2-D plot
TILT = dict(phi=64 * DEGREES, theta=-62 * DEGREES)    # looking down at a surface
TOP = dict(phi=0.0, theta=-90 * DEGREES)              # straight down: the plain 2-D view
BOX_SIDE, BOX_HEIGHT = 5.6, 3.0                       # a landscape's box
EPOCH_LABEL_SPACING, MAX_EPOCH_LABELS = 1.3, 4
MATH, SMALL_MATH = theme.math_size(theme.TYPE.small), theme.math_size(theme.TYPE.label)
BELOW_SUBTITLE = theme.Region(theme.CONTENT.left, theme.CONTENT.right, theme.CONTENT.bottom,
                              theme.CONTENT.top - 0.45)


class GradientDescentScene(LectureThreeDScene):
    def construct(self) -> None:
        self.descent = self.data.descent
        p = self.palette
        self.loss_colors = (p.muted, p.gradient)   # low → high loss
        self.set_camera_orientation(**FRONT)
        self.heading = self._fixed(self.make_heading("Gradient descent"))
        self.subtitle = self._fixed(self._subtitle_text("the slope tells us which way is down"))
        self._curve()
        self._bowl()
        self._learning_rates()
        self._loss_slice()

    # -- the kit of a 3-D scene: pinned texts and camera moves ------------------------------
    def _fixed(self, mobject: Mobject) -> Mobject:
        """Pin ``mobject`` to the frame, unmoved by the camera (added when animated); parts a
        transform or a readout adds later are pinned as they come."""
        self.camera.add_fixed_in_frame_mobjects(mobject)
        return mobject.add_updater(lambda m: self.camera.add_fixed_in_frame_mobjects(m))

    def _behind(self, *mobjects: Mobject) -> None:
        """Put ``mobjects`` (a map fading in at once) behind everything already shown."""
        self.add(*mobjects)
        self.bring_to_back(*mobjects)

    def _surface_in(self, land: Landscape):
        """An animation bringing the landscape's surface in behind the texts pinned to the frame."""
        land.surface.set_fill(opacity=0).set_stroke(opacity=0)
        self._behind(land.surface)
        return land.surface.animate.set_fill(opacity=0.9).set_stroke(opacity=1)

    def _subtitle_text(self, text: str) -> Text:
        sub = Text(text, font=theme.FONT, font_size=theme.TYPE.small, color=self.palette.muted)
        return sub.move_to([0, theme.CONTENT.top - sub.height / 2, 0])

    def _retitle(self, text: str) -> Transform:
        return self._morph(self.subtitle, self._subtitle_text(text))

    def _morph(self, old: Mobject, new: Mobject) -> Transform:
        """Transform a pinned ``old`` into ``new``, its parts matched beforehand so that the
        parts the transform would add are pinned from its first frame."""
        old.align_data(new.copy())
        self.camera.add_fixed_in_frame_mobjects(old)
        return Transform(old, new)

    def _camera(self, centre=None, zoom: float | None = None, **angles: float) -> list:
        """Animations turning the camera to ``phi``/``theta``, zooming, and moving the point it
        looks at to ``centre``."""
        c = self.camera
        trackers = {"phi": c.phi_tracker, "theta": c.theta_tracker, "zoom": c.zoom_tracker}
        moves = [trackers[k].animate.set_value(v) for k, v in (*angles.items(), ("zoom", zoom))
                 if v is not None]
        return moves + ([c._frame_center.animate.move_to(centre)] if centre is not None else [])

    def _math(self, tex: str, size: float = MATH, color: str | None = None) -> MathTex:
        return MathTex(tex, font_size=size, color=color or self.palette.text)

    def _record_trail(self, name: str, to_coords, trail: DescentTrail) -> DescentTrail:
        """Record as ``drawn.<name>[k][axis]`` the data coordinates of each point of the whole
        path (read before it is set to grow); its dots face the camera."""
        for k, point in enumerate(trail.points_drawn()):
            for axis, value in enumerate(to_coords(point)):
                self.record_drawn(f"{name}[{k}][{axis}]", round(value, 3))
        self.camera.add_fixed_orientation_mobjects(*trail.dots)
        return trail

    # -- 1. the calculus intuition, drawn upright in the x-z plane --------------------------
    def _curve(self) -> None:
        p, c = self.palette, self.descent.curve
        xs, ys = np.asarray(c.xs), np.asarray(c.ys)
        step = 5.0
        axes = Axes(x_range=[xs[0], xs[-1], 1],
                    y_range=[np.floor(ys.min() / step) * step, np.ceil(ys.max() / step) * step, step],
                    x_length=7.6, y_length=5.2, tips=False,
                    axis_config={"color": p.muted, "stroke_width": 2, "include_ticks": False})
        axes.move_to([theme.CONTENT.left + 4.2, -0.35, 0])
        grid = VGroup(*(Line(axes.c2p(x, axes.y_range[0]), axes.c2p(x, axes.y_range[1]))
                        for x in range(int(np.ceil(xs[0])), int(xs[-1]) + 1)),
                      *(Line(axes.c2p(xs[0], y), axes.c2p(xs[-1], y))
                        for y in np.arange(axes.y_range[0], axes.y_range[1] + 1e-9, step)))
        grid.set_stroke(p.muted, width=1, opacity=0.25)
        numbers = VGroup(*(self._math(f"{x:g}", SMALL_MATH, p.muted).next_to(axes.c2p(x, 0), DOWN + RIGHT, buff=0.08)
                           for x in range(int(np.ceil(xs[0])), int(xs[-1]) + 1) if x != 0))
        graph = axes.plot_line_graph(xs, ys, add_vertex_dots=False, line_color=p.text,
                                     stroke_width=4)["line_graph"]
        slope = self.show_value("descent.curve.slopes[0]", c.slopes[0], 2)
        start = self.show_value("descent.curve.path.points[0][0]", c.path.points[0, 0], 2)
        start_point = axes.c2p(start, np.interp(start, xs, ys))
        tangent_dir = axes.c2p(1, slope) - axes.c2p(0, 0)
        downhill = Arrow(start_point, start_point + np.sign(-slope) * 1.6 * tangent_dir / np.linalg.norm(tangent_dir),
                         buff=0.15, color=p.gradient, stroke_width=5)
        plot = VGroup(grid, axes, numbers, graph, downhill)
        plot.rotate(PI / 2, RIGHT, about_point=ORIGIN)     # upright: the front camera sees it flat

        shown = [self.show_value(f"descent.curve.coefficients[{i}]", v, 2) if round(v, 2) else 0.0
                 for i, v in enumerate(c.coefficients)]
        formula = self._fixed(self._math("f(x) = " + polynomial_tex(shown)))
        slope_row = self._fixed(self._math(rf"f'({start:g}) = {slope:.2f}", color=p.gradient))
        rule = self._fixed(self._math(r"x \leftarrow x - \eta\, f'(x)"))
        rate = self.show_value("descent.curve.path.learning_rate", c.path.learning_rate, 2)
        eta = self._fixed(self._math(rf"\eta = {rate:.2f}"))
        k = ValueTracker(0)
        readout = self._fixed(StepReadout(c.path.values, k, color=p.text, font_size=MATH))
        self.show_value("descent.curve.path.values[0]", c.path.values[0], significant_decimals(c.path.values[0]))
        column = VGroup(formula, slope_row, rule, eta, readout).arrange(DOWN, aligned_edge=LEFT, buff=0.42)
        column.move_to([theme.CONTENT.right - 1.8, 0.2, 0]).align_to([theme.CONTENT.right - 3.6, 0, 0], LEFT)

        self.narrate("Gradient descent starts from high-school calculus: one function, f of x.",
                     FadeIn(self.heading), FadeIn(self.subtitle), Create(axes), FadeIn(grid),
                     on("one function", Create(graph), FadeIn(numbers)), on("f of x", Write(formula)))

        points = c.path.points[:, 0]

        def where(step: float) -> np.ndarray:
            i = min(int(step), len(points) - 2)
            x = points[i] + (step - i) * (points[i + 1] - points[i])
            return axes.c2p(x, np.interp(x, xs, ys))

        dot = Dot(radius=0.1, color=p.highlight, stroke_color=p.background, stroke_width=1.5)
        dot.add_updater(lambda m: m.move_to(where(k.get_value())))
        tangent = VMobject().add_updater(lambda m: m.become(self._tangent(axes, where(k.get_value()), k)))
        dot.update(), tangent.update()
        self.camera.add_fixed_orientation_mobjects(dot)
        self.narrate(f"Its derivative is the slope at each point. Here it is "
                     f"{'negative' if slope < 0 else 'positive'}: downhill lies to the "
                     f"{'right' if slope < 0 else 'left'}.", FadeIn(dot),
                     on("slope", Create(tangent), FadeIn(slope_row)), on("downhill", GrowArrow(downhill)))
        self.narrate("So step against the slope, scaled by a learning rate, eta.",
                     Write(rule), on("learning rate", FadeIn(eta)), on("eta", FadeIn(readout)))

        trail = DescentTrail([axes.c2p(x, v) for x, v in zip(points, c.path.values)],
                             color=p.highlight, background=p.background, line_shown=False,
                             radius=0.05)
        self._record_trail("curve", axes.p2c, trail).follow(k)
        self.add(trail)
        self.bring_to_front(tangent, dot)
        steps = len(points) - 1
        self.narrate("The steps grow where the curve is steep and shrink as it flattens.",
                     FadeOut(downhill), k.animate(rate_func=linear).set_value(steps), run_time=4.5)
        self.show_value("descent.curve.path.values[-1]", c.path.values[-1], significant_decimals(c.path.values[-1]))
        minimum = self.show_value("descent.curve.minimum", c.minimum, 2)
        self.narrate("At the bottom the slope is zero: the minimum.",
                     on("zero", self._morph(slope_row, self._math(rf"f'(x) = 0 \text{{ at }} x = {minimum:.2f}",
                                                                color=p.gradient).move_to(slope_row, aligned_edge=LEFT))),
                     on("minimum", Flash(dot, color=p.gradient)))
        for m in (dot, tangent, readout):
            m.clear_updaters()
        self.curve_parts = Group(axes, grid, numbers, dot, tangent, trail)
        self.curve_graph, self.curve_texts = graph, VGroup(slope_row, rule, eta, readout)
        self.formula = formula

    def _tangent(self, axes: Axes, centre: np.ndarray, k: ValueTracker, length: float = 2.4) -> Line:
        """The tangent at the dot, a fixed length, its slope nnmath's at the step reached."""
        slopes = self.descent.curve.slopes
        direction = axes.c2p(1, slopes[min(int(round(k.get_value())), len(slopes) - 1)]) - axes.c2p(0, 0)
        direction /= np.linalg.norm(direction)
        return Line(centre - direction * length / 2, centre + direction * length / 2,
                    color=self.palette.gradient, stroke_width=3)

    # -- 2. the bowl: the curve becomes its slice, then the path, then the view from above ---
    def _landscape(self, grid, labels) -> Landscape:
        land = Landscape(grid, labels, colors=self.loss_colors, side=BOX_SIDE, height=BOX_HEIGHT,
                         edge_color=self.palette.muted, background=self.palette.background)
        for label in land.labels:
            self.camera.add_fixed_orientation_mobjects(label)
        return land

    def _bowl(self) -> None:
        p = self.palette
        grid, path = self.descent.bowl_surface, self.descent.bowl_path
        land = self._landscape(grid, tuple(self._math(n) for n in ("w_1", "w_2", "f")))
        middle = len(grid.ys) // 2      # the row w2 = 0: the bowl's slice f = w1²
        slice_ = VMobject(color=p.text, stroke_width=4).set_points_smoothly(
            [land.axes.c2p(x, grid.ys[middle], v) for x, v in zip(grid.xs, grid.values[middle])])
        bowl_formula = self._fixed(self._math("f(w_1, w_2) = w_1^2 + w_2^2").move_to(self.formula, aligned_edge=LEFT))
        self.narrate("With two weights, the loss becomes a surface: here is the lesson's bowl, and "
                     "our curve is one slice of it.",
                     self._retitle("two weights: a bowl"), FadeOut(self.curve_parts), FadeOut(self.curve_texts),
                     ReplacementTransform(self.curve_graph, slice_),
                     on("surface", *self._camera(centre=land.centre() + OUT * 0.3, **TILT),
                        self._surface_in(land), Create(land.edges), FadeIn(land.labels), run_time=2.5),
                     on("lesson's bowl", self._morph(self.formula, bowl_formula)),
                     on("one slice", Indicate(slice_, color=p.highlight, scale_factor=1.05)))

        k = ValueTracker(0)
        trail = DescentTrail([land.axes.c2p(*w, v) for w, v in zip(path.points, path.values)],
                             color=p.highlight, background=p.background)
        self._record_trail("bowl", land.axes.p2c, trail).follow(k)
        rate = self.show_value("descent.bowl_path.learning_rate", path.learning_rate, 2)
        steps = len(path.values) - 1
        readout = self._fixed(StepReadout(path.values, k, color=p.text, font_size=MATH))
        eta = self._fixed(self._math(rf"\eta = {rate:.2f}"))
        VGroup(eta, readout).arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(bowl_formula, DOWN, buff=0.4, aligned_edge=LEFT)
        self.show_value("descent.bowl_path.values[0]", path.values[0], significant_decimals(path.values[0]))
        self.add(trail)
        bottom = land.axes.c2p(0, 0, 0)
        self.narrate("Each step heads straight downhill, and the loss falls with every step.",
                     FadeOut(slice_), FadeIn(eta), FadeIn(readout),
                     k.animate(rate_func=linear).set_value(steps),
                     on("the loss falls", *self._camera(centre=bottom + OUT * 0.6, zoom=1.1, theta=-40 * DEGREES)),
                     run_time=4.5)
        self.show_value("descent.bowl_path.steps", steps, 0)
        self.show_value("descent.bowl_path.values[-1]", path.values[-1], significant_decimals(path.values[-1]))
        readout.clear_updaters()
        trail.clear_updaters()
        contours = land.contours(self.loss_colors)
        self.narrate("From above, the rings are levels of equal loss, and the path cuts straight "
                     "across them.", *self._camera(centre=UP * 0.3, zoom=1.0, **TOP),
                     *land.flatten(trail), on("rings", Create(contours)),
                     on("cuts straight", ShowPassingFlash(trail.line.copy().set_stroke(p.gradient, width=7),
                                                          time_width=0.6)))
        self.remove(land.surface)
        self.bowl_view = (land, trail, contours, Group(eta, readout))

    # -- 3. three learning rates from the same start ----------------------------------------
    def _learning_rates(self) -> None:
        p, d = self.palette, self.descent
        paths, verdicts = d.learning_rates, d.rate_verdicts
        top = max(float(np.max(path.values)) for path in paths)
        panels = Group(*(self._rate_panel(i, path, verdict, top)
                         for i, (path, verdict) in enumerate(zip(paths, verdicts))))
        panels.arrange(RIGHT, buff=0.6)
        BELOW_SUBTITLE.fit(panels)
        good = next(i for i, path in enumerate(paths) if path.learning_rate == d.bowl_path.learning_rate)
        land, trail, contours, readouts = self.bowl_view
        self.narrate("The learning rate sets the step size: here are three, from the same start.",
                     self._retitle("the learning rate sets the step"), *self._camera(centre=ORIGIN),
                     FadeOut(land.edges[:2]), FadeOut(land.labels[:2]), FadeOut(readouts), FadeOut(self.formula),
                     ReplacementTransform(contours, panels[good].contours),
                     ReplacementTransform(trail, panels[good].trail),
                     on("three", *(FadeIn(panel.frame()) for panel in panels)))
        self.remove(land)
        for i, (panel, path, verdict) in enumerate(zip(panels, paths, verdicts)):
            steps = self.show_value(f"descent.learning_rates[{i}].steps", len(path.values) - 1, 0)
            start = self.show_value(f"descent.learning_rates[{i}].values[0]", path.values[0],
                                    significant_decimals(path.values[0]))
            end = self.show_value(f"descent.learning_rates[{i}].values[-1]", path.values[-1],
                                  significant_decimals(path.values[-1]))
            k = ValueTracker(0)
            panel.follow(k, trail=i != good)
            if i != good:
                self.add(panel.trail)
            self.add(panel.losses)
            self.narrate(rate_line(verdict, steps, start, end), FadeIn(panel.title[1]),
                         k.animate(rate_func=linear).set_value(steps), on("the loss", FadeIn(panel.final)),
                         run_time=3)
        self.rate_panels = panels

    def _rate_panel(self, index: int, path, verdict, top: float) -> RatePanel:
        p = self.palette
        rate = self.show_value(f"descent.learning_rates[{index}].learning_rate", path.learning_rate, 2)
        title = VGroup(self._math(rf"\eta = {rate:.2f}"),
                       Text(RATE_TITLE[verdict.rate], font=theme.FONT, font_size=theme.TYPE.small,
                            color=p.muted)).arrange(DOWN, buff=0.1)
        end = self.show_value(f"descent.learning_rates[{index}].values[-1]", path.values[-1],
                              significant_decimals(path.values[-1]))
        final = self._math(rf"f = {end:.{significant_decimals(path.values[-1])}f}", SMALL_MATH)
        panel = RatePanel(self.descent.rates_surface, path.points, path.values, title, final,
                          size=3.9, loss_top=top, colors=self.loss_colors, path_color=p.highlight,
                          muted=p.muted, background=p.background)
        self._record_trail(f"rate[{index}]", panel.axes.p2c, panel.trail)
        return panel

    # -- 4. the real network's loss over two of its weights ---------------------------------
    def _loss_slice(self) -> None:
        p, s = self.palette, self.descent.loss_slice
        names = tuple(self._math(param_tex(ref), SMALL_MATH) for ref in s.weights)
        loss_label = Text("loss", font=theme.FONT, font_size=theme.TYPE.small, color=p.gradient)
        land = self._landscape(s.grid, (*names, loss_label))
        low, high = (self.show_value(f"descent.loss_slice.loss_range[{i}]", v, significant_decimals(v))
                     for i, v in enumerate(s.loss_range))
        key = self._fixed(LossKey(self.loss_colors, low, high, SMALL_MATH, theme.TYPE.small)
                          .move_to([theme.CONTENT.right - 1.0, -0.3, 0]))
        self.narrate("Now our real network: its training loss over two of its weights, with all "
                     "the others held at their final values.",
                     self._retitle("the real loss over two weights"), FadeOut(self.rate_panels),
                     *self._camera(centre=land.centre() + OUT * 0.3, **TILT),
                     on("training loss", self._surface_in(land), Create(land.edges), FadeIn(land.labels), FadeIn(key)))

        flat = [land.point(x, y) for x, y in s.path]
        snapshots = set(self.data.config.training.snapshots)
        chosen = spaced_points(flat, [len(flat) - 1, 0] + [i for i, e in enumerate(s.path_epochs)
                                                          if int(e) in snapshots],
                               EPOCH_LABEL_SPACING, MAX_EPOCH_LABELS)
        k = ValueTracker(0)
        trail = DescentTrail([land.axes.c2p(*w, z) for w, z in zip(s.path, s.path_slice_loss)],
                             color=p.highlight, background=p.background, radius=0.07,
                             dot_indices=chosen)
        self._record_trail("slice", land.axes.p2c, trail).follow(k)
        self.add(trail)
        self.narrate("The path is where training took these two weights, epoch by epoch.",
                     k.animate(rate_func=linear).set_value(trail.steps),
                     on("where", *self._camera(theta=-45 * DEGREES), run_time=3.5), run_time=3.5)
        trail.clear_updaters()
        x0, x1, y0, y1 = s.grid.xs[0], s.grid.xs[-1], s.grid.ys[0], s.grid.ys[-1]
        heatmap = Heatmap(s.grid.values, (x0, x1, y0, y1), colors=self.loss_colors,
                          width=BOX_SIDE, height=BOX_SIDE, frame_color=p.muted)
        heatmap.move_to(land.point((x0 + x1) / 2, (y0 + y1) / 2))
        self._behind(heatmap)
        riders = VGroup(trail.casing, trail.line, trail.dots)
        self.narrate(descent_view(self.data.training_verdict), *self._camera(centre=UP * 0.3, **TOP),
                     *land.flatten(riders), FadeIn(heatmap))
        self.remove(land.surface)

        def make(i: int) -> Mobject:
            epoch = self.show_value(f"descent.loss_slice.path_epochs[{i}]", s.path_epochs[i], 0)
            return label_text(f"epoch {epoch:g}", p.text, p.background)

        labels = EpochLabels([flat[i] for i in range(len(flat))], chosen, make, avoid=[*land.labels[:2], key, self.subtitle])
        self.narrate("Each dot is where these two weights stood at that epoch; the last is the "
                     "trained network.", LaggedStart(*(FadeIn(label) for label in labels), lag_ratio=0.4),
                     on("the last", Flash(trail.dots[-1], color=p.gradient)))
