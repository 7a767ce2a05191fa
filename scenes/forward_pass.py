"""Chapter 5: forward propagation in the lesson's seven phases, on the trained network and one
real test sample: inputs light up, pulses travel, each neuron shows its sum z and then its
activation a, and the prediction is set against the true label."""

from __future__ import annotations

from manim import (
    DOWN, RIGHT, UR, Create, FadeIn, FadeOut, Indicate, MathTex, ReplacementTransform, Text,
    VGroup,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.phases import PhaseTitles
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.notation import ACTIVATION_SYMBOL

Z_LABEL_MIN_RADIUS = 0.18   # below this neuron radius, z values would be unreadable: left out
Z_LABEL_ROOM = 1.3          # z labels reach this far right of the last column
PHASE_ROOM = 0.6            # the phase title under the heading
# The verdict panel on the right; the diagram (with its z labels) fills the rest of the content.
PANEL = theme.Region(theme.CONTENT.right - 3.0, theme.CONTENT.right, theme.CONTENT.bottom,
                     theme.CONTENT.top - PHASE_ROOM)
DIAGRAM = theme.Region(theme.CONTENT.left, PANEL.left - Z_LABEL_ROOM, theme.CONTENT.bottom,
                       theme.CONTENT.top - PHASE_ROOM)
BRACE_ROOM = 0.6            # a brace with the true size above an elided column


class ForwardPassScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.example = self.data.forward_example
        p = self.palette
        heading = self.make_heading("Forward propagation")
        self.heading = heading
        self.phases = PhaseTitles(heading, p.muted)
        ex = self.example
        self.diagram = NetworkDiagram(self.data.layer_sizes, [layer.W for layer in ex.params],
                                      ex.activations, labels="values",
                                      width=min(8.0, DIAGRAM.width - 0.6),
                                      height=min(4.6, DIAGRAM.height - BRACE_ROOM))
        DIAGRAM.clamp(self.diagram.move_to(DIAGRAM.center))
        self.record_diagram("forward_example.activations", self.diagram)
        self.diagram.neurons.set_fill(opacity=0.08)
        self.diagram.labels.set_opacity(0)
        self.narrate("Forward propagation passes one input through the network, layer by layer, "
                     "to a prediction.", FadeIn(heading), Create(self.diagram.edges),
                     FadeIn(self.diagram.neurons), FadeIn(self.diagram.ellipses),
                     FadeIn(self.diagram.braces), run_time=2)
        self._inputs()
        for layer in range(1, len(self.data.layer_sizes)):
            self._layer(layer)
        self._verdict()

    def _layer_labels(self, layer: int) -> VGroup:
        return VGroup(*(self.diagram.label(layer, i) for i in self.diagram.drawn_indices(layer)
                        if self.diagram.label(layer, i) is not None))

    def _inputs(self) -> None:
        labels = self._layer_labels(0)
        self.narrate("Phase one: the input neurons take the sample's features, the coordinates of "
                     "a test point.", self.phases.next("input neurons activate"),
                     self.diagram.light_up(0), labels.animate.set_opacity(1), run_time=1.5)

    def _layer(self, layer: int) -> None:
        is_output = layer == len(self.data.layer_sizes) - 1
        name = "output" if is_output else "hidden"
        where = "the output layer" if is_output else (
            "the hidden layer" if len(self.data.layer_sizes) == 3 else f"hidden layer {layer}")
        pulses = self.diagram.send_pulses(layer - 1, run_time=2)
        self.narrate(f"Signals travel along the weighted connections to {where}; strong weights "
                     "carry bright signals.", self.phases.next(f"signals travel to {where}"),
                     pulses, run_time=2)
        z_labels = self._z_labels(layer)
        sigmas = VGroup(*(MathTex(r"\Sigma", font_size=max(theme.SMALL_SIZE, 100 * self.diagram.radius),
                                  color=self.palette.text).move_to(self.diagram.neuron(layer, i))
                          for i in self.diagram.drawn_indices(layer)))
        self.narrate(f"Each {name} neuron sums its inputs times their weights, plus its bias: that "
                     "sum is z.", self.phases.next(f"{name} neurons sum their inputs"),
                     FadeIn(sigmas, scale=0.6), FadeIn(z_labels), run_time=1.5)
        symbol = ACTIVATION_SYMBOL["sigmoid" if is_output else self.data.config.network.activation]
        gs = VGroup(*(MathTex(symbol, font_size=sigma.font_size, color=self.palette.text)
                      .move_to(sigma) for sigma in sigmas))
        if gs.width > 0 and gs[0].width > 2 * self.diagram.radius:
            for g in gs:   # fit the neuron, but never below the smallest readable size
                g.scale(max(1.6 * self.diagram.radius / g.width, theme.TYPE.label / g.font_size))
        self.narrate("Then the activation function turns each z into the neuron's output a, "
                     "shown as its brightness.",
                     self.phases.next("the output neuron gives the prediction" if is_output
                                      else f"{name} neurons apply the activation"),
                     ReplacementTransform(sigmas, gs), run_time=1,
                     spoken="Then the activation function turns each z into the neuron's output, "
                            "ay, shown as its brightness.")
        self.play(FadeOut(gs), self.diagram.light_up(layer),
                  self._layer_labels(layer).animate.set_opacity(1), run_time=1)

    def _z_labels(self, layer: int) -> VGroup:
        """z beside each drawn neuron, or nothing where neurons are too small to label."""
        if self.diagram.radius < Z_LABEL_MIN_RADIUS:
            return VGroup()
        zs = self.example.zs[layer - 1]
        labels = VGroup()
        for i in self.diagram.drawn_indices(layer):
            z = self.number(f"forward_example.zs[{layer - 1}][{i}]", zs[i], font_size=26,
                            color=self.palette.gradient)
            label = VGroup(MathTex("z=", font_size=28, color=self.palette.gradient), z)
            label.arrange(RIGHT, buff=0.05).next_to(self.diagram.neuron(layer, i), UR, buff=0.02)
            labels.add(label)
        return labels

    def _verdict(self) -> None:
        p = self.palette
        ex = self.example
        prediction = VGroup(MathTex(r"\hat{y} =", font_size=40, color=p.output),
                            self.number("forward_example.prediction", ex.prediction,
                                        font_size=36, color=p.output))
        prediction.arrange(RIGHT, buff=0.12)
        predicted_class = self.show_value("forward_example.predicted_class", ex.predicted_class, 0)
        predicted = Text(f"predicted class {predicted_class:g}",
                         font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.text)
        true_label = self.show_value("forward_example.label", ex.label, 0)
        label = Text(f"true label {true_label:g}", font=theme.FONT,
                     font_size=theme.SMALL_SIZE + 2, color=p.muted)
        correct = ex.predicted_class == ex.label
        verdict = Text("correct" if correct else "wrong", font=theme.FONT,
                       font_size=theme.BODY_SIZE, color=p.hidden if correct else p.negative)
        PANEL.fit(VGroup(prediction, predicted, label, verdict).arrange(DOWN, buff=0.25))
        output = self.diagram.neuron(len(self.data.layer_sizes) - 1, 0)
        self.narrate("The output neuron's activation is the prediction, the probability of "
                     "class one.", FadeIn(prediction),
                     Indicate(output, color=p.highlight), run_time=1.5)
        outcome = "matches" if correct else "misses"
        self.narrate(f"Rounded, it gives a class, which here {outcome} the true label.",
                     FadeIn(predicted), FadeIn(label), FadeIn(verdict, scale=1.2), run_time=1.5)
