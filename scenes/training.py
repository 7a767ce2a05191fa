"""Chapter 7: training on the real data. The decision boundary bends through nnmath's sampled
epochs while the train and test loss curves are drawn up to the same epoch on log-log axes; an
epoch counter and each snapshot's accuracies follow, and the final test accuracy closes it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from manim import (
    DOWN, RIGHT, Circumscribe, Create, Dot, Transform, DoubleArrow, FadeIn, FadeOut, GrowFromCenter, Indicate,
    Text, TransformFromCopy, UpdateFromAlphaFunc, ValueTracker, VGroup, VMobject, linear,
)

from nnmath.config import LectureConfig, LectureOptions
from nnmath.verdicts import Limit, uniform_class
from scenes import theme
from scenes.base import LectureScene, on
from scenes.mobjects.decision_map import DecisionMap
from scenes.mobjects.landscape import ContourLines
from scenes.mobjects.loss_curves import LossCurves
from scenes.narration import loss_ends, outcome_label, training_result
from scenes.notation import DATASET_NAME, LOSS_NAME

CURVE_SAMPLES = 600      # log-spaced epochs at which the loss curves are drawn
PACE_WORDS = 3           # a sweep line moves the tracker on every third word
READOUT_HEIGHT = 1.3     # the epoch and accuracy row under the map


@dataclass(frozen=True)
class Stop:
    """One state of the network the sweep stops at: its epoch and train and test accuracy
    (fractions), all nnmath's; ``paths`` says where they are in the lecture's facts."""

    epoch: int
    accuracy: float
    test_accuracy: float
    paths: dict


def paced(line: str, tracker: ValueTracker, start: float, end: float) -> list:
    """Cues that move ``tracker`` evenly from ``start`` to ``end`` over ``line``'s words, one
    leg every few words, so that it moves for exactly as long as the voice speaks."""
    words = line.split()
    legs = [k for k in range(0, len(words), PACE_WORDS) if any(c.isalnum() for c in words[k])]
    values = [start] + [start + (end - start) * k / len(words) for k in legs[1:]] + [end]
    return [on(words[k], move(tracker, a, b)) for k, a, b in zip(legs, values, values[1:])]


def move(tracker: ValueTracker, start: float, end: float) -> UpdateFromAlphaFunc:
    """``tracker`` from ``start`` to ``end`` at an even pace (unlike ``.animate``, several of these
    can share one step: each knows its own ends)."""
    return UpdateFromAlphaFunc(tracker, lambda m, alpha: m.set_value(start + (end - start) * alpha),
                               rate_func=linear)


class TrainingScene(LectureScene):
    def construct(self) -> None:
        self.stops = self._stops()
        heading = self.make_heading("Training and the decision boundary")
        self._build_map()
        self._build_readouts()
        self._build_loss_plot()
        self._show_epoch(self.stops[0].epoch)
        dataset = DATASET_NAME[self.data.config.data.name]
        coloured = self.train_dots.copy()
        self.train_dots.set_fill(self.palette.muted)
        self.narrate(f"Time to train the network on the real data: {self.n_train:g} points of "
                     f"the {dataset}, coloured by class.", FadeIn(heading),
                     on("real data", Create(self.map.frame)),
                     on(f"{self.n_train:g} points", FadeIn(self.train_dots, lag_ratio=0.01),
                        FadeIn(self.legend[0])),
                     on("coloured by class", Transform(self.train_dots, coloured)))
        self.narrate(f"{self.n_test:g} more, drawn hollow, are held back to test it on points it "
                     "never saw.", FadeIn(self.test_dots, lag_ratio=0.02),
                     on("test it", FadeIn(self.legend[1])))
        self._colour()
        self._start()
        self._sweep()
        self._gap()
        self._verdict()

    def _colour(self) -> None:
        """What the colour means; the boundary drawn where it already crosses the plane, else the
        one class every point gets before training."""
        start = self.data.boundary.frame_epochs.index(self.stops[0].epoch)
        everywhere = uniform_class(self.data.boundary.frame_grids[start].values)
        if everywhere is None:
            self.narrate("The colour is the network's probability of class one; where it flips "
                         "is the decision boundary.", on("colour", FadeIn(self.map.image)),
                         on("where it flips", Create(self.boundary)))
            return
        hue = (self.palette.negative, self.palette.positive)[everywhere]
        word = ("zero", "one")[everywhere]
        self.narrate(f"The colour is the network's probability of class one: for now every point "
                     f"reads class {word}; where the colour flips will be the decision boundary.",
                     on("colour", FadeIn(self.map.image)),
                     on("every point", Circumscribe(self.map.frame, color=hue)))

    def _stops(self) -> list[Stop]:
        """nnmath's snapshot epochs, then the trained network itself when the last epoch is not a
        snapshot."""
        b = self.data.boundary
        stops = [Stop(e, accuracy, test_accuracy,
                      {name: f"training.snapshots[{k}].{name}"
                       for name in ("epoch", "accuracy", "test_accuracy")})
                 for k, (e, accuracy, test_accuracy)
                 in enumerate(zip(b.epochs, b.accuracy, b.test_accuracy))]
        epochs = self.data.config.training.epochs
        if stops[-1].epoch < epochs:
            final = self.data.trained
            stops.append(Stop(epochs, final.train_accuracy, final.test_accuracy,
                              {"epoch": "config.training.epochs",
                               "accuracy": "training.final_accuracy",
                               "test_accuracy": "training.final_test_accuracy"}))
        return stops

    # -- building and laying out ------------------------------------------------------------------
    def _build_map(self) -> None:
        """The map as large as the left panel holds, its legend below; the boundary drawn at every
        sampled epoch, so the sweep bends it rather than jumping between snapshots."""
        p, ds, b = self.palette, self.data.dataset, self.data.boundary
        x0, x1, y0, y1 = self.data.bounds
        panel = theme.LEFT_PANEL
        height = min(panel.height - 0.55 - READOUT_HEIGHT, panel.width * (y1 - y0) / (x1 - x0))
        self.map = DecisionMap(b.frame_grids[0].values, self.data.bounds,
                               colors=(p.negative, p.positive), background=p.background,
                               frame_color=p.muted, height=height)
        self.map.move_to([panel.center[0], panel.top - height / 2, 0])
        self.frames = [(e, self.map.image_for(grid.values).pixel_array, grid)
                       for e, grid in zip(b.frame_epochs, b.frame_grids)]
        self.shown_frames: set[int] = set()
        self.lines = [ContourLines(grid, [0.5], self.map.coords_to_point, [p.highlight],
                                   stroke_width=2.5) for _, _, grid in self.frames]
        self.boundary = VMobject(stroke_color=p.highlight, stroke_width=2.5)
        self.train_dots = self.map.dots(ds.X_train, ds.y_train).set_z_index(1)
        self.test_dots = self.map.dots(ds.X_test, ds.y_test, hollow=True).set_z_index(1)
        self.n_train = self.show_value("dataset.n_train", len(ds.X_train), 0)
        self.n_test = self.show_value("dataset.n_test", len(ds.X_test), 0)
        self.legend = VGroup(
            self._legend_entry(hollow=False, text=f"{self.n_train:g} training points"),
            self._legend_entry(hollow=True, text=f"{self.n_test:g} test points"),
        ).arrange(RIGHT, buff=0.6).next_to(self.map, DOWN, buff=0.2)

    def _legend_entry(self, *, hollow: bool, text: str) -> VGroup:
        p = self.palette
        dot = Dot(radius=0.07, fill_color=p.background if hollow else p.text, fill_opacity=1,
                  stroke_color=p.text, stroke_width=1.5)
        return VGroup(dot, Text(text, font=theme.FONT, font_size=theme.TYPE.small,
                                color=p.muted)).arrange(RIGHT, buff=0.15)

    def _build_readouts(self) -> None:
        """Epoch, train and test accuracy in three columns under the map's legend, each name
        above its number, the accuracies in their curves' colours."""
        p, first, left = self.palette, self.stops[0], theme.LEFT_PANEL
        top = min(self.legend.get_bottom()[1] - 0.3,
                  left.bottom + READOUT_HEIGHT + (self.legend.get_bottom()[1] - left.bottom
                                                  - READOUT_HEIGHT) / 2)
        panel = theme.Region(left.left, left.right, left.bottom, top)
        size = theme.math_size(theme.TYPE.body) * 1.2
        columns = (("epoch", p.text), ("accuracy", p.gradient), ("test_accuracy", p.highlight))
        names = {"epoch": "epoch", "accuracy": "train", "test_accuracy": "test"}
        self.values, self.slots = {}, {}
        self.readouts = VGroup()
        for k, ((name, color), column) in enumerate(zip(columns, panel.columns(3))):
            label = Text(names[name], font=theme.FONT, font_size=theme.TYPE.small, color=color)
            label.move_to([column.center[0], panel.top - label.height / 2, 0])
            if name == "epoch":
                value = self.number(first.paths[name], first.epoch, 0, font_size=size)
            else:
                value = self.number(first.paths[name], getattr(first, name), 1, percent=True,
                                    font_size=size, unit=r"\%", color=color)
            self.slots[name] = np.array([column.center[0], label.get_bottom()[1] - 0.15
                                         - value.height / 2, 0])
            self.values[name] = value.move_to(self.slots[name])
            self.readouts.add(VGroup(label, value))

    def _build_loss_plot(self) -> None:
        """The loss plot filling the right panel."""
        h, p, panel = self.data.history, self.palette, theme.RIGHT_PANEL
        epochs = self.data.config.training.epochs
        plot_epochs = np.unique(np.concatenate([
            np.rint(np.geomspace(1, epochs, CURVE_SAMPLES)),
            [stop.epoch for stop in self.stops if stop.epoch >= 1]])).astype(int)
        series = {name: (np.array([getattr(h, attr)[e] if e < epochs else getattr(h, "final_" + attr)
                                   for e in plot_epochs]), color)
                  for name, attr, color in (("train", "loss", p.gradient),
                                            ("test", "test_loss", p.highlight))}
        self.plot = LossCurves(plot_epochs, series, last_epoch=epochs, width=panel.width,
                               height=panel.height, color=p.muted)
        self.plot.move_to([panel.center[0], panel.bottom + self.plot.height / 2, 0])
        self.plot.draw_to(plot_epochs[0])

    # -- the untrained network and the sweep -------------------------------------------------------
    def _start(self) -> None:
        """The first stop's accuracies; then, as the loss is named, the sweep begins."""
        first = self.stops[0]
        self._show_stop(0)
        accuracy = self.displayed[f"{first.paths['accuracy']} %"]
        start = "Before training" if first.epoch == 0 else f"At epoch {first.epoch}"
        chance = ", no better than guessing" if self.data.training_start.at_chance else ""
        loss_name = LOSS_NAME[self.data.config.training.loss]
        self.tracker = ValueTracker(0)
        self._follow_tracker()
        line = (f"{start} it gets {accuracy:g} percent of the training points right{chance}; on "
                f"the right, its {loss_name} on training and test points, both axes "
                "logarithmic.")
        self.narrate(line, FadeIn(self.readouts),
                     on(f"{accuracy:g} percent", Indicate(self.values["accuracy"],
                                                          color=self.palette.gradient)),
                     on("on the right", Create(self.plot.axes), FadeIn(self.plot.moving)),
                     on("training and test", move(self.tracker, 0, 0.3)),
                     on("logarithmic", FadeIn(self.plot.ticks), FadeIn(self.plot.titles)))

    def _follow_tracker(self) -> None:
        """The updater that draws everything at the tracker's epoch: t runs over the stops'
        indices, and between stops the curves' tip moves evenly in log-epoch."""
        epochs = [stop.epoch for stop in self.stops]

        def tip_epoch() -> float:
            t = self.tracker.get_value()
            if len(epochs) == 1:
                return epochs[0]
            k = min(int(t), len(epochs) - 2)
            return self.plot.epoch_between(epochs[k], epochs[k + 1], t - k)

        def update(_mobject) -> None:
            epoch = tip_epoch()
            self.plot.draw_to(epoch)
            self._show_epoch(epoch)
            self._show_stop(max((k for k, e in enumerate(epochs) if e <= round(epoch)), default=0))

        # on the map, the first of the changing parts to be drawn: Manim redraws every frame
        # only what comes after the first mobject that has an updater
        self.map.image.add_updater(update)

    def _show_epoch(self, epoch: float) -> None:
        """The counter, the heatmap blended between the two sampled epochs around ``epoch``
        (each recorded as drawn), and the boundary line of the nearer one."""
        value = self.values["epoch"]
        value.set_value(round(epoch)).move_to(self.slots["epoch"])
        found = [e for e, _, _ in self.frames]
        k = min(max(int(np.searchsorted(found, epoch, side="right")) - 1, 0), len(found) - 2)
        low, high = found[k], found[k + 1]
        share = float(np.clip((np.log1p(epoch) - np.log1p(low))
                              / (np.log1p(high) - np.log1p(low)), 0, 1))
        blend = (1 - share) * self.frames[k][1] + share * self.frames[k + 1][1]
        self.map.image.pixel_array = np.rint(blend).astype(np.uint8)
        for index in {k, k + 1} if 0 < share < 1 else {k + round(share)}:
            self._record_frame(index)
        line = self.lines[k + round(share)]
        self.boundary.set_points(line[0].points if len(line) else np.zeros((0, 3)))

    def _record_frame(self, index: int) -> None:
        if index in self.shown_frames:
            return
        self.shown_frames.add(index)
        epoch, _, grid = self.frames[index]
        for (i, j), value in np.ndenumerate(grid.values):
            self.record_drawn(f"epoch[{epoch}].heatmap[{i}][{j}]", round(value, 4))

    def _show_stop(self, k: int) -> None:
        """Stop ``k``'s accuracies in the readouts, recorded as shown."""
        stop = self.stops[k]
        for name in ("accuracy", "test_accuracy"):
            value = self.values[name]
            value.set_value(self.show_value(stop.paths[name], getattr(stop, name), 1, percent=True))
            value.move_to(self.slots[name])
        self.show_value(stop.paths["epoch"], stop.epoch, 0)
        if k == 0:
            self._show_epoch(stop.epoch)

    def _sweep(self) -> None:
        """Three lines over which the tracker runs on to the last stop, in step with the voice."""
        lines = [
            "Each epoch sends every training point forward, the error backward, and takes one "
            "small step downhill.",
            "The counter runs through the epochs; at each snapshot the boundary and both "
            "accuracies update.",
            "Progress is uneven: the loss can sit on a plateau for many epochs, then fall "
            f"quickly as the boundary {self._settles()}.",
        ]
        ends = np.linspace(0.3, len(self.stops) - 1, len(lines) + 1)
        for line, start, end in zip(lines, ends, ends[1:]):
            self.narrate(line, *paced(line, self.tracker, start, end))
        self.map.image.clear_updaters()
        self._show_epoch(self.stops[-1].epoch)
        self.plot.draw_to(self.stops[-1].epoch)
        self._show_stop(len(self.stops) - 1)

    def _gap(self) -> None:
        """What the final gap between the curves shows, pointed at on the curves' ends."""
        line = loss_ends(self.data.training_verdict)
        if self.data.training_verdict.loss_gap:
            ends = [dot.get_center() for dot in self.plot.tips]
            gap = DoubleArrow(*ends, buff=0.1, stroke_width=3, tip_length=0.15,
                              color=self.palette.muted)
            self.narrate(line, on("far below", GrowFromCenter(gap)),
                         on("its own points", Indicate(self.train_dots, scale_factor=1.0)),
                         on("new ones", Indicate(self.test_dots, scale_factor=1.0)))
        else:
            self.narrate(line, on("close together", *(Indicate(dot, scale_factor=1.6)
                                                      for dot in self.plot.tips)),
                         on("carries over", Indicate(self.plot.names[1])) if "carries over" in line
                         else on("the accuracy", Indicate(self.readouts[2])))

    # -- the result -------------------------------------------------------------------------------
    def _verdict(self) -> None:
        p = self.palette
        epochs = self.data.config.training.epochs
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
        every = ", and every training point" if verdict.train.correct == verdict.train.total else ""
        lesson = ": the lesson's result" if self._is_lessons_setup() else ""
        line = (f"After {epochs} epochs, {correct:g} of the {total:g} test points are right, "
                f"{accuracy:g} percent{every}{lesson}.")
        self.narrate(line, on(f"{correct:g} of", FadeOut(self.legend),
                              TransformFromCopy(self.values["test_accuracy"], result)),
                     on(f"{accuracy:g} percent", Indicate(self.values["test_accuracy"],
                                                          color=p.highlight)))
        dataset = DATASET_NAME[self.data.config.data.name]
        first, *rest = training_result(verdict, dataset, train, accuracy, chance)
        word = next(w for w in ("learned", "chance", "overfitted") if w in first)
        self.narrate(first, on(word, Indicate(result, color=p.highlight)))
        for words in rest:
            cue = [on("loss", Indicate(self.plot.drawn[0], color=p.gradient))] \
                if "loss" in words.split() else \
                [on("straight line", Indicate(self.boundary, color=p.highlight))] \
                if "straight line" in words else []
            self.narrate(words, *cue)

    def _settles(self) -> str:
        """How the boundary takes shape: it bends only when the network can draw more than one
        straight line."""
        one_line = self.data.training_verdict.limit is not Limit.NONE
        return "moves into place" if one_line else "bends into shape"

    def _is_lessons_setup(self) -> bool:
        """The lesson's data, network and training (the lecture options do not change those)."""
        return replace(self.data.config, lecture=LectureOptions()) == LectureConfig()
