"""The biological neuron as the lesson labels it: fitted to a region with room left of its
dendrites and right of its terminals for their labels, each part named with its role, and two of
the neurons it connects to drawn faint where the labels leave room. The neuron scene then turns
its parts one by one into the artificial neuron's."""

from __future__ import annotations

from typing import Any

from manim import DOWN, LEFT, RIGHT, UP, Text, VGroup

from scenes import theme
from scenes.biology import BiologicalNeuron

LABEL_ROOM = 2.6                           # left of the dendrites, for their label
TERMINAL_ROOM = 0.6                        # right of the terminals, for half their label
AXON = 3.2                                 # the axon's length (the neuron fills the height)
OTHER_SCALE, OTHER_OPACITY = 0.45, 0.45    # the neurons it connects to, drawn faint


class Anatomy(VGroup):
    """``neuron`` (a BiologicalNeuron) filling ``area``; ``labels``: the names and roles of
    its dendrites, cell body, axon and terminals, in that order, with ``parts`` the parts they
    name; ``others``: the faint neighbours (none where there is no room). The scene animates
    the pieces; the group is for layout only."""

    def __init__(self, area: theme.Region, *, palette: theme.Palette, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.palette = palette
        bio = self.neuron = BiologicalNeuron(palette.hidden, palette.gradient, axon_length=AXON)
        bio.scale(min((area.width - LABEL_ROOM - TERMINAL_ROOM) / bio.width,
                      area.height / bio.height))
        bio.move_to(area.center).align_to([area.right - TERMINAL_ROOM, 0, 0], RIGHT)
        self.parts = (bio.dendrites, bio.soma, bio.myelin, bio.terminals)
        self.labels = VGroup(
            self._label("dendrites", "receive signals").next_to(bio.dendrites, LEFT, 0.2),
            self._label("cell body", "adds them up").move_to(bio.soma).shift(DOWN * 1.6),
            self._label("axon", "carries the spike").next_to(bio.myelin, UP, 0.35),
            self._label("terminals", "pass it on").next_to(bio.terminals, DOWN, 0.3),
        )
        self.others = self._others(area)
        self.add(bio, self.labels, self.others)

    def _label(self, name: str, role: str) -> VGroup:
        p = self.palette
        return VGroup(Text(name, font=theme.FONT, font_size=theme.TYPE.small, color=p.text),
                      Text(role, font=theme.FONT, font_size=theme.TYPE.label, color=p.muted)
                      ).arrange(DOWN, buff=0.08)

    def _others(self, area: theme.Region) -> VGroup:
        """Two of the thousands of neurons it connects to, faint, above and below its axon: one
        reaching it with its terminals, one its terminals reach; clear of the part labels."""
        bio = self.neuron
        body, axon, terminals = self.labels[1], self.labels[2], self.labels[3]
        above = theme.Region(bio.soma.get_right()[0] + 0.3, area.right,
                             axon.get_top()[1] + 0.25, area.top)
        below = theme.Region(body.get_right()[0] + 0.4, terminals.get_left()[0] - 0.3,
                             area.bottom, min(body.get_top()[1], terminals.get_bottom()[1]) - 0.1)
        others = VGroup()
        for region in (above, below):
            if region.width > 1.5 and region.height > 0.8:
                other = region.fit(bio.copy().scale(OTHER_SCALE), buff=0.1)
                others.add(other.set_stroke(opacity=OTHER_OPACITY).set_fill(opacity=0.15))
        return others
