"""Train and test loss over the epochs on log-log axes, drawn up to any epoch: the curves, a dot
at each tip and the curve's name riding beside its dot from the first frame on."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Axes, Dot, DoubleArrow, LogBase, MathTex, Text, VGroup, VMobject,
)

from scenes import theme

LABEL_GAP = 0.12      # between a tip's dot and its name
TIP_RADIUS = 0.07


def sampled_epochs(last_epoch: int, samples: int, also=()) -> np.ndarray:
    """About ``samples`` whole epochs from 1 to ``last_epoch``, evenly spaced on the log axis,
    with those of ``also`` that the axis holds (at least 1): where the curves get a corner."""
    return np.unique(np.concatenate([np.rint(np.geomspace(1, last_epoch, samples)),
                                     [e for e in also if e >= 1]])).astype(int)


class LossCurves(VGroup):
    """``series`` maps a name ("train", "test") to (losses at ``epochs``, colour); ``epochs``
    ascending, at least 1. The axes' decades follow the losses (``floor``: the lowest drawn);
    ``width`` x ``height`` is the whole box, tick labels, titles and the names' room included."""

    def __init__(self, epochs: np.ndarray, series: dict[str, tuple[np.ndarray, str]], *,
                 last_epoch: int, width: float, height: float, color: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.epochs = np.asarray(epochs)
        positive = np.concatenate([values[values > 0] for values, _ in series.values()])
        low = math.floor(math.log10(positive.min()))
        high = max(math.ceil(math.log10(positive.max())), low + 1)
        self.floor = 10.0 ** low
        self.names = VGroup(*(Text(name, font=theme.FONT, font_size=theme.TYPE.small, color=c)
                              for name, (_, c) in series.items()))
        room = max(name.width for name in self.names) + LABEL_GAP + TIP_RADIUS + 0.1
        tick = theme.math_size(theme.TYPE.label)
        self.axes = Axes(x_range=[0, max(math.log10(last_epoch), 1.0), 1],
                         y_range=[low, high, 1 if high - low <= 6 else 2],
                         x_length=width - room - 1.0, y_length=height - 1.25, tips=False,
                         x_axis_config={"scaling": LogBase(custom_labels=False)},
                         y_axis_config={"scaling": LogBase(custom_labels=False)},
                         axis_config={"color": color, "stroke_width": 2})
        self.ticks = self._ticks(tick, color, low, high)
        self.titles = self._titles(color)
        self.add(self.axes, self.ticks, self.titles)
        self.curves, self.drawn, self.tips = VGroup(), VGroup(), VGroup()
        for values, c in series.values():
            anchors = self.axes.c2p(self.epochs, np.maximum(values, self.floor)).T
            if len(anchors) == 1:   # one recorded epoch: a curve of one point
                anchors = np.vstack([anchors, anchors])
            full = VMobject(stroke_color=c, stroke_width=4).set_points_as_corners(anchors)
            self.drawn.add(full.copy())
            self.curves.add(full.set_stroke(opacity=0))
            self.tips.add(Dot(anchors[0], radius=TIP_RADIUS, color=c))
        self.moving = VGroup(self.drawn, self.tips, self.names)   # what draw_to changes
        self.add(self.curves, self.moving)
        self.draw_to(self.epochs[0])

    @classmethod
    def of_history(cls, history, epochs: np.ndarray, *, last_epoch: int,
                   colors: tuple[str, str], **kwargs: Any) -> "LossCurves":
        """nnmath's training ``history`` at ``epochs``: "train" and "test" in ``colors``, each
        the loss before update e, and at ``last_epoch`` the loss after the last update."""
        series = {name: (np.array([getattr(history, attr)[e] if e < last_epoch
                                   else getattr(history, "final_" + attr) for e in epochs]), c)
                  for name, attr, c in (("train", "loss", colors[0]),
                                        ("test", "test_loss", colors[1]))}
        return cls(epochs, series, last_epoch=last_epoch, **kwargs)

    def _ticks(self, size: float, color: str, low: int, high: int) -> VGroup:
        x_high = int(self.axes.x_range[1])
        xs = VGroup(*(MathTex(str(10 ** k) if k <= 4 else f"10^{{{k}}}", font_size=size,
                              color=color).next_to(self.axes.x_axis.n2p(10 ** k), DOWN, buff=0.12)
                      for k in range(x_high + 1)))
        ys = VGroup(*(MathTex(f"10^{{{k}}}", font_size=size, color=color)
                      .next_to(self.axes.y_axis.n2p(10.0 ** k), LEFT, buff=0.15)
                      for k in range(low, high + 1, int(self.axes.y_range[2]))))
        return VGroup(xs, ys)

    def _titles(self, color: str) -> VGroup:
        x_title = Text("epoch (log scale)", font=theme.FONT, font_size=theme.TYPE.label,
                       color=color).next_to(self.ticks[0], DOWN, buff=0.1)
        y_title = Text("loss (log scale)", font=theme.FONT, font_size=theme.TYPE.label,
                       color=color).next_to(self.axes, UP, buff=0.2).align_to(self.ticks[1], LEFT)
        return VGroup(x_title, y_title)

    def gap_arrow(self, color: str) -> DoubleArrow:
        """A double arrow between the two curves' tips: the gap between the final losses."""
        return DoubleArrow(*(dot.get_center() for dot in self.tips), buff=0.1, stroke_width=3,
                           tip_length=0.15, color=color)

    @staticmethod
    def epoch_between(low: float, high: float, share: float) -> float:
        """The epoch ``share`` of the way from ``low`` to ``high``, evenly in log(1 + epoch): the
        tip moves as on the log axis, and epoch 0, left of that axis, keeps a stretch of its own
        (on the axis itself epochs 0 and 1 meet, so a one-epoch lecture would start trained)."""
        return float(np.expm1((1 - share) * np.log1p(low) + share * np.log1p(high)))

    @classmethod
    def epoch_along(cls, epochs: list[int], t: float) -> float:
        """The epoch at ``t`` along ``epochs`` (ascending; t = k at ``epochs[k]``), moving as
        ``epoch_between`` from each to the next."""
        if len(epochs) == 1:
            return epochs[0]
        k = min(int(t), len(epochs) - 2)
        return cls.epoch_between(epochs[k], epochs[k + 1], t - k)

    def draw_to(self, epoch: float) -> None:
        """Draw both curves up to ``epoch``, their dots at the tips and each name beside its dot,
        the higher curve's name above its dot and the lower's below, both inside the axes."""
        drawn = max(int(np.searchsorted(self.epochs, epoch, side="right")) - 1, 0)
        last = len(self.epochs) - 1
        for full, partial, dot in zip(self.curves, self.drawn, self.tips):
            partial.pointwise_become_partial(full, 0, drawn / max(last, 1))
            dot.move_to(full.points[4 * drawn] if drawn < last else full.points[-1])
        order = sorted(range(len(self.tips)), key=lambda k: -self.tips[k].get_y())
        for rank, k in enumerate(order):
            side = UP if rank == 0 else DOWN
            self.names[k].next_to(self.tips[k].get_center(), side, buff=0.02)
            self.names[k].shift(RIGHT * (self.tips[k].get_right()[0] + LABEL_GAP
                                         - self.names[k].get_left()[0]))
        bottom = self.axes.get_bottom()[1] + 0.05 - min(name.get_bottom()[1] for name in self.names)
        top = max(name.get_top()[1] for name in self.names) - self.axes.get_top()[1]
        self.names.shift(UP * max(bottom, 0) + DOWN * max(top, 0))
