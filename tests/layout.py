"""The layout check: at the end of every animation, every text on screen is readable.

``LayoutCheck(slug)`` is an ``on_play`` hook for ``scripts.render.scene.render_scene``. After each
play or wait it collects the bounding box of every visible text-like mobject (Text, MarkupText,
MathTex, Tex, DecimalNumber, Integer, also inside groups) and records an issue when two overlap
(unless the scene declared the pair with ``allow_overlap``), when one leaves the frame, when one
is smaller than the theme's smallest readable size, or when a text that the step faded or wrote
in ends invisible (another animation of the same step, e.g. an Indicate, undid it). On every
drawn frame, also during animations (``LayoutCheck.frame``), no visible arrow runs through a
text's box (a label growing into the arrow that points at it). Each issue is kept once, at the
first time it was seen, with the strings and boxes of the texts involved.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    Arrow, DecimalNumber, MarkupText, SingleStringMathTex, Text, config,
)

from scenes import theme

# Integer is a DecimalNumber; MathTex and Tex are SingleStringMathTex.
TEXT_TYPES = (DecimalNumber, SingleStringMathTex, Text, MarkupText)
# Frame units (about 2 px at 720p) two boxes may share, or a box may pass the edge, from
# anti-aliasing and glyph side bearings rather than from a layout decision.
TOLERANCE = 0.02
VISIBLE = 0.05   # opacity below which a text counts as not shown
GUIDE = 0.3      # an arrow this faint or fainter is on its way in or out
CROSSING_FRAMES = 3   # drawn frames in a row a text must sit on an arrow to count: a number
                      # flying past an arrow crosses it in a frame or two

# Configs the layout test renders besides the default lecture: together they span the documented
# ranges (1 to 3 hidden layers of 1 to 32 neurons, every data set and activation, the largest
# hidden-size list: 5 sizes up to 32, first and last example, both themes), several extremes in
# each. The theme changes colours, never a box, so the default lecture's light twin is not laid
# out again (deep is light).
CONFIGS = {
    "deep": """
[data]
name = "xor"
n_samples = 120
[network]
layers = [2, 3, 9, 7, 1]
activation = "tanh"
[training]
epochs = 1500
[lecture]
theme = "light"
""",
    "thin": """
[data]
name = "circles"
n_samples = 100
[network]
layers = [2, 1, 1]
activation = "relu"
[training]
epochs = 1000
[lecture]
example_index = 19
""",
    "wide": """
[data]
name = "blobs"
n_samples = 150
[network]
layers = [2, 32, 1]
activation = "leaky_relu"
[training]
epochs = 1000
[lecture]
hidden_sizes = [1, 8, 16, 24, 32]
""",
}


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, mobject) -> Box:
        (x0, y0, _), (x1, y1, _) = mobject.get_corner([-1, -1, 0]), mobject.get_corner([1, 1, 0])
        return cls(float(x0), float(y0), float(x1), float(y1))

    def overlaps(self, other: Box) -> bool:
        """True when the two share more than anti-aliasing in both directions."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return width > TOLERANCE and height > TOLERANCE

    def inside(self, half_width: float, half_height: float) -> bool:
        return (self.x0 >= -half_width - TOLERANCE and self.x1 <= half_width + TOLERANCE
                and self.y0 >= -half_height - TOLERANCE and self.y1 <= half_height + TOLERANCE)

    def __str__(self) -> str:
        return f"[{self.x0:.2f}, {self.y0:.2f}]..[{self.x1:.2f}, {self.y1:.2f}]"


@dataclass(frozen=True)
class Issue:
    scene: str
    time: float
    kind: str            # "overlap", "off frame", "too small", "brought in but invisible" or
                         # "text on an arrow"
    texts: tuple         # the strings involved
    boxes: tuple         # their boxes
    detail: str = ""

    def __str__(self) -> str:
        shown = " and ".join(f"{text!r} {box}" for text, box in zip(self.texts, self.boxes))
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.scene} at {self.time:.2f} s: {self.kind}: {shown}{extra}"


@dataclass(frozen=True)
class View:
    """What the camera shows: a 2-D scene's moving camera frame, else Manim's frame."""
    x: float
    y: float
    width: float
    height: float

    @classmethod
    def of(cls, scene) -> View:
        frame = getattr(scene.camera, "frame", None)
        if frame is None:
            return cls(0.0, 0.0, config.frame_width, config.frame_height)
        x, y, _ = frame.get_center()
        return cls(float(x), float(y), float(frame.width), float(frame.height))

    @property
    def zoom(self) -> float:
        """How much larger than at the full frame a text appears on screen."""
        return config.frame_width / self.width

    @property
    def moved(self) -> bool:
        return abs(self.zoom - 1) > 1e-6 or abs(self.x) > 1e-6 or abs(self.y) > 1e-6

    def shows(self, box: Box) -> bool:
        """Whether the box is wholly in view; under a moved camera a text wholly outside the
        view is not on screen either, so only a text that the view's edge cuts counts."""
        local = Box(box.x0 - self.x, box.y0 - self.y, box.x1 - self.x, box.y1 - self.y)
        half_w, half_h = self.width / 2, self.height / 2
        if local.inside(half_w, half_h):
            return True
        outside = (local.x1 <= -half_w or local.x0 >= half_w or local.y1 <= -half_h
                   or local.y0 >= half_h)
        return self.moved and outside

    def overlaps(self, box: Box) -> bool:
        """Whether any part of the box is in view."""
        return (box.x1 > self.x - self.width / 2 and box.x0 < self.x + self.width / 2
                and box.y1 > self.y - self.height / 2 and box.y0 < self.y + self.height / 2)


def text_of(mobject) -> str:
    """The string a text-like mobject shows, for the report."""
    if isinstance(mobject, DecimalNumber):
        return f"{mobject.get_value():.{mobject.num_decimal_places}f}"
    if isinstance(mobject, SingleStringMathTex):
        return mobject.tex_string
    return getattr(mobject, "original_text", mobject.text)   # Text.text drops the spaces


def cap_height(mobject) -> float:
    """The height an "H" of this mobject's font size has, in frame units: TeX glyphs are
    smaller than the text font's at the same nominal size."""
    kind = "text" if isinstance(mobject, (Text, MarkupText)) else "math"
    return float(mobject.font_size) * theme.CAP_HEIGHT_PER_POINT[kind]


def is_visible(mobject) -> bool:
    """Whether any part of the text is drawn with a noticeable opacity."""
    for part in mobject.get_family():
        if not part.has_points():
            continue
        opacities = np.concatenate([np.ravel(part.get_fill_opacities()),
                                    np.ravel(part.get_stroke_opacities())])
        if opacities.size and opacities.max() > VISIBLE:
            return True
    return False


def wholly_shown(mobject) -> bool:
    """Whether every drawn part of the text is shown (not a text half faded or half morphed
    into something else)."""
    parts = [part for part in mobject.get_family() if part.has_points()]
    return bool(parts) and all(np.max(part.get_fill_opacities(), initial=0) > VISIBLE
                               for part in parts)


def outermost(mobject, kinds):
    """The mobjects of ``kinds`` in ``mobject``'s family, not looking inside one of them or
    inside a text."""
    if isinstance(mobject, kinds):
        yield mobject
    elif not isinstance(mobject, TEXT_TYPES):
        for sub in mobject.submobjects:
            yield from outermost(sub, kinds)


def texts_in(mobject):
    """The text-like mobjects in ``mobject``'s family, not looking inside a text."""
    return outermost(mobject, TEXT_TYPES)


def flat_camera(scene) -> bool:
    """True unless a 3-D camera looks at the scene from somewhere else than straight above,
    where positions are frame positions."""
    camera = scene.camera
    if not hasattr(camera, "get_phi"):
        return True
    return (abs(camera.get_phi()) < 1e-6 and abs(camera.get_theta() + math.pi / 2) < 1e-6
            and abs(camera.get_gamma()) < 1e-6 and abs(camera.get_zoom() - 1) < 1e-6
            and np.allclose(camera.frame_center, 0))


def screen_texts(scene) -> list:
    """Every visible text on screen whose box is in frame coordinates: in a turned 3-D view,
    only those pinned to the frame."""
    fixed = getattr(scene.camera, "fixed_in_frame_mobjects", None)
    flat = flat_camera(scene)
    seen, found = set(), []
    for top in scene.mobjects:
        for text in texts_in(top):
            if id(text) in seen or not text.has_points() and not text.submobjects:
                continue
            seen.add(id(text))
            if not flat and text not in (fixed or ()):
                continue
            if text.width > 0 and is_visible(text):
                found.append(text)
    return found


def introducers(animations):
    """The animations that bring a mobject on screen (FadeIn, Write, Create...), also inside
    groups and successions."""
    for animation in animations:
        if animation.is_introducer():
            yield animation
        yield from introducers(getattr(animation, "animations", ()))


def introduced_texts(scene) -> list:
    """The texts the scene's last play brought in and that are still part of the scene."""
    on_screen = {id(m) for top in scene.mobjects for m in top.get_family()}
    return [text for animation in introducers(getattr(scene, "animations", None) or ())
            for text in texts_in(animation.mobject)
            if id(text) in on_screen and any(part.has_points() for part in text.get_family())]


def allowed_pairs(scene) -> set:
    """Pairs of text ids the scene declared may overlap (``LectureMixin.allow_overlap``)."""
    pairs = set()
    for first, second in getattr(scene, "overlap_allowed", ()):
        a = [id(m) for m in first.get_family()]
        b = [id(m) for m in second.get_family()]
        pairs |= {frozenset((i, j)) for i in a for j in b if i != j}
    return pairs


def screen_arrows(scene) -> list:
    """Every visible arrow on screen, in a view where positions are frame positions."""
    if not flat_camera(scene):
        return []
    found = []
    for top in scene.mobjects:
        for arrow in outermost(top, Arrow):   # Arrow, DoubleArrow, Vector
            if (all(part.has_points() for part in arrow.get_family())
                    and arrow.get_stroke_width() > 0
                    and np.max(arrow.get_stroke_opacities(), initial=0) > GUIDE
                    and arrow.get_length() > TOLERANCE):
                found.append(arrow)
    return found


def crosses(start, end, box: Box) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box`` shrunk by the
    tolerance on every side (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = (box.x0 + TOLERANCE, box.y0 + TOLERANCE, box.x1 - TOLERANCE,
                      box.y1 - TOLERANCE)
    if x0 >= x1 or y0 >= y1:
        return False
    dx, dy = end[0] - start[0], end[1] - start[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, start[0] - x0), (dx, x1 - start[0]), (-dy, start[1] - y0),
                 (dy, y1 - start[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


class LayoutCheck:
    """An ``on_play`` hook that records the layout issues of one scene's render; its ``frame``
    is called on every drawn frame (see ``render_one``)."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.issues: dict[tuple, Issue] = {}
        self.crossings: dict[tuple, int] = {}   # (text id, arrow id) -> frames in a row
        self.boxes: dict[int, Box] = {}          # text id -> its box in the frame before

    def __call__(self, scene) -> None:
        view = View.of(scene)
        texts = [text for text in screen_texts(scene)
                 if not view.moved or view.overlaps(Box.of(text))]
        boxes = [Box.of(text) for text in texts]
        names = [text_of(text) for text in texts]
        for text, box, name in zip(texts, boxes, names):
            self._single(scene, text, box, name)
        allowed = allowed_pairs(scene)
        for i, j in _overlapping(boxes):
            if frozenset((id(texts[i]), id(texts[j]))) not in allowed:
                self._add(scene, "overlap", (names[i], names[j]), (boxes[i], boxes[j]))
        for text in introduced_texts(scene):
            if not is_visible(text):
                self._add(scene, "brought in but invisible", (text_of(text),), (Box.of(text),),
                          "another animation of the same step undid its fade-in")
        self.frame(scene, at_rest=True)

    def frame(self, scene, at_rest: bool = False) -> None:
        """A drawn frame: no visible arrow runs through a text that stands still (as a label
        does while the arrow pointing at it grows) for CROSSING_FRAMES frames in a row, or at all
        when the picture is at rest (the end of a play). A text that is itself moving, fading
        or morphing into the next picture may pass an arrow."""
        arrows = screen_arrows(scene)
        texts = screen_texts(scene) if arrows else []
        boxes = {id(text): Box.of(text) for text in texts}
        allowed = allowed_pairs(scene) if arrows else set()
        seen = {}
        for text in texts:
            box = boxes[id(text)]
            if not wholly_shown(text) or not at_rest and not _same(box, self.boxes.get(id(text))):
                continue
            for arrow in arrows:
                if (frozenset((id(text), id(arrow))) not in allowed
                        and crosses(arrow.get_start(), arrow.get_end(), box)):
                    key = (id(text), id(arrow))
                    seen[key] = self.crossings.get(key, 0) + 1
                    if at_rest or seen[key] >= CROSSING_FRAMES:
                        self._add(scene, "text on an arrow", (text_of(text),), (box,),
                                  f"arrow from {np.round(arrow.get_start()[:2], 2)} to "
                                  f"{np.round(arrow.get_end()[:2], 2)}")
        if not at_rest:
            self.crossings, self.boxes = seen, boxes

    def _single(self, scene, text, box: Box, name: str) -> None:
        view = View.of(scene)
        if not view.shows(box):
            self._add(scene, "off frame", (name,), (box,),
                      f"frame {view.width:.2f} x {view.height:.2f} at "
                      f"({view.x:.2f}, {view.y:.2f})")
        height = cap_height(text) * view.zoom
        if height < theme.MIN_CAP_HEIGHT * (1 - 1e-3):
            self._add(scene, "too small", (name,), (box,),
                      f"cap height {height:.3f} < {theme.MIN_CAP_HEIGHT:.3f} on screen, "
                      f"font size {text.font_size:.1f}, zoom {view.zoom:.2f}")

    def _add(self, scene, kind: str, names: tuple, boxes: tuple, detail: str = "") -> None:
        key = (kind, names)
        if key not in self.issues:
            self.issues[key] = Issue(self.slug, float(scene.time), kind, names, boxes, detail)

    def report(self) -> str:
        """One issue per line, in the order they were first seen."""
        return "\n".join(str(issue) for issue in self.issues.values())


def _same(box: Box, before: Box | None) -> bool:
    return before is not None and max(abs(box.x0 - before.x0), abs(box.y0 - before.y0),
                                      abs(box.x1 - before.x1), abs(box.y1 - before.y1)) < 1e-3


def _overlapping(boxes: list[Box]):
    """Index pairs of overlapping boxes (sorted by left edge, so most pairs are never tried)."""
    order = sorted(range(len(boxes)), key=lambda k: boxes[k].x0)
    for a, i in enumerate(order):
        for j in order[a + 1:]:
            if boxes[j].x0 >= boxes[i].x1 - TOLERANCE:
                break
            if boxes[i].overlaps(boxes[j]):
                yield i, j


# ---- rendering a config with the check ---------------------------------------------------------

def wide_text_canvas(text2svg):
    """Wrap manimpango's ``text2svg``: Pango wraps a Text at the render's pixel width, so at the
    tests' 160 px most headings would wrap onto two lines. Tiny test renders lay text out on a
    full-HD canvas, as a real render does."""
    def wrapped(settings, size, line_spacing, disable_liga, file_name, start_x, start_y, width,
                height, *rest):
        return text2svg(settings, size, line_spacing, disable_liga, file_name, start_x, start_y,
                        max(width, 1920), max(height, 1080), *rest)
    return wrapped


def render_one(slug: str, folder: str, frame_only: bool, overrides: dict, context
               ) -> tuple[object, LayoutCheck, str | None]:
    """Render scene ``slug`` from ``context`` (a LectureContext) into ``folder`` with the layout
    check, in a worker process of a pool; returns (RenderedScene or None, LayoutCheck, the render
    error or None). Each scene has its own LaTeX and Text folders: Manim's LaTeX clean-up deletes
    the other files of its folder, which would race between workers."""
    import manimpango

    from scenes import registry
    from scripts.render.scene import RenderError, render_scene

    if not getattr(manimpango.text2svg, "wide", False):
        manimpango.text2svg = wide_text_canvas(manimpango.text2svg)
        manimpango.text2svg.wide = True
    work = Path(folder) / ".manim"
    own = {"tex_dir": str(work / "tex" / slug), "text_dir": str(work / "texts" / slug)}
    check = LayoutCheck(slug)
    try:
        with checking_frames(check):
            result = render_scene(registry.get(slug), Path(folder), frame_only=frame_only,
                                  overrides={**overrides, **own}, context=context,
                                  progress=False, on_play=check)
    except RenderError as err:
        return None, check, str(err)
    return result, check, None


@contextmanager
def checking_frames(check: LayoutCheck):
    """While it lasts, every frame Manim draws in this process goes through ``check.frame``."""
    from manim.renderer.cairo_renderer import CairoRenderer

    draw = CairoRenderer.render

    def draw_and_check(renderer, scene, *args, **kwargs):
        draw(renderer, scene, *args, **kwargs)
        check.frame(scene)

    CairoRenderer.render = draw_and_check
    try:
        yield check
    finally:
        CairoRenderer.render = draw
