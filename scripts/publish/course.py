"""``course/``: the lecture brought into a course, from the same render (``--formats ...,course``).

- ``quiz.json``: questions made from the lecture's numbers by ``nnmath.quiz``, each timed at the
  line of its chapter that talks about it;
- ``quiz.moodle.xml``: the same questions as Moodle XML (multichoice, one right answer), which
  Moodle's question bank imports as it is;
- ``scorm12.zip``: a SCORM 1.2 package (one SCO: the page with the video, captions, chapters,
  transcript, explorer and quiz; ``course_assets/course.js`` reports to the platform), which
  Moodle, Canvas and Open edX import as an activity.

Also the page's data (``page_data``): the network's weights, the data set and the snapshots,
embedded in index.html with every float in full so the page computes what nnmath computes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from nnmath import quiz as quizzes
from scripts.files import write_json, write_text, writing

ASSETS = Path(__file__).with_name("course_assets")
ASSET_FILES = ("page.css", "explore.js", "course.js")   # copied into the lecture's assets/
COURSE_FILES = ("quiz.json", "quiz.moodle.xml", "scorm12.zip")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # every entry's date: the same lecture gives the same bytes
STORED = (".mp4", ".png")          # compressed already


def line_words(line) -> list[tuple[str, float]]:
    """(caption word, start in the clip) of a record's line [start, end, caption, spoken,
    words?]: the voice's word timings where the line has them, else the line's span shared in
    proportion to each word's characters (as a line without a voice is timed)."""
    start, end, caption = line[0], line[1], line[2]
    timed = line[4] if len(line) > 4 else None
    if timed:
        return [(word, float(word_start)) for word, word_start, _ in timed]
    words = caption.split()
    weights = [len(word) + 1 for word in words]
    total, at, spread = sum(weights) or 1, float(start), []
    for word, weight in zip(words, weights):
        spread.append((word, at))
        at += (end - start) * weight / total
    return spread


def quiz_chapters(scenes, chapters) -> list[quizzes.Chapter]:
    """nnmath.quiz's view of the lecture: each scene's span and lines on the lecture's timeline."""
    return [quizzes.Chapter(entry.slug, entry.title, float(chapter.start), float(chapter.end),
                            tuple((float(chapter.start) + line[0], line[2])
                                  for line in record.lines))
            for (entry, record), chapter in zip(scenes, chapters)]


def page_data(data, scenes, chapters, course=None) -> dict:
    """What the page's scripts read: the trained network, the data set, the snapshots (from the
    facts), the chapters and, with ``course`` (a CourseConfig), the quiz's settings."""
    facts = data.to_facts()
    page = {
        "network": {"layer_sizes": list(data.layer_sizes),
                    "activation": data.config.network.activation,
                    "leaky_slope": data.config.network.leaky_slope,
                    "params": facts["network"]["final"]},
        "bounds": list(data.bounds),
        "grid_resolution": data.config.lecture.grid_resolution,
        "dataset": {key: facts["dataset"][key]
                    for key in ("X_train", "y_train", "X_test", "y_test")},
        "example": facts["forward_example"]["x"],
        "snapshots": facts["training"]["snapshots"],
        "chapters": [{"slug": entry.slug, "title": entry.title, "start": float(chapter.start),
                      "end": float(chapter.end)} for (entry, _), chapter in zip(scenes, chapters)],
    }
    if course is not None:
        page["course"] = {"mastery_score": course.mastery_score, "placement": course.quiz}
    return page


def copy_assets(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ASSET_FILES:
        write_text(folder / name, (ASSETS / name).read_text(encoding="utf-8"))


# --- the quiz in Moodle XML ----------------------------------------------------------------------

def moodle_xml(title: str, questions) -> str:
    """Moodle's question-bank XML: a category named for the lecture, then one multichoice
    question per quiz question (single answer, options in the quiz's order, the right one at
    fraction 100, the explanation as general feedback)."""
    root = ElementTree.Element("quiz")
    category = ElementTree.SubElement(root, "question", type="category")
    _text(ElementTree.SubElement(category, "category"), f"$course$/top/{title}")
    for question in questions:
        item = ElementTree.SubElement(root, "question", type="multichoice")
        _text(ElementTree.SubElement(item, "name"), question.id)
        _text(ElementTree.SubElement(item, "questiontext", format="html"),
              f"<p>{_escape(question.prompt)}</p>")
        _text(ElementTree.SubElement(item, "generalfeedback", format="html"),
              f"<p>{_escape(question.explanation)}</p>")
        for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"),
                           ("idnumber", question.id), ("single", "true"),
                           ("shuffleanswers", "false"), ("answernumbering", "abc")):
            ElementTree.SubElement(item, tag).text = value
        for option, text in question.options:
            answer = ElementTree.SubElement(item, "answer", format="html",
                                            fraction="100" if option == question.answer else "0")
            _text(answer, _escape(text))
            _text(ElementTree.SubElement(answer, "feedback", format="html"),
                  "Right." if option == question.answer else "Not quite.")
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, "unicode") + "\n"


def _text(parent, value: str) -> None:
    ElementTree.SubElement(parent, "text").text = value


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


# --- the SCORM 1.2 package -----------------------------------------------------------------------

def manifest(title: str, files: list[str], mastery_score: int, identifier: str) -> str:
    """imsmanifest.xml (IMS Content Packaging 1.1.2 with ADL's SCORM 1.2 extensions): one
    organisation with one item, its mastery score, launching one SCO that lists every file."""
    ns = {"": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
          "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
          "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    q = lambda prefix, tag: f"{{{ns[prefix]}}}{tag}"   # noqa: E731
    for prefix, uri in ns.items():
        ElementTree.register_namespace(prefix, uri)
    root = ElementTree.Element(q("", "manifest"), {
        "identifier": identifier, "version": "1.0",
        q("xsi", "schemaLocation"): (
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
            "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd")})
    metadata = ElementTree.SubElement(root, q("", "metadata"))
    ElementTree.SubElement(metadata, q("", "schema")).text = "ADL SCORM"
    ElementTree.SubElement(metadata, q("", "schemaversion")).text = "1.2"
    organizations = ElementTree.SubElement(root, q("", "organizations"), default="lecture_org")
    organization = ElementTree.SubElement(organizations, q("", "organization"),
                                          identifier="lecture_org")
    ElementTree.SubElement(organization, q("", "title")).text = title
    item = ElementTree.SubElement(organization, q("", "item"), identifier="lecture_item",
                                  identifierref="lecture_sco", isvisible="true")
    ElementTree.SubElement(item, q("", "title")).text = title
    ElementTree.SubElement(item, q("adlcp", "masteryscore")).text = str(mastery_score)
    resources = ElementTree.SubElement(root, q("", "resources"))
    resource = ElementTree.SubElement(resources, q("", "resource"), {
        "identifier": "lecture_sco", "type": "webcontent", q("adlcp", "scormtype"): "sco",
        "href": "index.html"})
    for name in files:
        ElementTree.SubElement(resource, q("", "file"), href=name)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, "unicode") + "\n"


def write_package(target: Path, title: str, files: dict[str, Path | str],
                  mastery_score: int) -> None:
    """``target``: a SCORM 1.2 zip of ``files`` (name in the package -> a file, or its text),
    with imsmanifest.xml at its root; the same files give the same bytes."""
    names = sorted(files)
    if "index.html" not in files:
        raise ValueError("a SCORM package needs its launch page, index.html")
    digest = hashlib.sha256(json.dumps([title, names]).encode()).hexdigest()[:12]
    text = manifest(title, names, mastery_score, f"nnlecture-{digest}")
    with writing(target) as partial, zipfile.ZipFile(partial, "w") as package:
        for name, content in [("imsmanifest.xml", text), *((name, files[name]) for name in names)]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = (zipfile.ZIP_STORED if name.endswith(STORED)
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            if isinstance(content, str):
                package.writestr(info, content.encode("utf-8"))
                continue
            with open(content, "rb") as source, package.open(info, "w") as entry:
                shutil.copyfileobj(source, entry, 1 << 20)


def write_course(folder: Path, title: str, questions, package_files: dict,
                 mastery_score: int) -> None:
    """The three files of ``course/`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "quiz.json", quizzes.quiz_json(questions))
    write_text(folder / "quiz.moodle.xml", moodle_xml(title, questions))
    write_package(folder / "scorm12.zip", title, package_files, mastery_score)


# --- the page and the course folder, at assembly ------------------------------------------------

def publish_page(title: str, scenes, chapters, clips, cache_dir: Path, staging: Path, *,
                 presenting: bool, course: bool, config_path: Path | None) -> None:
    """Write ``index.html`` with its assets and, with ``course``, the ``course/`` folder.

    The page's numbers and the quiz come from the config's LectureData, cached beside the clips
    by a digest of the config file, nnmath's code and the chapters' spans and lines, so that an
    unchanged re-run builds nothing."""
    from nnmath.config import load_config
    from scripts.publish.page import TranscriptLine, render_page

    config = load_config(config_path)
    data, questions = _numbers(scenes, chapters, cache_dir, config, config_path, course)
    transcript = [(entry.title, [TranscriptLine(float(chapter.start) + line[0],
                                                tuple((word, float(chapter.start) + start)
                                                      for word, start in line_words(line)))
                                 for line in record.lines])
                  for (entry, record), chapter in zip(scenes, chapters)]
    total = float(chapters[-1].end) if chapters else 0.0
    page = dict(transcript=transcript, data=data, questions=questions, theme=config.lecture.theme)
    copy_assets(staging / "assets")
    write_text(staging / "index.html", render_page(title, clips, total, presenting, **page))
    if not course:
        return
    files: dict[str, Path | str] = {
        "index.html": render_page(title, clips, total, package=True, **page),
        **{name: staging / name for name in ("lecture.mp4", "lecture.vtt", "chapters.vtt")},
        **{f"assets/{name}": staging / "assets" / name for name in ASSET_FILES}}
    if clips:
        files[f"posters/{clips[0].slug}.png"] = staging / "posters" / f"{clips[0].slug}.png"
    write_course(staging / "course", title, questions, files, config.course.mastery_score)


def _numbers(scenes, chapters, cache_dir: Path, config, config_path, course: bool):
    """(page data, quiz questions) for this lecture, from the cache or built."""
    nnmath_code = sorted(Path(quizzes.__file__).parent.glob("*.py"))
    spans = [[entry.slug, entry.title, float(chapter.start), float(chapter.end),
              [line[:3] for line in record.lines]]
             for (entry, record), chapter in zip(scenes, chapters)]
    digest = hashlib.sha256(json.dumps([spans, course]).encode())
    for path in ([Path(config_path)] if config_path else []) + nnmath_code:
        digest.update(path.read_bytes())
    digest = digest.hexdigest()[:16]
    cached = cache_dir / f"page-data-{digest}.json"
    if not cached.is_file():
        _build_numbers(cached, cache_dir, scenes, chapters, config, course)
    # read back even when just built, so a fresh build and a cached one give the same page
    saved = json.loads(cached.read_text(encoding="utf-8"))
    return saved["data"], [quizzes.Question.from_json(q) for q in saved["questions"]]


def _build_numbers(cached: Path, cache_dir: Path, scenes, chapters, config, course: bool) -> None:
    """Compute the page data and the quiz and store them at ``cached`` (dropping older ones)."""
    from nnmath.lecture_data import LectureData

    lecture = LectureData.build(config)
    data = page_data(lecture, scenes, chapters, config.course if course else None)
    questions = list(quizzes.build_quiz(lecture, quiz_chapters(scenes, chapters))) if course else []
    for stale in cache_dir.glob("page-data-*.json"):
        stale.unlink()
    write_json(cached, {"data": data, "questions": [q.to_json() for q in questions]})
