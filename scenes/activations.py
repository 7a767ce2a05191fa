"""Chapter 4: the four activation functions, a point sweeping along them with live readouts, the
leaky slope seen up close, the derivatives and the vanishing gradient, then why non-linearity
matters: a linear network's boundary becoming the lecture network's, both trained by nnmath."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UL, UP, Axes, ChangeDecimalToValue, Create, DashedLine, DecimalNumber, Dot,
    FadeIn, FadeOut, Flash, Group, Indicate, LaggedStart, Line, MathTex, ReplacementTransform,
    ShowPassingFlash, Text, Transform, ValueTracker, VGroup, Write, linear,
)

from nnmath.activations import get_activation
from scenes import theme
from scenes.base import LectureScene, on
from scenes.decimals import significant_decimals
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.landscape import ContourLines
from scenes.narration import linearity
from scenes.notation import ACTIVATION_NAME, DATASET_NAME

SYMBOL = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}",
          "leaky_relu": r"\mathrm{LReLU}"}
RIGHT_SIDE = {"sigmoid": r"\frac{1}{1 + e^{-z}}", "tanh": r"\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
              "relu": r"\max(0,\, z)", "leaky_relu": r"\max(\alpha z,\, z)"}
MATH, SMALL_MATH = theme.math_size(theme.TYPE.small), theme.math_size(theme.TYPE.label)
PLOT = theme.CONTENT     # the axes span the frame; the formulas sit in their empty upper left
LEGEND_GAP = 0.3         # between the formulas and the axes, their numbers and the curves


class ActivationsScene(LectureScene):
    def construct(self) -> None:
        self.tour = self.data.activation_tour
        self.functions = {name: get_activation(name, self.tour.leaky_slope) for name in self.tour.outputs}
        p = self.palette
        self.colors = {"sigmoid": p.hidden, "tanh": p.input, "relu": p.output, "leaky_relu": p.negative}
        self.heading = self.make_heading("Activation functions")
        self._functions()
        self._sweep()
        self._derivatives()
        self._why_nonlinear()

    # -- plots ---------------------------------------------------------------------------------
    def _axes(self, y_range, y_step: float, decimals: int = 0) -> VGroup:
        """Axes over the tour's z range filling PLOT, with a faint grid and tick numbers."""
        p = self.palette
        z0, z1 = self.tour.z_range
        axes = Axes(x_range=[z0, z1, 1], y_range=[*y_range, y_step], x_length=PLOT.width - 0.6,
                    y_length=PLOT.height - 0.3, tips=False,
                    axis_config={"color": p.muted, "stroke_width": 2, "include_ticks": False})
        axes.move_to(PLOT.center)
        ys = np.arange(np.ceil(y_range[0] / y_step) * y_step, y_range[1] + 1e-9, y_step)
        grid = VGroup(*(Line(axes.c2p(z, y_range[0]), axes.c2p(z, y_range[1])) for z in range(int(z0), int(z1) + 1)),
                      *(Line(axes.c2p(z0, y), axes.c2p(z1, y)) for y in ys))
        grid.set_stroke(p.muted, width=1, opacity=0.22)
        numbers = VGroup(*(MathTex(f"{z:g}", font_size=SMALL_MATH, color=p.muted)
                           .next_to(axes.c2p(z, 0), DOWN + LEFT * (z == 0), buff=0.1)
                           for z in range(int(z0), int(z1) + 1) if z != 0),
                         *(MathTex(f"{y:.{decimals}f}", font_size=SMALL_MATH, color=p.muted)
                           .next_to(axes.c2p(0, y), LEFT, buff=0.12) for y in ys if abs(y) > 1e-9))
        return VGroup(grid, axes, numbers)

    def _plot(self, plot: VGroup, fn, color: str, span=None, width: float = 4):
        return plot[1].plot(lambda z: float(fn(np.array(z))), x_range=[*(span or self.tour.z_range), 0.02],
                            color=color, stroke_width=width)

    def _regroup(self, group: VGroup) -> None:
        """Make ``group``, whose parts were brought in one by one, one mobject of the scene (so
        that it can be transformed as a whole)."""
        self.remove(*group.submobjects)
        self.add(group)

    def _row(self, name: str, rhs: str) -> VGroup:
        return VGroup(*(MathTex(tex, font_size=MATH, color=self.colors[name])
                        for tex in (SYMBOL[name] + "(z) =", rhs))).arrange(RIGHT, buff=0.15)

    def _legend(self, axes: Axes, top_line: MathTex) -> None:
        """The formulas where no curve goes (every one rises from left to right): the sigmoid's
        and tanh's in the axes' upper left, above g = 1 and left of the y axis's numbers, with
        ``top_line`` (α, later the sweep's z) above them; the ReLUs' in the lower right, below
        the z axis's numbers."""
        origin = axes.c2p(0, 0)
        upper = VGroup(top_line, *self.rows[:2]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        self._place(upper, axes.get_left()[0] + LEGEND_GAP, origin[0] - 0.3 - LEGEND_GAP,
                    axes.get_top()[1] - 0.1, axes.c2p(0, 1)[1] + LEGEND_GAP)
        lower = VGroup(*self.rows[2:]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        self._place(lower, origin[0] + LEGEND_GAP, axes.get_right()[0] - LEGEND_GAP,
                    origin[1] - 0.45, axes.get_bottom()[1])

    @staticmethod
    def _place(block: VGroup, left: float, right: float, top: float, bottom: float) -> None:
        """Fit ``block`` into the box (scaled down only), at its top left."""
        block.scale(min(1.0, (right - left) / block.width, (top - bottom) / block.height))
        block.move_to([left, top, 0], aligned_edge=UL)

    # -- the four functions --------------------------------------------------------------------
    def _functions(self) -> None:
        p = self.palette
        self.plot = plot = self._axes([-1.5, 4], 1)
        axes = plot[1]
        z_label = MathTex("z", font_size=MATH, color=p.muted).next_to(axes.x_axis, RIGHT, buff=0.1)
        g_label = MathTex("g(z)", font_size=MATH, color=p.muted).next_to(axes.c2p(0, axes.y_range[1]), RIGHT, buff=0.15)
        self.axis_labels = VGroup(z_label, g_label)
        self.curves = {name: self._plot(plot, f.fn, self.colors[name], width=6 if name == "relu" else 3)
                       for name, f in self.functions.items()}
        self.rows = VGroup(*(self._row(name, RIGHT_SIDE[name]) for name in self.functions))
        slope = self.show_value("activation_tour.leaky_slope", self.tour.leaky_slope, 2)
        alpha = MathTex(rf"\alpha = {slope:g}", font_size=MATH, color=p.muted)
        self._legend(axes, alpha)
        self.narrate("A neuron's weighted sum is passed through an activation function.",
                     FadeIn(self.heading), FadeIn(plot[0]), Create(axes),
                     on("weighted sum", Write(z_label), FadeIn(plot[2])), on("activation function", Write(g_label)))
        self._regroup(plot)
        z0, z1 = self.tour.z_range
        one, minus_one = (DashedLine(axes.c2p(z0, y), axes.c2p(z1, y), color=c, stroke_width=2)
                          for y, c in ((1, self.colors["sigmoid"]), (-1, self.colors["tanh"])))
        origin = Dot(axes.c2p(0, 0), radius=0.08, color=self.colors["tanh"])
        negatives = Line(axes.c2p(z0, 0), axes.c2p(0, 0), color=self.colors["relu"], stroke_width=10)
        positives = Line(axes.c2p(0, 0), axes.c2p(z1, z1), color=self.colors["relu"], stroke_width=10)
        rows = dict(zip(self.functions, self.rows))
        self.narrate("The sigmoid squashes any z into the range from zero to one.",
                     Create(self.curves["sigmoid"]), Write(rows["sigmoid"]), on("zero to one", Create(one)))
        self.narrate("Tanh squashes into minus one to one, centred on zero.",
                     Create(self.curves["tanh"]), Write(rows["tanh"]), on("minus one", Create(minus_one)),
                     on("centred", FadeIn(origin, scale=2), Flash(origin, color=self.colors["tanh"])))
        self.narrate("ReLU passes positive values through and cuts negatives to zero.",
                     Create(self.curves["relu"]), Write(rows["relu"]), FadeOut(one), FadeOut(minus_one), FadeOut(origin),
                     on("positive", ShowPassingFlash(positives, time_width=0.5)),
                     on("cuts negatives", ShowPassingFlash(negatives, time_width=0.5)))
        self._leaky(rows["leaky_relu"], alpha)

    def _leaky(self, row: VGroup, alpha: MathTex) -> None:
        """Leaky ReLU drawn, then the camera goes close on the negative z, where its slope shows."""
        p = self.palette
        axes, frame = self.plot[1], self.camera.frame
        z0 = self.tour.z_range[0]
        places = significant_decimals(self.tour.leaky_end)
        low = self.show_value("activation_tour.leaky_end", self.tour.leaky_end, places)
        end = Dot(axes.c2p(z0, self.tour.leaky_end), radius=0.03, color=p.negative)
        window = Line(axes.c2p(z0 - 0.5, 0), axes.c2p(z0 / 2 - 0.4, 0))
        zoom = window.width / frame.width
        note = MathTex(rf"\mathrm{{LReLU}}({z0:g}) = {low:.{places}f}", font_size=MATH * zoom, color=p.negative)
        note.next_to(end, UP, buff=0.5 * zoom).shift(RIGHT * 1.1 * zoom * 1.6)
        self.narrate("Leaky ReLU keeps a small slope alpha for negatives, so a neuron never "
                     "goes completely silent.", Create(self.curves["leaky_relu"]), Write(row),
                     on("small slope", frame.animate.scale(zoom).move_to(window.get_center()),
                        *(c.animate.set_stroke(width=c.get_stroke_width() * 0.6) for c in self.curves.values()),
                        FadeOut(self.plot[2]), run_time=1.5),
                     on("alpha", FadeIn(alpha)),
                     on("never", FadeIn(end), Write(note)))
        self.leaky_note = VGroup(end, note)
        self.alpha = alpha

    # -- the sweep -----------------------------------------------------------------------------
    def _sweep(self) -> None:
        p, tour = self.palette, self.tour
        axes, frame = self.plot[1], self.camera.frame
        z = ValueTracker(tour.z_range[0])
        y0, y1 = axes.y_range[:2]
        marker = Line(axes.c2p(0, y0), axes.c2p(0, y1), color=p.muted, stroke_width=1.5)

        def follow(line: Line) -> None:
            """Down to just below the lowest output (clear of the ReLUs' formulas)."""
            at = z.get_value()
            low = min(0.0, *(float(f.fn(np.array(at))) for f in self.functions.values())) - 0.3
            line.put_start_and_end_on(axes.c2p(at, max(low, y0)), axes.c2p(at, y1))

        marker.add_updater(follow)
        dots = VGroup(*(Dot(radius=0.08, color=self.colors[name]) for name in self.functions))
        dots.add_updater(lambda group: [dot.move_to(axes.c2p(z.get_value(), float(f.fn(np.array(z.get_value())))))
                                        for dot, f in zip(group, self.functions.values())])
        values = VGroup(*(DecimalNumber(0, num_decimal_places=2, font_size=MATH, color=self.colors[name])
                          for name in self.functions))
        for value, row in zip(values, self.rows):
            value.move_to(row[1], aligned_edge=LEFT)
        for number, f in zip(values, self.functions.values()):
            number.add_updater(lambda m, f=f: m.set_value(float(f.fn(np.array(z.get_value())))))
        z_row = VGroup(MathTex("z =", font_size=MATH, color=p.text),
                       DecimalNumber(z.get_value(), num_decimal_places=2, font_size=MATH, color=p.text))
        z_row.arrange(RIGHT, buff=0.15).move_to(self.alpha, aligned_edge=LEFT)
        z_row[1].add_updater(lambda m: m.set_value(z.get_value()))
        marker.update(), dots.update(), *(number.update() for number in values)
        self.rhs = [row[1] for row in self.rows]
        for row, rhs in zip(self.rows, self.rhs):
            row.remove(rhs)
            self.add(rhs)
        high = self.show_value("activation_tour.z_range[1]", tour.z_range[1], 2)
        self.narrate("Back out, and slide z from left to right: watch each output follow.",
                     frame.animate.scale(1 / frame.width * theme.FRAME_WIDTH).move_to([0, 0, 0]),
                     FadeOut(self.leaky_note), FadeOut(self.alpha), FadeIn(self.plot[2]),
                     *(c.animate.set_stroke(width=6 if name == "relu" else 3) for name, c in self.curves.items()),
                     FadeIn(marker), FadeIn(dots), FadeIn(z_row),
                     *(FadeOut(rhs) for rhs in self.rhs), *(FadeIn(value) for value in values),
                     on("slide", z.animate(rate_func=linear).set_value(high), run_time=3.5))
        self._regroup(self.plot)
        for name, value in tour.end_outputs.items():
            self.show_value(f"activation_tour.end_outputs.{name}", value, 2)
        pairs = list(zip(dots, values))
        self.narrate("Sigmoid and tanh flatten out at the ends; the ReLUs grow without limit.",
                     on("sigmoid and tanh", *(Indicate(m) for m in (*pairs[0], *pairs[1]))),
                     on("the ReLUs", *(Indicate(m) for m in (*pairs[2], *pairs[3]))))
        sweep = self.show_value("activation_tour.sweep_z", tour.sweep_z, 2)
        for name, value in tour.outputs.items():
            self.show_value(f"activation_tour.outputs.{name}", value, 2)
        self.narrate("Back at z equals two, the four functions give four different outputs.",
                     z.animate.set_value(sweep),
                     on("four different", LaggedStart(*(Indicate(dot, scale_factor=1.6) for dot in dots), lag_ratio=0.3)),
                     spoken=None)
        for m in (marker, dots, *values, z_row[1]):
            m.clear_updaters()
        self.sweep_parts = VGroup(marker, dots, z_row)
        self.values = values

    # -- derivatives -----------------------------------------------------------------------------
    def _derivatives(self) -> None:
        p = self.palette
        sigmoid, relu = self.functions["sigmoid"], self.functions["relu"]
        tall = self._axes([0, 0.3], 0.1, decimals=1)
        d_sigmoid = self._plot(tall, sigmoid.derivative, p.gradient)
        rule = MathTex(r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", font_size=MATH, color=p.gradient)
        rule.move_to(self.rows[0], aligned_edge=LEFT)
        others = VGroup(*(c for name, c in self.curves.items() if name != "sigmoid"), *self.rows[1:], *self.values[1:])
        self.narrate("Training needs each function's slope, its derivative.",
                     FadeOut(others), FadeOut(self.sweep_parts), FadeOut(self.values[0]), FadeOut(self.axis_labels[1]),
                     on("slope", ReplacementTransform(self.plot, tall), ReplacementTransform(self.curves["sigmoid"], d_sigmoid),
                        ReplacementTransform(self.rows[0], rule)),
                     on("derivative", Indicate(rule)))
        notes, marks = VGroup(), VGroup()
        for k, decimals in ((0, 2), (1, 3)):
            z, slope = self.tour.sigmoid_slopes[k]
            z = self.show_value(f"activation_tour.sigmoid_slopes[{k}][0]", z, 0)
            slope = self.show_value(f"activation_tour.sigmoid_slopes[{k}][1]", slope, decimals)
            notes.add(MathTex(rf"\sigma'({z:g}) = {slope:.{decimals}f}", font_size=MATH, color=p.text))
            point = tall[1].c2p(z, slope)
            marks.add(VGroup(DashedLine(tall[1].c2p(z, 0), point, color=p.muted, stroke_width=2),
                             DashedLine(tall[1].c2p(0, slope), point, color=p.muted, stroke_width=2),
                             Dot(point, radius=0.08, color=p.gradient)))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.4).next_to(rule, DOWN, buff=0.5, aligned_edge=LEFT)
        self.narrate("The sigmoid's slope is at most a quarter and nearly zero in its tails: "
                     "gradients shrink as they pass back through many layers. That is the "
                     "vanishing gradient.", on("a quarter", Create(marks[0]), FadeIn(notes[0])),
                     on("nearly zero", Create(marks[1]), FadeIn(notes[1])),
                     on("gradients shrink", d_sigmoid.animate.set_stroke(width=7), run_time=1),
                     on("vanishing", Indicate(notes[1])))
        self._regroup(marks)
        unit = self._axes([0, 1.25], 0.25, decimals=2)
        d_sigmoid_unit = self._plot(unit, sigmoid.derivative, p.gradient)
        z0, z1 = self.tour.z_range
        d_relu = VGroup(self._plot(unit, relu.derivative, p.output, span=(z0, -0.01), width=5),
                        self._plot(unit, relu.derivative, p.output, span=(0.01, z1), width=5))
        relu_rule = MathTex(r"\mathrm{ReLU}'(z) = 1 \text{ for } z > 0", font_size=MATH, color=p.output)
        relu_rule.next_to(notes, DOWN, buff=0.6, aligned_edge=LEFT)
        new_marks = VGroup(*(Dot(unit[1].c2p(*[float(v) for v in point]), radius=0.08, color=p.gradient)
                             for point in self.tour.sigmoid_slopes))
        self.narrate("ReLU's slope is exactly one for every positive z, which is why deep networks "
                     "favour it.", ReplacementTransform(tall, unit), ReplacementTransform(d_sigmoid, d_sigmoid_unit),
                     ReplacementTransform(marks, new_marks),
                     on("exactly one", Create(d_relu), Write(relu_rule)),
                     on("deep networks", Indicate(relu_rule)))
        self.derivative_parts = VGroup(unit, d_sigmoid_unit, new_marks, d_relu, rule, notes, relu_rule)

    # -- why non-linearity -----------------------------------------------------------------------
    def _why_nonlinear(self) -> None:
        p, data = self.palette, self.data
        comparison = data.linearity_comparison
        maps = {key: self._map(getattr(comparison, key).grid) for key in ("linear", "nonlinear")}
        dots = maps["linear"][0].dots(data.dataset.X_train, data.dataset.y_train, radius=0.05)
        bounds = [ContourLines(getattr(comparison, key).grid, [0.5], maps[key][0].coords_to_point,
                               [p.highlight], stroke_width=4) for key in maps]
        names = {"linear": "linear activations",
                 "nonlinear": f"{ACTIVATION_NAME[data.config.network.activation]} activations"}
        titles = {key: Text(names[key], font=theme.FONT, font_size=theme.TYPE.body, color=p.text) for key in maps}
        side_x = maps["linear"][0].get_right()[0] + 0.6
        for title in titles.values():
            title.move_to([side_x, 1.6, 0], aligned_edge=LEFT)
        accuracy_label = Text("test accuracy", font=theme.FONT, font_size=theme.TYPE.small, color=p.muted)
        accuracy_label.next_to(titles["linear"], DOWN, buff=0.5, aligned_edge=LEFT)
        shown = {key: self.show_value(f"linearity_comparison.{key}.test_accuracy",
                                      getattr(comparison, key).test_accuracy, 1, percent=True) for key in maps}
        accuracy = DecimalNumber(shown["linear"], num_decimal_places=1, unit=r"\%", font_size=theme.math_size(theme.TYPE.heading),
                                 color=p.text).next_to(accuracy_label, DOWN, buff=0.25, aligned_edge=LEFT)
        self.narrate("Without activation functions, stacking layers only ever gives a linear "
                     "function: a straight boundary.", Transform(self.heading, self.make_heading("Why non-linearity matters")),
                     FadeOut(self.derivative_parts), FadeOut(self.axis_labels[0]),
                     on("stacking layers", FadeIn(maps["linear"]), FadeIn(dots), FadeIn(titles["linear"])),
                     on("straight boundary", Create(bounds[0])))
        dataset = DATASET_NAME[data.config.data.name]
        self.narrate(f"Both networks were trained by the lecture's engine on the same {dataset} data.",
                     FadeIn(accuracy_label), FadeIn(accuracy), on("same", Indicate(dots, scale_factor=1.1)))
        if comparison.linear.rate_lowered:
            note = self._rate_note(comparison.linear).next_to(accuracy, DOWN, buff=0.4, aligned_edge=LEFT)
            self.narrate("At the lecture's learning rate the linear network diverged, so it was "
                         "trained with a smaller one.", FadeIn(note), on("smaller", Indicate(note)))
        new_image = maps["nonlinear"][0].image.move_to(maps["linear"][0].image).set_opacity(0)
        self.add(new_image)
        self.bring_to_front(dots, bounds[0])
        self.narrate(linearity(data.linearity_verdict),
                     Transform(titles["linear"], titles["nonlinear"]), dots.animate.set_opacity(1),
                     on("non-linear", ReplacementTransform(bounds[0], bounds[1]),
                        new_image.animate.set_opacity(1),
                        ChangeDecimalToValue(accuracy, shown["nonlinear"]), run_time=2.5))

    def _map(self, grid) -> Group:
        dmap = DecisionMap(grid.values, (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]),
                           colors=(self.palette.negative, self.palette.positive), background=self.palette.background,
                           frame_color=self.palette.muted, height=theme.CONTENT.height - 0.3)
        if dmap.width > 8.6:
            dmap.scale_to_fit_width(8.6)
        return Group(dmap.move_to([theme.CONTENT.left + dmap.width / 2 + 0.2, theme.CONTENT.center[1], 0]))

    def _rate_note(self, network) -> Text:
        """Says that the linear network was trained with a lower rate than the config's."""
        lowered = self.show_value("linearity_comparison.linear.learning_rate", network.learning_rate, 6)
        configured = self.show_value("config.training.learning_rate", self.data.config.training.learning_rate, 6)
        return Text(f"learning rate {lowered:g} ({configured:g} diverged)", font=theme.FONT,
                    font_size=theme.TYPE.label, color=self.palette.muted)
