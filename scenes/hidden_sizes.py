"""Chapter 10: the lesson's exercise. Networks with different hidden layer sizes, each trained by
nnmath on the same data, side by side: the network, its decision boundary, its train and test
accuracy. The narration follows the real numbers, whichever way they fall."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, RIGHT, UP, Create, FadeIn, Group, Indicate, SurroundingRectangle, Text, VGroup, config,
)

from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.network_diagram import RADIUS_PER_PITCH, NetworkDiagram
from scenes.notation import ACTIVATION_NAME, DATASET_NAME

FRAME_MARGIN = 0.4
PANEL_GAP = 0.4
MAX_PANEL_WIDTH = 4.2
MAX_MAP_HEIGHT = 2.8
DIAGRAM_HEIGHT = 1.5       # the tallest diagram's; the others share its scale
MAX_NEURONS_SHOWN = 10


def _count(n: int, noun: str) -> str:
    return f"{n:g} {noun}" if n == 1 else f"{n:g} {noun}s"


def _spoken_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class HiddenSizesScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.networks = self.data.hidden_size_comparison
        heading = Text("Hidden layer sizes", font=theme.FONT, font_size=theme.HEADING_SIZE,
                       color=self.palette.text).to_edge(UP, buff=0.35)
        self._build_panels(heading)
        self.narrate("The lesson ends with an exercise: change the number of hidden neurons and "
                     "see what happens.", FadeIn(heading))
        self._show_networks()
        self._show_boundaries()
        self._explain_capacity()
        self._show_accuracies()
        self._compare()

    # -- building ------------------------------------------------------------------------------
    def _build_panels(self, heading: Text) -> None:
        """One column per network: its size, its diagram, its map with the data, its accuracies.
        The columns share the frame's width, their rows line up across them, and the whole sits
        centred under the heading."""
        n = len(self.networks)
        width = min(MAX_PANEL_WIDTH, (config.frame_width - 2 * FRAME_MARGIN
                                      - (n - 1) * PANEL_GAP) / n)
        x0, x1, y0, y1 = self.data.bounds
        map_height = min(MAX_MAP_HEIGHT, width * (y1 - y0) / (x1 - x0))
        self.diagrams = self._diagrams(min(0.6 * width, 2.2))
        self.titles = [self._title(k, network, width) for k, network in enumerate(self.networks)]
        self.maps = [self._map(k, network, map_height) for k, network in enumerate(self.networks)]
        self.accuracies = [self._accuracy_rows(k, network)
                           for k, network in enumerate(self.networks)]
        # room above the neurons for the braces of elided layers
        brace_room = max(diagram.get_top()[1] - diagram.neurons.get_top()[1]
                         for diagram in self.diagrams)
        title_row = max(title.height for title in self.titles)
        diagram_y = -title_row - 0.2 - brace_room - DIAGRAM_HEIGHT / 2
        self.dots = []
        for k, (title, diagram, dmap, rows) in enumerate(zip(self.titles, self.diagrams,
                                                             self.maps, self.accuracies)):
            x = (k - (n - 1) / 2) * (width + PANEL_GAP)
            title.move_to([x, -title_row / 2, 0])
            diagram.shift([x, diagram_y, 0] - diagram.neurons.get_center())
            dmap.move_to([x, diagram_y - DIAGRAM_HEIGHT / 2 - 0.3 - map_height / 2, 0])
            self.dots.append(self._dots(dmap))
            rows.next_to(dmap, DOWN, buff=0.2)
        panels = Group(*self.titles, *self.diagrams, *self.maps, *self.dots, *self.accuracies)
        middle = (heading.get_bottom()[1] - config.frame_height / 2) / 2
        panels.shift((middle - panels.get_center()[1]) * UP)

    def _diagrams(self, width: float) -> list[NetworkDiagram]:
        """The networks drawn at one scale (same neuron size and spacing), so a larger hidden
        layer is a taller column; the tallest fills DIAGRAM_HEIGHT."""
        def slots(diagram: NetworkDiagram) -> int:
            return max(column.slots for column in diagram.columns)

        probes = [NetworkDiagram(network.layer_sizes, labels=None, max_neurons_shown=MAX_NEURONS_SHOWN,
                                 width=width, height=DIAGRAM_HEIGHT) for network in self.networks]
        densest = max(probes, key=slots)
        radius = densest.radius

        def height(diagram: NetworkDiagram) -> float:
            return DIAGRAM_HEIGHT * (slots(diagram) - 1 + 2 * RADIUS_PER_PITCH) \
                / (slots(densest) - 1 + 2 * RADIUS_PER_PITCH)

        return [NetworkDiagram(network.layer_sizes, [layer.W for layer in network.params],
                               labels=None, max_neurons_shown=MAX_NEURONS_SHOWN, width=width,
                               height=max(height(probe), 2.2 * radius), neuron_radius=radius)
                for network, probe in zip(self.networks, probes)]

    def _title(self, k: int, network, width: float) -> Text:
        """'N hidden neurons', or just 'N neurons' where the columns are too narrow for that."""
        hidden = self.show_value(f"network[{k}].hidden", network.layer_sizes[1], 0)
        for text in (_count(hidden, "hidden neuron"), _count(hidden, "neuron")):
            title = Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE + 4,
                         color=self.palette.hidden)
            if title.width <= width:
                return title
        return Text(_count(hidden, "neuron"), font=theme.FONT, font_size=theme.SMALL_SIZE,
                    color=self.palette.hidden)

    def _map(self, k: int, network, height: float) -> DecisionMap:
        """The network's boundary, recording every grid cell it is coloured from."""
        p = self.palette
        for (i, j), value in np.ndenumerate(network.grid.values):
            self.show_value(f"network[{k}].heatmap[{i}][{j}]", value, 4)
        return DecisionMap(network.grid.values, self.data.bounds, colors=(p.negative, p.positive),
                           background=p.background, frame_color=p.muted, height=height)

    def _dots(self, dmap: DecisionMap) -> VGroup:
        ds = self.data.dataset
        radius = 0.03 if dmap.map_height < 2.2 else 0.04
        return VGroup(dmap.dots(ds.X_train, ds.y_train, radius=radius),
                      dmap.dots(ds.X_test, ds.y_test, radius=radius, hollow=True))

    def _accuracy_rows(self, k: int, network) -> VGroup:
        p = self.palette
        rows = VGroup()
        for name, text in (("train_accuracy", "train"), ("test_accuracy", "test")):
            value = self.number(f"network[{k}].{name}", 100 * getattr(network, name), 1,
                                font_size=32, unit=r"\%")
            label = Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.muted)
            rows.add(VGroup(label, value).arrange(RIGHT, buff=0.15, aligned_edge=DOWN))
        return rows.arrange(DOWN, buff=0.12)

    # -- the story -----------------------------------------------------------------------------
    def _show_networks(self) -> None:
        sizes = _spoken_list([f"{self.displayed[f'network[{k}].hidden']:g}"
                              for k in range(len(self.networks))])
        epochs = self.show_value("epochs", self.data.config.training.epochs, 0)
        count = "One network" if len(self.networks) == 1 else "Networks"
        noun = "neuron" if sizes == "1" else "neurons"
        self.narrate(f"{count} with {sizes} hidden {noun}, each trained for {epochs:g} epochs "
                     "on the same data.",
                     *(FadeIn(title) for title in self.titles),
                     *(Create(diagram) for diagram in self.diagrams), run_time=2)

    def _show_boundaries(self) -> None:
        dataset = DATASET_NAME[self.data.config.data.name]
        self.narrate(f"Here is each network's decision boundary over the {dataset} data; the "
                     "hollow points are the test set.",
                     *(FadeIn(Group(dmap, dots)) for dmap, dots in zip(self.maps, self.dots)),
                     run_time=2)

    def _explain_capacity(self) -> None:
        activation = ACTIVATION_NAME[self.data.config.network.activation]
        self.narrate(f"Each {activation} hidden neuron responds to one straight line across the "
                     "plane; the output neuron combines them, so more neurons let the boundary "
                     "bend in more places.",
                     *(Indicate(diagram.layer_group(1), color=self.palette.highlight, scale_factor=1.15)
                       for diagram in self.diagrams), run_time=2)

    def _show_accuracies(self) -> None:
        self.narrate("Below each, its accuracy on the training points and on the test points.",
                     *(FadeIn(rows, shift=UP * 0.15) for rows in self.accuracies), run_time=1)

    def _compare(self) -> None:
        """Say what the numbers show, ordered by size, and frame the best test accuracy."""
        by_size = sorted(range(len(self.networks)),
                         key=lambda k: self.displayed[f"network[{k}].hidden"])
        trains = [self.displayed[f"network[{k}].train_accuracy"] for k in by_size]
        tests = [self.displayed[f"network[{k}].test_accuracy"] for k in by_size]
        sizes = [self.displayed[f"network[{k}].hidden"] for k in by_size]
        self.narrate(self._train_line(trains))
        best = [k for k in by_size if self.displayed[f"network[{k}].test_accuracy"] == max(tests)]
        frames = [SurroundingRectangle(self.accuracies[k][1], color=self.palette.highlight,
                                       buff=0.08) for k in best]
        line = self._test_line(tests, sizes)
        if len(best) < len(by_size):
            self.narrate(line, *(Create(frame) for frame in frames), run_time=1)
        else:
            self.narrate(line)
        self.narrate("So more neurons buy a more flexible boundary; whether that helps, only "
                     "points the network never trained on can tell.")

    @staticmethod
    def _train_line(trains: list[float]) -> str:
        if len(set(trains)) == 1:
            if trains[0] == 100:
                return "Every one of them classifies all of its training points correctly."
            return f"All of them fit the same share of their training points, {trains[0]:g} percent."
        if all(a <= b for a, b in zip(trains, trains[1:])):
            return "The more hidden neurons, the more closely a network fits its training points."
        return ("On the training points they differ, though not steadily with size: training also "
                "depends on where each network starts.")

    @staticmethod
    def _test_line(tests: list[float], sizes: list[float]) -> str:
        if len(tests) == 1:
            return f"On the test points it scores {tests[0]:g} percent."
        if len(set(tests)) == 1:
            enough = "1 hidden neuron is" if sizes[0] == 1 else f"{sizes[0]:g} hidden neurons are"
            return (f"On the test points they tie at {tests[0]:g} percent: for this data "
                    f"{enough} already enough.")
        best = [size for size, test in zip(sizes, tests) if test == max(tests)]
        rising = all(a <= b for a, b in zip(tests, tests[1:]))
        falling = all(a >= b for a, b in zip(tests, tests[1:]))
        if rising:
            return ("On the test points the larger networks do better: here the extra "
                    "flexibility carries over to new points.")
        if falling:
            return ("On the test points the smallest network does best: the larger ones' extra "
                    "flexibility does not carry over to new points.")
        named = _spoken_list([f"{size:g}" for size in best])
        who = "1 hidden neuron does" if best == [1] else f"{named} hidden neurons do"
        if sizes[-1] not in best:
            return (f"On the test points, {who} best, not the most: more flexibility does not "
                    "always carry over to new points.")
        return f"On the test points, {who} best, but accuracy does not rise steadily with size."
