"""Cues that move a ValueTracker in step with a narration line: a sweep driven by a tracker
(the training chapter's epochs) moves for exactly as long as the voice speaks, one leg every few
words, however long the take turns out to be."""

from __future__ import annotations

from manim import UpdateFromAlphaFunc, ValueTracker, linear

from scenes.base import on

PACE_WORDS = 3           # a line moves the tracker on every third word


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
