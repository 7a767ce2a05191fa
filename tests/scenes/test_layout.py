"""The layout check (tests/layout.py) on every scene: the default lecture in both themes, another
seed, and configs that together span the documented ranges (1 to 3 hidden layers of 1 to 32
neurons, every data set and activation, the largest hidden-size list, first and last example).

The default lecture is checked while the scene tests render it anyway; every other config renders
last frames only (Manim skips each animation to its end state, where the check runs).
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import (LEFT, RIGHT, UP, Arrow, FadeIn, GrowArrow, Indicate, MathTex, MovingCameraScene,
                   Scene, Succession, Text, linear, tempconfig)

from conftest import DEFAULT
from layout import CONFIGS, LayoutCheck, checking_frames, crosses, Box
from scenes import registry, theme
from scenes.mobjects.heatmap import Heatmap
from scripts.render.scene import render_scene

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}

SLUGS = [entry.slug for entry in registry.SCENES]


def assert_laid_out(check) -> None:
    if check.issues:
        pytest.fail("layout issues:\n" + check.report(), pytrace=False)


@pytest.mark.render
@pytest.mark.parametrize("slug", SLUGS)
def test_default_lecture_is_laid_out(scene_renders, slug):
    _, check, error = scene_renders[DEFAULT][slug]
    assert error is None, error
    assert_laid_out(check)


@pytest.mark.render
@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_configs_are_laid_out(scene_renders, name, slug):
    _, check, error = scene_renders[name][slug]
    assert error is None, f"{name}: {error}"
    assert_laid_out(check)


def check_after_play(tmp_path, build, scene_class=Scene) -> LayoutCheck:
    """Run ``build(scene)`` (it adds or plays texts) in a scene that is not rendered, then the
    layout check once."""
    check = LayoutCheck("probe")

    class Probe(scene_class):
        def construct(self):
            self.overlap_allowed = []
            build(self)
            check(self)

    with tempconfig({"dry_run": True, "tex_dir": str(tmp_path / "Tex"),
                     "text_dir": str(tmp_path / "texts")}):
        Probe().render()
    return check


def text(word: str, size: float = theme.TYPE.body) -> Text:
    return Text(word, font=theme.FONT, font_size=size)


def kinds(check: LayoutCheck) -> list:
    return sorted((issue.kind, issue.texts) for issue in check.issues.values())


@pytest.mark.render
def test_the_check_reports_overlap_edge_and_size(tmp_path):
    def build(scene):
        scene.add(text("left"), text("right").shift(RIGHT * 0.3), text("away").move_to([7, 0, 0]),
                  text("tiny", theme.TYPE.label * 0.6).move_to([0, -2, 0]))
    assert kinds(check_after_play(tmp_path, build)) == [
        ("off frame", ("away",)), ("overlap", ("left", "right")), ("too small", ("tiny",))]


@pytest.mark.render
def test_under_a_zoomed_camera_only_texts_in_view_count_and_they_look_larger(tmp_path):
    """Zoomed onto the origin (a view 4 units wide): a text the view's edge cuts is off frame,
    a text wholly outside is simply not on screen, and a text too small for the full frame
    reads at four times its size."""
    def build(scene):
        scene.camera.frame.scale(4 / scene.camera.frame.width).move_to([0, 0, 0])
        scene.add(text("cut").move_to([2, 0, 0]), text("elsewhere").move_to([6, 3, 0]),
                  text("near", theme.TYPE.label * 0.6).move_to([0, -0.8, 0]),
                  text("far").move_to([6.2, 3, 0]))
    assert kinds(check_after_play(tmp_path, build, MovingCameraScene)) == [("off frame", ("cut",))]


def played(tmp_path, build) -> LayoutCheck:
    """Render ``build(scene)`` at the tiny size with the layout check on every frame."""
    check = LayoutCheck("probe")

    class Probe(Scene):
        def construct(self):
            self.overlap_allowed = []
            build(self)

    with tempconfig({**TINY, "media_dir": str(tmp_path), "progress_bar": "none",
                     "disable_caching": True}), checking_frames(check):
        Probe().render()
    return check


def test_a_segment_crosses_a_box_only_through_its_inside():
    box = Box(0, 0, 1, 1)
    assert crosses(np.array([-1, 0.5]), np.array([2, 0.5]), box)
    assert crosses(np.array([0.5, 0.5]), np.array([3, 3]), box)          # starts inside
    assert not crosses(np.array([-1, 0.5]), np.array([-0.1, 0.5]), box)  # stops short
    assert not crosses(np.array([-1, 1.01]), np.array([2, 1.01]), box)   # grazes the top
    assert not crosses(np.array([-1, 2]), np.array([2, 1.5]), box)


@pytest.mark.render
def test_an_arrow_growing_into_a_label_that_stands_still_is_reported(tmp_path):
    """The black_box case: the label stands, the arrow pointing at it grows into it."""
    def into(scene):
        label = text("network")
        scene.add(label)
        scene.play(GrowArrow(Arrow(LEFT * 4, RIGHT * 0.2, buff=0)), run_time=2)

    def beside(scene):
        label = text("network")
        scene.add(label)
        scene.play(GrowArrow(Arrow(LEFT * 4, label.get_left() + LEFT * 0.1, buff=0)), run_time=2)

    def across(scene):   # only during the animation: it ends clear of the label
        label = text("network")
        scene.add(label)
        arrow = Arrow(LEFT * 5, LEFT * 4, buff=0)
        scene.play(arrow.animate.shift(RIGHT * 9), run_time=5, rate_func=linear)

    def flying(scene):
        scene.add(Arrow(UP * 2, UP * -2, buff=0))
        scene.play(text("passing").animate.shift(RIGHT * 6), run_time=1)

    assert kinds(played(tmp_path, into)) == [("text on an arrow", ("network",))]
    assert kinds(played(tmp_path, across)) == [("text on an arrow", ("network",))]
    assert kinds(played(tmp_path, beside)) == []
    assert kinds(played(tmp_path, flying)) == []


@pytest.mark.render
def test_a_declared_overlap_is_allowed(tmp_path):
    def build(scene):
        first, second = text("left"), text("right").shift(RIGHT * 0.3)
        scene.add(first, second)
        scene.overlap_allowed.append((first, second))
    assert kinds(check_after_play(tmp_path, build)) == []


@pytest.mark.render
def test_a_text_indicated_while_it_fades_in_is_reported(tmp_path):
    def together(scene):
        word = text("shown")
        scene.play(FadeIn(word), Indicate(word))

    def in_turn(scene):
        word = text("shown")
        scene.play(Succession(FadeIn(word), Indicate(word)))
    assert kinds(check_after_play(tmp_path, together)) == [
        ("brought in but invisible", ("shown",))]
    assert kinds(check_after_play(tmp_path, in_turn)) == []


@pytest.mark.render
def test_cap_heights_match_the_fonts(tmp_path):
    """The type metrics the size check relies on are the fonts' real ones."""
    with tempconfig({"tex_dir": str(tmp_path / "Tex"), "text_dir": str(tmp_path / "texts")}):
        text = Text("H", font=theme.FONT, font_size=100).height / 100
        math = MathTex("H", font_size=100).height / 100
    assert text == pytest.approx(theme.CAP_HEIGHT_PER_POINT["text"], rel=0.02)
    assert math == pytest.approx(theme.CAP_HEIGHT_PER_POINT["math"], rel=0.02)


def test_a_map_keeps_its_pixels_when_indicated():
    """Indicate recolours its target: a map must keep its data and only take the opacity."""
    heatmap = Heatmap(np.arange(12.0).reshape(3, 4), (0, 1, 0, 1), colors=("#FFFFFF", "#2E8B57"),
                      width=2, height=1.5)
    pixels = heatmap.image.pixel_array.copy()
    heatmap.set_color("#000000")
    np.testing.assert_array_equal(heatmap.image.pixel_array, pixels)


@pytest.mark.render
def test_light_theme_maps_never_turn_into_blocks(tmp_path, use_config, video_facts):
    """Every frame of the light inside-the-network scene: no large area of pure black, which
    only appears when a map's pixels were painted over (the theme's darkest colour is lighter)."""
    context = use_config('[lecture]\ntheme = "light"\n', tmp_path)
    video = render_scene(registry.get("inside_network"), tmp_path, overrides=TINY,
                         progress=False, context=context).video
    black = [float((frame.max(axis=2) < 12).mean()) for frame in video_facts(video)["frames"]]
    assert max(black) < 0.01, f"{max(black):.1%} of frame {int(np.argmax(black))} is pure black"
