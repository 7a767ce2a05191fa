"""Chapter 8: inside the trained network. A test point of each class goes through it, with the
activations as brightness and the weights as edge colour and width (their values where they can
be read); then every drawn hidden neuron becomes a small map of its own output over the input
plane, and the output neuron becomes the decision map those maps add up to.

Each hidden neuron's map is scaled to that neuron's own range, written under it where there is
room: tanh and ReLU outputs are not probabilities, so one shared 0-to-1 scale would mislead.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, LEFT, PI, RIGHT, UP, Circle, Create, DecimalNumber, Dot, FadeIn, FadeOut, FadeTransform,
    Group, Indicate, LaggedStart, ReplacementTransform, SurroundingRectangle, Text, VGroup, smooth,
)

from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.edge_labels import place_on_edges
from scenes.mobjects.heatmap import Heatmap, colorbar
from scenes.mobjects.network_diagram import NetworkDiagram
from scenes.narration import decision_map_caption, decision_map_intro
from scenes.notation import DATASET_NAME

FRAME_LEFT, FRAME_RIGHT = theme.FRAME.left, theme.FRAME.right     # the frame's margins
# Part 1: the network on the left, the decision map with its caption and the verdict on the
# right; before the map comes, the network spans the whole content width.
SAMPLE_DIAGRAM = theme.Region(theme.CONTENT.left, 1.0, theme.CONTENT.bottom + 0.05,
                              theme.CONTENT.top - 0.3)
WIDE_SAMPLE_DIAGRAM = theme.Region(theme.CONTENT.left, theme.CONTENT.right, SAMPLE_DIAGRAM.bottom,
                                   SAMPLE_DIAGRAM.top)
SAMPLE_PANEL = theme.Region(1.45, theme.CONTENT.right, theme.CONTENT.bottom, theme.CONTENT.top)
BRACE_ROOM = 0.6             # a brace with the true size above an elided hidden column
CAPTION_ROOM = 0.5           # the map's caption above it
VERDICT_ROOM = 1.25          # the two verdict lines under it
MAX_MINI_MAP_HEIGHT = 4.0
MAPS_TOP, MAPS_BOTTOM = theme.CONTENT.top, theme.FRAME.bottom   # the band the heatmap view fills
MAP_SHARE = 0.9              # a neuron's map (with its range label) fills this much of the pitch
RANGE_LABEL_HEIGHT = 0.36    # a line of SMALL_SIZE text with its gap
MIN_MAP_HEIGHT = 0.6         # below this a map has no room for a range label beneath it
MAX_MAP_HEIGHT = 1.9
OUTPUT_MAP_HEIGHT = 2.3
MAX_WEIGHT_LABELS = 8        # more numbers in one layer cannot be told apart from their edges
MAX_OUTPUT_MAP_WIDTH = 3.6
CLASS_WORD = {0: "zero", 1: "one"}


def _inside_frame(mobject):
    """Shift ``mobject`` sideways, if needed, so that it lies within the frame's margins."""
    if mobject.get_right()[0] > FRAME_RIGHT:
        mobject.shift(LEFT * (mobject.get_right()[0] - FRAME_RIGHT))
    if mobject.get_left()[0] < FRAME_LEFT:
        mobject.shift(RIGHT * (FRAME_LEFT - mobject.get_left()[0]))
    return mobject


def _early(t: float) -> float:
    """A smooth rate that is done in the first quarter: a quick change inside a long step."""
    return smooth(min(1.0, 4 * t))


class InsideNetworkScene(LectureScene):
    def construct(self) -> None:
        self.examples = self.data.class_examples
        grid = self.data.trained.grid    # the lecture network's P(class 1)
        self.decision = grid.values
        self.bounds = (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1])
        x0, x1, y0, y1 = self.bounds
        self.aspect = (x1 - x0) / (y1 - y0)
        self.heading = self.make_heading("Inside the network")
        self._trained_network()
        self._weights()
        self._mini_map()
        for example in self.examples:
            self._sample(example)
        self._to_heatmaps()
        self._samples_on_maps()
        self._output_map()

    # --------------------------------------------------------------- part 1: the two samples

    def _sample_diagram(self, region: theme.Region) -> NetworkDiagram:
        """The trained network, dark (no sample yet), its neurons filling ``region`` (less a
        brace's room above an elided hidden column)."""
        elided = any(size > 8 for size in self.data.layer_sizes[1:-1])
        diagram = NetworkDiagram(self.data.layer_sizes,
                                 [layer.W for layer in self.data.final_params],
                                 self.examples[0].activations, labels="values",
                                 width=region.width,
                                 height=region.height - (BRACE_ROOM if elided else 0),
                                 palette=self.palette)
        region.clamp(diagram.move_to(region.center))
        diagram.neurons.set_fill(opacity=0.08)
        diagram.labels.set_opacity(0)
        return diagram

    def _trained_network(self) -> None:
        first = self.examples[0]
        self.diagram = self._sample_diagram(SAMPLE_DIAGRAM)
        self.record_diagram(f"{self._path(first)}.activations", self.diagram)
        self.wide = self._sample_diagram(WIDE_SAMPLE_DIAGRAM)   # narrows when the map comes
        self.narrate("Let's look inside the trained network while it works.",
                     FadeIn(self.heading), FadeIn(self.wide.neurons),
                     FadeIn(self.wide.ellipses), FadeIn(self.wide.braces),
                     on("trained network", Create(self.wide.edges)))
        # From now on the diagram is one mobject in the scene, below the numbers put on it (else
        # its first animation would add it again, on top of them).
        self.remove(self.wide.edges, self.wide.neurons, self.wide.ellipses, self.wide.braces)
        self.add(self.wide)

    def _weights(self) -> None:
        """Weight values on the edges of every layer where all of them can be read (on the wide
        diagram, and where they will be on the narrow one)."""
        self.wide_weight_labels = self._weight_labels(self.wide)
        self.weight_labels = self._weight_labels(self.diagram)
        labels = self.wide_weight_labels
        shown = FadeIn(labels) if len(labels) else Indicate(self.wide.edges,
                                                             color=self.palette.highlight)
        self.narrate("Blue edges are positive weights, orange negative; thicker means stronger.",
                     on("positive weights", shown))

    def _weight_labels(self, diagram: NetworkDiagram) -> VGroup:
        weights = self.data.final_params
        labels = VGroup()
        for layer in range(len(weights) - 1, -1, -1):       # the output layer's few edges first
            edges = [(layer, i, j) for i in diagram.drawn_indices(layer)
                     for j in diagram.drawn_indices(layer + 1)]
            if len(edges) > MAX_WEIGHT_LABELS:
                continue
            numbers = {(layer, i, j): self._weight_number(weights[layer].W[i, j])
                       for _, i, j in edges}
            placed = place_on_edges(diagram, numbers, background=self.palette.background,
                                    avoid=list(labels))
            if placed is None:
                continue
            for _, i, j in edges:
                self.show_value(f"network.final[{layer}].W[{i}][{j}]", weights[layer].W[i, j], 2)
            labels.add(*placed)
        return labels

    def _weight_number(self, weight: float) -> DecimalNumber:
        color = self.palette.positive if weight >= 0 else self.palette.negative
        return DecimalNumber(round(float(weight), 2), num_decimal_places=2,
                             font_size=theme.SMALL_SIZE, color=color)

    def _mini_map(self) -> None:
        p = self.palette
        dataset = self.data.dataset
        panel = SAMPLE_PANEL
        height = min(MAX_MINI_MAP_HEIGHT, panel.width / self.aspect,
                     panel.height - CAPTION_ROOM - VERDICT_ROOM)
        self.mini_map = DecisionMap(self.decision, self.bounds, colors=(p.negative, p.positive),
                                    background=p.background, frame_color=p.muted,
                                    height=height)
        middle = (panel.top - CAPTION_ROOM + panel.bottom + VERDICT_ROOM) / 2
        self.mini_map.move_to([panel.center[0], middle, 0])
        dots = self.mini_map.dots(dataset.X_train, dataset.y_train,
                                  radius=float(np.clip(0.012 * height, 0.028, 0.045)))
        data_name = DATASET_NAME[self.data.config.data.name]
        caption = Text(decision_map_caption(self.data.training_verdict, data_name),
                       font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted)
        _inside_frame(caption.next_to(self.mini_map, UP, buff=0.15))
        narrow = ReplacementTransform(VGroup(self.wide, self.wide_weight_labels),
                                      VGroup(self.diagram, self.weight_labels))
        self.narrate(decision_map_intro(self.data.training_verdict), narrow,
                     FadeIn(self.mini_map), on("orange", FadeIn(dots)),
                     on("blue class", FadeIn(caption)))
        self.panel = Group(self.mini_map, dots, caption)
        self.marker: Circle | None = None
        self.verdict: VGroup | None = None

    def _sample(self, example) -> None:
        """One test point on the map and through the network, then the network's verdict."""
        p = self.palette
        word = CLASS_WORD[example.label]
        where = self.mini_map.coords_to_point(*example.x)
        verdict = self._verdict(example)
        forward = self.diagram.animate_forward(example.activations, layer_time=1.2)
        if self.marker is None:
            self.marker = Circle(radius=0.14, color=p.highlight, stroke_width=3).move_to(where)
            self.narrate(f"A class {word} test point goes in: some neurons light up, others "
                         "stay dark.", Create(self.marker), forward,
                         run_time=forward.get_run_time())
            self.play(self.diagram.labels.animate.set_opacity(1), run_time=0.6)
        else:
            self.narrate(f"Now a point of class {word}: a different pattern lights up.",
                         self.marker.animate(rate_func=_early).move_to(where),
                         FadeOut(self.verdict, rate_func=_early), forward,
                         run_time=forward.get_run_time())
        self.record_diagram(f"{self._path(example)}.activations", self.diagram)
        out = len(self.data.layer_sizes) - 1
        output = VGroup(self.diagram.neuron(out, 0))      # with its value, kept over the fill
        if self.diagram.label(out, 0) is not None:
            output.add(self.diagram.label(out, 0))
        correct = example.predicted_class == example.label
        level = "high" if example.prediction >= 0.5 else "low"
        outcome = "right" if correct else "wrong"
        self.narrate(f"The output is {level}: class {CLASS_WORD[example.predicted_class]}, "
                     f"which is {outcome}.", Indicate(output, color=p.highlight),
                     on("which is", FadeIn(verdict)))
        self.verdict = verdict

    def _path(self, example) -> str:
        """Where ``example`` (one of the class examples) is in the lecture's facts."""
        index = next(k for k, shown in enumerate(self.examples) if shown is example)
        return f"class_examples[{index}]"

    def _verdict(self, example) -> VGroup:
        p = self.palette
        key = self._path(example)
        label = self.show_value(f"{key}.label", example.label, 0)
        predicted = self.show_value(f"{key}.predicted_class", example.predicted_class, 0)
        color = p.positive if example.label == 1 else p.negative
        verdict = VGroup(
            Text(f"a test point of class {label:g}", font=theme.FONT,
                 font_size=theme.SMALL_SIZE + 2, color=color),
            Text(f"predicted: class {predicted:g}", font=theme.FONT,
                 font_size=theme.SMALL_SIZE + 2, color=p.text),
        ).arrange(DOWN, buff=0.2)
        return verdict.next_to(self.mini_map, DOWN, buff=0.45)

    # ------------------------------------------------------------ part 2: each neuron's map

    def _heatmap_diagram(self) -> tuple[NetworkDiagram, float, bool]:
        """The network again, spread over the frame so that each hidden neuron can become a
        map of the plane and the output neuron the decision map. Returns the diagram, the
        height of a hidden neuron's map and whether its range label fits beneath it."""
        sizes = self.data.layer_sizes
        probe = NetworkDiagram(sizes, labels=None, palette=self.palette)
        slots = max(len(probe.drawn_indices(layer)) + (size > len(probe.drawn_indices(layer)))
                    for layer, size in enumerate(sizes))
        band = MAPS_TOP - MAPS_BOTTOM
        pitch = band / (slots - 1 + MAP_SHARE)
        radius = min(0.35 * pitch, 0.4)
        out_width = min(OUTPUT_MAP_HEIGHT * self.aspect, MAX_OUTPUT_MAP_WIDTH)
        left, right = FRAME_LEFT + radius, FRAME_RIGHT - out_width / 2
        gap = (right - left) / (len(sizes) - 1)
        widest = 0.6 * gap / self.aspect                    # maps must leave room for edges
        with_ranges = MAP_SHARE * pitch - RANGE_LABEL_HEIGHT >= MIN_MAP_HEIGHT
        room = MAP_SHARE * pitch - (RANGE_LABEL_HEIGHT if with_ranges else 0)
        map_height = min(room, widest, MAX_MAP_HEIGHT)
        diagram = NetworkDiagram(sizes, [layer.W for layer in self.data.final_params],
                                 labels="names", width=right - left + 2 * radius,
                                 height=(slots - 1) * pitch + 2 * radius, neuron_radius=radius, palette=self.palette)
        diagram.remove(diagram.braces)          # a brace would sit on the top map
        middle = (MAPS_TOP + MAPS_BOTTOM + (RANGE_LABEL_HEIGHT if with_ranges else 0)) / 2
        output = diagram.neuron(len(sizes) - 1, 0).get_center()
        diagram.shift(np.array([right, middle, 0]) - output)
        return diagram, map_height, with_ranges

    def _to_heatmaps(self) -> None:
        p = self.palette
        big, map_height, with_ranges = self._heatmap_diagram()
        self.big = big
        maps, ranges = Group(), VGroup()
        self.hidden_maps: dict[tuple[int, int], Heatmap] = {}
        for layer, grids in enumerate(self.data.neuron_grids, start=1):
            for i in big.drawn_indices(layer):
                heatmap = Heatmap(grids[i].values, self.bounds, colors=(p.background, p.hidden),
                                  value_range=self.data.neuron_ranges[layer - 1][i],
                                  width=map_height * self.aspect, height=map_height,
                                  frame_color=p.hidden).move_to(big.neuron(layer, i))
                self.hidden_maps[layer, i] = heatmap
                maps.add(heatmap)
                if with_ranges:
                    ranges.add(self._range_label(layer, i, heatmap))
        self.narrate("What does each hidden neuron respond to? Colour the plane by its output.",
                     FadeOut(self.panel), FadeOut(self.marker), FadeOut(self.verdict),
                     FadeOut(self.weight_labels),
                     on("Colour the plane", FadeTransform(self.diagram, big)))
        self.narrate("Each neuron becomes a map: faint where its output is low, full colour "
                     "where high.", on("becomes a map", LaggedStart(
                         *(FadeIn(m, scale=0.4) for m in maps), lag_ratio=0.4)))
        if with_ranges:
            self.narrate("Every map has its own scale; the numbers beneath give the neuron's "
                         "range.", on("the numbers beneath", FadeIn(ranges)))
        else:
            self.narrate("Every map is scaled to its own neuron's range.",
                         on("own neuron's range", FadeIn(self._scale_key())))
        first_layer = Group(*(self.hidden_maps[1, i] for i in big.drawn_indices(1)))
        self.narrate("A first-layer neuron splits the plane along a straight line.",
                     on("straight line", Indicate(first_layer, color=p.highlight,
                                                  scale_factor=1.05)))
        if len(self.data.neuron_grids) > 1:
            later = Group(*(m for (layer, _), m in self.hidden_maps.items() if layer > 1))
            self.narrate("Later layers combine those lines into curved regions.",
                         on("curved regions", Indicate(later, color=p.highlight,
                                                       scale_factor=1.05)))

    def _scale_key(self) -> VGroup:
        """Where no range fits under the maps: a key to their shared colour ramp, in the
        bottom-left corner, below the inputs."""
        p = self.palette
        ramp = colorbar((p.background, p.hidden), width=0.22, height=2.4).rotate(-PI / 2)
        ramp.add(SurroundingRectangle(ramp, color=p.hidden, stroke_width=1.5, buff=0))
        ends = VGroup(*(Text(word, font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted)
                        for word in ("lowest", "highest")))
        ends[0].next_to(ramp, DOWN, buff=0.1).align_to(ramp, LEFT)
        ends[1].next_to(ramp, DOWN, buff=0.1).align_to(ramp, RIGHT)
        title = Text("each map: its own\nneuron's range", font=theme.FONT,
                     font_size=theme.SMALL_SIZE, color=p.muted, line_spacing=0.8)
        title.next_to(ramp, UP, buff=0.12).align_to(ramp, LEFT)
        key = VGroup(title, ramp, ends)
        return key.move_to([FRAME_LEFT, MAPS_BOTTOM, 0], aligned_edge=DOWN + LEFT)

    def _range_label(self, layer: int, i: int, heatmap: Heatmap) -> Text:
        low, high = heatmap.value_range
        low = self.show_value(f"neuron_ranges[{layer - 1}][{i}][0]", low, 2)
        high = self.show_value(f"neuron_ranges[{layer - 1}][{i}][1]", high, 2)
        return Text(f"{low:.2f} to {high:.2f}", font=theme.FONT, font_size=theme.SMALL_SIZE,
                    color=self.palette.muted).next_to(heatmap, DOWN, buff=0.08)

    def _points(self, on) -> VGroup:
        """The class examples as dots in their class colour on a map (anything with
        ``coords_to_point``), ringed so they read on any colour."""
        p = self.palette
        radius = float(np.clip(0.05 * on.height, 0.045, 0.08))
        return VGroup(*(Dot(on.coords_to_point(*example.x), radius=radius,
                            color=p.positive if example.label == 1 else p.negative,
                            stroke_color=p.highlight, stroke_width=1.5)
                        for example in self.examples))

    def _samples_on_maps(self) -> None:
        points = VGroup(*(self._points(heatmap) for heatmap in self.hidden_maps.values()))
        many = len(self.examples) > 1
        line = ("The colour under each test point is that neuron's activation for it." if many
                else "The colour under the test point is that neuron's activation for it.")
        self.narrate(line, on("test point", FadeIn(points, scale=1.5)))

    def _output_map(self) -> None:
        p = self.palette
        out = len(self.data.layer_sizes) - 1
        neuron = self.big.neuron(out, 0)
        height = min(OUTPUT_MAP_HEIGHT, MAX_OUTPUT_MAP_WIDTH / self.aspect)
        decision = DecisionMap(self.decision, self.bounds, colors=(p.negative, p.positive),
                               background=p.background, frame_color=p.output, height=height)
        decision.move_to(neuron)
        caption = Text("the output: P(class 1)", font=theme.FONT, font_size=theme.SMALL_SIZE,
                       color=p.output).next_to(decision, UP, buff=0.15)
        _inside_frame(caption)
        self.narrate("The output neuron weighs these maps by its edges and squashes the sum: "
                     "the decision map.",
                     on("weighs these maps", Indicate(self.big.edges_group(out - 1),
                                                      color=p.highlight)),
                     on("the decision map", FadeIn(decision, scale=0.4), FadeIn(caption)))
        self.narrate("A curved boundary, built from simple pieces.",
                     FadeIn(self._points(decision), scale=1.5),
                     on("simple pieces", Indicate(decision.frame, color=p.highlight)))
