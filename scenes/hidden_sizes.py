"""Chapter 10: the lesson's exercise. Networks with different hidden layer sizes, each trained by
nnmath on the same data, side by side: the network, its decision boundary, its train and test
accuracy. Their boundaries are then laid over one another where nnmath finds them apart, and the
narration follows the real numbers, whichever way they fall."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, UP, Circle, Circumscribe, Create, FadeIn, Group, Indicate, MathTex, ReplacementTransform,
    Restore,
    SurroundingRectangle, Text, TransformFromCopy, VGroup,
)

from nnmath.verdicts import Difference
from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.landscape import ContourLines
from scenes.mobjects.network_diagram import RADIUS_PER_PITCH, NetworkDiagram
from scenes.narration import (
    boundaries_apart, count, sizes_outcome_lines, sizes_test_line, sizes_train_line,
    spoken_list,
)
from scenes.notation import ACTIVATION_NAME, DATASET_NAME

PANEL_GAP = 0.4
DIAGRAM_HEIGHT = 1.9       # the tallest diagram's; the others share its scale
MAX_NEURONS_SHOWN = 10
RATE_DECIMALS = 6          # a lowered learning rate is a halving of the config's: shown in full
ROWS_HEIGHT = 0.85         # the accuracy rows under each map
ZOOM_MARGIN = 1.25         # the view onto the overlaid map: the map and a margin around it


class HiddenSizesScene(LectureScene):
    def construct(self) -> None:
        self.networks = self.data.hidden_size_comparison
        self.verdicts = self.data.hidden_size_verdicts
        p = self.palette
        self.hues = [(p.gradient, p.hidden, p.output, p.input, p.highlight)[k]
                     for k in range(len(self.networks))]
        heading = self.make_heading("Hidden layer sizes")
        self._build_panels()
        self.narrate("The lesson ends with an exercise: change the number of hidden neurons and "
                     "see what happens.", FadeIn(heading),
                     on("hidden neurons", *(FadeIn(title, shift=DOWN * 0.1)
                                            for title in self.titles)))
        self._show_networks()
        self._show_boundaries()
        self._explain_capacity()
        self._overlay()
        self._show_accuracies()
        self._compare()

    # -- building ------------------------------------------------------------------------------
    def _build_panels(self) -> None:
        """One column per network in the content region: its size, its diagram, its map with the
        data and its boundary line, its accuracies; rows line up across the columns."""
        columns = theme.CONTENT.columns(len(self.networks), PANEL_GAP)
        width = columns[0].width
        x0, x1, y0, y1 = self.data.bounds
        self.diagrams = self._diagrams(min(0.7 * width, 2.6))
        self.titles = [self._title(k, network, width) for k, network in enumerate(self.networks)]
        brace_room = max(diagram.get_top()[1] - diagram.neurons.get_top()[1]
                         for diagram in self.diagrams)
        title_row = max(title.height for title in self.titles)
        top = theme.CONTENT.top
        diagram_y = top - title_row - 0.15 - brace_room - DIAGRAM_HEIGHT / 2
        room = diagram_y - DIAGRAM_HEIGHT / 2 - 0.25 - ROWS_HEIGHT - theme.CONTENT.bottom
        map_height = min(room, width * (y1 - y0) / (x1 - x0))
        self.maps = [self._map(k, network, map_height) for k, network in enumerate(self.networks)]
        self.accuracies = [self._accuracy_rows(k, network)
                           for k, network in enumerate(self.networks)]
        self.dots, self.lines = [], []
        for k, (column, title, diagram, dmap, rows) in enumerate(zip(
                columns, self.titles, self.diagrams, self.maps, self.accuracies)):
            x = column.center[0]
            title.move_to([x, top - title_row / 2, 0])
            diagram.shift([x, diagram_y, 0] - diagram.neurons.get_center())
            self.blanks[k].move_to(diagram)
            dmap.move_to([x, diagram_y - DIAGRAM_HEIGHT / 2 - 0.25 - map_height / 2, 0])
            self.dots.append(self._dots(dmap))
            self.lines.append(ContourLines(self.networks[k].grid, [0.5], dmap.coords_to_point,
                                           [self.hues[k]], stroke_width=3).set_z_index(2))
            rows.next_to(dmap, DOWN, buff=0.2)

    def _diagrams(self, width: float) -> list[NetworkDiagram]:
        """The networks drawn at one scale (same neuron size and spacing), so a larger hidden
        layer is a taller column; the tallest fills DIAGRAM_HEIGHT."""
        def slots(diagram: NetworkDiagram) -> int:
            return max(column.slots for column in diagram.columns)

        probes = [NetworkDiagram(network.layer_sizes, labels=None,
                                 max_neurons_shown=MAX_NEURONS_SHOWN, width=width,
                                 height=DIAGRAM_HEIGHT, palette=self.palette) for network in self.networks]
        densest = max(probes, key=slots)
        radius = densest.radius

        def height(diagram: NetworkDiagram) -> float:
            return DIAGRAM_HEIGHT * (slots(diagram) - 1 + 2 * RADIUS_PER_PITCH) \
                / (slots(densest) - 1 + 2 * RADIUS_PER_PITCH)

        def drawn(network, probe, weights):
            return NetworkDiagram(network.layer_sizes, weights, labels=None,
                                  max_neurons_shown=MAX_NEURONS_SHOWN, width=width,
                                  height=max(height(probe), 2.2 * radius), neuron_radius=radius, palette=self.palette)

        self.blanks = [drawn(network, probe, None) for network, probe in zip(self.networks, probes)]
        return [drawn(network, probe, [layer.W for layer in network.params])
                for network, probe in zip(self.networks, probes)]

    def _title(self, k: int, network, width: float) -> Text:
        """'N hidden neurons', or just 'N neurons' where the columns are too narrow for that, in
        the colour of the network's boundary line."""
        hidden = self.show_value(f"hidden_size_comparison[{k}].layer_sizes[1]",
                                 network.layer_sizes[1], 0)
        for text, size in ((count(hidden, "hidden neuron"), theme.TYPE.body),
                           (count(hidden, "neuron"), theme.TYPE.body),
                           (count(hidden, "neuron"), theme.TYPE.label)):
            title = Text(text, font=theme.FONT, font_size=size, color=self.hues[k])
            if title.width <= width:
                return title
        return title

    def _map(self, k: int, network, height: float) -> DecisionMap:
        """The network's boundary, recording every grid cell it is coloured from."""
        p = self.palette
        for (i, j), value in np.ndenumerate(network.grid.values):
            self.record_drawn(f"network[{k}].heatmap[{i}][{j}]", round(value, 4))
        return DecisionMap(network.grid.values, self.data.bounds, colors=(p.negative, p.positive),
                           background=p.background, frame_color=p.muted, height=height)

    def _dots(self, dmap: DecisionMap) -> VGroup:
        ds = self.data.dataset
        radius = 0.03 if dmap.map_height < 2.2 else 0.04
        return VGroup(dmap.dots(ds.X_train, ds.y_train, radius=radius),
                      dmap.dots(ds.X_test, ds.y_test, radius=radius, hollow=True))

    def _accuracy_rows(self, k: int, network) -> VGroup:
        """'train 100.0%' and 'test 97.5%', each one formula, and the learning rate if lowered."""
        p, rows = self.palette, VGroup()
        size = theme.math_size(theme.TYPE.small)
        for name, text in (("train_accuracy", "train"), ("test_accuracy", "test")):
            value = self.show_value(f"hidden_size_comparison[{k}].{name}",
                                    getattr(network, name), 1, percent=True)
            rows.add(MathTex(rf"\text{{{text}}}\ ", f"{value:.1f}\\%", font_size=size,
                             color=p.text).set_color_by_tex(text, p.muted))
        if network.rate_lowered:
            rate = self.show_value(f"hidden_size_comparison[{k}].learning_rate",
                                   network.learning_rate, RATE_DECIMALS)
            rows.add(Text(f"learning rate {rate:g}", font=theme.FONT, font_size=theme.TYPE.label,
                          color=p.muted))
        return rows.arrange(DOWN, buff=0.16)

    def _shown(self, k: int, name: str) -> float:
        """Network k's size ("hidden") or accuracy in percent, as it is shown on screen."""
        path = f"hidden_size_comparison[{k}]."
        return self.displayed[path + ("layer_sizes[1]" if name == "hidden" else f"{name} %")]

    def _by_size(self) -> list[int]:
        return sorted(range(len(self.networks)), key=lambda k: self._shown(k, "hidden"))

    # -- the story -----------------------------------------------------------------------------
    def _show_networks(self) -> None:
        """Each network drawn as its size is said, untrained; its weights take their trained
        values as the training is named."""
        sizes = [f"{self._shown(k, 'hidden'):g}" for k in range(len(self.networks))]
        epochs = self.show_value("config.training.epochs", self.data.config.training.epochs, 0)
        start = "One network" if len(self.networks) == 1 else "Networks"
        noun = "neuron" if sizes == ["1"] else "neurons"
        self.narrate(f"{start} with {spoken_list(sizes)} hidden {noun}, each trained for "
                     f"{epochs:g} epochs on the same data.",
                     *(on(size, Create(blank, lag_ratio=0.1))
                       for size, blank in zip(sizes, self.blanks)),
                     on("trained for", *(ReplacementTransform(blank, diagram)
                                         for blank, diagram in zip(self.blanks, self.diagrams))))
        for k, network in enumerate(self.networks):
            if network.rate_lowered:
                rate = self.displayed[f"hidden_size_comparison[{k}].learning_rate"]
                self.narrate(f"At the configured learning rate the {self._shown(k, 'hidden'):g}-"
                             f"neuron network's training diverged, so it was trained at {rate:g}.",
                             on("diverged", Indicate(self.diagrams[k])))

    def _show_boundaries(self) -> None:
        """Each map grows out of its network's output neuron."""
        dataset = DATASET_NAME[self.data.config.data.name]
        self.narrate(f"Here is each network's decision boundary over the {dataset} data; the "
                     "hollow points are the test set.",
                     on("decision boundary", *(
                         FadeIn(Group(dmap, dots[0]), scale=0.3,
                                target_position=diagram.neuron(len(diagram.layer_sizes) - 1, 0))
                         for dmap, dots, diagram in zip(self.maps, self.dots, self.diagrams))),
                     on("hollow", *(FadeIn(dots[1], lag_ratio=0.02) for dots in self.dots)))

    def _explain_capacity(self) -> None:
        activation = self.data.config.network.activation
        if activation == "linear":
            line = ("Each linear hidden neuron responds to one straight line across the plane, and "
                    "the output neuron's sum of them is again one straight line: more neurons "
                    "cannot bend the boundary.")
            middle, last = "sum of them", "cannot bend"
        else:
            line = (f"Each {ACTIVATION_NAME[activation]} hidden neuron responds to one straight "
                    "line across the plane; the output neuron combines them, so more neurons let "
                    "the boundary bend in more places.")
            middle, last = "combines", "bend"
        self.narrate(line,
                     on("hidden neuron", *(Indicate(diagram.layer_group(1),
                                                    color=self.palette.highlight)
                                           for diagram in self.diagrams)),
                     on(middle, *(Indicate(diagram.layer_group(len(diagram.layer_sizes) - 1),
                                               color=self.palette.highlight)
                                      for diagram in self.diagrams)),
                     on(last, *(Create(lines) for lines in self.lines)))

    def _overlay(self) -> None:
        """The boundaries copied onto the middle map; the camera goes close where nnmath finds
        them apart (the telling test point, ringed in every map), then stays for the next line."""
        difference = self.data.boundary_difference
        if difference.kind is Difference.SINGLE:
            return
        host = len(self.maps) // 2
        here = self.maps[host].get_center()
        copies = [TransformFromCopy(lines, lines.copy().shift(here - dmap.get_center()))
                  for k, (lines, dmap) in enumerate(zip(self.lines, self.maps)) if k != host]
        view = self.camera.frame
        view.save_state()
        close = [view.animate.scale(self.maps[host].width * ZOOM_MARGIN / view.width)
                 .move_to(here)]
        cues = [on("Laid over", *copies)]
        if difference.focus is not None:
            rings = [Circle(radius=0.12, color=self.palette.highlight, stroke_width=3)
                     .move_to(dmap.coords_to_point(*difference.focus)) for dmap in self.maps]
            self.rings = VGroup(*rings)
            where = "one test point" if difference.kind is Difference.POINTS else "here"
            cues += [on(where, *close, *(Create(ring) for ring in rings))]
        self.narrate(boundaries_apart(difference), *cues)

    def _show_accuracies(self) -> None:
        moved = self.data.boundary_difference.kind is not Difference.SINGLE
        self.narrate("Below each, its accuracy on the training points and on the test points.",
                     *([Restore(self.camera.frame)] if moved else []),
                     on("training points", *(FadeIn(rows[0], shift=UP * 0.1)
                                             for rows in self.accuracies)),
                     on("test points", *(FadeIn(rows[1:], shift=UP * 0.1)
                                         for rows in self.accuracies)))

    def _compare(self) -> None:
        """Say what the numbers show, by size (nnmath's comparison and outcomes), and frame the
        best test accuracy."""
        comparison, outcomes = self.data.size_comparison, self.data.size_outcomes
        by_size = self._by_size()
        trains = [self._shown(k, "train_accuracy") for k in by_size]
        tests = [self._shown(k, "test_accuracy") for k in by_size]
        p = self.palette
        self.narrate(sizes_train_line(comparison.train_trend, trains, outcomes),
                     on("training points", *(Indicate(rows[0], color=p.highlight)
                                             for rows in self.accuracies)))
        best = [k for k in by_size if self._shown(k, "hidden") in comparison.best_sizes]
        frames = [SurroundingRectangle(self.accuracies[k][1], color=p.highlight, buff=0.06)
                  for k in best]
        line = sizes_test_line(comparison, tests, outcomes)
        if len(best) < len(by_size):
            self.narrate(line, on("test points", *(Create(frame) for frame in frames)),
                         on(f"{comparison.best_sizes[-1]:g} hidden",
                            *(Circumscribe(self.maps[k], color=p.highlight) for k in best)))
        else:
            self.narrate(line, on("test points", *(Indicate(rows[1], color=p.highlight)
                                                   for rows in self.accuracies)))
        index = {self._shown(k, "hidden"): k for k in by_size}
        shown = lambda size, name: self._shown(index[size], name)  # noqa: E731
        for words, sizes in zip(sizes_outcome_lines(outcomes, shown, len(by_size)),
                                [s for s in (outcomes.chance, outcomes.overfitted) if s]):
            word = "chance" if "chance" in words else \
                next(w for w in words.split() if w.startswith("overfit"))
            self.narrate(words, on(word, *(Circumscribe(self.maps[index[s]], color=p.highlight)
                                           for s in sizes)))
        self.narrate("So more neurons buy a more flexible boundary; whether that helps, only "
                     "points the network never trained on can tell.",
                     on("flexible boundary", *(Indicate(lines, scale_factor=1.0)
                                               for lines in self.lines)),
                     on("never trained on", *(Indicate(dots[1], scale_factor=1.0)
                                              for dots in self.dots)))
