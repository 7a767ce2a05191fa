"""Chapter 4: the four activation functions, a point sweeping along them, their derivatives and
the vanishing gradient, then why non-linearity matters: a linear network's boundary beside the
lecture network's, both trained by nnmath on the real data."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Axes, Create, DashedVMobject, Dot, FadeIn, FadeOut, Group, Indicate,
    Line, MathTex, Text, ValueTracker, VGroup, Write, always_redraw,
)

from nnmath.activations import get_activation
from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.mobjects.decision_map import DecisionMap
from scenes.narration import linearity
from scenes.notation import ACTIVATION_NAME, DATASET_NAME

FORMULAS = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    "tanh": r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    "relu": r"\mathrm{ReLU}(z) = \max(0,\, z)",
    "leaky_relu": r"\mathrm{LReLU}(z) = \max(\alpha z,\, z)",
}


class ActivationsScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.tour = self.data.activation_tour
        self.z_range = self.tour.z_range
        self.functions = {name: get_activation(name, self.tour.leaky_slope)
                          for name in self.tour.outputs}
        p = self.palette
        self.colors = {"sigmoid": p.hidden, "tanh": p.input, "relu": p.output,
                       "leaky_relu": p.negative}
        heading = Text("Activation functions", font=theme.FONT, font_size=theme.HEADING_SIZE,
                       color=p.text).to_edge(UP, buff=0.35)
        self.narrate("A neuron's weighted sum is passed through an activation function.",
                     FadeIn(heading))
        axes, curves = self._functions()
        self._sweep(axes, curves)
        self._derivatives(axes, curves)
        self.play(FadeOut(Group(*self.mobjects)), run_time=1)
        self._why_nonlinear()

    # -- the four functions ---------------------------------------------------------------
    def _functions(self) -> tuple[Axes, dict]:
        p = self.palette
        axes = Axes(x_range=[*self.z_range, 1], y_range=[-1.5, 4, 1], x_length=7.0, y_length=5.0,
                    tips=False, axis_config={"color": p.muted, "stroke_width": 2,
                                             "include_numbers": True,
                                             "font_size": theme.TYPE.label})
        axes.to_edge(LEFT, buff=0.8).shift(DOWN * 0.45)
        z_label = MathTex("z", font_size=32, color=p.muted).next_to(axes.x_axis, RIGHT, buff=0.15)
        curves, legend = {}, VGroup()
        for name, function in self.functions.items():
            fn = function.fn
            curve = axes.plot(lambda z, fn=fn: float(fn(np.array(z))), x_range=[*self.z_range, 0.02],
                              color=self.colors[name], stroke_width=4)
            if name == "leaky_relu":
                curve = DashedVMobject(curve, num_dashes=40)
            curves[name] = curve
            legend.add(MathTex(FORMULAS[name], font_size=30, color=self.colors[name]))
        slope = self.show_value("activation_tour.leaky_slope", self.tour.leaky_slope, 2)
        legend.add(MathTex(rf"\alpha = {slope:g}", font_size=28, color=p.muted))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.32).to_edge(RIGHT, buff=0.5).shift(UP * 0.4)
        self.narrate("Here are four common choices, on one set of axes.", Create(axes),
                     FadeIn(z_label), run_time=1.5)
        lines = {
            "sigmoid": "The sigmoid squashes any z into the range from zero to one.",
            "tanh": "Tanh squashes into minus one to one, centred on zero.",
            "relu": "ReLU passes positive values through and cuts negatives to zero.",
            "leaky_relu": "Leaky ReLU keeps a small slope alpha for negatives, so a neuron never "
                          "goes completely silent.",
        }
        for index, name in enumerate(self.functions):
            self.narrate(lines[name], Create(curves[name]), Write(legend[index]), run_time=1.5)
        self.play(FadeIn(legend[-1]), run_time=0.5)
        self.legend = legend
        return axes, curves

    def _sweep(self, axes: Axes, curves: dict) -> None:
        """A tracker moves z; each curve's dot and readout follow it, values from nnmath."""
        p = self.palette
        z = ValueTracker(self.z_range[0])
        marker = always_redraw(lambda: Line(axes.c2p(z.get_value(), -1.5), axes.c2p(z.get_value(), 4),
                                            color=p.muted, stroke_width=1.5))
        dots = VGroup(*(
            always_redraw(lambda name=name: Dot(
                axes.c2p(z.get_value(), float(self.functions[name].fn(np.array(z.get_value())))),
                radius=0.07, color=self.colors[name]))
            for name in self.functions
        ))
        self.narrate("Slide z from left to right and watch each output follow.",
                     FadeIn(marker), FadeIn(dots), run_time=1)
        z_end = self.show_value("activation_tour.sweep_z", self.tour.sweep_z, 1)
        self.narrate("Sigmoid and tanh flatten out at the ends; the ReLUs grow without limit.",
                     z.animate.set_value(z_end), run_time=4)
        readouts = VGroup(*(
            VGroup(MathTex(FORMULAS[name].split("=")[0] + "=", font_size=28,
                           color=self.colors[name]),
                   self.number(f"activation_tour.outputs.{name}", value,
                               font_size=28, color=self.colors[name])).arrange(RIGHT, buff=0.12)
            for name, value in self.tour.outputs.items()
        ))
        z_value = MathTex(rf"z = {z_end:g}", font_size=30,
                          color=p.text)
        readouts = VGroup(z_value, *readouts).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        readouts.move_to(self.legend, aligned_edge=LEFT)
        self.narrate("At this z, the four functions give four different outputs.",
                     FadeOut(self.legend), FadeIn(readouts), run_time=1.5)
        self.play(FadeOut(readouts), FadeOut(dots), FadeOut(marker), run_time=0.8)

    def _derivatives(self, axes: Axes, curves: dict) -> None:
        p = self.palette
        sigmoid = self.functions["sigmoid"]
        relu = self.functions["relu"]
        d_sigmoid = axes.plot(lambda z: float(sigmoid.derivative(np.array(z))),
                              x_range=[*self.z_range, 0.02], color=p.gradient, stroke_width=4)
        d_relu_neg, d_relu_pos = (
            DashedVMobject(axes.plot(lambda z: float(relu.derivative(np.array(z))), x_range=span,
                                     color=p.gradient, stroke_width=4), num_dashes=16)
            for span in ([self.z_range[0], -0.01, 0.05], [0.01, self.z_range[1], 0.05])
        )
        others = VGroup(curves["tanh"], curves["leaky_relu"])
        notes = VGroup(
            MathTex(r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", font_size=30, color=p.gradient),
            self._slope_note(0, decimals=2),
            self._slope_note(1, decimals=3),
            MathTex(r"\mathrm{ReLU}'(z) = 1 \text{ for } z > 0 \;\; (\text{dashed})", font_size=30,
                    color=p.gradient),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3).to_edge(RIGHT, buff=0.5)
        self.narrate("Training needs each function's slope, its derivative.",
                     FadeOut(others), curves["sigmoid"].animate.set_stroke(opacity=0.5),
                     Create(d_sigmoid), Write(notes[0]), run_time=2)
        self.narrate("The sigmoid's slope is at most a quarter and nearly zero in its tails: "
                     "gradients shrink as they pass back through many layers. That is the "
                     "vanishing gradient.", FadeIn(notes[1]), FadeIn(notes[2]), run_time=2)
        self.narrate("ReLU's slope is exactly one for every positive z, which is why deep networks "
                     "favour it.", Create(d_relu_neg), Create(d_relu_pos), FadeIn(notes[3]),
                     run_time=2)

    def _slope_note(self, k: int, decimals: int) -> MathTex:
        """σ'(z) = its value at the tour's k-th slope point, both numbers recorded."""
        z, slope = self.tour.sigmoid_slopes[k]
        z = self.show_value(f"activation_tour.sigmoid_slopes[{k}][0]", z, 0)
        slope = self.show_value(f"activation_tour.sigmoid_slopes[{k}][1]", slope, decimals)
        return MathTex(rf"\sigma'({z:g}) = {slope:g}", font_size=30, color=self.palette.text)

    def _rate_note(self, key: str, network) -> Text:
        """Says that this side network was trained with a lower rate than the config's, which
        made it diverge."""
        lowered = self.show_value(f"linearity_comparison.{key}.learning_rate",
                                  network.learning_rate, 6)
        configured = self.show_value("config.training.learning_rate",
                                     self.data.config.training.learning_rate, 6)
        return Text(f"learning rate {lowered:g} ({configured:g} diverged)", font=theme.FONT,
                    font_size=theme.SMALL_SIZE, color=self.palette.muted)

    # -- why non-linearity ----------------------------------------------------------------
    def _why_nonlinear(self) -> None:
        p = self.palette
        data = self.data
        comparison = data.linearity_comparison
        heading = Text("Why non-linearity matters", font=theme.FONT, font_size=theme.HEADING_SIZE,
                       color=p.text).to_edge(UP, buff=0.35)
        maps, labels, accuracies = Group(), VGroup(), VGroup()
        for key, title in (("linear", "linear activations"),
                           ("nonlinear", f"{ACTIVATION_NAME[data.config.network.activation]} "
                                         "activations")):
            result = getattr(comparison, key)
            grid = result.grid
            dmap = DecisionMap(grid.values, (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]),
                               colors=(p.negative, p.positive), background=p.background,
                               frame_color=p.muted, height=4.4)
            maps.add(Group(dmap, dmap.dots(data.dataset.X_train, data.dataset.y_train, radius=0.045)))
            labels.add(Text(title, font=theme.FONT, font_size=theme.SMALL_SIZE + 4, color=p.text))
            accuracies.add(VGroup(
                Text("test accuracy", font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.muted),
                self.number(f"linearity_comparison.{key}.test_accuracy", result.test_accuracy, 1,
                            percent=True, font_size=32,
                            unit=r"\%")).arrange(RIGHT, buff=0.15))
            if result.rate_lowered:
                accuracies[-1].add(self._rate_note(key, result)).arrange(DOWN, buff=0.15)
        maps.arrange(RIGHT, buff=0.8)
        if maps.width > 13:
            maps.scale_to_fit_width(13)
        maps.next_to(heading, DOWN, buff=0.9)
        for dmap, label, accuracy in zip(maps, labels, accuracies):
            label.next_to(dmap, UP, buff=0.2)
            accuracy.next_to(dmap, DOWN, buff=0.25)
        panels = [Group(label, dmap, accuracy) for dmap, label, accuracy in zip(maps, labels, accuracies)]
        self.narrate("Without activation functions, stacking layers only ever gives a linear "
                     "function: a straight boundary.", FadeIn(heading), FadeIn(panels[0][:2]),
                     run_time=2)
        dataset = DATASET_NAME[data.config.data.name]
        self.narrate(f"Both networks were trained by the lecture's engine on the same {dataset} "
                     "data.", FadeIn(panels[0][2]), run_time=1)
        if comparison.linear.rate_lowered:
            self.narrate("At the lecture's learning rate the linear network diverged, so it was "
                         "trained with a smaller one.", Indicate(panels[0][2][-1]), run_time=1)
        self.narrate(linearity(data.linearity_verdict), FadeIn(panels[1]), run_time=2)
