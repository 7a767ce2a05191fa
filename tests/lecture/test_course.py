"""``--formats ...,course``: the quiz, its Moodle XML, the SCORM 1.2 package and the page's
explorer, on one tiny render (160x90, 5 fps, narrated by espeak-ng) of a lecture whose chapters
are the real ones the quiz asks about, each played by the quick test scene (the quiz and the page
take their numbers from the config's LectureData and their times from the chapters and lines;
that each real scene shows its question's number is checked by running it without frames).

The package is launched inside a page that plays the course platform, with scorm-again (the
SCORM 1.2 runtime, vendored from npm by ``make test``) as its API, in Debian's chromium driven by
Playwright with every request off this machine refused.
"""

from __future__ import annotations

import functools
import http.server
import json
import math
import re
import shutil
import threading
import zipfile
from html import escape
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from config_strategies import configs
from facts_path import lookup
from hypothesis import HealthCheck, given, reject, settings
from lecture_helpers import render
from lecture_test_scenes import QUICK
from test_lecture_browser import CHROMIUM, FLAGS, RangeHandler

from nnmath.landscape import decision_grid
from nnmath.lecture_data import LectureData
from nnmath.network import forward
from nnmath.quiz import Question
from scenes import registry
from scripts.render.cache import PROJECT_ROOT

pytestmark = pytest.mark.render   # the lecture, the quick scenes and the real ones run Manim
SCORM_AGAIN = PROJECT_ROOT / "vendor" / "scorm-again" / "node_modules" / "scorm-again" / "dist"
IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
PLATFORM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A course platform</title>
<script src="scorm12.js"></script></head>
<body><iframe id="sco" title="lecture" width="1200" height="900"></iframe>
<script>
  // One launch of the SCO: a fresh API (scorm-again), from the learner's saved CMI if any.
  window.launch = (saved, mastery = "80") => {
    window.log = { initialized: 0, finished: 0, commits: [], set: [] };
    const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, mastery_override: false,
                                 logLevel: 5 });
    if (saved) { api.loadFromJSON(saved); api.cmi.core.entry = "resume"; }
    else api.cmi.student_data.mastery_score = mastery;
    api.on("LMSInitialize", () => { log.initialized += 1; });
    api.on("LMSSetValue.cmi.*", (element, value) => log.set.push([element, value]));
    api.on("LMSCommit", () => log.commits.push(JSON.parse(JSON.stringify(api.cmi))));
    api.on("LMSFinish", () => { log.finished += 1; });
    window.API = api;
    document.getElementById("sco").src = "sco/index.html";
  };
  window.saved = () => JSON.parse(JSON.stringify(window.API.cmi));
</script></body></html>
"""


ASKED = ("neuron", "architecture", "activations", "forward_pass", "gradient_descent", "backprop",
         "training", "hidden_sizes")   # the chapters the default quiz asks about


@pytest.fixture(scope="module")
def chapters():
    """The quiz's chapters, each played by the quick test scene under its real slug and title."""
    from scenes.registry import SceneEntry

    return [SceneEntry(entry.slug, QUICK.scene_path, entry.title, entry.summary)
            for entry in registry.SCENES if entry.slug in ASKED]


@pytest.fixture(scope="module")
def course(tmp_path_factory, chapters):
    """That lecture rendered tiny with the course format."""
    from scripts.voice import VoiceSettings

    media_dir = tmp_path_factory.mktemp("course-media")
    voice = VoiceSettings(engine="espeak", cache_dir=media_dir / ".manim" / "voice")
    return render(media_dir, chapters, voice=voice, formats=("course",))


@pytest.fixture(scope="module")
def data():
    return LectureData.build()


@pytest.fixture(scope="module")
def quiz(course) -> list[Question]:
    saved = json.loads((course.out_dir / "course" / "quiz.json").read_text())
    return [Question.from_json(question) for question in saved["questions"]]


# --- the quiz ------------------------------------------------------------------------------------

def test_the_quiz_asks_about_this_lecture_inside_its_chapters(course, chapters, quiz, data):
    facts = data.to_facts()
    spans = {entry.slug: chapter for entry, chapter in zip(chapters,
                                                            course.report.lecture.chapters)}
    assert len(quiz) >= 7 and len({q.chapter for q in quiz}) >= 5
    assert sum(q.facts_path is not None for q in quiz) >= 4
    for question in quiz:
        chapter = spans[question.chapter]
        assert float(chapter.start) <= question.time < float(chapter.end), question.id
        texts = [text for _, text in question.options]
        assert 3 <= len(texts) <= 5 and len(set(texts)) == len(texts)
        if question.facts_path is not None:
            fact = lookup(facts, question.facts_path)
            assert question.value == round(fact * question.scale, question.decimals)


def test_the_moodle_xml_carries_the_same_questions(course, quiz):
    root = ElementTree.parse(course.out_dir / "course" / "quiz.moodle.xml").getroot()
    assert root.tag == "quiz"
    items = root.findall("question[@type='multichoice']")
    assert [item.findtext("name/text") for item in items] == [q.id for q in quiz]
    for item, question in zip(items, quiz):
        assert question.prompt in item.findtext("questiontext/text")
        answers = item.findall("answer")
        assert [answer.findtext("text") for answer in answers] == [
            escape(text, quote=False) for _, text in question.options]
        right = [answer.findtext("text") for answer in answers if answer.get("fraction") == "100"]
        assert right == [dict(question.options)[question.answer]]
        assert {answer.get("fraction") for answer in answers} == {"100", "0"}
        assert item.findtext("single") == "true"


# --- the SCORM package ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def package(course, tmp_path_factory) -> Path:
    """The package unpacked under sco/ of a folder that also holds the platform page."""
    return _platform_folder(course.out_dir / "course" / "scorm12.zip",
                            tmp_path_factory.mktemp("platform"))


def test_the_manifest_is_scorm_12_with_one_sco_listing_every_file(course, package):
    with zipfile.ZipFile(course.out_dir / "course" / "scorm12.zip") as archive:
        names = archive.namelist()
    assert "imsmanifest.xml" in names
    root = ElementTree.parse(package / "sco" / "imsmanifest.xml").getroot()
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    organizations = root.findall(f"{IMSCP}organizations/{IMSCP}organization")
    assert len(organizations) == 1
    items = organizations[0].findall(f"{IMSCP}item")
    assert len(items) == 1 and items[0].findtext(f"{ADLCP}masteryscore") == "80"
    resources = root.findall(f"{IMSCP}resources/{IMSCP}resource")
    assert len(resources) == 1 and resources[0].get(f"{ADLCP}scormtype") == "sco"
    assert items[0].get("identifierref") == resources[0].get("identifier")
    listed = sorted(file.get("href") for file in resources[0].findall(f"{IMSCP}file"))
    assert listed == sorted(set(names) - {"imsmanifest.xml"})
    assert resources[0].get("href") == "index.html" and "lecture.mp4" in listed
    page = (package / "sco" / "index.html").read_text()
    for reference in re.findall(r'(?:src|href)="([^"#][^"]*)"', page):
        assert reference in listed, f"index.html names {reference}, which is not in the package"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _serve(folders: dict[str, Path]):
    """A static server of each folder under its prefix ("/platform/"); (server, origin)."""
    class Handler(RangeHandler):
        def translate_path(self, path):
            for prefix, folder in folders.items():
                if path.startswith(prefix):
                    return str(folder / path[len(prefix):].split("?")[0].split("#")[0])
            return "/nonexistent"

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _platform_folder(zip_path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder / "sco")
    shutil.copyfile(SCORM_AGAIN / "scorm12.js", folder / "scorm12.js")
    (folder / "platform.html").write_text(PLATFORM)
    return folder


@pytest.fixture(scope="module")
def served(package, course):
    """The platform folder and the lecture folder over HTTP: the origin."""
    server, origin = _serve({"/platform/": package, "/lecture/": course.out_dir})
    yield origin
    server.shutdown()


@pytest.fixture
def platform(browser, served):
    """A fresh platform page; ``requests`` records every URL the browser asked for."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{served}/platform/platform.html")
    yield page, requests
    context.close()


def _sco(page):
    page.wait_for_function("document.getElementById('sco').contentWindow.nnlecture !== undefined",
                           timeout=20_000)
    return next(frame for frame in page.frames if frame.url.endswith("/sco/index.html"))


def _watch_to_the_end(sco) -> None:
    sco.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=20_000)
    sco.evaluate("""() => { const video = document.getElementById('lecture');
                           video.muted = true; video.currentTime = video.duration - 0.6;
                           return video.play(); }""")
    sco.wait_for_function("document.getElementById('lecture').ended", timeout=20_000)


def _answer(sco, quiz, right: bool) -> None:
    for question in quiz:
        choice = question.answer if right else next(key for key, _ in question.options
                                                    if key != question.answer)
        sco.click(f'[data-question="{question.id}"] [data-option="{choice}"]')
    sco.click('[data-action="submit"]')


def test_launch_initialises_and_marks_the_lesson_incomplete(platform):
    page, _ = platform
    page.evaluate("launch(null)")
    _sco(page)
    log = page.evaluate("log")
    assert log["initialized"] == 1
    assert ["cmi.core.lesson_status", "incomplete"] in log["set"]
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"


def test_watched_to_the_end_and_all_right_passes_with_100_committed(platform, quiz, package):
    page, requests = platform
    page.evaluate("launch(null)")
    sco = _sco(page)
    assert sco.is_hidden("#quiz")
    _watch_to_the_end(sco)
    _answer(sco, quiz, right=True)
    page.wait_for_function("log.finished === 1", timeout=10_000)
    committed = page.evaluate("log.commits.at(-1)")
    assert committed["core"]["lesson_status"] == "passed"
    assert committed["core"]["score"]["raw"] == "100"
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", committed["core"]["session_time"])
    assert float(committed["core"]["lesson_location"]) > 0
    outside = [url for url in requests if "/platform/sco/" not in url
               and not url.endswith(("/platform/platform.html", "/platform/scorm12.js"))]
    assert outside == [], f"the package asked for {outside}"


def test_a_second_learner_answering_everything_wrong_fails(platform, quiz):
    page, _ = platform
    page.evaluate("launch(null)")
    sco = _sco(page)
    _watch_to_the_end(sco)
    _answer(sco, quiz, right=False)
    page.wait_for_function("log.finished === 1", timeout=10_000)
    committed = page.evaluate("log.commits.at(-1)")
    assert committed["core"]["lesson_status"] == "failed"
    assert committed["core"]["score"]["raw"] == "0"


def test_the_platforms_mastery_score_decides(platform, quiz):
    """With the platform's mastery score at 95, one wrong answer of seven or more fails."""
    page, _ = platform
    page.evaluate("launch(null, '95')")
    sco = _sco(page)
    _watch_to_the_end(sco)
    first, *rest = quiz
    wrong = next(key for key, _ in first.options if key != first.answer)
    sco.click(f'[data-question="{first.id}"] [data-option="{wrong}"]')
    for question in rest:
        sco.click(f'[data-question="{question.id}"] [data-option="{question.answer}"]')
    sco.click('[data-action="submit"]')
    page.wait_for_function("log.finished === 1", timeout=10_000)
    committed = page.evaluate("log.commits.at(-1)")
    assert committed["core"]["score"]["raw"] == str(round(100 * len(rest) / len(quiz)))
    assert committed["core"]["lesson_status"] == "failed"


def test_at_chapter_ends_the_video_stops_for_that_chapters_questions(platform, quiz, served):
    """With [course] quiz = "chapters" the video pauses at the end of each chapter that has
    questions and shows them; the others stay hidden until their chapter has played."""
    page, _ = platform
    page.route(re.compile(r".*/sco/index\.html$"), lambda route: route.fulfill(
        response=route.fetch(), body=route.fetch().text().replace(
            '"placement":"end"', '"placement":"chapters"')))
    page.evaluate("launch(null)")
    sco = _sco(page)
    chapter = quiz[0].chapter
    end = sco.evaluate(f"nnlecture.data.chapters.find((c) => c.slug === '{chapter}').end")
    sco.evaluate(f"""() => {{ const video = document.getElementById('lecture');
                            video.muted = true; video.currentTime = {end} - 1.2;
                            return video.play(); }}""")
    sco.wait_for_function("document.getElementById('lecture').paused", timeout=20_000)
    for question in quiz:
        assert sco.is_visible(f'[data-question="{question.id}"]') == (question.chapter == chapter)
    assert sco.evaluate("document.getElementById('lecture').currentTime") == pytest.approx(
        end, abs=0.6)


def test_a_relaunch_resumes_at_the_saved_position_with_the_saved_answers(platform, quiz):
    page, _ = platform
    page.evaluate("launch(null)")
    sco = _sco(page)
    sco.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=20_000)
    sco.evaluate("""() => { const video = document.getElementById('lecture');
                           video.currentTime = 12.5; }""")
    sco.wait_for_function("Math.abs(document.getElementById('lecture').currentTime - 12.5) < 0.01")
    sco.evaluate("document.getElementById('lecture').dispatchEvent(new Event('pause'))")
    first = quiz[0]
    sco.evaluate(f"""() => {{ const option = document.querySelector(
        '[data-question="{first.id}"] [data-option="{first.answer}"]');
        option.checked = true; option.dispatchEvent(new Event('change')); }}""")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")   # the learner leaves
    page.wait_for_function("log.finished === 1", timeout=10_000)
    saved = page.evaluate("saved()")
    assert saved["core"]["exit"] == "suspend" and saved["core"]["lesson_status"] == "incomplete"
    page.evaluate("(saved) => launch(saved)", saved)
    sco = _sco(page)
    sco.wait_for_function("Math.abs(document.getElementById('lecture').currentTime - 12.5) < 0.2",
                          timeout=20_000)
    assert sco.is_checked(f'[data-question="{first.id}"] [data-option="{first.answer}"]')


def test_chapters_without_questions_complete_at_the_end(browser, tmp_path):
    """A lecture of scenes that ask nothing (--only, or scenes of one's own): its package says
    so, and watching to the end completes the lesson."""
    made = render(tmp_path / "media", [QUICK], formats=("course",))
    assert json.loads((made.out_dir / "course" / "quiz.json").read_text()) == {"questions": []}
    folder = _platform_folder(made.out_dir / "course" / "scorm12.zip", tmp_path / "platform")
    server, origin = _serve({"/platform/": folder})
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{origin}/platform/platform.html")
        page.evaluate("launch(null)")
        sco = _sco(page)
        _watch_to_the_end(sco)
        page.wait_for_function("log.finished === 1", timeout=10_000)
        assert page.evaluate("log.commits.at(-1).core.lesson_status") == "completed"
    finally:
        context.close()
        server.shutdown()


# --- the page: transcript, forward pass, training scrubber ---------------------------------------

@pytest.fixture
def lecture_page(browser, served):
    context = browser.new_context()
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/lecture/index.html")
    page.wait_for_function("window.nnlecture !== undefined && "
                           "document.getElementById('lecture').readyState >= 1", timeout=20_000)
    yield page
    assert errors == []
    context.close()


def test_forward_agrees_with_nnmath_on_random_points(lecture_page, data):
    points = np.random.default_rng(3).uniform(-3, 3, size=(25, 2))
    got = lecture_page.evaluate("(points) => points.map((x) => nnlecture.forward(x))",
                                points.tolist())
    trace = forward(data.final_params, points, data.config.network.activation)
    for layer, want in enumerate(trace.activations):
        for k in range(len(points)):
            assert np.max(np.abs(np.array(got[k][layer]) - want[k])) < 1e-12


def test_clicking_a_word_seeks_to_its_start(lecture_page):
    words = lecture_page.locator("#transcript .w")
    count = words.count()
    assert count > 40
    for index in (count // 3, 7, count - 2):
        word = words.nth(index)
        start = float(word.get_attribute("data-t"))
        word.click()
        lecture_page.wait_for_function(
            f"Math.abs(document.getElementById('lecture').currentTime - {start}) < 0.15",
            timeout=10_000)
        assert "spoken" in word.get_attribute("class")


def test_the_words_start_where_the_voice_says_them(course, chapters, lecture_page):
    """Each word's data-t is its clip's start plus the word's start in the take's timings (the
    record's lines), or, for a line without them, inside its line, in order."""
    from scripts.render.cache import load_record

    cache = course.media_dir / ".manim" / "lecture" / "draft"
    want = []
    for entry, chapter in zip(chapters, course.report.lecture.chapters):
        for line in load_record(cache, entry.slug).lines:
            offset = float(chapter.start)
            timed = line[4] if len(line) > 4 and line[4] else None
            want.append([offset + word[1] for word in timed] if timed
                        else (offset + line[0], offset + line[1], len(line[2].split())))
    shown = lecture_page.evaluate("""[...document.querySelectorAll('#transcript .line')]
        .map((line) => [...line.querySelectorAll('.w')].map((word) => Number(word.dataset.t)))""")
    assert len(shown) == len(want)
    assert any(isinstance(line, list) for line in want), "no line has word timings"
    for got, expected in zip(shown, want):
        if isinstance(expected, list):
            assert got == pytest.approx(expected, abs=1e-3)
        else:
            start, end, count = expected
            assert len(got) == count and got == sorted(got)
            assert start - 1e-3 <= got[0] and got[-1] < end


def test_the_address_and_the_keyboard_seek_too(lecture_page, served):
    lecture_page.evaluate("location.hash = 't=13.5'")
    lecture_page.wait_for_function(
        "Math.abs(document.getElementById('lecture').currentTime - 13.5) < 0.15", timeout=10_000)
    line = lecture_page.locator("#transcript .line").nth(12)
    start = float(line.get_attribute("data-t"))
    line.focus()
    lecture_page.keyboard.press("Enter")
    lecture_page.wait_for_function(
        f"Math.abs(document.getElementById('lecture').currentTime - {start}) < 0.15",
        timeout=10_000)


def test_captions_are_on_by_default(lecture_page):
    modes = lecture_page.evaluate("""[...document.getElementById('lecture').textTracks]
        .filter((track) => track.kind === 'captions').map((track) => track.mode)""")
    assert modes == ["showing"]


def test_the_scrubber_shows_each_snapshots_boundary_and_losses(lecture_page, data):
    snapshots = data.to_facts()["training"]["snapshots"]
    slider = lecture_page.locator("#epoch")
    slider.focus()
    lecture_page.keyboard.press("Home")
    for index in range(len(snapshots)):
        if index:
            lecture_page.keyboard.press("ArrowRight")
        snapshot = snapshots[index]
        assert lecture_page.text_content("#epoch-value") == f"epoch {snapshot['epoch']}"
        assert lecture_page.text_content("#train-loss") == f"{snapshot['loss']:.4f}"
        if index in (0, len(snapshots) // 2, len(snapshots) - 1):
            shown = np.array(lecture_page.evaluate("nnlecture.shownBoundary().values"))
            want = decision_grid(data.history.snapshots[snapshot["epoch"]],
                                 data.config.network.activation, data.bounds,
                                 data.config.lecture.grid_resolution).values
            assert np.max(np.abs(shown - want)) < 1e-12


def test_the_stepper_steps_layer_by_layer_from_a_typed_point(lecture_page, data):
    lecture_page.fill("#x1", "0.5")
    lecture_page.fill("#x2", "-0.25")
    lecture_page.press("#x2", "Enter")
    layers = len(data.layer_sizes)
    assert lecture_page.locator("#layer-values tr").count() == 1
    for shown in range(2, layers + 1):
        lecture_page.click("#step")
        assert lecture_page.locator("#layer-values tr").count() == shown
    output = forward(data.final_params, np.array([[0.5, -0.25]]),
                     data.config.network.activation).output[0, 0]
    assert f"{output:.2f}" in lecture_page.text_content("#prediction")


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_text_has_aa_contrast_in_both_themes(lecture_page, theme):
    lecture_page.evaluate(f"document.body.dataset.theme = '{theme}'")
    lecture_page.evaluate("nnlecture.seek(20)")
    pairs = lecture_page.evaluate("""() => {
      const background = (element) => {
        for (let node = element; node; node = node.parentElement) {
          const colour = getComputedStyle(node).backgroundColor;
          if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
        }
        return 'rgb(255, 255, 255)';
      };
      const texts = [...document.body.querySelectorAll('*')].filter((element) =>
        [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())
        && element.getClientRects().length && !['SCRIPT', 'STYLE'].includes(element.tagName));
      return texts.map((element) => [element.tagName + '.' + element.className,
                                     getComputedStyle(element).color, background(element)]);
    }""")
    assert len(pairs) > 50
    low = [(name, fg, bg) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []


def test_the_page_works_from_disk(browser, course, data):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((course.out_dir / "index.html").as_uri())
    page.wait_for_function("window.nnlecture !== undefined", timeout=20_000)
    got = page.evaluate("nnlecture.forward([0.1, 0.2])")
    want = forward(data.final_params, np.array([[0.1, 0.2]]), data.config.network.activation)
    assert math.isclose(got[-1][0], want.output[0, 0], abs_tol=1e-12)
    assert all(url.startswith("file://") for url in requests)
    context.close()


@settings(max_examples=2, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(configs(max_sample_epochs=60_000, max_samples=300))
def test_random_configs_give_a_quiz_and_moodle_xml_that_agree(mapping):
    """For configs drawn from every documented range: each fact where its question says, at its
    decimals; distinct options; times in their chapters; the Moodle XML the same questions."""
    from nnmath.config import parse_config
    from nnmath.errors import TrainingDiverged
    from nnmath.quiz import Chapter, build_quiz
    from scripts.publish.course import moodle_xml

    try:
        data = LectureData.build(parse_config(mapping), cached=False)
    except TrainingDiverged:
        reject()
    chapters = [Chapter(entry.slug, entry.title, 30.0 * k, 30.0 * (k + 1))
                for k, entry in enumerate(registry.SCENES)]
    questions = build_quiz(data, chapters)
    facts = data.to_facts()
    assert len(questions) >= 6
    for question in questions:
        chapter = next(c for c in chapters if c.slug == question.chapter)
        assert chapter.start <= question.time < chapter.end
        texts = [text for _, text in question.options]
        assert len(set(texts)) == len(texts) >= 3
        if question.facts_path:
            fact = lookup(facts, question.facts_path)
            assert round(fact * question.scale, question.decimals) == question.value
    root = ElementTree.fromstring(moodle_xml("A lecture", questions))
    items = root.findall("question[@type='multichoice']")
    assert [item.findtext("name/text") for item in items] == [q.id for q in questions]
    for item, question in zip(items, questions):
        right = [a.findtext("text") for a in item.findall("answer") if a.get("fraction") == "100"]
        assert right == [escape(dict(question.options)[question.answer], quote=False)]


def test_the_mastery_score_of_the_config_is_the_packages(tmp_path):
    from scripts.publish.course import write_package

    write_package(tmp_path / "p.zip", "A lecture", {"index.html": "<p>hi</p>"}, 65)
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        root = ElementTree.fromstring(archive.read("imsmanifest.xml"))
    assert root.find(f".//{IMSCP}item/{ADLCP}masteryscore").text == "65"
