"""Chapter 7: training on the real data. The decision boundary steps through nnmath's snapshot
epochs while the train and test loss curves are drawn up to the same epoch on log-log axes; an
epoch counter and each snapshot's accuracies follow, and the final test accuracy closes it."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, DoubleArrow, FadeIn, FadeOut, GrowFromCenter, Group,
    Indicate, LogBase, MathTex, Text, ValueTracker, VGroup, VMobject, config, interpolate, linear,
)

from nnmath.config import LectureConfig, LectureOptions
from nnmath.verdicts import Limit
from scenes import theme
from scenes.base import LectureScene, lecture_data, reading_time
from scenes.mobjects.decision_map import DecisionMap
from scenes.narration import loss_ends, outcome_label, training_result
from scenes.notation import DATASET_NAME, LOSS_NAME

CURVE_SAMPLES = 600      # log-spaced epochs at which the loss curves are drawn
MAP_HEIGHT = 4.6
MAP_MAX_WIDTH = 6.2
AXES_SIZE = (4.5, 2.8)
TICK_SIZE = 28            # MathTex reads smaller than Text at the same size


@dataclass(frozen=True)
class Stop:
    """One state of the network the sweep stops at: its epoch, P(class 1) over the plane and
    its train and test accuracy (fractions), all nnmath's; ``paths`` says where its epoch and
    accuracies are in the lecture's facts."""

    epoch: int
    grid: np.ndarray
    accuracy: float
    test_accuracy: float
    paths: dict


class TrainingScene(LectureScene):
    def construct(self) -> None:
        self.data = lecture_data()
        self.stops = self._stops()
        self.shown_stop: int | None = None
        heading = Text("Training and the decision boundary", font=theme.FONT,
                       font_size=theme.HEADING_SIZE, color=self.palette.text)
        heading.to_edge(UP, buff=0.35)
        self._build_map()
        self._build_readouts()
        self._build_loss_plot()
        self._layout(heading)
        self.narrate("Time to train the network on the real data.", FadeIn(heading))
        self._show_data()
        self._show_initial_state()
        self._show_loss_plot()
        self._sweep()
        self._gap()
        self._verdict()

    def _stops(self) -> list[Stop]:
        """nnmath's snapshot epochs, then the trained network itself when the last epoch is not a
        snapshot."""
        b = self.data.boundary
        stops = [Stop(e, grid.values, accuracy, test_accuracy,
                      {name: f"training.snapshots[{k}].{name}"
                       for name in ("epoch", "accuracy", "test_accuracy")})
                 for k, (e, grid, accuracy, test_accuracy)
                 in enumerate(zip(b.epochs, b.grids, b.accuracy, b.test_accuracy))]
        epochs = self.data.config.training.epochs
        if stops[-1].epoch < epochs:
            final = self.data.trained
            stops.append(Stop(epochs, final.grid.values, final.train_accuracy, final.test_accuracy,
                              {"epoch": "config.training.epochs",
                               "accuracy": "training.final_accuracy",
                               "test_accuracy": "training.final_test_accuracy"}))
        return stops

    # -- building and laying out ------------------------------------------------------------------
    def _build_map(self) -> None:
        p = self.palette
        ds = self.data.dataset
        x0, x1, y0, y1 = self.data.bounds
        self.map = DecisionMap(self.stops[0].grid, self.data.bounds,
                               colors=(p.negative, p.positive), background=p.background,
                               frame_color=p.muted,
                               height=min(MAP_HEIGHT, MAP_MAX_WIDTH * (y1 - y0) / (x1 - x0)))
        self.images = [self.map.image_for(stop.grid).pixel_array for stop in self.stops]
        self.train_dots = self.map.dots(ds.X_train, ds.y_train).set_z_index(1)
        self.test_dots = self.map.dots(ds.X_test, ds.y_test, hollow=True).set_z_index(1)
        self.n_train = self.show_value("dataset.n_train", len(ds.X_train), 0)
        self.n_test = self.show_value("dataset.n_test", len(ds.X_test), 0)
        self.legend = VGroup(
            self._legend_entry(hollow=False, text=f"{self.n_train:g} training points"),
            self._legend_entry(hollow=True, text=f"{self.n_test:g} test points"),
        ).arrange(RIGHT, buff=0.6).next_to(self.map, DOWN, buff=0.25)

    def _legend_entry(self, *, hollow: bool, text: str) -> VGroup:
        p = self.palette
        dot = Dot(radius=0.07, fill_color=p.background if hollow else p.text, fill_opacity=1,
                  stroke_color=p.text, stroke_width=1.5)
        return VGroup(dot, Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE,
                                color=p.muted)).arrange(RIGHT, buff=0.15)

    def _build_readouts(self) -> None:
        """The epoch counter and the current stop's train and test accuracy."""
        p = self.palette
        first = self.stops[0]
        self.epoch_label = Text("epoch", font=theme.FONT, font_size=theme.BODY_SIZE, color=p.text)
        self.epoch_value = self.number(first.paths["epoch"], first.epoch, 0, font_size=44)
        self.accuracy_labels, self.accuracy_values = {}, {}
        rows = VGroup(VGroup(self.epoch_label, self.epoch_value))
        for name, text in (("accuracy", "train accuracy"), ("test_accuracy", "test accuracy")):
            label = Text(text, font=theme.FONT, font_size=theme.SMALL_SIZE + 2, color=p.muted)
            value = self.number(first.paths[name], getattr(first, name), 1, percent=True,
                                font_size=38, unit=r"\%")
            self.accuracy_labels[name], self.accuracy_values[name] = label, value
            rows.add(VGroup(label, value))
        for row in rows:
            row.arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        self.readouts = rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)

    def _build_loss_plot(self) -> None:
        """Log-log axes whose decades follow the losses, with 'train' and 'test' at the curves'
        ends; the curves themselves are made once the axes have their place."""
        p = self.palette
        h = self.data.history
        epochs = self.data.config.training.epochs
        self.plot_epochs = np.unique(np.concatenate([
            np.rint(np.geomspace(1, epochs, CURVE_SAMPLES)),
            [stop.epoch for stop in self.stops if stop.epoch >= 1]])).astype(int)
        self.series = {name: np.array([getattr(h, name)[e] if e < epochs
                                       else getattr(h, "final_" + name) for e in self.plot_epochs])
                       for name in ("loss", "test_loss")}
        positive = np.concatenate([values[values > 0] for values in self.series.values()])
        low = math.floor(math.log10(positive.min()))
        high = max(math.ceil(math.log10(positive.max())), low + 1)
        step = 1 if high - low <= 6 else 2
        x_high = max(math.log10(epochs), 1.0)
        self.loss_floor = 10.0 ** low
        axes = Axes(x_range=[0, x_high, 1], y_range=[low, high, step],
                    x_length=AXES_SIZE[0], y_length=AXES_SIZE[1], tips=False,
                    x_axis_config={"scaling": LogBase(custom_labels=False)},
                    y_axis_config={"scaling": LogBase(custom_labels=False)},
                    axis_config={"color": p.muted, "stroke_width": 2})
        x_labels = VGroup(*(MathTex(self._epoch_tick(k), font_size=TICK_SIZE, color=p.muted)
                            .next_to(axes.x_axis.n2p(10 ** k), DOWN, buff=0.12)
                            for k in range(int(x_high) + 1)))
        y_labels = VGroup(*(MathTex(f"10^{{{k}}}", font_size=TICK_SIZE, color=p.muted)
                            .next_to(axes.y_axis.n2p(10.0 ** k), LEFT, buff=0.12)
                            for k in range(low, high + 1, step)))
        x_title = Text("epoch (log scale)", font=theme.FONT, font_size=theme.SMALL_SIZE,
                       color=p.muted).next_to(x_labels, DOWN, buff=0.12)
        y_title = Text("loss (log scale)", font=theme.FONT, font_size=theme.SMALL_SIZE,
                       color=p.muted).next_to(axes, UP, buff=0.15).align_to(y_labels, LEFT)
        self.axes = axes
        self.axis_labels = VGroup(x_labels, y_labels, x_title, y_title)
        self.curve_labels = self._curve_labels()

    def _curve_labels(self) -> VGroup:
        """'train' and 'test' beside where the curves end, the lower one kept below the upper."""
        p = self.palette
        ends = {name: self.axes.c2p(self.plot_epochs[-1], max(values[-1], self.loss_floor))
                for name, values in self.series.items()}
        train = Text("train", font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.gradient)
        test = Text("test", font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.highlight)
        train.next_to(ends["loss"], RIGHT, buff=0.15)
        test.next_to(ends["test_loss"], RIGHT, buff=0.15)
        lower, upper = (train, test) if ends["loss"][1] <= ends["test_loss"][1] else (test, train)
        if lower.get_top()[1] > upper.get_bottom()[1] - 0.05:
            lower.next_to(upper, DOWN, buff=0.05, aligned_edge=LEFT)
        return VGroup(train, test)

    @staticmethod
    def _epoch_tick(k: int) -> str:
        return str(10 ** k) if k <= 4 else f"10^{{{k}}}"

    def _layout(self, heading: Text) -> None:
        """Map and legend on the left; readouts above the loss plot on the right; the whole
        centred in the space under the heading. Then the curves are made on the placed axes."""
        left = VGroup(self.map.frame, self.legend)
        plot = VGroup(self.axes, self.axis_labels, self.curve_labels)
        right = VGroup(self.readouts, plot)
        plot.next_to(self.readouts, DOWN, buff=0.3, aligned_edge=LEFT)
        self.axis_labels[3].align_to(self.readouts, LEFT)
        right.next_to(left, RIGHT, buff=0.7, aligned_edge=UP)
        content = VGroup(left, right)
        middle = (heading.get_bottom()[1] - config.frame_height / 2) / 2
        shift = -content.get_center()[0] * RIGHT + (middle - content.get_center()[1]) * UP
        for mobject in (self.map, self.train_dots, self.test_dots, self.legend, right):
            mobject.shift(shift)
        self.curves = {}
        for name, color in (("loss", self.palette.gradient), ("test_loss", self.palette.highlight)):
            anchors = self.axes.c2p(self.plot_epochs,
                                    np.maximum(self.series[name], self.loss_floor)).T
            full = VMobject(stroke_color=color, stroke_width=3.5).set_points_as_corners(anchors)
            drawn = full.copy().pointwise_become_partial(full, 0, 0)
            self.curves[name] = (full, drawn, Dot(anchors[0], radius=0.06, color=color), anchors)

    # -- the data and the untrained network ---------------------------------------------------
    def _show_data(self) -> None:
        dataset = DATASET_NAME[self.data.config.data.name]
        self.narrate(f"It learns from {self.n_train:g} points of the {dataset} data, coloured by "
                     "class.", Create(self.map.frame), FadeIn(self.train_dots, lag_ratio=0.01),
                     FadeIn(self.legend[0]), run_time=1.5)
        self.narrate(f"{self.n_test:g} more, drawn hollow, are held back to test it on points it "
                     "never saw.", FadeIn(self.test_dots, lag_ratio=0.02),
                     FadeIn(self.legend[1]), run_time=1.5)

    def _show_initial_state(self) -> None:
        """The first snapshot's heatmap (before any update, by default) and its accuracies."""
        first = self.stops[0]
        self._show_stop(0)
        self.narrate("The colour shows the network's probability of class one, faint where it "
                     "is unsure; where it flips is the decision boundary.",
                     FadeIn(self.map.image), run_time=1.5)
        accuracy = self.displayed[f"{first.paths['accuracy']} %"]
        start = "Before training" if first.epoch == 0 else f"At epoch {first.epoch}"
        chance = ", no better than guessing" if self.data.training_start.at_chance else ""
        self.narrate(f"{start} it gets {accuracy:g} percent of the training points right"
                     f"{chance}.", FadeIn(self.readouts), run_time=1)

    def _show_stop(self, k: int) -> None:
        """Put stop ``k``'s heatmap and accuracies on screen, recording what is shown: each
        grid cell the heatmap is coloured from, by the epoch it belongs to."""
        if k == self.shown_stop:
            return
        self.shown_stop = k
        stop = self.stops[k]
        for (i, j), value in np.ndenumerate(stop.grid):
            self.record_drawn(f"epoch[{stop.epoch}].heatmap[{i}][{j}]", round(value, 4))
        self.map.image.pixel_array = self.images[k].copy()
        for name, value in self.accuracy_values.items():
            value.set_value(self.show_value(stop.paths[name], getattr(stop, name), 1,
                                            percent=True))
            value.next_to(self.accuracy_labels[name], RIGHT, buff=0.2, aligned_edge=DOWN)
        self.show_value(stop.paths["epoch"], stop.epoch, 0)

    def _show_loss_plot(self) -> None:
        loss_name = LOSS_NAME[self.data.config.training.loss]
        self.narrate(f"Below, the loss: the {loss_name} on training and on test points, with "
                     "both axes logarithmic.", Create(self.axes), FadeIn(self.axis_labels),
                     run_time=1.5)

    # -- training, snapshot by snapshot ----------------------------------------------------------
    def _sweep(self) -> None:
        """A tracker t runs over the stops' indices: between stops the curves' tip moves evenly
        in log-epoch, and once the epoch reaches a stop, the heatmap and the accuracies switch to
        it. Every stop thus holds the screen for an equal share of the sweep."""
        stop_epochs = [stop.epoch for stop in self.stops]
        stop_points = [self.axes.x_axis.n2p(max(e, 1)) for e in stop_epochs]
        t = ValueTracker(0)

        def tip_epoch() -> int:
            if len(stop_epochs) == 1:
                return stop_epochs[0]
            k = min(int(t.get_value()), len(stop_epochs) - 2)
            point = interpolate(stop_points[k], stop_points[k + 1], t.get_value() - k)
            return int(round(self.axes.x_axis.p2n(point)))

        def update(_group) -> None:
            epoch = tip_epoch()
            self.epoch_value.set_value(epoch)
            self.epoch_value.next_to(self.epoch_label, RIGHT, buff=0.2, aligned_edge=DOWN)
            drawn = int(np.searchsorted(self.plot_epochs, epoch, side="right"))
            fraction = max(drawn - 1, 0) / max(len(self.plot_epochs) - 1, 1)
            for full, partial, dot, anchors in self.curves.values():
                partial.pointwise_become_partial(full, 0, fraction)
                dot.move_to(anchors[max(drawn - 1, 0)])
            self._show_stop(max((k for k, e in enumerate(stop_epochs) if e <= epoch), default=0))

        moving = Group(self.map.image, self.epoch_value, *self.accuracy_values.values(),
                       *(mob for _, partial, dot, _ in self.curves.values() for mob in (partial, dot)))
        self.remove(self.map.image, self.epoch_value, *self.accuracy_values.values())
        self.add(moving)
        moving.add_updater(update)
        lines = [
            "Each epoch sends every training point forward, the error backward, and takes one "
            "small step downhill.",
            "The counter runs through the epochs; at each snapshot the boundary and both "
            "accuracies update.",
            "Progress is uneven: the loss can sit on a plateau for many epochs, then fall "
            f"quickly as the boundary {self._settles()}.",
        ]
        ends = np.linspace(0, len(self.stops) - 1, len(lines) + 1)[1:]
        for line, end in zip(lines, ends):
            self.narrate(line, t.animate(rate_func=linear).set_value(end),
                         run_time=reading_time(line))
        moving.clear_updaters()

    def _gap(self) -> None:
        """Name the curves at their ends and say what the final gap between them shows."""
        line = loss_ends(self.data.training_verdict)
        if self.data.training_verdict.loss_gap:
            ends = [self.curves[name][2].get_center() for name in ("test_loss", "loss")]
            gap = DoubleArrow(*ends, buff=0.1, stroke_width=3, tip_length=0.15,
                              color=self.palette.muted)
            self.narrate(line, FadeIn(self.curve_labels), GrowFromCenter(gap), run_time=1.5)
        else:
            self.narrate(line, FadeIn(self.curve_labels), run_time=1)

    # -- the result -------------------------------------------------------------------------------
    def _verdict(self) -> None:
        p = self.palette
        epochs = self.data.config.training.epochs
        accuracy = self.show_value("training.final_test_accuracy", self.data.test_accuracy, 1,
                                   percent=True)
        train = self.show_value("training.final_accuracy", self.data.train_accuracy, 1,
                                percent=True)
        result = VGroup(Text("Test accuracy:", font=theme.FONT, font_size=theme.BODY_SIZE,
                             color=p.text),
                        self.number("training.final_test_accuracy", self.data.test_accuracy, 1,
                                    percent=True, font_size=44, color=p.highlight, unit=r"\%"))
        result.arrange(RIGHT, buff=0.25, aligned_edge=DOWN).move_to(self.legend)
        verdict = self.data.training_verdict
        correct = self.show_value("verdicts.training.test.correct", verdict.test.correct, 0)
        total = self.show_value("verdicts.training.test.total", verdict.test.total, 0)
        every = ", and every training point" if verdict.train.correct == verdict.train.total else ""
        lesson = ": the lesson's result" if self._is_lessons_setup() else ""
        line = (f"After {epochs} epochs, {correct:g} of the {total:g} test points are right, "
                f"{accuracy:g} percent{every}{lesson}.")
        self.narrate(line, FadeOut(self.legend), FadeIn(result, shift=UP * 0.2),
                     Indicate(self.accuracy_values["test_accuracy"], color=p.highlight),
                     run_time=1.5)
        chance = self.show_value("verdicts.training.chance_percent", verdict.chance_percent, 1)
        detail = Text(f"{correct:g} of {total:g} right: {outcome_label(verdict, chance)}",
                      font=theme.FONT, font_size=theme.SMALL_SIZE, color=p.muted)
        detail.next_to(result, DOWN, buff=0.15)
        dataset = DATASET_NAME[self.data.config.data.name]
        first, *rest = training_result(verdict, dataset, train, accuracy, chance)
        self.narrate(first, FadeIn(detail, shift=UP * 0.1), run_time=1)
        for words in rest:
            self.narrate(words)

    def _settles(self) -> str:
        """How the boundary takes shape: it bends only when the network can draw more than one
        straight line."""
        one_line = self.data.training_verdict.limit is not Limit.NONE
        return "moves into place" if one_line else "bends into shape"

    def _is_lessons_setup(self) -> bool:
        """The lesson's data, network and training (the lecture options do not change those)."""
        return replace(self.data.config, lecture=LectureOptions()) == LectureConfig()
