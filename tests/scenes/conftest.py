"""Renders every registered scene once per config at 160x90, 5 fps, for the scene tests."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import manimpango
import pytest

from nnmath.config import load_config
from nnmath.lecture_data import LectureData
from scenes import base, registry
from layout import CONFIGS, check_config, render_one, wide_text_canvas

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5}
# Seconds each scene took to render at the tiny size (so the slowest start first).
EXPECTED_SECONDS = {"backprop": 10, "summary": 9, "gradient_descent": 8, "neuron": 5,
                    "activations": 5, "black_box": 4}
OTHER_SEED = """seed = 7
[training]
epochs = 1500
"""


def _text_as_at_full_size(monkeypatch) -> None:
    """Text laid out on a full-HD canvas, as in a real render (see ``wide_text_canvas``)."""
    monkeypatch.setattr(manimpango, "text2svg", wide_text_canvas(manimpango.text2svg))


def context_of(path) -> base.LectureContext:
    """The scenes' context of the config at ``path`` (None: defaults)."""
    return base.LectureContext.build(load_config(str(path) if path else None))


@pytest.fixture(scope="session")
def layout_checks() -> dict:
    """config name -> slug -> LayoutCheck, filled by every fixture that renders scenes."""
    return {}


def render_checked(path, folder, checks: dict, *, frame_only: bool) -> dict:
    """Render every scene for the config at ``path`` (None: defaults) with the layout check,
    two at a time in worker processes (longest first); slug -> RenderedScene, and ``checks``
    gets slug -> LayoutCheck."""
    slugs = sorted(registry.slugs(), key=lambda slug: -EXPECTED_SECONDS.get(slug, 0))
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver"),
                             max_tasks_per_child=1) as pool:
        done = pool.map(render_one, slugs, [str(path) if path else None] * len(slugs),
                        [str(folder)] * len(slugs), [frame_only] * len(slugs),
                        [TINY] * len(slugs))
        found = dict(zip(slugs, done))
    checks.update({slug: found[slug][1] for slug in registry.slugs()})
    return {slug: found[slug][0] for slug in registry.slugs()}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, layout_checks):
    """slug -> RenderedScene (video, captions, displayed numbers) for the default lecture."""
    media = tmp_path_factory.mktemp("scenes-default")
    return render_checked(None, media, layout_checks.setdefault("default", {}), frame_only=False)


@pytest.fixture(scope="session")
def config_checks(tmp_path_factory) -> dict:
    """name -> (slug -> LayoutCheck, slug -> render error) for every config of the layout test,
    last frames only, two configs at a time in worker processes (one per config: the scenes'
    caches and Manim's config stay per process)."""
    folder = tmp_path_factory.mktemp("layout-configs")
    names = sorted(CONFIGS)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver"),
                             max_tasks_per_child=1) as pool:
        results = pool.map(check_config, names, [str(folder / name) for name in names],
                           [TINY] * len(names))
        return {name: (checks, errors) for name, checks, errors in results}


@pytest.fixture
def use_config(monkeypatch):
    """use(toml_text, folder): the context of that config, text laid out as at full size."""
    def use(text: str, folder) -> base.LectureContext:
        path = folder / "lecture.toml"
        path.write_text(text)
        _text_as_at_full_size(monkeypatch)
        return context_of(path)
    yield use


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
