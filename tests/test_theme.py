"""The light theme, selected by config, reaches the rendered frames; every palette colour is
readable as text on its theme's background."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest
from manim import color_to_int_rgb
from PIL import Image

from nnmath.config import load_config
from scenes import base, registry, theme
from scripts.render.scene import render_scene


@pytest.mark.render
def test_light_theme_from_config_paints_the_background(tmp_path, tiny_render, monkeypatch):
    config = tmp_path / "lecture.toml"
    config.write_text('[lecture]\ntheme = "light"\n')
    context = base.LectureContext.build(load_config(str(config)))
    result = render_scene(registry.get("title"), tmp_path, frame_only=True,
                          overrides=tiny_render, progress=False, context=context)
    corner = np.asarray(Image.open(result.frame).convert("RGB"))[0, 0]
    assert tuple(corner) == tuple(color_to_int_rgb(theme.LIGHT.background))
    assert tuple(corner) != tuple(color_to_int_rgb(theme.DARK.background))


def test_unknown_theme_is_refused():
    with pytest.raises(ValueError, match="sepia"):
        theme.named("sepia")


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a ``#RRGGBB`` colour, from linearised sRGB channels."""
    channels = [int(colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: str, other: str) -> float:
    """WCAG 2's contrast ratio, lighter over darker: 1 (none) to 21 (black on white)."""
    darker, lighter = sorted((relative_luminance(one), relative_luminance(other)))
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("#000000", "#FFFFFF", 21.0),     # the largest ratio there is
    ("#777777", "#FFFFFF", 4.478),    # (119/255 + 0.055)/1.055 = 0.4945, ^2.4: 0.1845
    ("#FFFFFF", "#777777", 4.478),    # the order does not matter
    ("#FF0000", "#FFFFFF", 3.998),    # pure red: luminance 0.2126
])
def test_contrast_ratio_matches_values_worked_by_hand(one, other, expected):
    assert contrast_ratio(one, other) == pytest.approx(expected, abs=0.001)


# WCAG AA for small text. Every palette colour is used for text somewhere, so all must pass.
AA_TEXT = 4.5


@pytest.mark.parametrize("name", sorted(theme.PALETTES))
def test_every_palette_colour_is_readable_as_text_on_its_background(name):
    palette = theme.PALETTES[name]
    ratios = {field.name: contrast_ratio(getattr(palette, field.name), palette.background)
              for field in fields(palette) if field.name != "background"}
    too_faint = {colour: round(ratio, 2) for colour, ratio in ratios.items() if ratio < AA_TEXT}
    assert too_faint == {}, f"{name} theme: below {AA_TEXT}:1 against {palette.background}"
