"""Where the camera goes to look closely at a part of a 2-D scene, and back.

``look_at`` frames the given mobjects (with a margin, at the frame's aspect, never wider than
the full frame) and returns the camera's move; ``look_back`` returns it to the full frame. The
view is chosen so that every text either lies wholly inside it or wholly outside (a text the
view's edge cuts would be half on screen): the view grows until no text is cut.

A 3-D scene's camera turns instead (``turn``), and its texts stay put on the frame while it does:
``pin`` fixes a text to the frame, ``morph_pinned`` transforms one pinned text into another.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import (
    Animation, DecimalNumber, MarkupText, Mobject, SingleStringMathTex, Text, Transform, VMobject,
    config,
)

from scenes import theme

GROW = 1.06          # the view widens by this factor while a text lies across its edge
MOST_STEPS = 40


def _box(mobject: Mobject) -> tuple[float, float, float, float]:
    (x0, y0, _), (x1, y1, _) = mobject.get_corner([-1, -1, 0]), mobject.get_corner([1, 1, 0])
    return float(x0), float(y0), float(x1), float(y1)


def _cut(view: tuple[float, float, float, float], box: tuple[float, ...]) -> bool:
    """Whether ``box`` lies partly inside and partly outside ``view``."""
    inside = box[0] >= view[0] and box[2] <= view[2] and box[1] >= view[1] and box[3] <= view[3]
    outside = box[2] <= view[0] or box[0] >= view[2] or box[3] <= view[1] or box[1] >= view[3]
    return not inside and not outside


def texts_in(*mobjects: Mobject) -> list[VMobject]:
    """The visible texts and numbers among ``mobjects`` and their parts (what a view must not
    cut)."""
    found = []
    for mobject in mobjects:
        if isinstance(mobject, (Text, MarkupText, SingleStringMathTex, DecimalNumber)):
            if mobject.get_fill_opacity() > 0.05 or mobject.get_stroke_opacity() > 0.05:
                found.append(mobject)
        else:
            found += texts_in(*mobject.submobjects)
    return found


def view_of(targets: Iterable[Mobject], texts: Iterable[Mobject] = (), *,
            margin: float = 0.3) -> tuple[np.ndarray, float]:
    """Centre and width of the smallest view at the frame's aspect that holds ``targets`` with
    ``margin`` around them and cuts none of ``texts`` (the view slides off a cut text if the
    targets allow, else grows); the full frame if that is smaller."""
    boxes = [_box(m) for m in targets]
    need = (min(b[0] for b in boxes) - margin, min(b[1] for b in boxes) - margin,
            max(b[2] for b in boxes) + margin, max(b[3] for b in boxes) + margin)
    aspect = config.frame_width / config.frame_height
    center = np.array([(need[0] + need[2]) / 2, (need[1] + need[3]) / 2, 0.0])
    width = max(need[2] - need[0], (need[3] - need[1]) * aspect)
    text_boxes = [_box(t) for t in texts if t.width > 0]
    for _ in range(MOST_STEPS):
        if width >= config.frame_width:
            return np.zeros(3), config.frame_width
        at = _inside_frame(center, width)
        for _ in range(4):
            cut = [box for box in text_boxes if _cut(_view(at, width), box)]
            if not cut:
                return at, width
            moved = _slide(at, width, cut[0], need)
            if moved is None:
                break
            at = moved
        width *= GROW
    return np.zeros(3), config.frame_width


def _view(center: np.ndarray, width: float) -> tuple[float, float, float, float]:
    half_w, half_h = width / 2, width * config.frame_height / config.frame_width / 2
    return center[0] - half_w, center[1] - half_h, center[0] + half_w, center[1] + half_h


def _slide(center: np.ndarray, width: float, box: tuple[float, ...],
           need: tuple[float, ...]) -> np.ndarray | None:
    """The view moved just off ``box`` (away from it, across the edge that cuts it) if it still
    holds ``need`` and stays in the frame; None otherwise."""
    view = _view(center, width)
    shifts = [np.array([0.0, box[1] - view[3] - 1e-3, 0.0]),    # down, below the box
              np.array([0.0, box[3] - view[1] + 1e-3, 0.0]),    # up, above it
              np.array([box[0] - view[2] - 1e-3, 0.0, 0.0]),    # left of it
              np.array([box[2] - view[0] + 1e-3, 0.0, 0.0])]    # right of it
    for shift in sorted(shifts, key=lambda v: float(np.abs(v).sum())):
        moved = center + shift
        v = _view(moved, width)
        holds = v[0] <= need[0] and v[1] <= need[1] and v[2] >= need[2] and v[3] >= need[3]
        if holds and np.allclose(_inside_frame(moved, width), moved):
            return moved
    return None


def _inside_frame(center: np.ndarray, width: float) -> np.ndarray:
    """``center`` moved the least so that the view stays within the full frame."""
    half_w = width / 2
    half_h = half_w * config.frame_height / config.frame_width
    limit_x, limit_y = theme.FRAME_WIDTH / 2 - half_w, theme.FRAME_HEIGHT / 2 - half_h
    return np.array([np.clip(center[0], -limit_x, limit_x), np.clip(center[1], -limit_y, limit_y),
                     0.0])


def look_at(frame: Mobject, targets: Iterable[Mobject], texts: Iterable[Mobject] = (), *,
            margin: float = 0.3) -> Animation:
    """The camera ``frame`` moving to frame ``targets`` closely (see ``view_of``)."""
    center, width = view_of(list(targets), list(texts), margin=margin)
    return frame.animate.set(width=width).move_to(center)


def look_back(frame: Mobject) -> Animation:
    """The camera ``frame`` returning to the full frame."""
    return frame.animate.set(width=config.frame_width).move_to(np.zeros(3))


def pin(camera, mobject: Mobject) -> Mobject:
    """Pin ``mobject`` to the frame of a 3-D ``camera``, unmoved by its turns; parts that a
    transform or a readout adds later are pinned as they come."""
    camera.add_fixed_in_frame_mobjects(mobject)
    return mobject.add_updater(lambda m: camera.add_fixed_in_frame_mobjects(m))


def morph_pinned(camera, old: Mobject, new: Mobject) -> Transform:
    """Transform a pinned ``old`` into ``new``, its parts matched beforehand so that the parts
    the transform would add are pinned from its first frame."""
    old.align_data(new.copy())
    camera.add_fixed_in_frame_mobjects(old)
    return Transform(old, new)


def turn(camera, centre: np.ndarray | None = None, zoom: float | None = None,
         **angles: float) -> list[Animation]:
    """Animations turning a 3-D ``camera`` to ``phi``/``theta``, zooming, and moving the point
    it looks at to ``centre``."""
    trackers = {"phi": camera.phi_tracker, "theta": camera.theta_tracker,
                "zoom": camera.zoom_tracker}
    moves = [trackers[k].animate.set_value(v) for k, v in (*angles.items(), ("zoom", zoom))
             if v is not None]
    return moves + ([camera._frame_center.animate.move_to(centre)] if centre is not None else [])
