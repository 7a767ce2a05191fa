"""Renders every registered scene once per config at 160x90, 5 fps, for the scene tests."""

from __future__ import annotations

import manimpango
import pytest

from nnmath.config import load_config
from nnmath.lecture_data import LectureData
from scenes import base, registry
from scripts.rendering import RenderError, render_scene
from layout import CONFIGS, LayoutCheck

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}
OTHER_SEED = """seed = 7
[training]
epochs = 1500
"""


def _text_as_at_full_size(monkeypatch) -> None:
    """Pango wraps a Text at the render's pixel width: at 160 px most headings would wrap onto
    two lines. Tiny test renders lay text out on a full-HD canvas, as a real render does."""
    original = manimpango.text2svg

    def text2svg(settings, size, line_spacing, disable_liga, file_name, start_x, start_y,
                 width, height, *rest):
        return original(settings, size, line_spacing, disable_liga, file_name, start_x, start_y,
                        max(width, 1920), max(height, 1080), *rest)

    monkeypatch.setattr(manimpango, "text2svg", text2svg)


def _use_config(monkeypatch, path) -> None:
    """Point the scenes at ``path`` (None: defaults) and forget what they cached."""
    if path is None:
        monkeypatch.delenv(base.CONFIG_ENV, raising=False)
    else:
        monkeypatch.setenv(base.CONFIG_ENV, str(path))
    base.lecture_config.cache_clear()
    base.lecture_data.cache_clear()


@pytest.fixture(scope="session")
def layout_checks() -> dict:
    """config name -> slug -> LayoutCheck, filled by every fixture that renders scenes."""
    return {}


def render_checked(path, folder, checks: dict, *, frame_only: bool,
                   errors: dict | None = None) -> dict:
    """Render every scene for the config at ``path`` (None: defaults) with the layout check;
    slug -> RenderedScene, and ``checks`` gets slug -> LayoutCheck. With ``errors``, a scene
    that fails is recorded there (slug -> message) and the others still render."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _use_config(monkeypatch, path)
        _text_as_at_full_size(monkeypatch)
        results = {}
        for entry in registry.SCENES:
            checks[entry.slug] = LayoutCheck(entry.slug)
            try:
                results[entry.slug] = render_scene(entry, folder, frame_only=frame_only,
                                                   overrides=TINY, progress=False,
                                                   on_play=checks[entry.slug])
            except RenderError as err:
                if errors is None:
                    raise
                errors[entry.slug] = str(err)
        _use_config(monkeypatch, None)
    return results


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, layout_checks):
    """slug -> RenderedScene (video, captions, displayed numbers) for the default lecture."""
    media = tmp_path_factory.mktemp("scenes-default")
    return render_checked(None, media, layout_checks.setdefault("default", {}), frame_only=False)


@pytest.fixture(scope="session", params=sorted(CONFIGS))
def config_checks(request, tmp_path_factory, layout_checks):
    """(name, slug -> LayoutCheck, slug -> render error) for one of the layout test's configs
    (last frames only)."""
    name = request.param
    folder = tmp_path_factory.mktemp(f"layout-{name}")
    path = folder / "lecture.toml"
    path.write_text(CONFIGS[name])
    errors: dict = {}
    render_checked(path, folder, layout_checks.setdefault(name, {}), frame_only=True,
                   errors=errors)
    return name, layout_checks[name], errors


@pytest.fixture
def use_config(monkeypatch):
    """use(toml_text, folder): the scenes read that config until the test ends."""
    def use(text: str, folder) -> None:
        path = folder / "lecture.toml"
        path.write_text(text)
        _use_config(monkeypatch, path)
        _text_as_at_full_size(monkeypatch)
    yield use
    base.lecture_config.cache_clear()
    base.lecture_data.cache_clear()


@pytest.fixture(scope="session")
def other_config(tmp_path_factory, layout_checks):
    """(LectureData, slug -> RenderedScene) for a lecture with another seed (last frames only:
    the numbers a scene shows are fixed when it builds them)."""
    folder = tmp_path_factory.mktemp("scenes-other")
    path = folder / "lecture.toml"
    path.write_text(OTHER_SEED)
    results = render_checked(path, folder, layout_checks.setdefault("other seed", {}),
                             frame_only=True)
    return LectureData.build(load_config(str(path))), results


@pytest.fixture(scope="session")
def data():
    return LectureData.build(load_config(None))


@pytest.fixture(scope="session")
def check_numbers():
    """check(slug, shown, want): the scene showed only known numbers, each equal to ``want``."""
    def check(slug: str, shown: dict, want: dict) -> None:
        assert shown, f"{slug} recorded no numbers"
        unknown = set(shown) - set(want)
        assert not unknown, f"{slug} shows numbers the test does not know: {sorted(unknown)}"
        for key, value in shown.items():
            assert value == pytest.approx(want[key], abs=1e-9), f"{slug}: {key}"
    return check
