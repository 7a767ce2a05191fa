"""A row of named numbers that change while the scene plays (an epoch counter, accuracies): each
name above its number in equal columns, and a number keeps its place in its column whatever its
width, so a counter that gains a digit does not push its neighbours."""

from __future__ import annotations

import numpy as np
from manim import DecimalNumber, Text, VGroup

from scenes import theme

GAP = 0.3          # at least this between the room's top and the row's
NAME_GAP = 0.15    # between a name and its number


class Readouts(VGroup):
    """``columns`` maps a key to (name, colour of the name, its DecimalNumber), left to right.
    The row fills ``room``'s width; its top sits halfway between the room's top and ``height``
    above its bottom, at least GAP below the room's top. ``values[key]`` is the number."""

    def __init__(self, room: theme.Region, columns: dict[str, tuple[str, str, DecimalNumber]], *,
                 height: float, **kwargs) -> None:
        super().__init__(**kwargs)
        top = min(room.top - GAP, room.bottom + height + (room.height - height) / 2)
        row = theme.Region(room.left, room.right, room.bottom, top)
        self.values, self.slots = {}, {}
        for (key, (name, color, value)), column in zip(columns.items(), row.columns(len(columns))):
            label = Text(name, font=theme.FONT, font_size=theme.TYPE.small, color=color)
            label.move_to([column.center[0], row.top - label.height / 2, 0])
            self.slots[key] = np.array([column.center[0], label.get_bottom()[1] - NAME_GAP
                                        - value.height / 2, 0])
            self.values[key] = value.move_to(self.slots[key])
            self.add(VGroup(label, value))

    def set_number(self, key: str, value: float) -> None:
        """Show ``value`` in column ``key``, centred in its place."""
        self.values[key].set_value(value).move_to(self.slots[key])
