"""Renders every registered scene once per config at 160x90, 5 fps, for the scene tests."""

from __future__ import annotations

import pytest

from nnmath.config import load_config
from nnmath.lecture_data import LectureData
from scenes import base, registry
from scripts.rendering import render_scene

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}
OTHER_SEED = """seed = 7
[training]
epochs = 1500
"""


def _use_config(monkeypatch, path) -> None:
    """Point the scenes at ``path`` (None: defaults) and forget what they cached."""
    if path is None:
        monkeypatch.delenv(base.CONFIG_ENV, raising=False)
    else:
        monkeypatch.setenv(base.CONFIG_ENV, str(path))
    base.lecture_config.cache_clear()
    base.lecture_data.cache_clear()


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """slug -> RenderedScene (video, captions, displayed numbers) for the default lecture."""
    media = tmp_path_factory.mktemp("scenes-default")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _use_config(monkeypatch, None)
        results = {entry.slug: render_scene(entry, media, overrides=TINY, progress=False)
                   for entry in registry.SCENES}
        _use_config(monkeypatch, None)
    return results


@pytest.fixture(scope="session")
def other_config(tmp_path_factory):
    """(LectureData, slug -> RenderedScene) for a lecture with another seed (last frames only:
    the numbers a scene shows are fixed when it builds them)."""
    folder = tmp_path_factory.mktemp("scenes-other")
    path = folder / "lecture.toml"
    path.write_text(OTHER_SEED)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _use_config(monkeypatch, path)
        results = {entry.slug: render_scene(entry, folder, frame_only=True, overrides=TINY,
                                            progress=False)
                   for entry in registry.SCENES}
        _use_config(monkeypatch, None)
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
