"""Chapter 10: the lesson's exercise. Networks with different hidden layer sizes, each trained by
nnmath on the same data, side by side: the network, its decision boundary, its train and test
accuracy. The narration follows the real numbers, whichever way they fall."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN, RIGHT, UP, Create, FadeIn, Group, Indicate, SurroundingRectangle, Text, VGroup, config,
)

from nnmath.verdicts import Outcome, Trend
from scenes import theme
from scenes.base import LectureScene, lecture_data
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.network_diagram import RADIUS_PER_PITCH, NetworkDiagram
from scenes.narration import ONE_LINE, count, spoken_list
from scenes.notation import ACTIVATION_NAME, DATASET_NAME

FRAME_MARGIN = 0.4
PANEL_GAP = 0.4
MAX_PANEL_WIDTH = 4.2
MAX_MAP_HEIGHT = 2.8
DIAGRAM_HEIGHT = 1.5       # the tallest diagram's; the others share its scale
MAX_NEURONS_SHOWN = 10
RATE_DECIMALS = 6          # a lowered learning rate is a halving of the config's: shown in full


class HiddenSizesScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.networks = self.data.hidden_size_comparison
        self.verdicts = self.data.hidden_size_verdicts
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
        hidden = self.show_value(f"hidden_size_comparison[{k}].layer_sizes[1]", network.layer_sizes[1], 0)
        for text in (count(hidden, "hidden neuron"), count(hidden, "neuron")):
            title = Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE + 4,
                         color=self.palette.hidden)
            if title.width <= width:
                return title
        return Text(count(hidden, "neuron"), font=theme.FONT, font_size=theme.SMALL_SIZE,
                    color=self.palette.hidden)

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
        p = self.palette
        rows = VGroup()
        for name, text in (("train_accuracy", "train"), ("test_accuracy", "test")):
            value = self.number(f"hidden_size_comparison[{k}].{name}", getattr(network, name), 1,
                                percent=True, font_size=32, unit=r"\%")
            label = Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.muted)
            rows.add(VGroup(label, value).arrange(RIGHT, buff=0.15, aligned_edge=DOWN))
        if network.rate_lowered:
            rate = self.show_value(f"hidden_size_comparison[{k}].learning_rate",
                                   network.learning_rate, RATE_DECIMALS)
            rows.add(Text(f"learning rate {rate:g}", font=theme.FONT, font_size=theme.SMALL_SIZE,
                          color=p.muted))
        return rows.arrange(DOWN, buff=0.12)

    def _shown(self, k: int, name: str) -> float:
        """Network k's size ("hidden") or accuracy in percent, as it is shown on screen."""
        path = f"hidden_size_comparison[{k}]."
        return self.displayed[path + ("layer_sizes[1]" if name == "hidden" else f"{name} %")]

    # -- the story -----------------------------------------------------------------------------
    def _show_networks(self) -> None:
        sizes = spoken_list([f"{self._shown(k, 'hidden'):g}"
                              for k in range(len(self.networks))])
        epochs = self.show_value("config.training.epochs", self.data.config.training.epochs, 0)
        count = "One network" if len(self.networks) == 1 else "Networks"
        noun = "neuron" if sizes == "1" else "neurons"
        self.narrate(f"{count} with {sizes} hidden {noun}, each trained for {epochs:g} epochs "
                     "on the same data.",
                     *(FadeIn(title) for title in self.titles),
                     *(Create(diagram) for diagram in self.diagrams), run_time=2)
        for k, network in enumerate(self.networks):
            if network.rate_lowered:
                rate = self.displayed[f"hidden_size_comparison[{k}].learning_rate"]
                self.narrate(f"At the configured learning rate the {self._shown(k, 'hidden'):g}-"
                             f"neuron network's training diverged, so it was trained at {rate:g}.")

    def _show_boundaries(self) -> None:
        dataset = DATASET_NAME[self.data.config.data.name]
        self.narrate(f"Here is each network's decision boundary over the {dataset} data; the "
                     "hollow points are the test set.",
                     *(FadeIn(Group(dmap, dots)) for dmap, dots in zip(self.maps, self.dots)),
                     run_time=2)

    def _explain_capacity(self) -> None:
        activation = self.data.config.network.activation
        if activation == "linear":
            line = ("Each linear hidden neuron responds to one straight line across the plane, and "
                    "the output neuron's sum of them is again one straight line: more neurons "
                    "cannot bend the boundary.")
        else:
            line = (f"Each {ACTIVATION_NAME[activation]} hidden neuron responds to one straight "
                    "line across the plane; the output neuron combines them, so more neurons let "
                    "the boundary bend in more places.")
        self.narrate(line,
                     *(Indicate(diagram.layer_group(1), color=self.palette.highlight, scale_factor=1.15)
                       for diagram in self.diagrams), run_time=2)

    def _show_accuracies(self) -> None:
        self.narrate("Below each, its accuracy on the training points and on the test points.",
                     *(FadeIn(rows, shift=UP * 0.15) for rows in self.accuracies), run_time=1)

    def _compare(self) -> None:
        """Say what the numbers show, by size (nnmath's comparison), and frame the best test
        accuracy."""
        comparison = self.data.size_comparison
        by_size = sorted(range(len(self.networks)), key=lambda k: self._shown(k, "hidden"))
        trains = [self._shown(k, "train_accuracy") for k in by_size]
        tests = [self._shown(k, "test_accuracy") for k in by_size]
        self.narrate(self._train_line(comparison.train_trend, trains, self.verdicts))
        best = [k for k in by_size if self._shown(k, "hidden") in comparison.best_sizes]
        frames = [SurroundingRectangle(self.accuracies[k][1], color=self.palette.highlight,
                                       buff=0.08) for k in best]
        line = self._test_line(comparison, tests, [self.verdicts[k] for k in by_size])
        if len(best) < len(by_size):
            self.narrate(line, *(Create(frame) for frame in frames), run_time=1)
        else:
            self.narrate(line)
        for line in self._outcome_lines(by_size):
            self.narrate(line)
        self.narrate("So more neurons buy a more flexible boundary; whether that helps, only "
                     "points the network never trained on can tell.")

    @staticmethod
    def _train_line(trend: Trend, trains: list[float], verdicts) -> str:
        if trend is Trend.SINGLE:
            return f"It classifies {trains[0]:g} percent of its training points correctly."
        if trend is Trend.SAME:
            if all(v.train.correct == v.train.total for v in verdicts):
                return "Every one of them classifies all of its training points correctly."
            return f"All of them fit the same share of their training points, {trains[0]:g} percent."
        if trend is Trend.RISING:
            return "On the training points, accuracy never falls as the networks grow."
        if trend is Trend.FALLING:
            return ("On the training points, accuracy never rises as the networks grow: bigger "
                    "does not fit better here.")
        return ("On the training points they differ, though not steadily with size: training also "
                "depends on where each network starts.")

    @staticmethod
    def _test_line(comparison, tests: list[float], verdicts: list) -> str:
        """The test accuracies by size (``tests`` and ``verdicts`` ascending in size)."""
        trend = comparison.test_trend
        if trend is Trend.SINGLE:
            return f"On the test points it scores {tests[0]:g} percent."
        if trend is Trend.SAME:
            same = f"On the test points they score the same, {tests[0]:g} percent"
            if verdicts[0].outcome is Outcome.WELL:
                return f"{same}: for this data {count(comparison.sizes[0], 'hidden neuron')} " \
                       f"{'is' if comparison.sizes[0] == 1 else 'are'} already enough."
            if all(v.outcome is Outcome.CHANCE for v in verdicts):
                return f"{same}, no better than chance."
            return f"{same}: size makes no difference here."
        named = spoken_list([f"{size:g}" for size in comparison.best_sizes])
        who = "1 hidden neuron does" if comparison.best_sizes == (1,) else f"{named} hidden neurons do"
        if trend is Trend.RISING:
            return (f"On the test points a larger network never does worse, and {who} best: here "
                    "the extra flexibility carries over to new points.")
        if trend is Trend.FALLING:
            return f"On the test points bigger is not better: {who} best, and the largest does worse."
        if trend is Trend.LARGEST_NOT_BEST:
            return (f"On the test points, {who} best, not the most: more flexibility does not "
                    "always carry over to new points.")
        return f"On the test points, {who} best, but accuracy does not rise steadily with size."

    def _outcome_lines(self, by_size: list[int]) -> list[str]:
        """The networks that stayed at chance (and why) or overfitted, by name."""
        lines = []
        chance = [k for k in by_size if self.verdicts[k].outcome is Outcome.CHANCE]
        if chance:
            sizes = [self._shown(k, "hidden") for k in chance]
            which = count(sizes[0], "hidden neuron") if len(sizes) == 1 else \
                f"{spoken_list([f'{size:g}' for size in sizes])} hidden neurons"
            stays = "the network stays" if len(sizes) == 1 else "the networks stay"
            limits = {self.verdicts[k].limit for k in chance}
            reason = f": {ONE_LINE[limits.pop()]}" if len(limits) == 1 and limits <= set(ONE_LINE) \
                else ""
            lines.append(f"With {which} {stays} at chance{reason}.")
        overfitted = [k for k in by_size if self.verdicts[k].outcome is Outcome.OVERFITTED]
        if len(overfitted) == 1:
            k = overfitted[0]
            lines.append(f"The {self._shown(k, 'hidden'):g}-neuron network overfits: "
                         f"{self._shown(k, 'train_accuracy'):g} percent of its training points, "
                         f"{self._shown(k, 'test_accuracy'):g} of the test points.")
        elif overfitted:
            sizes = spoken_list([f"{self._shown(k, 'hidden'):g}" for k in overfitted])
            every = " all" if len(overfitted) == len(by_size) else ""
            lines.append(f"The networks with {sizes} hidden neurons{every} overfit: each does far "
                         "better on its training points than on the test points.")
        return lines
