"""Chapter 3: the network's layers built one at a time from the config's sizes, its weights and
biases counted edge by edge, and its hidden column grown in place to the lesson's widest layer,
drawn compactly with ⋮ and a brace for its true size."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, ChangeDecimalToValue, Circumscribe, Create, FadeIn, FadeOut, Flash,
    GrowFromCenter, Indicate, Integer, LaggedStart, MathTex, RoundedRectangle, ShowPassingFlash,
    Succession, Text, Transform, VGroup, Write,
)

from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.diagram_growth import grow_diagram
from scenes.mobjects.network_diagram import NetworkDiagram

COMPACT_LAYER = 6   # neurons drawn of a wide layer in the last part
ROW_SIZE = theme.math_size(theme.TYPE.body)      # the weight and bias counts
TOTAL_SIZE = theme.math_size(theme.TYPE.heading)  # the parameter count
CAPTION_GAP = 0.3   # between the layer captions and the diagram (its braces included)
COUNT_SPAN = 0.8    # of the content's height, the weight and bias counts spread down


class ArchitectureScene(LectureScene):
    def construct(self) -> None:
        heading = self.make_heading("Architecture: layers of neurons")
        diagram, captions = self._layers(heading)
        counter = self._parameters(diagram, captions)
        self._wide(diagram, counter)

    def _text(self, text: str, size: float, color: str) -> Text:
        return Text(text, font=theme.FONT, font_size=size, color=color)

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

    def _layers(self, heading) -> tuple[NetworkDiagram, VGroup]:
        """The diagram fills the content area below one band of layer captions, each caption
        centred over its column; each layer appears as the line names it."""
        sizes = self.data.layer_sizes
        area = theme.CONTENT
        width = area.width - 1.2
        pitch = width / (len(sizes) - 1)
        captions = VGroup(*(self._layer_caption(layer, pitch - 0.3)
                            for layer in range(len(sizes))))
        band = max(caption.height for caption in captions)
        top = area.top - band - CAPTION_GAP
        diagram = NetworkDiagram(sizes, labels="names", width=width,
                                 height=top - area.bottom - 0.4, max_neurons_shown=8, palette=self.palette)
        diagram.move_to([0, (top + area.bottom) / 2, 0])
        diagram.shift(UP * min(0.0, top - diagram.get_top()[1]))
        for layer, caption in enumerate(captions):
            caption.move_to([diagram.layer_group(layer).get_x(), area.top - band / 2, 0])
        slots = VGroup(*(RoundedRectangle(
            corner_radius=0.2, width=2 * diagram.radius + 0.5,
            height=diagram.layer_group(layer).height + 0.5, color=self.palette.muted,
            stroke_width=theme.THIN_STROKE).move_to(diagram.layer_group(layer))
            for layer in range(len(sizes))))
        self.narrate("A network is built from layers of neurons.", FadeIn(heading),
                     on("layers", LaggedStart(*map(Create, slots), lag_ratio=0.3)))
        self.slots = slots
        last = len(sizes) - 1
        lines = {0: ("The input layer receives the raw data: one neuron per feature, here the "
                     "two coordinates of a point.", "input layer", "one neuron per feature"),
                 last: ("The output layer gives the answer: one neuron, the probability of class "
                        "one.", "output layer", "one neuron")}
        for layer in range(len(sizes)):
            line, named, drawn = lines.get(layer, (
                "Hidden layers in between do the processing.", "Hidden layers", "in between")
                if layer == 1 else ("Another hidden layer builds on the one before.",
                                    "Another hidden layer", "builds"))
            size = diagram.size_label(layer)
            parts = [*(VGroup(neuron, *([diagram.label(layer, i)] if diagram.label(layer, i)
                                        else []))
                       for neuron, i in zip(diagram.layer_group(layer),
                                            diagram.drawn_indices(layer)))]
            extras = [part for part in (size,) if part is not None]
            links = [Create(diagram.edges_group(layer - 1), lag_ratio=0.05)] if layer else []
            self.narrate(line, on(named, FadeIn(captions[layer], shift=DOWN * 0.2)),
                         on(drawn, LaggedStart(*(GrowFromCenter(part) for part in parts),
                                               lag_ratio=0.2), *map(FadeIn, extras), *links))
        self.add(diagram.ellipses, diagram.braces)
        self.narrate("Every neuron connects to every neuron of the next layer.",
                     on("Every neuron", *self._runs(diagram.edges_group(0))),
                     on("the next layer", LaggedStart(*(
                         LaggedStart(*self._runs(diagram.edges_group(layer)), lag_ratio=0.02)
                         for layer in range(1, last)), lag_ratio=0.5)) if last > 1 else
                     on("the next layer", Circumscribe(diagram.layer_group(last),
                                                       color=self.palette.highlight)))
        return diagram, captions

    def _parameters(self, diagram: NetworkDiagram, captions: VGroup) -> Integer:
        """Count weights and biases at the right, spread down the content's height, while the
        edges they belong to run and the biased neurons flash; the diagram moves into the room
        left of them, redrawn to fill it with its names kept (the layer captions and slots go).
        Returns the running count."""
        p = self.palette
        counts = self.data.parameters
        rows = VGroup()
        for index, (shape, n_weights) in enumerate(zip(counts.weight_shapes, counts.weights)):
            n_in, n_out = (self.show_value(f"network.parameters.weight_shapes[{index}][{k}]",
                                           shape[k], 0) for k in (0, 1))
            count = self.show_value(f"network.parameters.weights[{index}]", n_weights, 0)
            self.record_arithmetic("product", [n_in, n_out], count, 0)
            rows.add(MathTex(rf"W^{{({index + 1})}}:\ {n_in:g} \times {n_out:g} = {count:g}",
                             r"\text{ weights}", font_size=ROW_SIZE, color=p.text))
        biases = self.show_value("network.n_biases", self.data.n_biases, 0)
        rows.add(MathTex(rf"{biases:g}", r"\text{ biases, one per neuron}", font_size=ROW_SIZE,
                         color=p.text))
        counter = self.number("network.parameters.total", counts.total, 0, font_size=TOTAL_SIZE,
                              color=p.gradient)
        total = VGroup(counter, MathTex(r"\text{parameters to learn}", font_size=TOTAL_SIZE,
                                        color=p.gradient)).arrange(RIGHT, buff=0.2)
        self.record_arithmetic("sum", [*counts.weights, biases], counts.total, 0)
        region = self._count_rows(VGroup(*rows, total))
        counter.set_value(0)
        words_after = total[1]
        counter.add_updater(lambda number: number.next_to(words_after, LEFT, buff=0.2))
        left = region.fit(NetworkDiagram(self.data.layer_sizes, labels="names",
                                         width=region.width - 0.8, height=region.height - 0.6,
                                         max_neurons_shown=8, palette=self.palette))
        shapes = VGroup(diagram.edges, diagram.neurons, diagram.ellipses)
        target = VGroup(left.edges, left.neurons, left.ellipses)
        kept = [(old, new) for old, new in ((diagram.labels, left.labels),
                                            (diagram.braces, left.braces))
                if len(old) == len(new)]
        words = VGroup(captions, self.slots, *(old for old in (diagram.labels, diagram.braces)
                                               if all(old is not k for k, _ in kept)))
        biased = [neuron for layer in diagram.neurons[1:] for neuron in layer]
        moved = [neuron for layer in left.neurons[1:] for neuron in layer]   # where they will be
        self.narrate("Each connection carries a weight, and each neuron after the input adds a "
                     "bias.", on("weight", *self._runs(shapes[0])),
                     on("and each neuron", FadeOut(words), Transform(shapes, target),
                        *(Transform(old, new) for old, new in kept)),
                     on("bias", *(Flash(neuron, color=p.gradient, line_length=0.15)
                                  for neuron in moved)))
        steps, running = [FadeIn(total)], 0
        for row, group, n_weights in zip(rows, diagram.edges, counts.weights):
            running += n_weights
            steps.append(LaggedStart(Write(row), LaggedStart(*self._runs(group), lag_ratio=0.1),
                                     ChangeDecimalToValue(counter, running), lag_ratio=0.2,
                                     run_time=1.6))
        self.narrate("Count them: these are the numbers training will adjust.",
                     on("Count them", Succession(*steps)))
        self.narrate("Then one bias for every neuron after the input. In all, this network has "
                     "this many parameters to learn.",
                     on("one bias", Write(rows[-1]), ChangeDecimalToValue(counter, counts.total),
                        *(Flash(neuron, color=p.gradient, line_length=0.15) for neuron in biased)),
                     on("In all", Circumscribe(total, color=p.highlight)))
        self.rows, self.total_row = rows, total
        self.names = VGroup(*(old for old, _ in kept))   # they go when the diagram grows
        return counter

    @staticmethod
    def _count_rows(block: VGroup) -> theme.Region:
        """Set the counts one under another at the content's right, spread down its height (at
        most half its width); returns the region left of them, for the diagram."""
        area = theme.CONTENT
        block.arrange(DOWN, aligned_edge=LEFT, buff=0.7)
        block.scale(min(1.0, (area.width / 2 - 0.3) / block.width))
        gap = (COUNT_SPAN * area.height - sum(row.height for row in block)) / max(len(block) - 1, 1)
        block.arrange(DOWN, aligned_edge=LEFT, buff=min(max(gap, 0.3), 1.3))
        block.scale(min(1.0, (area.height - 0.3) / block.height))
        block.move_to(area.center).align_to([area.right - 0.2, 0, 0], RIGHT)
        return theme.Region(area.left, block.get_left()[0] - 0.5, area.bottom, area.top)

    def _runs(self, edges: VGroup) -> list:
        """A bright run along each edge: the edges being counted, one by one."""
        flat = [edge for edge in edges.family_members_with_points()]
        return [ShowPassingFlash(edge.copy().set_stroke(self.palette.gradient, width=4,
                                                        opacity=1), time_width=0.6)
                for edge in flat]

    def _wide(self, diagram: NetworkDiagram, counter: Integer) -> None:
        """The hidden column grows in place into the widest network of the lesson's exercise,
        and the count follows it."""
        networks = self.data.hidden_size_comparison
        k = max(range(len(networks)), key=lambda index: networks[index].layer_sizes[1])
        widest = networks[k]
        sizes = widest.layer_sizes
        shown = max(2, min(COMPACT_LAYER, sizes[1] - 1))
        wide = NetworkDiagram(sizes, [layer.W for layer in widest.params], labels=None,
                              max_neurons_shown=shown, width=theme.CONTENT.width - 0.6,
                              height=4.4, palette=self.palette)
        true_size = wide.size_label(1)
        if true_size is not None:
            self.show_value(f"hidden_size_comparison[{k}].layer_sizes[1]", float(true_size.text),
                            0)
        n_params = self.show_value(f"hidden_size_comparison[{k}].n_parameters",
                                   widest.n_parameters, 0)
        total = self.total_row
        row = total.copy()
        theme.CONTENT.fit(VGroup(wide, row).arrange(DOWN, buff=0.35))
        dots = [on("dots for the rest", Indicate(wide.ellipses, color=self.palette.highlight))
                ] if len(wide.ellipses) else []
        self.narrate("Wider layers do not fit on screen. The lesson's exercise tries up to "
                     f"{sizes[1]} hidden neurons; we draw a few, with dots for the rest.",
                     on("lesson's", FadeOut(self.rows), FadeOut(self.names),
                        total.animate.scale_to_fit_height(row.height).move_to(row)),
                     on("exercise", grow_diagram(diagram, wide), run_time=2.5), *dots)
        self.narrate("The brace gives the layer's true size, and the parameter count grows with "
                     "it: weights here come from that trained network.",
                     on("The brace", Circumscribe(wide.braces, color=self.palette.highlight)),
                     on("parameter count grows", ChangeDecimalToValue(counter, n_params),
                        run_time=1.5),
                     on("weights here", *self._runs(wide.edges)))
