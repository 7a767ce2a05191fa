"""Chapter 7: training on the real data. The decision boundary bends through nnmath's sampled
epochs while the train and test loss curves are drawn up to the same epoch on log-log axes; an
epoch counter and each snapshot's accuracies follow, and the final test accuracy closes it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (DOWN, Circumscribe, Create, FadeIn, FadeOut, GrowFromCenter, Indicate, Text,
                   Transform, TransformFromCopy, ValueTracker)

from nnmath.verdicts import bends, ends_after_snapshots, is_lessons_setup, uniform_class
from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.boundary_sweep import BoundarySweep, dot_legend
from scenes.mobjects.loss_curves import LossCurves, sampled_epochs
from scenes.mobjects.paced import paced
from scenes.mobjects.readouts import Readouts
from scenes.narration import loss_ends, outcome_label, training_result
from scenes.notation import DATASET_NAME, LOSS_NAME

CURVE_SAMPLES = 600      # log-spaced epochs at which the loss curves are drawn
READOUT_HEIGHT = 1.3     # the epoch and accuracy row under the map
FINAL_PATHS = {"epoch": "config.training.epochs", "accuracy": "training.final_accuracy",
               "test_accuracy": "training.final_test_accuracy"}   # the trained network's stop


@dataclass(frozen=True)
class Stop:
    """One state of the network the sweep stops at: its epoch and train and test accuracy
    (fractions), all nnmath's; ``paths`` says where they are in the lecture's facts."""
    epoch: int
    accuracy: float
    test_accuracy: float
    paths: dict


class TrainingScene(LectureScene):
    def construct(self) -> None:
        self.stops = self._stops()
        self._build_map()
        self._build_readouts()
        self._build_loss_plot()
        self._show_epoch(self.stops[0].epoch)
        self._data()
        self._colour()
        self._start()
        self._sweep()
        self._gap()
        self._verdict()

    def _data(self) -> None:
        """The training points, coloured by class as they are named; the test points held back."""
        heading = self.make_heading("Training and the decision boundary")
        dataset = DATASET_NAME[self.data.config.data.name]
        coloured = self.train_dots.copy()
        self.train_dots.set_fill(self.palette.muted)
        self.narrate(f"Time to train the network on the real data: {self.n_train:g} points of "
                     f"the {dataset}, coloured by class.", FadeIn(heading),
                     on("real data", Create(self.sweep.map.frame)),
                     on(f"{self.n_train:g} points", FadeIn(self.train_dots, lag_ratio=0.01),
                        FadeIn(self.legend[0])),
                     on("coloured by class", Transform(self.train_dots, coloured)))
        self.narrate(f"{self.n_test:g} more, drawn hollow, are held back to test it on points it "
                     "never saw.", FadeIn(self.test_dots, lag_ratio=0.02),
                     on("test it", FadeIn(self.legend[1])))

    def _colour(self) -> None:
        """What the colour means; the boundary drawn where it already crosses the plane, else the
        one class every point gets before training."""
        first = self.sweep.epochs.index(self.stops[0].epoch)
        everywhere = uniform_class(self.sweep.grids[first].values)
        if everywhere is None:
            self.narrate("The colour is the network's probability of class one; where it flips "
                         "is the decision boundary.", on("colour", FadeIn(self.sweep.map.image)),
                         on("where it flips", Create(self.sweep.boundary)))
            return
        hue = (self.palette.negative, self.palette.positive)[everywhere]
        word = ("zero", "one")[everywhere]
        self.narrate(f"The colour is the network's probability of class one: for now every point "
                     f"reads class {word}; where the colour flips will be the decision boundary.",
                     on("colour", FadeIn(self.sweep.map.image)),
                     on("every point", Circumscribe(self.sweep.map.frame, color=hue)))

    def _stops(self) -> list[Stop]:
        """nnmath's snapshot epochs, then the trained network itself when training ran on past
        the last snapshot."""
        b, final, epochs = self.data.boundary, self.data.trained, self.data.config.training.epochs
        stops = [Stop(*values, {name: f"training.snapshots[{k}].{name}" for name in FINAL_PATHS})
                 for k, values in enumerate(zip(b.epochs, b.accuracy, b.test_accuracy))]
        if ends_after_snapshots(b.epochs, epochs):
            stops.append(Stop(epochs, final.train_accuracy, final.test_accuracy, FINAL_PATHS))
        return stops

    def _build_map(self) -> None:
        """The map as large as the left panel holds above its legend and readouts, its boundary
        bending through every sampled epoch; the legend below it."""
        p, ds, b, panel = self.palette, self.data.dataset, self.data.boundary, theme.LEFT_PANEL
        self.sweep = BoundarySweep(b.frame_epochs, b.frame_grids, self.data.bounds, palette=p,
                                   width=panel.width, height=panel.height - 0.55 - READOUT_HEIGHT,
                                   top=(panel.center[0], panel.top))
        self.train_dots = self.sweep.map.dots(ds.X_train, ds.y_train).set_z_index(1)
        self.test_dots = self.sweep.map.dots(ds.X_test, ds.y_test, hollow=True).set_z_index(1)
        self.n_train = self.show_value("dataset.n_train", len(ds.X_train), 0)
        self.n_test = self.show_value("dataset.n_test", len(ds.X_test), 0)
        self.legend = dot_legend(((False, f"{self.n_train:g} training points"),
                                  (True, f"{self.n_test:g} test points")), palette=p)
        self.legend.next_to(self.sweep.map, DOWN, buff=0.2)

    def _build_readouts(self) -> None:
        """Epoch, train and test accuracy in three columns under the map's legend, the
        accuracies in their curves' colours."""
        p, first, panel = self.palette, self.stops[0], theme.LEFT_PANEL
        size = theme.math_size(theme.TYPE.body) * 1.2
        columns = {key: (name, color, self.number(
            first.paths[key], getattr(first, key), decimals, percent=decimals > 0, font_size=size,
            unit=r"\%" if decimals else None, color=color))
            for key, name, color, decimals in (("epoch", "epoch", p.text, 0),
                                               ("accuracy", "train", p.gradient, 1),
                                               ("test_accuracy", "test", p.highlight, 1))}
        room = theme.Region(panel.left, panel.right, panel.bottom, self.legend.get_bottom()[1])
        self.readouts = Readouts(room, columns, height=READOUT_HEIGHT)

    def _build_loss_plot(self) -> None:
        """The loss plot filling the right panel."""
        p, panel = self.palette, theme.RIGHT_PANEL
        epochs = self.data.config.training.epochs
        plot_epochs = sampled_epochs(epochs, CURVE_SAMPLES, [stop.epoch for stop in self.stops])
        self.plot = LossCurves.of_history(self.data.history, plot_epochs, last_epoch=epochs,
                                          colors=(p.gradient, p.highlight), width=panel.width,
                                          height=panel.height, color=p.muted)
        self.plot.move_to([panel.center[0], panel.bottom + self.plot.height / 2, 0])

    def _start(self) -> None:
        """The first stop's accuracies; then, as the loss is named, the sweep begins."""
        first = self.stops[0]
        self._show_stop(0)
        accuracy = self.displayed[f"{first.paths['accuracy']} %"]
        start = "Before training" if first.epoch == 0 else f"At epoch {first.epoch}"
        chance = ", no better than guessing" if self.data.training_start.at_chance else ""
        self.tracker = ValueTracker(0)
        self._follow_tracker()
        line = (f"{start} it gets {accuracy:g} percent of the training points right{chance}; on "
                f"the right, its {LOSS_NAME[self.data.config.training.loss]} on training and test "
                "points, both axes logarithmic.")
        self.narrate(line, FadeIn(self.readouts),
                     on(f"{accuracy:g} percent", Indicate(self.readouts.values["accuracy"],
                                                          color=self.palette.gradient)),
                     on("on the right", Create(self.plot.axes), FadeIn(self.plot.moving)),
                     on("logarithmic", FadeIn(self.plot.ticks), FadeIn(self.plot.titles)))

    def _follow_tracker(self) -> None:
        """Draw everything at the tracker's epoch (t: the stops' indices) from the map, the first
        changing part drawn: Manim redraws only what follows the first mobject with an updater."""
        epochs = [stop.epoch for stop in self.stops]
        self.sweep.map.image.add_updater(
            lambda _: self._draw_at(self.plot.epoch_along(epochs, self.tracker.get_value())))

    def _draw_at(self, epoch: float) -> None:
        """The curves, the counter and the map at ``epoch``, and the last stop reached."""
        self.plot.draw_to(epoch)
        self._show_epoch(epoch)
        self._show_stop(max((k for k, stop in enumerate(self.stops) if stop.epoch <= round(epoch)),
                            default=0))

    def _show_epoch(self, epoch: float) -> None:
        """The counter and the map at ``epoch``, each sampled grid recorded as drawn."""
        self.readouts.set_number("epoch", round(epoch))
        for shown, grid in self.sweep.show(epoch):
            for (i, j), value in np.ndenumerate(grid.values):
                self.record_drawn(f"epoch[{shown}].heatmap[{i}][{j}]", round(value, 4))

    def _show_stop(self, k: int) -> None:
        """Stop ``k``'s accuracies in the readouts, recorded as shown."""
        stop = self.stops[k]
        for name in ("accuracy", "test_accuracy"):
            self.readouts.set_number(name, self.show_value(stop.paths[name], getattr(stop, name),
                                                           1, percent=True))
        self.show_value(stop.paths["epoch"], stop.epoch, 0)

    def _sweep(self) -> None:
        """Three lines over which the tracker runs on to the last stop, in step with the voice."""
        settles = "bends into shape" if bends(self.data.training_verdict) else "moves into place"
        lines = [
            "Each epoch sends every training point forward, the error backward, and takes one "
            "small step downhill.",
            "The counter runs through the epochs; at each snapshot the boundary and both "
            "accuracies update.",
            "Progress is uneven: the loss can sit on a plateau for many epochs, then fall "
            f"quickly as the boundary {settles}.",
        ]
        # the tracker first moves here, not while the readouts fade in: a counter that gains a
        # digit under a running FadeIn breaks it (a first snapshot at epoch 88, then 113)
        ends = np.linspace(0, len(self.stops) - 1, len(lines) + 1)
        for line, start, end in zip(lines, ends, ends[1:]):
            self.narrate(line, *paced(line, self.tracker, start, end))
        self.sweep.map.image.clear_updaters()
        self._draw_at(self.stops[-1].epoch)

    def _gap(self) -> None:
        """What the final gap between the curves shows, pointed at on the curves' ends."""
        line = loss_ends(self.data.training_verdict)
        if self.data.training_verdict.loss_gap:
            gap = self.plot.gap_arrow(self.palette.muted)
            self.narrate(line, on("far below", GrowFromCenter(gap)),
                         on("its own points", Indicate(self.train_dots, scale_factor=1.0)),
                         on("new ones", Indicate(self.test_dots, scale_factor=1.0)))
        else:
            self.narrate(line, on("close together", *(Indicate(dot, scale_factor=1.6)
                                                      for dot in self.plot.tips)),
                         on("carries over", Indicate(self.plot.names[1])) if "carries over" in line
                         else on("the accuracy", Indicate(self.readouts[2])))

    def _verdict(self) -> None:
        p = self.palette
        accuracy = self.show_value("training.final_test_accuracy", self.data.test_accuracy, 1,
                                   percent=True)
        train = self.show_value("training.final_accuracy", self.data.train_accuracy, 1,
                                percent=True)
        verdict = self.data.training_verdict
        correct = self.show_value("verdicts.training.test.correct", verdict.test.correct, 0)
        total = self.show_value("verdicts.training.test.total", verdict.test.total, 0)
        chance = self.show_value("verdicts.training.chance_percent", verdict.chance_percent, 1)
        result = Text(f"{correct:g} of {total:g} test points right: "
                      f"{outcome_label(verdict, chance)}", font=theme.FONT,
                      font_size=theme.TYPE.small, color=p.text).move_to(self.legend)
        if result.width > theme.LEFT_PANEL.width:
            result.scale_to_fit_width(theme.LEFT_PANEL.width)
        every = ", and every training point" if verdict.train.all_right else ""
        lesson = ": the lesson's result" if is_lessons_setup(self.data.config) else ""
        line = (f"After {self.data.config.training.epochs} epochs, {correct:g} of the {total:g} "
                f"test points are right, {accuracy:g} percent{every}{lesson}.")
        self.narrate(line, on(f"{correct:g} of", FadeOut(self.legend),
                              TransformFromCopy(self.readouts.values["test_accuracy"], result)),
                     on(f"{accuracy:g} percent", Indicate(self.readouts.values["test_accuracy"],
                                                          color=p.highlight)))
        dataset = DATASET_NAME[self.data.config.data.name]
        first, *rest = training_result(verdict, dataset, train, accuracy, chance)
        word = next(w for w in ("learned", "chance", "overfitted") if w in first)
        self.narrate(first, on(word, Indicate(result, color=p.highlight)))
        for words in rest:
            cue = [on("loss", Indicate(self.plot.drawn[0], color=p.gradient))] \
                if "loss" in words.split() else \
                [on("straight line", Indicate(self.sweep.boundary, color=p.highlight))] \
                if "straight line" in words else []
            self.narrate(words, *cue)
