"""``index.html``: the lecture for a course author to open, watch and copy from, and for a student
to explore.

The page holds the lecture in a ``<video>`` with its poster, captions (on by default) and
chapters tracks, a chapter list whose links seek the video, and the transcript, every word an
element with its start in the lecture (``data-t``), highlighted while it is said; a click on a
word, a chapter or ``#t=SECONDS`` in the address seeks there. Below, the trained network runs
forward on a point picked on the data or typed, layer by layer, and a slider walks the training
snapshots with their boundary and losses (``assets/explore.js``, from the lecture's own numbers
embedded in the page). With the course format the quiz follows the video (``assets/course.js``,
which also reports to a SCORM platform when the page runs inside one). Then every clip with an
embed snippet. Paths are relative to the page, so the folder can be copied to a course site as
it is, or opened from disk; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from scenes.theme import PALETTES
from scripts.media.captions import clock


@dataclass(frozen=True)
class ClipInfo:
    slug: str
    title: str
    summary: str
    start: float        # on the lecture's timeline
    duration: float
    captions: bool      # clips/<slug>.vtt exists
    formats: tuple[str, ...]  # besides mp4: webm, gif


@dataclass(frozen=True)
class TranscriptLine:
    start: float        # on the lecture's timeline
    words: tuple        # (caption word, its start on the lecture's timeline)


def clip_embed(clip: ClipInfo) -> str:
    """The HTML a course page needs to show one clip (paths relative to index.html)."""
    sources = [f'  <source src="clips/{clip.slug}.webm" type="video/webm">'] if "webm" in clip.formats else []
    sources.append(f'  <source src="clips/{clip.slug}.mp4" type="video/mp4">')
    track = ([f'  <track kind="captions" src="clips/{clip.slug}.vtt" srclang="en" '
              f'label="English" default>'] if clip.captions else [])
    return "\n".join([f'<video controls preload="metadata" poster="posters/{clip.slug}.png" '
                      f'width="854">', *sources, *track,
                      f'  <a href="clips/{clip.slug}.mp4">{escape(clip.title)}</a>',
                      "</video>"])


def render_page(title: str, clips: list[ClipInfo], total: float, presenting: bool = False, *,
                transcript=(), data: dict | None = None, questions=(), theme: str = "dark",
                package: bool = False) -> str:
    """The page. ``presenting`` links the slides, the deck and the handout (made with them);
    ``transcript`` is (chapter title, [TranscriptLine]) per chapter; ``data`` the explorer's
    numbers (``course.page_data``); ``questions`` the quiz (nnmath.quiz), shown after the video;
    ``package`` is the page inside the SCORM package: no clips, slides or downloads."""
    chapters = "\n".join(
        f'    <li><a href="#t={clip.start:.3f}" data-start="{clip.start:.3f}">'
        f'{escape(clip.title)}</a> <span class="time">{clock(clip.start)}</span></li>'
        for clip in clips)
    poster = f'posters/{clips[0].slug}.png' if clips else ""
    count = f"{len(clips)} chapter" + ("" if len(clips) == 1 else "s")
    parts = {
        "title": escape(title), "poster": poster, "chapters": chapters, "length": clock(total),
        "count": count, "theme": theme, "colours": _colours(),
        "downloads": "" if package else _DOWNLOADS,
        "presenting": _PRESENTING if presenting and not package else "",
        "transcript": _transcript(transcript),
        "quiz": _quiz(questions, data) if data and "course" in data else "",
        "explore": _EXPLORE.format(last=len(data["snapshots"]) - 1) if data else "",
        "clips": "" if package else _clips(clips),
        "scripts": _scripts(data),
    }
    return _TEMPLATE.format(**parts)


_CSS_NAMES = {"background": "bg"}


def _colours() -> str:
    """The lecture's palettes as CSS variables, one rule per theme."""
    rules = []
    for name, palette in PALETTES.items():
        values = "; ".join(f"--{_CSS_NAMES.get(field, field)}: {getattr(palette, field)}"
                           for field in ("background", "text", "muted", "input", "hidden",
                                         "output", "positive", "negative", "gradient",
                                         "highlight"))
        rules.append(f'  body[data-theme="{name}"] {{ {values}; }}')
    return "\n".join(rules)


def _transcript(chapters) -> str:
    if not chapters:
        return ""
    blocks = []
    for title, lines in chapters:
        paragraphs = "\n".join(
            f'      <p class="line" tabindex="0" data-t="{line.start:.3f}">'
            + " ".join(f'<span class="w" data-t="{start:.3f}">{escape(word)}</span>'
                       for word, start in line.words) + "</p>" for line in lines)
        blocks.append(f"    <section class=\"chapter\">\n      <h3>{escape(title)}</h3>\n"
                      f"{paragraphs}\n    </section>")
    return ('<section id="transcript" aria-labelledby="transcript-heading">\n'
            '  <h2 id="transcript-heading">Transcript</h2>\n'
            '  <p class="hint">Click a word, or press Enter on a line, to hear it from there.</p>\n'
            '  <div class="scroll" tabindex="-1">\n' + "\n".join(blocks) + "\n  </div>\n</section>")


def _quiz(questions, data) -> str:
    mastery = data["course"]["mastery_score"]
    items = []
    for number, question in enumerate(questions, start=1):
        options = "\n".join(
            f'    <label><input type="radio" name="q-{question.id}" value="{key}" '
            f'data-option="{key}"> {escape(text)}</label>' for key, text in question.options)
        items.append(f"""  <fieldset class="question" data-question="{question.id}" data-chapter="{question.chapter}" data-answer="{question.answer}" hidden>
    <legend>{number}. {escape(question.prompt)} <a class="when" href="#t={question.time:.3f}">({clock(question.time)})</a></legend>
{options}
    <p class="verdict"></p>
    <p class="explanation" hidden>{escape(question.explanation)}</p>
  </fieldset>""")
    return (f'<section id="quiz" aria-labelledby="quiz-heading" hidden>\n'
            f'  <h2 id="quiz-heading">Check yourself</h2>\n'
            f'  <p>{_asked(len(questions), mastery, data["course"]["placement"])}</p>\n' + "\n".join(items) +
            '\n  <button type="button" data-action="submit">Submit answers</button>\n'
            '  <p id="quiz-status" role="status" aria-live="polite"></p>\n</section>')


def _asked(count: int, mastery: int, placement: str) -> str:
    if not count:
        return "These chapters have no questions: watching to the end completes the lesson."
    when = "each at the end of its chapter" if placement == "chapters" else "after the video"
    return (f"{count} question{'' if count == 1 else 's'} on the numbers and ideas of the "
            f"lecture, {when}; {mastery} % to pass.")


def _clips(clips: list[ClipInfo]) -> str:
    sections = "\n".join(_clip_section(clip) for clip in clips)
    return ("<h2>Clips</h2>\n<p>Each chapter on its own, to embed in a course page: copy the "
            "snippet and the files it names.</p>\n" + sections)


def _clip_section(clip: ClipInfo) -> str:
    extra = "".join(f' · <a href="clips/{clip.slug}.{kind}">{kind.upper()}</a>'
                    for kind in clip.formats)
    return f"""  <section class="clip" id="clip-{clip.slug}">
    <h3>{escape(clip.title)} <span class="time">{clock(clip.duration)}</span></h3>
    <p>{escape(clip.summary)}</p>
{_indent(clip_embed(clip), 4)}
    <p class="files"><a href="clips/{clip.slug}.mp4">MP4</a>{extra} · <a href="clips/{clip.slug}.srt">SRT</a> · <a href="posters/{clip.slug}.png">poster</a></p>
    <details><summary>Embed snippet</summary>
      <pre><code>{escape(clip_embed(clip))}</code></pre>
    </details>
  </section>"""


def _scripts(data: dict | None) -> str:
    if data is None:
        return ""
    scripts = [f'<script type="application/json" id="nnlecture-data">{embedded_json(data)}</script>',
               '<script src="assets/explore.js"></script>']
    if "course" in data:
        scripts.append('<script src="assets/course.js"></script>')
    return "\n".join(scripts)


def embedded_json(value) -> str:
    """JSON to sit inside a <script> element: floats in full (repr), no "</" to end it early."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())


_DOWNLOADS = """<p><a href="lecture.mp4">lecture.mp4</a> · <a href="lecture.srt">captions (SRT)</a> · <a href="lecture.vtt">captions (WebVTT)</a> · <a href="chapters.vtt">chapters</a> · <a href="transcript.md">transcript</a></p>
"""

_PRESENTING = """<p id="present">Present it live, one narration step at a time: <a href="slides.html">slides</a> (S opens the speaker notes) · <a href="lecture.pptx">PowerPoint deck</a> · <a href="handout.pdf">handout (PDF)</a></p>
"""

_EXPLORE = """<section id="explore" aria-labelledby="explore-heading">
  <h2 id="explore-heading">Try the network</h2>
  <p>The trained network of the lecture. Pick a point on the data (click it) or type one, then
  step through the layers: each neuron's weighted sum z and its activation a.</p>
  <div class="panels">
    <canvas id="explore-plot" width="360" height="360" role="img"
            aria-label="The data and the trained network's decision boundary; click to pick a point"></canvas>
    <svg id="network" role="img" aria-label="The network, its neurons lit by their activations"></svg>
  </div>
  <form id="point">
    <label>x₁ <input id="x1" type="number" step="any" inputmode="decimal"></label>
    <label>x₂ <input id="x2" type="number" step="any" inputmode="decimal"></label>
    <button type="submit">Run this point</button>
    <button type="button" id="step">Next layer</button>
  </form>
  <table id="layers"><caption class="hint">Layer by layer</caption>
    <thead><tr><th scope="col">layer</th><th scope="col">z</th><th scope="col">a</th></tr></thead>
    <tbody id="layer-values" aria-live="polite"></tbody>
  </table>
  <p id="prediction" aria-live="polite"></p>
</section>
<section id="scrub" aria-labelledby="scrub-heading">
  <h2 id="scrub-heading">Watch it learn</h2>
  <p>The decision boundary at each snapshot of the lecture's training, with its losses.</p>
  <label for="epoch">Snapshot</label>
  <input id="epoch" type="range" min="0" max="{last}" step="1" value="{last}">
  <output id="epoch-value" for="epoch"></output>
  <div class="panels">
    <canvas id="scrub-plot" width="360" height="360" role="img"
            aria-label="The decision boundary at the chosen snapshot"></canvas>
    <dl>
      <dt>training loss</dt><dd id="train-loss"></dd>
      <dt>test loss</dt><dd id="test-loss"></dd>
      <dt>training accuracy</dt><dd id="train-accuracy"></dd>
      <dt>test accuracy</dt><dd id="test-accuracy"></dd>
    </dl>
  </div>
</section>
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="assets/page.css">
<style>
{colours}
</style>
</head>
<body data-theme="{theme}">
<header>
<h1>{title}</h1>
<button type="button" id="theme" aria-pressed="false">Switch theme</button>
</header>
<p>The whole lecture ({length}, {count}) with captions, then each chapter as its own clip.</p>
<div class="watch">
<video id="lecture" controls preload="metadata" poster="{poster}">
  <source src="lecture.mp4" type="video/mp4">
  <track kind="captions" src="lecture.vtt" srclang="en" label="English" default>
  <track kind="chapters" src="chapters.vtt" srclang="en" label="Chapters">
</video>
{transcript}
</div>
{downloads}{presenting}<h2>Chapters</h2>
<ol id="chapters">
{chapters}
</ol>
{quiz}
{explore}
{clips}
{scripts}
</body>
</html>
"""
