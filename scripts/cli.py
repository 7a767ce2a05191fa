"""The ``nnlecture`` command: list the scenes, preview one, render them all, check the tools.

Manim and nnmath are imported inside the commands, so ``--help`` is instant and a missing system
library turns into one clear line instead of an import traceback.
"""

from __future__ import annotations

import json
import os
import sys
from importlib.metadata import version
from pathlib import Path

import click

from scenes import registry

DEFAULT_MEDIA_DIR = Path("media")
QUALITY_HELP = "l = 854x480 15fps, m = 1280x720 30fps, h = 1920x1080 60fps, k = 3840x2160 60fps."


class CliError(click.ClickException):
    """A one-line error with a chosen exit code (click prints 'Error: <message>')."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _use_config(path: Path | None):
    """Validate the config file up front and hand it to the scenes (they read $NNLECTURE_CONFIG)."""
    from nnmath.config import load_config
    from nnmath.errors import NNMathError
    from scenes.base import CONFIG_ENV

    try:
        config = load_config(str(path) if path else None)
    except NNMathError as err:
        raise CliError(str(err)) from None
    if path:
        os.environ[CONFIG_ENV] = str(path.resolve())
    return config


def _require_render_tools() -> None:
    from scripts import toolchain

    for check in toolchain.run(toolchain.RENDER_CHECKS):
        if not check.ok:
            raise CliError(check.problem())


def _writable(folder: Path) -> Path:
    from scripts.rendering import ensure_writable

    try:
        return ensure_writable(folder)
    except PermissionError as err:
        raise CliError(str(err)) from None


def _entry(slug: str) -> registry.SceneEntry:
    try:
        return registry.get(slug)
    except registry.UnknownSceneError as err:
        raise CliError(str(err), exit_code=2) from None


config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="A lecture.toml that changes the data set, network or training (default: the lesson's).")
media_option = click.option(
    "--media-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_MEDIA_DIR,
    show_default=True, help="Folder that receives the rendered files.")
quality_option = click.option(
    "--quality", "-q", type=click.Choice(["l", "m", "h", "k"]), show_default=True,
    help=f"Render quality: {QUALITY_HELP}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("nnlecture"), prog_name="nnlecture")
def main() -> None:
    """Render an animated lecture on neural networks, in which every number is computed.

    Start with `nnlecture list`, look at one scene with `nnlecture preview SLUG`, and render the
    whole lecture with `nnlecture render`. `nnlecture doctor` checks the tools Manim needs.
    """


@main.command("list")
def list_scenes() -> None:
    """Print the lecture's scenes in order: slug, title and a one-line summary."""
    width = max(len(entry.slug) for entry in registry.SCENES)
    for entry in registry.SCENES:
        click.echo(f"{entry.slug:<{width}}  {entry.title}")
        click.echo(f"{'':<{width}}  {entry.summary}")


@main.command()
@click.argument("slug")
@quality_option
@click.option("--frame", is_flag=True, help="Only the last frame, as a PNG (much faster).")
@config_option
@media_option
def preview(slug: str, quality: str | None, frame: bool, config_path: Path | None,
            media_dir: Path) -> None:
    """Render one scene (SLUG, see `nnlecture list`) and print the path of its video.

    The video goes to MEDIA_DIR/preview/QUALITY/SLUG.mp4 with its captions (SLUG.srt) beside
    it; with --frame, the last frame goes to SLUG.png instead.
    """
    entry = _entry(slug)
    _use_config(config_path)
    media_dir = _writable(media_dir)
    _require_render_tools()
    from scripts.rendering import RenderError, render_scene

    try:
        result = render_scene(entry, media_dir, quality=quality or "l", frame_only=frame)
    except RenderError as err:
        raise CliError(str(err)) from None
    except KeyboardInterrupt:
        raise CliError("interrupted; no partial file was kept", exit_code=130) from None
    click.echo(result.frame if frame else result.video)


@main.command()
@quality_option
@config_option
@media_option
def render(quality: str | None, config_path: Path | None, media_dir: Path) -> None:
    """Render every scene of the lecture, in order, into MEDIA_DIR/lecture/QUALITY/clips/."""
    quality = quality or "m"
    _use_config(config_path)
    out_dir = _writable(media_dir / "lecture" / quality / "clips")
    _require_render_tools()
    from scripts.rendering import RenderError, render_scene

    total = 0.0
    for number, entry in enumerate(registry.SCENES, start=1):
        click.echo(f"[{number}/{len(registry.SCENES)}] {entry.slug}: rendering")
        try:
            result = render_scene(entry, media_dir, quality=quality, out_dir=out_dir)
        except RenderError as err:
            raise CliError(str(err)) from None
        except KeyboardInterrupt:
            raise CliError("interrupted; finished clips were kept", exit_code=130) from None
        total += result.duration
        click.echo(f"[{number}/{len(registry.SCENES)}] {entry.slug}: done, {result.duration:.1f} s "
                   f"-> {result.video}")
    click.echo(f"{len(registry.SCENES)} scenes, {total:.1f} s of video in {out_dir}")


@main.command()
def doctor() -> None:
    """Check the tool chain (cairo, pango, LaTeX, dvisvgm, H.264); exit 1 if anything is missing."""
    from scripts import toolchain

    checks = toolchain.run()
    width = max(len(check.name) for check in checks)
    for check in checks:
        mark = "ok     " if check.ok else "MISSING"
        click.echo(f"{check.name:<{width}}  {mark}  {check.detail}")
        if not check.ok:
            click.echo(f"{'':<{width}}           fix: {check.fix}")
    if not all(check.ok for check in checks):
        sys.exit(1)


@main.command()
@config_option
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the JSON here (default: standard output).")
def facts(config_path: Path | None, out: Path | None) -> None:
    """Write every number of the lecture as JSON: data, weights, training history, examples.

    For handouts and answer keys: the values are the ones the video shows.
    """
    from nnmath.errors import NNMathError
    from nnmath.lecture_data import LectureData

    config = _use_config(config_path)
    try:
        text = json.dumps(LectureData.build(config).to_facts(), indent=1)
    except NNMathError as err:
        raise CliError(str(err)) from None
    if out is None:
        click.echo(text)
        return
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_text(text + "\n", encoding="utf-8")
        os.replace(partial, out)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise CliError(f"cannot write {out}: {err.strerror or err}") from None
    click.echo(f"wrote {out}", err=True)
