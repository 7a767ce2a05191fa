"""Chapter 6: gradient descent. The calculus intuition on a 1-D curve (its slope, steps downhill),
which becomes a slice of the lesson's bowl w1² + w2² in 3-D with its real descent path, seen from
above as level lines; three learning rates from the same start, judged by nnmath; then the real
training loss of the lecture's network over two of its weights with the path training took."""

from __future__ import annotations

from manim import (
    DEGREES, DOWN, LEFT, ORIGIN, OUT, RIGHT, UP, Create, FadeIn, FadeOut, Flash, GrowArrow, Group,
    Indicate, LaggedStart, MathTex, ReplacementTransform, ShowPassingFlash, Text, ValueTracker,
    VGroup, Write, linear,
)

from nnmath.verdicts import Downhill, downhill
from scenes import theme
from scenes.base import LectureThreeDScene, on
from scenes.decimals import significant_decimals
from scenes.mobjects.camera_view import morph_pinned, pin, turn
from scenes.mobjects.descent import (
    CurvePlot, DescentTrail, EpochLabels, Landscape, LossKey, RatePanel, StepReadout,
    epoch_marks, param_tex, polynomial_tex,
)
from scenes.narration import RATE_TITLE, descent_view, rate_line

FRONT = dict(phi=90 * DEGREES, theta=-90 * DEGREES)   # looking at the x-z plane: a 2-D plot
TILT = dict(phi=64 * DEGREES, theta=-62 * DEGREES)    # looking down at a surface
TOP = dict(phi=0.0, theta=-90 * DEGREES)              # straight down: the plain 2-D view
BOX_SIDE, BOX_HEIGHT = 5.6, 3.0                       # a landscape's box
MATH, SMALL_MATH = theme.math_size(theme.TYPE.small), theme.math_size(theme.TYPE.label)
BELOW_SUBTITLE = theme.Region(theme.CONTENT.left, theme.CONTENT.right, theme.CONTENT.bottom,
                              theme.CONTENT.top - 0.45)
SLOPE_SIGN = {Downhill.RIGHT: "negative", Downhill.LEFT: "positive"}


class GradientDescentScene(LectureThreeDScene):
    def construct(self) -> None:
        self.descent = self.data.descent
        self.loss_colors = (self.palette.muted, self.palette.gradient)   # low → high loss
        self.set_camera_orientation(**FRONT)
        self.heading = pin(self.camera, self.make_heading("Gradient descent"))
        self.subtitle = pin(self.camera, self._subtitle_text("the slope tells us which way is down"))
        self._curve()
        self._bowl()
        self._learning_rates()
        self._loss_slice()

    # -- what the beats share: texts pinned to the frame, a surface coming in, recorded paths --
    def _pinned_math(self, tex: str, size: float = MATH, color: str | None = None) -> MathTex:
        return pin(self.camera, self._math(tex, size, color))

    def _math(self, tex: str, size: float = MATH, color: str | None = None) -> MathTex:
        return MathTex(tex, font_size=size, color=color or self.palette.text)

    def _subtitle_text(self, text: str) -> Text:
        sub = Text(text, font=theme.FONT, font_size=theme.TYPE.small, color=self.palette.muted)
        return sub.move_to([0, theme.CONTENT.top - sub.height / 2, 0])

    def _retitle(self, text: str):
        return morph_pinned(self.camera, self.subtitle, self._subtitle_text(text))

    def _surface_in(self, land: Landscape):
        """The landscape's surface fading in behind the texts pinned to the frame."""
        self.bring_to_back(land.surface)
        return land.rise()

    def _landscape(self, grid, labels) -> Landscape:
        land = Landscape(grid, labels, colors=self.loss_colors, side=BOX_SIDE, height=BOX_HEIGHT,
                         edge_color=self.palette.muted, background=self.palette.background)
        self.camera.add_fixed_orientation_mobjects(*land.labels)
        return land

    def _record_trail(self, name: str, to_coords, trail: DescentTrail,
                      tracker: ValueTracker | None = None) -> DescentTrail:
        """Record the data coordinates of the whole path as ``drawn.<name>[k][axis]``; its dots
        face the camera. With ``tracker``, it is added to grow with it."""
        for key, value in trail.drawn(name, to_coords).items():
            self.record_drawn(key, value)
        self.camera.add_fixed_orientation_mobjects(*trail.dots)
        if tracker is not None:
            self.add(trail.follow(tracker))
        return trail

    def _step_texts(self, name: str, path, tracker: ValueTracker) -> tuple[MathTex, StepReadout]:
        """η = the rate of ``path`` (``descent.<name>``), and its loss at step ``tracker``; pinned."""
        rate = self.show_value(f"descent.{name}.learning_rate", path.learning_rate, 2)
        self._shown_loss(f"descent.{name}.values[0]", path.values[0])
        readout = StepReadout(path.values, tracker, color=self.palette.text, font_size=MATH)
        return self._pinned_math(rf"\eta = {rate:.2f}"), pin(self.camera, readout)

    def _shown_loss(self, path: str, value: float) -> float:
        return self.show_value(path, value, significant_decimals(value))

    # -- 1. the calculus intuition, drawn upright in the x-z plane --------------------------
    def _curve(self) -> None:
        p, c = self.palette, self.descent.curve
        slope = self.show_value("descent.curve.slopes[0]", c.slopes[0], 2)
        start = self.show_value("descent.curve.path.points[0][0]", c.path.points[0, 0], 2)
        side = downhill(slope)
        k = ValueTracker(0)
        plot = CurvePlot(c, k, start=start, slope=slope, direction=int(side), step=5.0,
                         centre=[theme.CONTENT.left + 4.2, -0.35, 0], size=(7.6, 5.2),
                         number_size=SMALL_MATH, palette=p)
        shown = [self.show_value(f"descent.curve.coefficients[{i}]", v, 2) if round(v, 2) else 0.0
                 for i, v in enumerate(c.coefficients)]
        self.formula = self._pinned_math("f(x) = " + polynomial_tex(shown))
        slope_row = self._pinned_math(rf"f'({start:g}) = {slope:.2f}", color=p.gradient)
        rule = self._pinned_math(r"x \leftarrow x - \eta\, f'(x)")
        eta, readout = self._step_texts("curve.path", c.path, k)
        column = VGroup(self.formula, slope_row, rule, eta, readout)
        column.arrange(DOWN, aligned_edge=LEFT, buff=0.42).move_to([theme.CONTENT.right - 1.8, 0.2, 0])
        column.align_to([theme.CONTENT.right - 3.6, 0, 0], LEFT)

        self.narrate("Gradient descent starts from high-school calculus: one function, f of x.",
                     FadeIn(self.heading), FadeIn(self.subtitle), Create(plot.axes),
                     FadeIn(plot.grid), on("one function", Create(plot.graph), FadeIn(plot.numbers)),
                     on("f of x", Write(self.formula)))
        self.camera.add_fixed_orientation_mobjects(plot.dot)
        self.narrate(f"Its derivative is the slope at each point. Here it is {SLOPE_SIGN[side]}: "
                     f"downhill lies to the {side.name.lower()}.", FadeIn(plot.dot),
                     on("slope", Create(plot.tangent), FadeIn(slope_row)),
                     on("downhill", GrowArrow(plot.downhill)))
        self.narrate("So step against the slope, scaled by a learning rate, eta.",
                     Write(rule), on("learning rate", FadeIn(eta)), on("eta", FadeIn(readout)))

        self._record_trail("curve", plot.axes.p2c, plot.trail, k)
        self.bring_to_front(plot.tangent, plot.dot)
        self.narrate("The steps grow where the curve is steep and shrink as it flattens.",
                     FadeOut(plot.downhill), k.animate(rate_func=linear).set_value(plot.trail.steps),
                     run_time=4.5)
        self._shown_loss("descent.curve.path.values[-1]", c.path.values[-1])
        minimum = self.show_value("descent.curve.minimum", c.minimum, 2)
        at_minimum = self._math(rf"f'(x) = 0 \text{{ at }} x = {minimum:.2f}", color=p.gradient)
        self.narrate("At the bottom the slope is zero: the minimum.",
                     on("zero", morph_pinned(self.camera, slope_row,
                                             at_minimum.move_to(slope_row, aligned_edge=LEFT))),
                     on("minimum", Flash(plot.dot, color=p.gradient)))
        plot.stop()
        readout.clear_updaters()
        self.curve_parts = Group(plot.axes, plot.grid, plot.numbers, plot.dot, plot.tangent,
                                 plot.trail)
        self.curve_graph, self.curve_texts = plot.graph, VGroup(slope_row, rule, eta, readout)

    # -- 2. the bowl: the curve becomes its slice, then the path, then the view from above ---
    def _bowl(self) -> None:
        p = self.palette
        grid, path = self.descent.bowl_surface, self.descent.bowl_path
        land = self._landscape(grid, tuple(self._math(n) for n in ("w_1", "w_2", "f")))
        slice_ = land.section(len(grid.ys) // 2, color=p.text, stroke_width=4)   # w2 = 0: f = w1²
        bowl_formula = self._pinned_math("f(w_1, w_2) = w_1^2 + w_2^2")
        bowl_formula.move_to(self.formula, aligned_edge=LEFT)
        self.narrate("With two weights, the loss becomes a surface: here is the lesson's bowl, and "
                     "our curve is one slice of it.",
                     self._retitle("two weights: a bowl"), FadeOut(self.curve_parts), FadeOut(self.curve_texts),
                     ReplacementTransform(self.curve_graph, slice_),
                     on("surface", *turn(self.camera, centre=land.centre() + OUT * 0.3, **TILT),
                        self._surface_in(land), Create(land.edges), FadeIn(land.labels), run_time=2.5),
                     on("lesson's bowl", morph_pinned(self.camera, self.formula, bowl_formula)),
                     on("one slice", Indicate(slice_, color=p.highlight, scale_factor=1.05)))

        k, steps = ValueTracker(0), len(path.values) - 1
        trail = land.path(path.points, path.values, color=p.highlight, background=p.background)
        self._record_trail("bowl", land.axes.p2c, trail, k)
        eta, readout = texts = VGroup(*self._step_texts("bowl_path", path, k))
        texts.arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(bowl_formula, DOWN, buff=0.4,
                                                                 aligned_edge=LEFT)
        bottom = land.axes.c2p(0, 0, 0) + OUT * 0.6
        self.narrate("Each step heads straight downhill, and the loss falls with every step.",
                     FadeOut(slice_), FadeIn(eta), FadeIn(readout),
                     k.animate(rate_func=linear).set_value(steps),
                     on("the loss falls", *turn(self.camera, bottom, 1.1, theta=-40 * DEGREES)),
                     run_time=4.5)
        self.show_value("descent.bowl_path.steps", steps, 0)
        self._shown_loss("descent.bowl_path.values[-1]", path.values[-1])
        readout.clear_updaters()
        trail.clear_updaters()
        contours = land.contours(self.loss_colors)
        self.narrate("From above, the rings are levels of equal loss, and the path cuts straight "
                     "across them.", *turn(self.camera, centre=UP * 0.3, zoom=1.0, **TOP),
                     *land.flatten(trail), on("rings", Create(contours)),
                     on("cuts straight", ShowPassingFlash(trail.line.copy().set_stroke(p.gradient, width=7),
                                                          time_width=0.6)))
        self.remove(land.surface)
        self.bowl_view = (land, trail, contours, texts)

    # -- 3. three learning rates from the same start ----------------------------------------
    def _learning_rates(self) -> None:
        d = self.descent
        paths, verdicts = d.learning_rates, d.rate_verdicts
        top = max(float(path.values.max()) for path in paths)
        panels = Group(*(self._rate_panel(i, path, verdict, top)
                         for i, (path, verdict) in enumerate(zip(paths, verdicts))))
        BELOW_SUBTITLE.fit(panels.arrange(RIGHT, buff=0.6))
        good = next(i for i, path in enumerate(paths) if path.learning_rate == d.bowl_path.learning_rate)
        land, trail, contours, readouts = self.bowl_view
        self.narrate("The learning rate sets the step size: here are three, from the same start.",
                     self._retitle("the learning rate sets the step"), *turn(self.camera, centre=ORIGIN),
                     FadeOut(land.edges[:2]), FadeOut(land.labels[:2]), FadeOut(readouts), FadeOut(self.formula),
                     ReplacementTransform(contours, panels[good].contours),
                     ReplacementTransform(trail, panels[good].trail),
                     on("three", *(FadeIn(panel.frame()) for panel in panels)))
        self.remove(land)
        for i, (panel, path, verdict) in enumerate(zip(panels, paths, verdicts)):
            steps = self.show_value(f"descent.learning_rates[{i}].steps", len(path.values) - 1, 0)
            start = self._shown_loss(f"descent.learning_rates[{i}].values[0]", path.values[0])
            end = self._shown_loss(f"descent.learning_rates[{i}].values[-1]", path.values[-1])
            k = ValueTracker(0)
            self.add(*panel.follow(k, trail=i != good))
            self.narrate(rate_line(verdict, steps, start, end), FadeIn(panel.title[1]),
                         k.animate(rate_func=linear).set_value(steps), on("the loss", FadeIn(panel.final)),
                         run_time=3)
        self.rate_panels = panels

    def _rate_panel(self, index: int, path, verdict, top: float) -> RatePanel:
        rate = self.show_value(f"descent.learning_rates[{index}].learning_rate", path.learning_rate, 2)
        end = self._shown_loss(f"descent.learning_rates[{index}].values[-1]", path.values[-1])
        panel = RatePanel(self.descent.rates_surface, path, rate, RATE_TITLE[verdict.rate], end,
                          size=3.9, loss_top=top, colors=self.loss_colors, palette=self.palette)
        self._record_trail(f"rate[{index}]", panel.axes.p2c, panel.trail)
        return panel

    # -- 4. the real network's loss over two of its weights ---------------------------------
    def _loss_slice(self) -> None:
        p, s = self.palette, self.descent.loss_slice
        names = [self._math(param_tex(ref), SMALL_MATH) for ref in s.weights]
        land = self._landscape(s.grid, (*names, Text("loss", font=theme.FONT, font_size=theme.TYPE.small,
                                                     color=p.gradient)))
        low, high = (self._shown_loss(f"descent.loss_slice.loss_range[{i}]", v)
                     for i, v in enumerate(s.loss_range))
        key = pin(self.camera, LossKey(self.loss_colors, low, high, SMALL_MATH, theme.TYPE.small)
                  .move_to([theme.CONTENT.right - 1.0, -0.3, 0]))
        self.narrate("Now our real network: its training loss over two of its weights, with all "
                     "the others held at their final values.",
                     self._retitle("the real loss over two weights"), FadeOut(self.rate_panels),
                     *turn(self.camera, centre=land.centre() + OUT * 0.3, **TILT),
                     on("training loss", self._surface_in(land), Create(land.edges), FadeIn(land.labels), FadeIn(key)))

        flat = [land.point(x, y) for x, y in s.path]
        chosen = epoch_marks(flat, s.path_epochs, self.data.config.training.snapshots)
        k = ValueTracker(0)
        trail = land.path(s.path, s.path_slice_loss, color=p.highlight, background=p.background,
                          radius=0.07, dot_indices=chosen)
        self._record_trail("slice", land.axes.p2c, trail, k)
        self.narrate("The path is where training took these two weights, epoch by epoch.",
                     k.animate(rate_func=linear).set_value(trail.steps),
                     on("where", *turn(self.camera, theta=-45 * DEGREES), run_time=3.5), run_time=3.5)
        trail.clear_updaters()
        heatmap = land.floor_map(self.loss_colors, p.muted)
        self.bring_to_back(heatmap)     # under the path and the pinned texts
        self.narrate(descent_view(self.data.training_verdict), *turn(self.camera, centre=UP * 0.3, **TOP),
                     *land.flatten(VGroup(trail.casing, trail.line, trail.dots)), FadeIn(heatmap))
        self.remove(land.surface)
        epochs = [self.show_value(f"descent.loss_slice.path_epochs[{i}]", s.path_epochs[i], 0)
                  for i in chosen]
        labels = EpochLabels(flat, chosen, epochs, color=p.text, background=p.background,
                             avoid=[*land.labels[:2], key, self.subtitle])
        self.narrate("Each dot is where these two weights stood at that epoch; the last is the "
                     "trained network.", LaggedStart(*(FadeIn(label) for label in labels), lag_ratio=0.4),
                     on("the last", Flash(trail.dots[-1], color=p.gradient)))
