"""index.html in a real browser: Debian's chromium, headless, driven by Playwright.

`make test` installs both (chromium through scripts/system_deps.sh, Playwright from PyPI); no
browser is downloaded. The page is served over HTTP with range requests, as a course site would.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import threading

import pytest

pytestmark = [pytest.mark.render, pytest.mark.voice, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with single-range support, which <video> uses to fetch and seek."""

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as handle:
            data = handle.read()
        start = int(match[1])
        end = min(int(match[2]) if match[2] else len(data) - 1, len(data) - 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(data[start:end + 1])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def page(tiny_lecture):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    handler = functools.partial(RangeHandler, directory=str(tiny_lecture.out_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        yield page
        browser.close()
    server.shutdown()


def test_the_lecture_loads_with_its_full_length(page, tiny_lecture):
    page.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=20_000)
    duration = page.evaluate("document.getElementById('lecture').duration")
    assert duration == pytest.approx(tiny_lecture.report.lecture.duration, abs=0.05)


def test_the_lecture_plays_with_sound(page):
    """Muted autoplay is allowed everywhere: after a few seconds of playing, chromium has decoded
    audio bytes."""
    page.evaluate("""() => { const video = document.getElementById('lecture');
                             video.muted = true; video.currentTime = 0; return video.play(); }""")
    page.wait_for_function("document.getElementById('lecture').currentTime > 2", timeout=20_000)
    decoded = page.evaluate("document.getElementById('lecture').webkitAudioDecodedByteCount")
    page.evaluate("document.getElementById('lecture').pause()")
    assert decoded > 0


def test_captions_and_chapters_tracks_have_cues(page, tiny_lecture):
    page.evaluate("""() => { for (const track of document.getElementById('lecture').textTracks)
                               if (track.mode === 'disabled') track.mode = 'hidden'; }""")
    page.wait_for_function("""[...document.getElementById('lecture').textTracks]
                              .every(track => track.cues && track.cues.length > 0)""",
                           timeout=20_000)
    tracks = page.evaluate("""[...document.getElementById('lecture').textTracks]
                              .map(track => [track.kind, track.cues.length,
                                             [...track.cues].map(cue => cue.text)])""")
    captions = (tiny_lecture.out_dir / "lecture.vtt").read_text().count(" --> ")
    kinds = {kind: (count, texts) for kind, count, texts in tracks}
    assert kinds["captions"][0] == captions
    titles = [chapter.title for chapter in tiny_lecture.report.lecture.chapters]
    assert kinds["chapters"] == (len(titles), titles)


def test_clicking_a_chapter_seeks_the_video_there(page, tiny_lecture):
    chapters = tiny_lecture.report.lecture.chapters
    page.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=20_000)
    for index in ([len(chapters) - 1, 0] if len(chapters) > 1 else [0]):
        # Start elsewhere, so that every click has to move the playhead.
        away = float(chapters[index].end) - 0.5 if index == 0 else 0.0
        page.evaluate(f"document.getElementById('lecture').currentTime = {away}")
        page.wait_for_function(f"Math.abs(document.getElementById('lecture').currentTime - {away}) < 0.01")
        page.click(f"#chapters li:nth-child({index + 1}) a")
        page.evaluate("document.getElementById('lecture').pause()")
        start = float(chapters[index].start)
        page.wait_for_function(
            f"Math.abs(document.getElementById('lecture').currentTime - {start}) < 0.3",
            timeout=10_000)
