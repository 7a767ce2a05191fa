"""The scene cache: what re-renders a scene, what does not, and that a re-run only assembles."""

from __future__ import annotations

import time

import pytest
from lecture_helpers import QUALITY, TINY, render
from lecture_test_scenes import QUICK, QUICK_TOO

from scenes import registry
from scripts.render.cache import PROJECT_ROOT, scene_key, scene_sources
from scripts.render.scene import quality_settings

pytestmark = [pytest.mark.render, pytest.mark.voice]

SETTINGS = {**quality_settings(QUALITY), **TINY}


def test_a_second_run_with_nothing_changed_renders_no_scene(tiny_lecture, tmp_path):
    before = published(tiny_lecture.out_dir)
    started = time.perf_counter()
    again = render(tiny_lecture.media_dir, tiny_lecture.entries, voice=tiny_lecture.voice)
    elapsed = time.perf_counter() - started
    assert again.report.rendered == {} and again.report.encoded == {}
    slugs = [entry.slug for entry in tiny_lecture.entries]
    assert again.report.cached == slugs
    assert elapsed < 2.0, f"re-assembling took {elapsed:.2f} s"
    board = [line.split()[:2] for line in again.output.splitlines()]
    assert board == [[slug, "cached"] for slug in slugs]
    assert published(again.out_dir) == before   # deterministic assembly: the same bytes
    assert "== title: cached" in (again.out_dir / "render.log").read_text()


def published(folder) -> dict:
    """The lecture folder's files and bytes, but the render's log (its times differ)."""
    return {path: path.read_bytes() for path in folder.rglob("*")
            if path.is_file() and path.name != "render.log"}


def test_force_renders_again_and_new_formats_only_encode(tmp_path):
    first = render(tmp_path, [QUICK])
    assert list(first.report.rendered) == ["quick"]
    more = render(tmp_path, [QUICK], formats=("webm", "gif"))
    assert more.report.rendered == {} and list(more.report.encoded) == ["quick"]
    assert (more.out_dir / "clips" / "quick.webm").stat().st_size > 0
    assert (more.out_dir / "clips" / "quick.gif").read_bytes()[:6] == b"GIF89a"
    forced = render(tmp_path, [QUICK], force=True)
    assert list(forced.report.rendered) == ["quick"]
    # This run did not ask for WebM or GIF, so the published folder no longer has them.
    assert sorted(path.name for path in (forced.out_dir / "clips").iterdir()) == [
        "quick.mp4", "quick.srt", "quick.vtt"]


def test_removing_a_scene_removes_its_files_from_the_lecture(tmp_path):
    both = render(tmp_path, [QUICK, QUICK_TOO])
    assert (both.out_dir / "posters" / "quick_too.png").is_file()
    one = render(tmp_path, [QUICK])
    assert one.report.cached == ["quick"]
    assert sorted(path.name for path in (one.out_dir / "posters").iterdir()) == ["quick.png"]
    assert not (one.out_dir / "clips" / "quick_too.mp4").exists()


def test_scene_sources_follow_project_imports_only():
    sources = {path.relative_to(PROJECT_ROOT).as_posix() for path in scene_sources("scenes.title")}
    assert {"scenes/title.py", "scenes/base.py", "scenes/theme.py", "scenes/registry.py"} <= sources
    assert all(path.startswith(("scenes/", "nnmath/")) for path in sources)


def test_key_changes_with_what_affects_the_scene_and_nothing_else(tmp_path, monkeypatch):
    module = tmp_path / "probe_scene.py"
    module.write_text("from scenes import theme\nclass Probe: pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    probe = registry.SceneEntry("probe", "probe_scene:Probe", "Probe", "")
    config = tmp_path / "lecture.toml"
    config.write_text("# defaults\n")

    def key(entry=probe, quality=QUALITY, settings=SETTINGS, config_path=None):
        return scene_key(entry, quality=quality, settings=settings, config_path=config_path)

    base, title = key(), key(registry.get("title"))
    assert key() == base                                              # stable
    assert key(quality="l") != base
    assert key(settings={**SETTINGS, "pixel_width": 320}) != base
    assert key(config_path=config) != base
    with_config = key(config_path=config)
    config.write_text("# another config\n")
    assert key(config_path=config) != with_config
    module.write_text("from scenes import theme\nclass Probe:\n    pass  # edited\n")
    assert key() != base
    assert key(registry.get("title")) == title                       # other scenes untouched
