"""Chapter 8: inside the trained network. A test point of each class goes through it, with the
activations as brightness and the weights as edge colour and width (their values where they can
be read); then every drawn hidden neuron becomes a small map of its own output over the input
plane, and the output neuron becomes the decision map those maps add up to.

Each hidden neuron's map is scaled to that neuron's own range, written under it where there is
room: tanh and ReLU outputs are not probabilities, so one shared 0-to-1 scale would mislead.
"""

from __future__ import annotations

import numpy as np
from manim import (DOWN, Circle, Create, FadeIn, FadeOut, FadeTransform, Group, Indicate,
                   LaggedStart, ReplacementTransform, Text, VGroup, smooth)

from nnmath.verdicts import classified_right
from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.neuron_maps import (example_dots, hidden_maps, output_map, scale_key,
                                         spread_diagram)
from scenes.mobjects.sample_view import (SAMPLE_DIAGRAM, WIDE_SAMPLE_DIAGRAM, map_caption,
                                         mini_map, sample_diagram, verdict_lines, weight_labels)
from scenes.narration import decision_map_caption, decision_map_intro
from scenes.notation import DATASET_NAME

CLASS_WORD = {0: "zero", 1: "one"}


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
        self.weights = [layer.W for layer in self.data.final_params]
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

    def _sample_diagram(self, region: theme.Region):
        """The trained network filling ``region``, dark until the first sample goes through."""
        return sample_diagram(region, self.data.layer_sizes, self.weights,
                              self.examples[0].activations, palette=self.palette)

    def _trained_network(self) -> None:
        self.diagram = self._sample_diagram(SAMPLE_DIAGRAM)
        self.record_diagram(f"{self._path(self.examples[0])}.activations", self.diagram)
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

    def _weight_labels(self, diagram) -> VGroup:
        labels, shown = weight_labels(diagram, self.weights, palette=self.palette)
        for layer, i, j in shown:
            self.show_value(f"network.final[{layer}].W[{i}][{j}]", self.weights[layer][i, j], 2)
        return labels

    def _mini_map(self) -> None:
        dataset = self.data.dataset
        self.mini_map = mini_map(self.decision, self.bounds, palette=self.palette)
        dots = self.mini_map.dots(dataset.X_train, dataset.y_train,
                                  radius=float(np.clip(0.012 * self.mini_map.map_height,
                                                       0.028, 0.045)))
        caption = map_caption(decision_map_caption(self.data.training_verdict,
                                                   DATASET_NAME[self.data.config.data.name]),
                              self.mini_map, palette=self.palette)
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
        level = "high" if example.predicted_class == 1 else "low"
        outcome = "right" if classified_right(example) else "wrong"
        self.narrate(f"The output is {level}: class {CLASS_WORD[example.predicted_class]}, "
                     f"which is {outcome}.", Indicate(output, color=p.highlight),
                     on("which is", FadeIn(verdict)))
        self.verdict = verdict

    def _path(self, example) -> str:
        """Where ``example`` (one of the class examples) is in the lecture's facts."""
        index = next(k for k, shown in enumerate(self.examples) if shown is example)
        return f"class_examples[{index}]"

    def _verdict(self, example) -> VGroup:
        key = self._path(example)
        label = self.show_value(f"{key}.label", example.label, 0)
        predicted = self.show_value(f"{key}.predicted_class", example.predicted_class, 0)
        return verdict_lines(f"a test point of class {label:g}", f"predicted: class {predicted:g}",
                             self.palette.of_class(example.label), self.mini_map,
                             palette=self.palette)

    # ------------------------------------------------------------ part 2: each neuron's map

    def _to_heatmaps(self) -> None:
        p = self.palette
        self.big, map_height, with_ranges = spread_diagram(self.data.layer_sizes, self.weights,
                                                           self.aspect, palette=p)
        self.hidden_maps = hidden_maps(self.big, self.data.neuron_grids, self.data.neuron_ranges,
                                       self.bounds, height=map_height, aspect=self.aspect,
                                       palette=p)
        maps = Group(*self.hidden_maps.values())
        self.narrate("What does each hidden neuron respond to? Colour the plane by its output.",
                     FadeOut(self.panel), FadeOut(self.marker), FadeOut(self.verdict),
                     FadeOut(self.weight_labels),
                     on("Colour the plane", FadeTransform(self.diagram, self.big)))
        self.narrate("Each neuron becomes a map: faint where its output is low, full colour "
                     "where high.", on("becomes a map", LaggedStart(
                         *(FadeIn(m, scale=0.4) for m in maps), lag_ratio=0.4)))
        if with_ranges:
            ranges = VGroup(*(self._range_label(layer, i, heatmap)
                              for (layer, i), heatmap in self.hidden_maps.items()))
            self.narrate("Every map has its own scale; the numbers beneath give the neuron's "
                         "range.", on("the numbers beneath", FadeIn(ranges)))
        else:
            self.narrate("Every map is scaled to its own neuron's range.",
                         on("own neuron's range", FadeIn(scale_key(p))))
        first_layer = Group(*(self.hidden_maps[1, i] for i in self.big.drawn_indices(1)))
        self.narrate("A first-layer neuron splits the plane along a straight line.",
                     on("straight line", Indicate(first_layer, color=p.highlight,
                                                  scale_factor=1.05)))
        if len(self.data.neuron_grids) > 1:
            later = Group(*(m for (layer, _), m in self.hidden_maps.items() if layer > 1))
            self.narrate("Later layers combine those lines into curved regions.",
                         on("curved regions", Indicate(later, color=p.highlight,
                                                       scale_factor=1.05)))

    def _range_label(self, layer: int, i: int, heatmap) -> Text:
        low, high = heatmap.value_range
        low = self.show_value(f"neuron_ranges[{layer - 1}][{i}][0]", low, 2)
        high = self.show_value(f"neuron_ranges[{layer - 1}][{i}][1]", high, 2)
        return Text(f"{low:.2f} to {high:.2f}", font=theme.FONT, font_size=theme.TYPE.label,
                    color=self.palette.muted).next_to(heatmap, DOWN, buff=0.08)

    def _samples_on_maps(self) -> None:
        points = VGroup(*(example_dots(self.examples, heatmap, palette=self.palette)
                          for heatmap in self.hidden_maps.values()))
        many = len(self.examples) > 1
        line = ("The colour under each test point is that neuron's activation for it." if many
                else "The colour under the test point is that neuron's activation for it.")
        self.narrate(line, on("test point", FadeIn(points, scale=1.5)))

    def _output_map(self) -> None:
        p = self.palette
        out = len(self.data.layer_sizes) - 1
        decision, caption = output_map(self.decision, self.bounds, self.big.neuron(out, 0),
                                       aspect=self.aspect, palette=p)
        self.narrate("The output neuron weighs these maps by its edges and squashes the sum: "
                     "the decision map.",
                     on("weighs these maps", Indicate(self.big.edges_group(out - 1),
                                                      color=p.highlight)),
                     on("the decision map", FadeIn(decision, scale=0.4), FadeIn(caption)))
        self.narrate("A curved boundary, built from simple pieces.",
                     FadeIn(example_dots(self.examples, decision, palette=p), scale=1.5),
                     on("simple pieces", Indicate(decision.frame, color=p.highlight)))
