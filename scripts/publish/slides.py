"""Slides that stop at every narration step: ``slides.html``, ``lecture.pptx``, ``handout.pdf``.

Every ``narrate`` call is one step: ``media.steps`` cuts each scene's cached clip into step
videos and stills, in the scene's worker, listed in its record with a manifest (kind ``slides``).

Assembling links the step videos and stills into the lecture's ``slides/`` folder with the three
reveal.js files the page needs (vendored by ``make setup`` from the npm registry, never fetched at
run time), and writes the page, the deck (python-pptx) and the handout (reportlab). The deck and
the handout are cached by a digest of what they show, so an unchanged re-run only links them.
"""

from __future__ import annotations

import hashlib
import io
import json
from html import escape
from pathlib import Path

from scripts.files import place, write_text, writing
from scripts.render.cache import PROJECT_ROOT, Record

REVEAL_VERSION = "6.0.2"   # the Makefile vendors this version (npm install --prefix vendor/reveal)
REVEAL_DIST = PROJECT_ROOT / "vendor" / "reveal" / "node_modules" / "reveal.js"
# What slides.html loads, from the vendored package into the lecture's slides/ folder.
REVEAL_FILES = {"dist/reveal.js": "reveal.js", "dist/reveal.css": "reveal.css",
                "dist/plugin/notes.js": "notes.js", "LICENSE": "reveal-LICENSE.txt"}
HANDOUT_FONT = Path("/usr/share/fonts/truetype/dejavu")   # the lecture's own font (theme.FONT)
HANDOUT_STILL_WIDTH = 960   # pixels of a still in the handout: about 270 dpi at its printed size


def assemble_slides(title: str, scenes: list, cache_dir: Path, staging: Path, palette) -> None:
    """Put the step files, reveal.js, slides.html, lecture.pptx and handout.pdf in ``staging``;
    the page and the deck are drawn in the lecture's ``palette`` (``scenes.theme.Palette``: its
    background around the videos, its text for the chapter bar)."""
    chapters = [(entry.title, _manifest(cache_dir, entry.slug, record)) for entry, record in scenes]
    folder = staging / "slides"
    folder.mkdir(exist_ok=True)
    for _, manifest in chapters:
        for step in manifest["steps"]:
            for kind in ("mp4", "png"):
                place(cache_dir / step[kind], folder / step[kind])
    for source, name in REVEAL_FILES.items():
        place(_reveal_file(source), folder / name)
    write_text(staging / "slides.html", slides_page(title, chapters, palette))
    digest = _digest(title, chapters, palette)
    builds = {"lecture.pptx": lambda target: build_deck(title, chapters, cache_dir, target, palette),
              "handout.pdf": lambda target: build_handout(title, chapters, cache_dir, target)}
    for name, build in builds.items():   # the handout is printed: white paper in either theme
        stem, suffix = name.split(".")
        cached = cache_dir / f"{stem}-{digest}.{suffix}"
        if not cached.is_file():
            with writing(cached) as partial:
                build(partial)
            for stale in cache_dir.glob(f"{stem}-*.{suffix}"):
                if stale != cached:
                    stale.unlink()
        place(cached, staging / name)


def _manifest(cache_dir: Path, slug: str, record: Record) -> dict:
    if "slides" not in record.files:
        raise ValueError(f"{slug}: its cached clip has no steps cut for slides")
    return json.loads((cache_dir / record.files["slides"]).read_text(encoding="utf-8"))


def _reveal_file(relative: str) -> Path:
    path = REVEAL_DIST / relative
    if not path.is_file():
        raise FileNotFoundError(f"reveal.js is not vendored ({path} is missing): run `make setup` "
                                f"(npm install --prefix vendor/reveal reveal.js@{REVEAL_VERSION})")
    return path


def _digest(title: str, chapters: list, palette) -> str:
    """What the deck and the handout show, in which colours, and the code that draws them."""
    payload = json.dumps([title, chapters, palette.background, palette.text,
                          Path(__file__).read_text(encoding="utf-8")], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _numbered(chapters: list):
    """(chapter number, chapter title, step number in the lecture, step) in lecture order."""
    number = 0
    for chapter, (title, manifest) in enumerate(chapters, start=1):
        for step in manifest["steps"]:
            number += 1
            yield chapter, title, number, step


# --- slides.html ---------------------------------------------------------------------------------

def slides_page(title: str, chapters: list, palette) -> str:
    """reveal.js page: one vertical stack of steps per chapter, walked in order by →."""
    width, height = (chapters[0][1]["width"], chapters[0][1]["height"]) if chapters else (16, 9)
    stage_width = 1600
    stage_height = round(stage_width * height / width) + 48   # the video and the chapter bar
    sections, current = [], None
    for chapter, chapter_title, number, step in _numbered(chapters):
        if chapter != current:
            if current is not None:
                sections.append("</section>")
            sections.append(f'<section class="chapter" data-chapter="{chapter}">')
            current = chapter
        sections.append(f"""  <section class="step" data-step="{number}">
    <p class="bar"><span>{chapter} · {escape(chapter_title)}</span><span>{number}</span></p>
    <video data-src="slides/{step['mp4']}" muted playsinline preload="auto"></video>
    <aside class="notes">{escape(step['line'])}</aside>
  </section>""")
    if current is not None:
        sections.append("</section>")
    return _PAGE.format(title=escape(title), sections="\n".join(sections), width=stage_width,
                        height=stage_height, background=palette.background, text=palette.text,
                        muted=palette.muted)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · slides</title>
<link rel="stylesheet" href="slides/reveal.css">
<style>
  html, body, .reveal {{ background: {background}; color: {text}; }}
  .reveal {{ font-family: system-ui, sans-serif; }}
  .reveal .slides section.step {{ padding: 0; }}
  .reveal .bar {{ display: flex; justify-content: space-between; margin: 0; height: 48px;
                  line-height: 48px; font-size: 26px; color: {muted}; }}
  .reveal video {{ display: block; width: 100%; height: auto; margin: 0; }}
  .reveal .controls {{ color: {muted}; }}
  .reveal .progress {{ color: {muted}; }}
</style>
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="slides/reveal.js"></script>
<script src="slides/notes.js"></script>
<script>
  // A step plays its video once from the start and holds its last frame; going back shows the
  // previous step's last frame, as the lecture left it.
  let shown = 0;
  function whenLoaded(video, then) {{
    if (video.readyState >= 1) then();
    else video.addEventListener("loadedmetadata", then, {{ once: true }});
  }}
  function show(event) {{
    const step = Number(event.currentSlide.dataset.step);
    const video = event.currentSlide.querySelector("video");
    if (step >= shown) {{
      whenLoaded(video, () => {{ video.currentTime = 0; video.play().catch(() => {{}}); }});
    }} else {{
      whenLoaded(video, () => {{ video.pause(); video.currentTime = video.duration; }});
    }}
    shown = step;
  }}
  Reveal.on("ready", show);
  Reveal.on("slidechanged", show);
  Reveal.initialize({{
    hash: true, navigationMode: "linear", autoPlayMedia: false, transition: "none",
    backgroundTransition: "none", controls: true, progress: true, center: false,
    width: {width}, height: {height}, margin: 0.02, viewDistance: 3,
    plugins: [RevealNotes],
  }});
</script>
</body>
</html>
"""


# --- lecture.pptx --------------------------------------------------------------------------------

def build_deck(title: str, chapters: list, cache_dir: Path, target: Path, palette) -> None:
    """One slide per step: its video (plays on click; its still as the poster), its line as notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)   # 16:9, 13.33 x 7.5 in
    deck.core_properties.title = title
    blank = deck.slide_layouts[6]
    for _, chapter_title, _, step in _numbered(chapters):
        slide = deck.slides.add_slide(blank)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(palette.background[1:])
        left, top, width, height = _fit(chapters, deck.slide_width, deck.slide_height)
        movie = slide.shapes.add_movie(str(cache_dir / step["mp4"]), left, top, width, height,
                                       poster_frame_image=str(cache_dir / step["png"]),
                                       mime_type="video/mp4")
        movie.name = chapter_title
        slide.notes_slide.notes_text_frame.text = step["line"]
    deck.save(str(target))


def _fit(chapters: list, slide_width: int, slide_height: int) -> tuple[int, int, int, int]:
    """The largest box of the videos' shape centred on the slide."""
    manifest = chapters[0][1]
    scale = min(slide_width / manifest["width"], slide_height / manifest["height"])
    width, height = round(manifest["width"] * scale), round(manifest["height"] * scale)
    return (slide_width - width) // 2, (slide_height - height) // 2, width, height


# --- handout.pdf ---------------------------------------------------------------------------------

def build_handout(title: str, chapters: list, cache_dir: Path, target: Path) -> None:
    """Per step its fullest frame and its line, two steps a row, under chapter headings."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from reportlab import rl_config

    rl_config.useA85 = 0   # binary image streams: ASCII85 is pure Python here, half the handout's time
    regular, bold = _handout_fonts()
    heading = ParagraphStyle("heading", fontName=bold, fontSize=14, leading=18, spaceBefore=10,
                             spaceAfter=6, keepWithNext=True)
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
    margin, gap = 15 * mm, 6 * mm
    column = (A4[0] - 2 * margin - gap) / 2
    document = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                 topMargin=margin, bottomMargin=margin, title=title)
    story = [Paragraph(escape(title), ParagraphStyle("title", parent=heading, fontSize=20,
                                                     leading=24))]
    grouped: dict[int, list] = {}
    for chapter, chapter_title, number, step in _numbered(chapters):
        cells = grouped.setdefault(chapter, [chapter_title])
        cells.append([_still(cache_dir / step["png"], column),
                      Paragraph(f"<b>Step {number}</b>  {escape(step['line'])}", body)])
    for chapter, (chapter_title, *cells) in grouped.items():
        story.append(Paragraph(f"{chapter}. {escape(chapter_title)}", heading))
        rows = [cells[index:index + 2] + [""] * (2 - len(cells[index:index + 2]))
                for index in range(0, len(cells), 2)]
        table = Table(rows, colWidths=[column + gap / 2] * 2, hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), gap / 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
        story.append(table)
    document.build(story)


def _handout_fonts() -> tuple[str, str]:
    """DejaVu Sans, registered once: the lines hold Greek letters and symbols (σ, ŷ, ∂)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf"}
    for name, file in names.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            path = HANDOUT_FONT / file
            if not path.is_file():
                raise FileNotFoundError(f"{path} is missing: install fonts-dejavu-core")
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    return tuple(names)


def _still(path: Path, width: float):
    """A step's still, scaled to the handout's column, as a JPEG: the PDF embeds its bytes as
    they are (a PNG would be decoded and compressed again, ten times slower)."""
    from PIL import Image as PillowImage
    from reportlab.platypus import Image

    picture = PillowImage.open(path).convert("RGB")
    if picture.width > HANDOUT_STILL_WIDTH:
        picture = picture.resize((HANDOUT_STILL_WIDTH,
                                  round(picture.height * HANDOUT_STILL_WIDTH / picture.width)))
    data = io.BytesIO()
    picture.save(data, format="JPEG", quality=90)
    return Image(data, width=width, height=width * picture.height / picture.width)
