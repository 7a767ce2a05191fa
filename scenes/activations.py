"""Chapter 4: the four activation functions, a point sweeping along them with live readouts, the
leaky slope seen up close, the derivatives and the vanishing gradient, then why non-linearity
matters: a linear network's boundary becoming the lecture network's, both trained by nnmath."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, ChangeDecimalToValue, Create, DashedLine, Dot, FadeIn, FadeOut, Flash,
    Indicate, LaggedStart, Line, MathTex, ReplacementTransform, ShowPassingFlash, Text, Transform,
    VGroup, Write, linear,
)

from nnmath.activations import get_activation
from scenes import theme
from scenes.base import LectureScene, on
from scenes.decimals import significant_decimals
from scenes.mobjects.activation_tour import Sweep, TourAxes, formula, place_legend
from scenes.mobjects.boundary_comparison import BoundaryComparison
from scenes.narration import linearity
from scenes.notation import ACTIVATION_NAME, DATASET_NAME

MATH = theme.math_size(theme.TYPE.small)
PLOT = theme.CONTENT     # the axes span the frame; the formulas sit in their empty upper left
WIDTH = {"sigmoid": 3, "tanh": 3, "relu": 6, "leaky_relu": 3}   # ReLU shows under leaky ReLU


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

    def _regroup(self, group: VGroup) -> None:
        """Make ``group``, whose parts were brought in one by one, one mobject of the scene (so
        that it can be transformed as a whole)."""
        self.remove(*group.submobjects)
        self.add(group)

    # -- the four functions --------------------------------------------------------------------
    def _functions(self) -> None:
        p = self.palette
        self.plot = plot = TourAxes(self.tour.z_range, [-1.5, 4], 1, PLOT, palette=p)
        axes = plot.axes
        z_label = MathTex("z", font_size=MATH, color=p.muted).next_to(axes.x_axis, RIGHT, buff=0.1)
        g_label = MathTex("g(z)", font_size=MATH, color=p.muted).next_to(
            axes.c2p(0, axes.y_range[1]), RIGHT, buff=0.15)
        self.axis_labels = VGroup(z_label, g_label)
        self.curves = {name: plot.curve(f.fn, self.colors[name], width=WIDTH[name])
                       for name, f in self.functions.items()}
        self.rows = VGroup(*(formula(name, self.colors[name], MATH) for name in self.functions))
        slope = self.show_value("activation_tour.leaky_slope", self.tour.leaky_slope, 2)
        alpha = MathTex(rf"\alpha = {slope:g}", font_size=MATH, color=p.muted)
        place_legend(axes, alpha, self.rows)
        self.narrate("A neuron's weighted sum is passed through an activation function.",
                     FadeIn(self.heading), FadeIn(plot.grid), Create(axes),
                     on("weighted sum", Write(z_label), FadeIn(plot.numbers)),
                     on("activation function", Write(g_label)))
        self._regroup(plot)
        z0, z1 = self.tour.z_range
        one, minus_one = (DashedLine(axes.c2p(z0, y), axes.c2p(z1, y), color=c, stroke_width=2)
                          for y, c in ((1, self.colors["sigmoid"]), (-1, self.colors["tanh"])))
        origin = Dot(axes.c2p(0, 0), radius=0.08, color=self.colors["tanh"])
        relu = self.colors["relu"]
        negatives = Line(axes.c2p(z0, 0), axes.c2p(0, 0), color=relu, stroke_width=10)
        positives = Line(axes.c2p(0, 0), axes.c2p(z1, z1), color=relu, stroke_width=10)
        rows = dict(zip(self.functions, self.rows))
        self.narrate("The sigmoid squashes any z into the range from zero to one.",
                     Create(self.curves["sigmoid"]), Write(rows["sigmoid"]),
                     on("zero to one", Create(one)))
        self.narrate("Tanh squashes into minus one to one, centred on zero.",
                     Create(self.curves["tanh"]), Write(rows["tanh"]),
                     on("minus one", Create(minus_one)),
                     on("centred", FadeIn(origin, scale=2), Flash(origin, color=self.colors["tanh"])))
        self.narrate("ReLU passes positive values through and cuts negatives to zero.",
                     Create(self.curves["relu"]), Write(rows["relu"]), FadeOut(one),
                     FadeOut(minus_one), FadeOut(origin),
                     on("positive", ShowPassingFlash(positives, time_width=0.5)),
                     on("cuts negatives", ShowPassingFlash(negatives, time_width=0.5)))
        self._leaky(rows["leaky_relu"], alpha)

    def _leaky(self, row: VGroup, alpha: MathTex) -> None:
        """Leaky ReLU drawn, then the camera goes close on the negative z, where its slope shows."""
        p, tour = self.palette, self.tour
        axes, frame = self.plot.axes, self.camera.frame
        z0 = tour.z_range[0]
        places = significant_decimals(tour.leaky_end)
        low = self.show_value("activation_tour.leaky_end", tour.leaky_end, places)
        end = Dot(axes.c2p(z0, tour.leaky_end), radius=0.03, color=p.negative)
        window = Line(axes.c2p(z0 - 0.5, 0), axes.c2p(z0 / 2 - 0.4, 0))
        zoom = window.width / frame.width
        note = MathTex(rf"\mathrm{{LReLU}}({z0:g}) = {low:.{places}f}", font_size=MATH * zoom,
                       color=p.negative)
        note.next_to(end, UP, buff=0.5 * zoom).shift(RIGHT * 1.1 * zoom * 1.6)
        self.narrate("Leaky ReLU keeps a small slope alpha for negatives, so a neuron never "
                     "goes completely silent.", Create(self.curves["leaky_relu"]), Write(row),
                     on("small slope", frame.animate.scale(zoom).move_to(window.get_center()),
                        *(c.animate.set_stroke(width=c.get_stroke_width() * 0.6)
                          for c in self.curves.values()),
                        FadeOut(self.plot.numbers), run_time=1.5),
                     on("alpha", FadeIn(alpha)),
                     on("never", FadeIn(end), Write(note)))
        self.leaky_note = VGroup(end, note)
        self.alpha = alpha

    # -- the sweep -----------------------------------------------------------------------------
    def _sweep(self) -> None:
        tour, frame = self.tour, self.camera.frame
        sweep = Sweep(self.plot.axes, [f.fn for f in self.functions.values()],
                      [self.colors[name] for name in self.functions], self.rows, self.alpha,
                      tour.z_range[0], font_size=MATH, palette=self.palette)
        dots, values = sweep.dots, sweep.values
        self.rhs = [row[1] for row in self.rows]
        for row, rhs in zip(self.rows, self.rhs):
            row.remove(rhs)
            self.add(rhs)
        high = self.show_value("activation_tour.z_range[1]", tour.z_range[1], 2)
        self.narrate("Back out, and slide z from left to right: watch each output follow.",
                     frame.animate.scale(1 / frame.width * theme.FRAME_WIDTH).move_to([0, 0, 0]),
                     FadeOut(self.leaky_note), FadeOut(self.alpha), FadeIn(self.plot.numbers),
                     *(c.animate.set_stroke(width=WIDTH[name])
                       for name, c in self.curves.items()),
                     FadeIn(sweep.marker), FadeIn(dots), FadeIn(sweep.z_row),
                     *(FadeOut(rhs) for rhs in self.rhs), *(FadeIn(value) for value in values),
                     on("slide", sweep.z.animate(rate_func=linear).set_value(high), run_time=3.5))
        self._regroup(self.plot)
        for name, value in tour.end_outputs.items():
            self.show_value(f"activation_tour.end_outputs.{name}", value, 2)
        pairs = list(zip(dots, values))
        self.narrate("Sigmoid and tanh flatten out at the ends; the ReLUs grow without limit.",
                     on("sigmoid and tanh", *(Indicate(m) for m in (*pairs[0], *pairs[1]))),
                     on("the ReLUs", *(Indicate(m) for m in (*pairs[2], *pairs[3]))))
        at = self.show_value("activation_tour.sweep_z", tour.sweep_z, 2)
        for name, value in tour.outputs.items():
            self.show_value(f"activation_tour.outputs.{name}", value, 2)
        self.narrate(f"Back at z equals {at:g}, the four functions give four different outputs.",
                     sweep.z.animate.set_value(at),
                     on("four different", LaggedStart(*(Indicate(dot, scale_factor=1.6)
                                                        for dot in dots), lag_ratio=0.3)))
        sweep.stop()
        self.sweep_parts = sweep
        self.values = values

    # -- derivatives -----------------------------------------------------------------------------
    def _derivatives(self) -> None:
        p, tour = self.palette, self.tour
        sigmoid, relu = self.functions["sigmoid"], self.functions["relu"]
        tall = TourAxes(tour.z_range, [0, 0.3], 0.1, PLOT, palette=p, decimals=1)
        d_sigmoid = tall.curve(sigmoid.derivative, p.gradient)
        rule = MathTex(r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", font_size=MATH, color=p.gradient)
        rule.move_to(self.rows[0], aligned_edge=LEFT)
        others = VGroup(*(c for name, c in self.curves.items() if name != "sigmoid"),
                        *self.rows[1:], *self.values[1:])
        self.narrate("Training needs each function's slope, its derivative.",
                     FadeOut(others), FadeOut(self.sweep_parts), FadeOut(self.values[0]),
                     FadeOut(self.axis_labels[1]),
                     on("slope", ReplacementTransform(self.plot, tall),
                        ReplacementTransform(self.curves["sigmoid"], d_sigmoid),
                        ReplacementTransform(self.rows[0], rule)),
                     on("derivative", Indicate(rule)))
        notes, marks = VGroup(), VGroup()
        for k, decimals in ((0, 2), (1, 3)):
            z, slope = tour.sigmoid_slopes[k]
            z = self.show_value(f"activation_tour.sigmoid_slopes[{k}][0]", z, 0)
            slope = self.show_value(f"activation_tour.sigmoid_slopes[{k}][1]", slope, decimals)
            notes.add(MathTex(rf"\sigma'({z:g}) = {slope:.{decimals}f}", font_size=MATH,
                              color=p.text))
            marks.add(tall.mark(z, slope, palette=p))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.4).next_to(rule, DOWN, buff=0.5,
                                                                  aligned_edge=LEFT)
        self.narrate("The sigmoid's slope is at most a quarter and nearly zero in its tails: "
                     "gradients shrink as they pass back through many layers. That is the "
                     "vanishing gradient.", on("a quarter", Create(marks[0]), FadeIn(notes[0])),
                     on("nearly zero", Create(marks[1]), FadeIn(notes[1])),
                     on("gradients shrink", d_sigmoid.animate.set_stroke(width=7), run_time=1),
                     on("vanishing", Indicate(notes[1])))
        self._regroup(marks)
        unit = TourAxes(tour.z_range, [0, 1.25], 0.25, PLOT, palette=p, decimals=2)
        d_sigmoid_unit = unit.curve(sigmoid.derivative, p.gradient)
        z0, z1 = tour.z_range
        d_relu = VGroup(unit.curve(relu.derivative, p.output, span=(z0, -0.01), width=5),
                        unit.curve(relu.derivative, p.output, span=(0.01, z1), width=5))
        relu_rule = MathTex(r"\mathrm{ReLU}'(z) = 1 \text{ for } z > 0", font_size=MATH,
                            color=p.output).next_to(notes, DOWN, buff=0.6, aligned_edge=LEFT)
        new_marks = VGroup(*(Dot(unit.axes.c2p(*[float(v) for v in point]), radius=0.08,
                                 color=p.gradient) for point in tour.sigmoid_slopes))
        self.narrate("ReLU's slope is exactly one for every positive z, which is why deep networks "
                     "favour it.", ReplacementTransform(tall, unit),
                     ReplacementTransform(d_sigmoid, d_sigmoid_unit),
                     ReplacementTransform(marks, new_marks),
                     on("exactly one", Create(d_relu), Write(relu_rule)),
                     on("deep networks", Indicate(relu_rule)))
        self.derivative_parts = VGroup(unit, d_sigmoid_unit, new_marks, d_relu, rule, notes, relu_rule)

    # -- why non-linearity -----------------------------------------------------------------------
    def _why_nonlinear(self) -> None:
        data = self.data
        comparison = data.linearity_comparison
        keys = ("linear", "nonlinear")
        shown = {key: self.show_value(f"linearity_comparison.{key}.test_accuracy",
                                      getattr(comparison, key).test_accuracy, 1, percent=True)
                 for key in keys}
        names = {"linear": "linear activations",
                 "nonlinear": f"{ACTIVATION_NAME[data.config.network.activation]} activations"}
        panel = BoundaryComparison({key: getattr(comparison, key).grid for key in keys},
                                   data.dataset.X_train, data.dataset.y_train, names, shown,
                                   palette=self.palette)
        dots, bounds, titles, accuracy = panel.dots, panel.bounds, panel.titles, panel.accuracy
        self.narrate("Without activation functions, stacking layers only ever gives a linear "
                     "function: a straight boundary.",
                     Transform(self.heading, self.make_heading("Why non-linearity matters")),
                     FadeOut(self.derivative_parts), FadeOut(self.axis_labels[0]),
                     on("stacking layers", FadeIn(panel.maps["linear"]), FadeIn(dots),
                        FadeIn(titles["linear"])),
                     on("straight boundary", Create(bounds["linear"])))
        dataset = DATASET_NAME[data.config.data.name]
        self.narrate(f"Both networks were trained by the lecture's engine on the same {dataset} "
                     "data.", FadeIn(panel.accuracy_label), FadeIn(accuracy),
                     on("same", Indicate(dots, scale_factor=1.1)))
        if comparison.linear.rate_lowered:
            note = panel.below_accuracy(self._rate_note(comparison.linear))
            self.narrate("At the lecture's learning rate the linear network diverged, so it was "
                         "trained with a smaller one.", FadeIn(note), on("smaller", Indicate(note)))
        new_image = panel.image_over("nonlinear", "linear")
        self.add(new_image)
        self.bring_to_front(dots, bounds["linear"])
        self.narrate(linearity(data.linearity_verdict),
                     Transform(titles["linear"], titles["nonlinear"]),
                     on("non-linear", new_image.animate.set_opacity(1),
                        ReplacementTransform(bounds["linear"], bounds["nonlinear"]),
                        dots.animate.set_opacity(1),   # after the image: drawn over it
                        ChangeDecimalToValue(accuracy, shown["nonlinear"]), run_time=2.5))

    def _rate_note(self, network) -> Text:
        """Says that the linear network was trained with a lower rate than the config's."""
        lowered = self.show_value("linearity_comparison.linear.learning_rate",
                                  network.learning_rate, 6)
        configured = self.show_value("config.training.learning_rate",
                                     self.data.config.training.learning_rate, 6)
        return Text(f"learning rate {lowered:g} ({configured:g} diverged)", font=theme.FONT,
                    font_size=theme.TYPE.label, color=self.palette.muted)
