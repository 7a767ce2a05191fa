"""Slides that stop at every narration step: slides.html, lecture.pptx and handout.pdf.

One small lecture of the quick test scenes (two steps each) rendered at 160x90, 5 fps with
``formats=("slides",)``; the page is played in Debian's chromium with every non-local request
blocked, as on a laptop with no internet.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading

import av
import numpy as np
import pytest
from lecture_helpers import render
from lecture_test_scenes import OTHER, QUICK
from test_lecture_browser import CHROMIUM, FLAGS, RangeHandler

from scripts.publish.assemble import PRESENTING
from scripts.render.cache import load_record

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def presented(tmp_path_factory):
    return render(tmp_path_factory.mktemp("slides-media"), [QUICK, OTHER], formats=("slides",))


@pytest.fixture(scope="module")
def lines(presented) -> list[str]:
    """Every narration line of the lecture, in order: what each step's notes must say."""
    cache = presented.media_dir / ".manim" / "lecture" / "draft"
    return [line[2] for entry in (QUICK, OTHER) for line in load_record(cache, entry.slug).lines]


def test_the_lecture_folder_has_the_three_and_index_links_them(presented):
    index = (presented.out_dir / "index.html").read_text()
    for name in PRESENTING:
        assert (presented.out_dir / name).is_file()
        assert f'href="{name}"' in index


def test_slides_html_has_one_slide_per_line_with_its_notes_in_order(presented, lines):
    page = (presented.out_dir / "slides.html").read_text()
    steps = re.findall(r'<section class="step" data-step="(\d+)">', page)
    assert [int(step) for step in steps] == list(range(1, len(lines) + 1))
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', page)
    assert notes == lines
    assert page.count('<section class="chapter"') == 2
    assert "http://" not in page and "https://" not in page


def test_the_deck_has_one_slide_per_line_with_a_video_and_the_line_as_notes(presented, lines):
    from pptx import Presentation

    deck = Presentation(str(presented.out_dir / "lecture.pptx"))
    slides = list(deck.slides)
    assert [slide.notes_slide.notes_text_frame.text for slide in slides] == lines
    for slide in slides:
        movies = [part for part in slide.part.rels.values() if part.reltype.endswith("/video")]
        assert len(movies) == 1


def test_the_handout_has_every_step_with_its_line_under_chapter_headings(presented, lines):
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(presented.out_dir / "handout.pdf").pages)
    text = " ".join(text.split())
    assert re.findall(r"Step (\d+)", text) == [str(n) for n in range(1, len(lines) + 1)]
    position = 0
    for line in [f"1. {QUICK.title}", *lines[:2], f"2. {OTHER.title}", *lines[2:]]:
        position = text.index(" ".join(line.split()), position)


def test_a_step_video_ends_on_the_lecture_frame_at_the_step_end(presented):
    """Each step holds the clip's frames from its line's start to the next line's start (the
    frames before the first line belong to step 1), so its last frame is the one the lecture
    shows at that step's end; re-encoded, its pixels stay within a level or two."""
    cache = presented.media_dir / ".manim" / "lecture" / "draft"
    for entry in (QUICK, OTHER):
        record = load_record(cache, entry.slug)
        manifest = json.loads((cache / record.files["slides"]).read_text())
        times, clip = _frames(cache / record.files["mp4"])
        starts = [line[0] for line in record.lines]
        ends = [sum(time < start - 1e-6 for time in times) for start in starts[1:]] + [len(clip)]
        assert len(manifest["steps"]) == len(record.lines)
        for step, end, previous in zip(manifest["steps"], ends, [0, *ends]):
            _, frames = _frames(cache / step["mp4"])
            assert len(frames) == step["frames"] == end - previous
            assert np.abs(frames[-1] - clip[end - 1]).mean() < 1.5
            assert np.abs(frames[0] - clip[previous]).mean() < 1.5


def test_an_unchanged_rerun_reencodes_nothing_and_rebuilds_nothing(presented):
    before = {path: path.stat().st_mtime_ns
              for path in (presented.media_dir / ".manim" / "lecture" / "draft").iterdir()}
    again = render(presented.media_dir, [QUICK, OTHER], formats=("slides",))
    after = {path: path.stat().st_mtime_ns for path in before}
    assert again.report.cached == [QUICK.slug, OTHER.slug] and not again.report.encoded
    assert after == before


def test_each_step_is_cut_from_the_clip_by_stream_copy(presented):
    """Every narration step starts a Manim animation, hence a keyframe: its video is the clip's
    own packets for its frames, byte for byte, not a second encode."""
    cache = presented.media_dir / ".manim" / "lecture" / "draft"
    for entry in (QUICK, OTHER):
        record = load_record(cache, entry.slug)
        manifest = json.loads((cache / record.files["slides"]).read_text())
        clip = _packets(cache / record.files["mp4"])
        done = 0
        for step in manifest["steps"]:
            packets = _packets(cache / step["mp4"])
            assert packets == clip[done:done + step["frames"]], step["mp4"]
            done += step["frames"]
        assert done == len(clip)


def _packets(path) -> list[bytes]:
    """A video's packets in presentation order, as bytes."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        packets = [packet for packet in container.demux(stream) if packet.pts is not None]
        return [bytes(packet) for packet in sorted(packets, key=lambda packet: packet.pts)]


def _frames(path) -> tuple[list[float], list[np.ndarray]]:
    """A video's frame times (seconds) and its frames as RGB."""
    with av.open(str(path)) as container:
        frames = list(container.decode(video=0))
        return ([float(frame.time) for frame in frames],
                [frame.to_ndarray(format="rgb24").astype(np.int16) for frame in frames])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser_page(presented, browser):
    """slides.html over a local static server, with every other request refused and recorded."""
    handler = functools.partial(RangeHandler, directory=str(presented.out_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    context, outside = _offline(browser, origin)
    failed = []
    page = context.new_page()
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{origin}/slides.html")
    yield page, outside, failed
    context.close()
    server.shutdown()


def _offline(browser, origin: str):
    """A browser context that lets through only URLs under ``origin`` and records the others."""
    outside = []

    def only_local(route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.route("**/*", only_local)
    return context, outside


CURRENT_VIDEO = "document.querySelector('section.step.present video')"


def test_slides_play_step_by_step_with_notes_and_nothing_from_outside(browser_page, presented,
                                                                       lines):
    page, outside, failed = browser_page
    page.wait_for_function(f"{CURRENT_VIDEO} && {CURRENT_VIDEO}.currentTime > 0", timeout=20_000)
    assert page.evaluate("Reveal.getCurrentSlide().dataset.step") == "1"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"{CURRENT_VIDEO}.currentTime > 0", timeout=20_000)
    assert page.evaluate("Reveal.getCurrentSlide().dataset.step") == "3"
    assert page.evaluate(f"{CURRENT_VIDEO}.readyState") >= 2
    assert lines[2] in page.evaluate("Reveal.getSlideNotes()")
    page.screenshot(path=str(presented.media_dir / "slides-step3.png"))
    assert outside == [] and failed == []


def test_going_back_holds_the_previous_step_on_its_last_frame(browser_page):
    page, outside, failed = browser_page
    page.keyboard.press("PageUp")
    page.wait_for_function(f"{CURRENT_VIDEO}.paused && {CURRENT_VIDEO}.readyState >= 2 && "
                           f"{CURRENT_VIDEO}.currentTime === {CURRENT_VIDEO}.duration",
                           timeout=20_000)
    assert page.evaluate("Reveal.getCurrentSlide().dataset.step") == "2"
    assert outside == [] and failed == []


def test_the_speaker_view_shows_the_step_line(browser_page, lines):
    page, outside, failed = browser_page
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    notes = opened.value
    notes.wait_for_function("document.querySelector('.speaker-controls-notes .value') && "
                            "document.querySelector('.speaker-controls-notes .value').textContent"
                            ".length > 0", timeout=20_000)
    assert lines[1] in notes.evaluate(
        "document.querySelector('.speaker-controls-notes .value').textContent")
    notes.close()
    assert outside == [] and failed == []


def test_slides_open_from_disk_with_no_server(presented, browser):
    """A teacher double-clicks slides.html: file:// only, the first step plays."""
    context, outside = _offline(browser, "file://")
    page = context.new_page()
    page.goto((presented.out_dir / "slides.html").as_uri())
    page.wait_for_function(f"{CURRENT_VIDEO} && {CURRENT_VIDEO}.currentTime > 0", timeout=20_000)
    context.close()
    assert outside == []


def test_a_lecture_without_slides_has_none_left_from_an_earlier_run(tmp_path):
    plain = render(tmp_path, [QUICK])
    assert not (plain.out_dir / "slides").exists()
    render(tmp_path, [QUICK], formats=("slides",))
    again = render(tmp_path, [QUICK])
    assert again.report.rendered == {} and again.report.encoded == {}
    assert not any((again.out_dir / name).exists() for name in PRESENTING)
    assert list((again.out_dir / "slides").iterdir()) == []
    assert "slides.html" not in (again.out_dir / "index.html").read_text()


def test_the_slides_take_the_lectures_theme(tmp_path):
    """slides.html and the deck are drawn on the lecture's own background: a light lecture gets
    light slides, and its deck is cached apart from the dark one's."""
    from scenes import theme
    from scripts.publish import assemble, slides

    light = tmp_path / "lecture.toml"
    light.write_text('[lecture]\ntheme = "light"\n')
    assert assemble._palette(light) == theme.LIGHT
    assert assemble._palette(None) == theme.DARK
    chapters = [("Title", {"width": 160, "height": 90,
                           "steps": [{"mp4": "a.mp4", "png": "a.png", "line": "A line."}]})]
    pages = {name: slides.slides_page("T", chapters, palette)
             for name, palette in (("dark", theme.DARK), ("light", theme.LIGHT))}
    assert f"background: {theme.LIGHT.background}" in pages["light"]
    assert theme.DARK.background not in pages["light"]
    assert f"background: {theme.DARK.background}" in pages["dark"]
    assert slides._digest("T", chapters, theme.LIGHT) != slides._digest("T", chapters, theme.DARK)
