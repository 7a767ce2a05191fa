"""The light theme, selected by config, reaches the rendered frames."""

from __future__ import annotations

import numpy as np
import pytest
from manim import color_to_int_rgb
from PIL import Image

from scenes import base, registry, theme
from scripts.rendering import render_scene


def test_light_theme_from_config_paints_the_background(tmp_path, tiny_render, monkeypatch):
    config = tmp_path / "lecture.toml"
    config.write_text('[lecture]\ntheme = "light"\n')
    monkeypatch.setenv(base.CONFIG_ENV, str(config))
    base.lecture_config.cache_clear()
    try:
        result = render_scene(registry.get("title"), tmp_path, frame_only=True,
                              overrides=tiny_render, progress=False)
    finally:
        base.lecture_config.cache_clear()
        theme.use("dark")
    corner = np.asarray(Image.open(result.frame).convert("RGB"))[0, 0]
    assert tuple(corner) == tuple(color_to_int_rgb(theme.LIGHT.background))
    assert tuple(corner) != tuple(color_to_int_rgb(theme.DARK.background))


def test_unknown_theme_is_refused():
    with pytest.raises(ValueError, match="sepia"):
        theme.use("sepia")
