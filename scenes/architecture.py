"""Chapter 3: the network's layers built one at a time from the config's sizes, its weights and
biases counted, and a wider network drawn compactly with ⋮ and a brace for its true size."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Group, Indicate, LaggedStart, MathTex, Text,
    Succession, Transform, VGroup, Write,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.mobjects.network_diagram import NetworkDiagram

COMPACT_LAYER = 6   # neurons drawn of a wide layer in the last part
ROW_SIZE = theme.math_size(theme.TYPE.small)     # the weight and bias counts
TOTAL_SIZE = theme.math_size(theme.TYPE.body)    # the parameter total


CAPTION_GAP = 0.3  # between the layer captions and the diagram (its braces included)


class ArchitectureScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        heading = self.make_heading("Architecture: layers of neurons")
        self.narrate("A network is built from layers of neurons.", FadeIn(heading))
        diagram, captions = self._layers()
        self._parameters(diagram, captions)
        self.play(FadeOut(Group(*self.mobjects[1:])), run_time=0.8)
        self._wide()

    def _layer_caption(self, layer: int, max_width: float) -> VGroup:
        """The layer's name over its size, each word group on its own line when the full name
        is wider than the layer's share of the frame."""
        p = self.palette
        sizes = self.data.layer_sizes
        last = len(sizes) - 1
        n = self.show_value(f"network.layer_sizes[{layer}]", sizes[layer], 0)
        if layer == 0:
            name, detail, color = "input layer", f"{n:g} features", p.input
        elif layer == last:
            name, detail, color = "output layer", "P(class 1)", p.output
        else:
            number = f" {layer}" if last > 2 else ""
            name, detail, color = f"hidden layer{number}", f"{n:g} neurons", p.hidden
        lines = [name]
        if self._text(name, theme.TYPE.small, color).width > max_width:
            lines = name.split(" ", 1)
        caption = VGroup(*(self._text(line, theme.TYPE.small, color) for line in lines),
                         self._text(detail, theme.TYPE.label, p.muted))
        return caption.arrange(DOWN, buff=0.08)

    @staticmethod
    def _text(text: str, size: float, color: str) -> Text:
        return Text(text, font=theme.FONT, font_size=size, color=color)

    def _layers(self) -> tuple[NetworkDiagram, VGroup]:
        """The diagram fills the content area below one band of layer captions, each caption
        centred over its column."""
        sizes = self.data.layer_sizes
        area = theme.CONTENT
        width = min(area.width - 2.4, 3.4 * (len(sizes) - 1))
        pitch = width / (len(sizes) - 1)
        captions = VGroup(*(self._layer_caption(layer, pitch - 0.3)
                            for layer in range(len(sizes))))
        band = max(caption.height for caption in captions)
        top = area.top - band - CAPTION_GAP
        diagram = NetworkDiagram(sizes, labels="names", width=width,
                                 height=min(3.6, top - area.bottom - 0.8), max_neurons_shown=8)
        diagram.move_to([0, (top + area.bottom) / 2, 0])
        diagram.shift(UP * min(0.0, top - diagram.get_top()[1]))
        for layer, caption in enumerate(captions):
            caption.move_to([diagram.layer_group(layer).get_x(), area.top - band / 2, 0])
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
        return diagram, captions

    def _parameters(self, diagram: NetworkDiagram, captions: VGroup) -> None:
        """Count weights and biases in the right panel; the diagram's shapes move to the left
        panel (its words go: shrunk with it they would be too small to read)."""
        p = self.palette
        counts = self.data.parameters
        rows = VGroup()
        for index, (shape, n_weights) in enumerate(zip(counts.weight_shapes, counts.weights)):
            n_in, n_out = (self.show_value(f"network.parameters.weight_shapes[{index}][{k}]",
                                           shape[k], 0) for k in (0, 1))
            count = self.show_value(f"network.parameters.weights[{index}]", n_weights, 0)
            rows.add(MathTex(rf"W^{{({index + 1})}}:\ {n_in:g} \times {n_out:g} = {count:g}",
                             r"\text{ weights}", font_size=ROW_SIZE, color=p.text))
        biases = self.show_value("network.n_biases", self.data.n_biases, 0)
        total = self.show_value("network.parameters.total", counts.total, 0)
        rows.add(MathTex(rf"{biases:g}", r"\text{ biases, one per neuron}", font_size=ROW_SIZE,
                         color=p.text))
        rows.add(MathTex(rf"{total:g}", r"\text{ parameters to learn}", font_size=TOTAL_SIZE,
                         color=p.gradient))
        theme.RIGHT_PANEL.fit(rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22))
        shapes = VGroup(diagram.edges, diagram.neurons, diagram.ellipses)
        words = VGroup(captions, diagram.labels, diagram.braces)
        target = theme.LEFT_PANEL.fit(shapes.copy(), buff=0.2)
        self.narrate("Each connection carries a weight, and each neuron after the input adds a "
                     "bias.", FadeOut(words), Transform(shapes, target), run_time=1.5)
        self.narrate("Count them: these are the numbers training will adjust.",
                     LaggedStart(*(Write(row) for row in rows[:-1]), lag_ratio=0.6), run_time=3)
        self.narrate("In all, this network has this many parameters to learn.",
                     Succession(FadeIn(rows[-1]), Indicate(rows[-1], color=p.highlight)),
                     run_time=1.5)   # in turn: indicated while fading in, it ended invisible

    def _wide(self) -> None:
        p = self.palette
        networks = self.data.hidden_size_comparison
        k = max(range(len(networks)), key=lambda index: networks[index].layer_sizes[1])
        widest = networks[k]
        sizes = widest.layer_sizes
        shown = max(2, min(COMPACT_LAYER, sizes[1] - 1))
        diagram = NetworkDiagram(sizes, [layer.W for layer in widest.params], labels=None,
                                 max_neurons_shown=shown, width=6.0, height=4.2)
        true_size = diagram.size_label(1)
        if true_size is not None:
            self.show_value(f"hidden_size_comparison[{k}].layer_sizes[1]", float(true_size.text),
                            0)
        n_params = self.show_value(f"hidden_size_comparison[{k}].n_parameters",
                                   widest.n_parameters, 0)
        total = VGroup(self._text("parameters:", theme.TYPE.small, p.muted),
                       MathTex(f"{n_params:g}",
                               font_size=TOTAL_SIZE, color=p.gradient)).arrange(RIGHT, buff=0.15)
        theme.CONTENT.fit(VGroup(diagram, total).arrange(DOWN, buff=0.35))
        self.narrate("Wider layers do not fit on screen. The lesson's exercise tries up to "
                     f"{sizes[1]} hidden neurons; we draw a few, with dots for the rest.",
                     FadeIn(diagram), run_time=2)
        self.narrate("The brace gives the layer's true size, and the parameter count grows with "
                     "it: weights here come from that trained network.", FadeIn(total),
                     Indicate(diagram.braces, color=p.highlight), run_time=2)
