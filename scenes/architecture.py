"""Chapter 3: the network's layers built one at a time from the config's sizes, its weights and
biases counted, and a wider network drawn compactly with ⋮ and a brace for its true size."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Group, Indicate, LaggedStart, MathTex, Text,
    VGroup, Write,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.mobjects.network_diagram import NetworkDiagram

COMPACT_LAYER = 6   # neurons drawn of a wide layer in the last part


class ArchitectureScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        p = self.palette
        heading = Text("Architecture: layers of neurons", font=theme.FONT,
                       font_size=theme.HEADING_SIZE, color=p.text).to_edge(UP, buff=0.35)
        self.narrate("A network is built from layers of neurons.", FadeIn(heading))
        diagram, captions = self._layers()
        self._parameters(VGroup(diagram, captions))
        self.play(FadeOut(Group(*self.mobjects[1:])), run_time=0.8)
        self._wide()

    def _layer_caption(self, layer: int, diagram: NetworkDiagram) -> VGroup:
        p = self.palette
        sizes = self.data.layer_sizes
        last = len(sizes) - 1
        n = self.show_value(f"size[{layer}]", sizes[layer], 0)
        if layer == 0:
            name, detail, color = "input layer", f"{n:g} features", p.input
        elif layer == last:
            name, detail, color = "output layer", "P(class 1)", p.output
        else:
            number = f" {layer}" if last > 2 else ""
            name, detail, color = f"hidden layer{number}", f"{n:g} neurons", p.hidden
        caption = VGroup(Text(name, font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=color),
                         Text(detail, font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted))
        caption.arrange(DOWN, buff=0.08)
        return caption.next_to(diagram.layer_group(layer), UP, buff=0.35).set_y(2.35)

    def _layers(self) -> tuple[NetworkDiagram, VGroup]:
        sizes = self.data.layer_sizes
        diagram = NetworkDiagram(sizes, labels="names", width=min(10.0, 3.4 * (len(sizes) - 1)),
                                 height=3.6, max_neurons_shown=8).move_to(DOWN * 0.2)
        captions = [self._layer_caption(layer, diagram) for layer in range(len(sizes))]
        last = len(sizes) - 1
        lines = {0: "The input layer receives the raw data: one neuron per feature, here the two "
                    "coordinates of a point.",
                 last: "The output layer gives the answer: one neuron, the probability of class "
                       "one."}
        for layer in range(len(sizes)):
            line = lines.get(layer, "Hidden layers in between do the processing." if layer == 1
                             else "Another hidden layer builds on the one before.")
            parts = [diagram.layer_group(layer), diagram.size_label(layer)]
            labels = VGroup(*(diagram.label(layer, i) for i in range(sizes[layer])
                              if diagram.label(layer, i) is not None))
            self.narrate(line, FadeIn(VGroup(*(part for part in parts if part is not None))),
                         FadeIn(labels), FadeIn(captions[layer], shift=DOWN * 0.2), run_time=1.5)
        self.add(diagram.ellipses, diagram.braces)
        self.narrate("Every neuron connects to every neuron of the next layer.",
                     Create(diagram.edges), run_time=2)
        return diagram, VGroup(*captions)

    def _parameters(self, diagram: VGroup) -> None:
        """Count weights and biases beside the diagram (moved left with its layer captions)."""
        p = self.palette
        params = self.data.final_params
        rows = VGroup()
        for layer, (W, b) in enumerate(params, start=1):
            n_in, n_out = (self.show_value(f"W{layer}.shape[{k}]", W.shape[k], 0) for k in (0, 1))
            count = self.show_value(f"W{layer}.size", W.size, 0)
            rows.add(MathTex(rf"W^{{({layer})}}:\ {n_in:g} \times {n_out:g} = {count:g}",
                             r"\text{ weights}", font_size=32, color=p.text))
        biases = self.show_value("n_biases", self.data.n_biases, 0)
        total = self.show_value("n_parameters", self.data.n_weights + self.data.n_biases, 0)
        rows.add(MathTex(rf"{biases:g}", r"\text{ biases, one per neuron}", font_size=32,
                         color=p.text))
        rows.add(MathTex(rf"{total:g}", r"\text{ parameters to learn}", font_size=36,
                         color=p.gradient))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22).scale_to_fit_height(
            min(rows.height, 2.4))
        self.narrate("Each connection carries a weight, and each neuron after the input adds a "
                     "bias.", diagram.animate.scale(0.75).to_edge(LEFT, buff=0.6), run_time=1.5)
        rows.next_to(diagram, RIGHT, buff=0.8)
        if rows.get_right()[0] > 6.8:
            rows.shift(LEFT * (rows.get_right()[0] - 6.8))
        self.narrate("Count them: these are the numbers training will adjust.",
                     LaggedStart(*(Write(row) for row in rows[:-1]), lag_ratio=0.6), run_time=3)
        self.narrate("In all, this network has this many parameters to learn.", FadeIn(rows[-1]),
                     Indicate(rows[-1], color=p.gradient), run_time=1.5)

    def _wide(self) -> None:
        p = self.palette
        widest = max(self.data.hidden_size_comparison, key=lambda net: net.layer_sizes[1])
        sizes = widest.layer_sizes
        shown = max(2, min(COMPACT_LAYER, sizes[1] - 1))
        diagram = NetworkDiagram(sizes, [layer.W for layer in widest.params], labels=None,
                                 max_neurons_shown=shown, width=6.0, height=4.2).move_to(DOWN * 0.3)
        true_size = diagram.size_label(1)
        if true_size is not None:
            self.show_value("wide.size", float(true_size.text), 0)
        n_params = sum(layer.W.size + layer.b.size for layer in widest.params)
        total = VGroup(Text("parameters:", font=theme.FONT, font_size=theme.SMALL_SIZE + 2,
                            color=p.muted),
                       MathTex(f"{self.show_value('wide.n_parameters', n_params, 0):g}",
                               font_size=36, color=p.gradient)).arrange(RIGHT, buff=0.15)
        total.next_to(diagram, DOWN, buff=0.35)
        self.narrate("Wider layers do not fit on screen. The lesson's exercise tries up to "
                     f"{sizes[1]} hidden neurons; we draw a few, with dots for the rest.",
                     FadeIn(diagram), run_time=2)
        self.narrate("The brace gives the layer's true size, and the parameter count grows with "
                     "it: weights here come from that trained network.", FadeIn(total),
                     Indicate(diagram.braces, color=p.highlight), run_time=2)
