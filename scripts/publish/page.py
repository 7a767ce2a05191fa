"""``index.html``: the lecture for a course author to open, watch and copy from.

The page holds the lecture in a ``<video>`` with its poster, a captions track and a chapters
track, a chapter list whose links seek the video, and every clip with an embed snippet that uses
paths relative to the page, so the folder can be copied to a course site as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

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


def render_page(title: str, clips: list[ClipInfo], total: float, presenting: bool = False) -> str:
    """The page; ``presenting`` links the slides, the deck and the handout (made with them)."""
    chapters = "\n".join(
        f'    <li><a href="#t={clip.start:.3f}" data-start="{clip.start:.3f}">'
        f'{escape(clip.title)}</a> <span class="time">{clock(clip.start)}</span></li>'
        for clip in clips)
    sections = "\n".join(_clip_section(clip) for clip in clips)
    poster = f'posters/{clips[0].slug}.png' if clips else ""
    count = f"{len(clips)} chapter" + ("" if len(clips) == 1 else "s")
    return _TEMPLATE.format(title=escape(title), poster=poster, chapters=chapters,
                            sections=sections, length=clock(total), count=count,
                            presenting=_PRESENTING if presenting else "")


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


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())


_PRESENTING = """<p id="present">Present it live, one narration step at a time: <a href="slides.html">slides</a> (S opens the speaker notes) · <a href="lecture.pptx">PowerPoint deck</a> · <a href="handout.pdf">handout (PDF)</a></p>
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem;
         background: #fbfaf7; color: #1c1f24; line-height: 1.5; }}
  video {{ width: 100%; max-width: 100%; height: auto; background: #0e1116; }}
  .time {{ color: #6b7280; font-variant-numeric: tabular-nums; font-size: 0.9em; }}
  #chapters a.current {{ font-weight: bold; }}
  .clip {{ border-top: 1px solid #ddd; margin-top: 2rem; padding-top: 1rem; }}
  pre {{ background: #f0eee9; padding: 0.75rem; overflow-x: auto; font-size: 0.85em; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>The whole lecture ({length}, {count}) with captions, then each chapter as its own clip.</p>
<video id="lecture" controls preload="metadata" poster="{poster}">
  <source src="lecture.mp4" type="video/mp4">
  <track kind="captions" src="lecture.vtt" srclang="en" label="English" default>
  <track kind="chapters" src="chapters.vtt" srclang="en" label="Chapters">
</video>
<p><a href="lecture.mp4">lecture.mp4</a> · <a href="lecture.srt">captions (SRT)</a> · <a href="lecture.vtt">captions (WebVTT)</a> · <a href="chapters.vtt">chapters</a> · <a href="transcript.md">transcript</a></p>
{presenting}<h2>Chapters</h2>
<ol id="chapters">
{chapters}
</ol>
<h2>Clips</h2>
<p>Each chapter on its own, to embed in a course page: copy the snippet and the files it names.</p>
{sections}
<script>
  const video = document.getElementById("lecture");
  const links = [...document.querySelectorAll("#chapters a")];
  for (const link of links) {{
    link.addEventListener("click", (event) => {{
      event.preventDefault();
      video.currentTime = Number(link.dataset.start);
      video.play().catch(() => {{}});
    }});
  }}
  video.addEventListener("timeupdate", () => {{
    let current = null;
    for (const link of links) if (Number(link.dataset.start) <= video.currentTime + 0.05) current = link;
    for (const link of links) link.classList.toggle("current", link === current);
  }});
</script>
</body>
</html>
"""
