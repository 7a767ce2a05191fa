"""Renders the draft lecture and prints how it moves with its words (``make bench-craft``).

Per scene and for the whole: the share of time in stills of 3 s or more, the longest still
outside a scene's last 3 s, the content fill, the share of caption cues timed from the voice's
word timings and the cues shown faster than 20 characters a second (see scripts/dev/craft.py
for the definitions). ``--sheet FILE`` also writes a contact sheet: a row per scene, one frame
per beat (the last frame of each narration step).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import numpy as np

ROOT = Path(__file__).resolve().parents[2]


@click.command()
@click.option("--media-dir", type=click.Path(path_type=Path), default=ROOT / "media" / "bench-craft",
              show_default=True, help="Where the draft lecture is rendered (reused when unchanged).")
@click.option("--only", default="", help="Comma-separated scene slugs (default: all).")
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path),
              help="A lecture.toml (default: the built-in config).")
@click.option("--voice", default=None, help="piper, espeak, recorded or none (default: the config's).")
@click.option("--sheet", type=click.Path(path_type=Path), help="Write a contact sheet here (JPEG).")
@click.option("--render/--no-render", default=True, help="Render first (else measure what is there).")
def main(media_dir: Path, only: str, config_path: Path | None, voice: str | None,
         sheet: Path | None, render: bool) -> None:
    """Render the draft lecture and print its craft figures."""
    from nnmath.config import load_config
    from scenes import registry, theme
    from scripts.dev import craft
    from scripts.media import captions

    if render:
        command = [sys.executable, "-c", "from scripts.cli import main; main()", "render",
                   "-q", "draft", "--media-dir", str(media_dir)]   # this checkout's code
        command += ["--only", only] if only else []
        command += ["--config", str(config_path)] if config_path else []
        command += ["--voice", voice] if voice else []
        subprocess.run(command, check=True, cwd=ROOT)
    background = theme.PALETTES[load_config(config_path).lecture.theme].background
    slugs = only.split(",") if only else registry.slugs()
    clips = media_dir / "lecture" / "draft" / "clips"
    records = media_dir / ".manim" / "lecture" / "draft"
    rows, thumbs = [], []
    for slug in slugs:
        measured = craft.measure_clip(clips / f"{slug}.mp4", background)
        record = json.loads((records / f"{slug}.json").read_text(encoding="utf-8"))
        cues = (captions.line_cues(record["lines"], record["duration"])
                if all(len(line) > 4 for line in record["lines"])
                else captions.read_srt(clips / f"{slug}.srt"))   # a render from before the words
        timed = _timed_cues(record["lines"], cues, record["duration"])
        fast = sum(rate > captions.MAX_CPS + 1e-6 for rate in craft.cue_rates(cues))
        rows.append((slug, measured, len(cues), timed, fast))
        if sheet:
            thumbs.append((slug, _beat_frames(clips / f"{slug}.mp4", record)))
    _print(rows)
    if sheet:
        _contact_sheet(thumbs, sheet)
        click.echo(f"contact sheet: {sheet}")


def _timed_cues(lines: list, cues, length: float) -> int:
    """How many cues belong to lines whose words the voice timed (a line's cues start within
    its step: from its start to the next line's)."""
    starts = [line[0] for line in lines] + [length]
    return sum(1 for line, start, end in zip(lines, starts, starts[1:]) if len(line) > 5 and line[5]
               for cue in cues if start - 1e-6 <= cue.start < end - 1e-6)


def _print(rows) -> None:
    click.echo(f"{'scene':18s} {'length':>7s} {'stills>=3s':>10s} {'longest':>8s} {'fill':>6s} "
               f"{'cues':>5s} {'timed':>6s} {'>20cps':>6s}")
    for slug, m, cues, timed, fast in rows:
        click.echo(f"{slug:18s} {m.duration:6.1f}s {m.still_share:9.1%} {m.longest_still:7.1f}s "
                   f"{m.fill:6.1%} {cues:5d} {timed / max(cues, 1):6.1%} {fast:6d}")
    total = sum(m.duration for _, m, *_ in rows)
    still = sum(m.still_share * m.duration for _, m, *_ in rows) / max(total, 1e-9)
    longest = max((m.longest_still for _, m, *_ in rows), default=0.0)
    fill = float(np.mean([m.fill for _, m, *_ in rows])) if rows else 0.0
    cues = sum(r[2] for r in rows)
    timed = sum(r[3] for r in rows)
    fast = sum(r[4] for r in rows)
    click.echo(f"{'lecture':18s} {total:6.1f}s {still:9.1%} {longest:7.1f}s {fill:6.1%} "
               f"{cues:5d} {timed / max(cues, 1):6.1%} {fast:6d}")
    worst = min(rows, key=lambda r: r[1].fill)
    click.echo(f"(fill: mean of scenes; least filled {worst[0]} {worst[1].fill:.1%})")


def _beat_frames(video: Path, record: dict) -> list:
    """The last frame of each narration step (just before the next begins)."""
    from scripts.dev import craft

    ends = [line[0] for line in record["lines"][1:]] + [record["duration"]]
    wanted, found, previous = list(ends), [], None
    for t, rgb in craft.frames(video):
        while wanted and t >= wanted[0] - 1e-6:
            found.append(previous if previous is not None else rgb)
            wanted.pop(0)
        previous = rgb
    found += [previous] * len(wanted)
    return [frame for frame in found if frame is not None]


def _contact_sheet(rows, target: Path, thumb_width: int = 192) -> None:
    from PIL import Image, ImageDraw

    first = next(frame for _, frames in rows for frame in frames)
    thumb_height = round(first.shape[0] * thumb_width / first.shape[1])
    label = 110
    columns = max(len(frames) for _, frames in rows)
    sheet = Image.new("RGB", (label + columns * (thumb_width + 4), len(rows) * (thumb_height + 4)),
                      "#202020")
    draw = ImageDraw.Draw(sheet)
    for row, (slug, frames) in enumerate(rows):
        y = row * (thumb_height + 4)
        draw.text((6, y + thumb_height // 2 - 6), slug, fill="#E0E0E0")
        for column, frame in enumerate(frames):
            image = Image.fromarray(frame).resize((thumb_width, thumb_height), Image.LANCZOS)
            sheet.paste(image, (label + column * (thumb_width + 4), y))
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, quality=82)


if __name__ == "__main__":
    main()
