"""The ``nnlecture`` command: list the scenes, preview one, render them all, check the tools.

Manim and nnmath are imported inside the commands, so ``--help`` is instant and a missing system
library turns into one clear line instead of an import traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from importlib.metadata import version
from pathlib import Path

import click

from scenes import registry

DEFAULT_MEDIA_DIR = Path("media")
PROGRESS_AFTER = 2.0  # seconds a data build runs quietly before it reports its progress
PROGRESS_EVERY = 1.0  # seconds between two progress lines about one network
QUALITY_HELP = "l = 854x480 15fps, m = 1280x720 30fps, h = 1920x1080 60fps, k = 3840x2160 60fps."


class CliError(click.ClickException):
    """A one-line error with a chosen exit code (click prints 'Error: <message>')."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _use_config(path: Path | None):
    """The config file, validated up front (the scenes receive it in their LectureContext)."""
    from nnmath.config import load_config
    from nnmath.errors import NNMathError

    try:
        config = load_config(str(path) if path else None)
    except NNMathError as err:
        raise CliError(str(err)) from None
    _settings(path)
    return config


def _settings(path: Path | None):
    """The config file's application settings, [voice] and [render] (scripts.settings), checked."""
    from nnmath.errors import NNMathError
    from scripts.settings import load_settings

    try:
        return load_settings(str(path) if path else None)
    except NNMathError as err:
        raise CliError(str(err)) from None


class _BuildProgress:
    """LectureData.build's progress callback: quiet while the build is fast; once it has run
    PROGRESS_AFTER seconds, a line on stderr every PROGRESS_EVERY seconds and when a network is
    trained, e.g. "training the lecture's network: 2000/5000 epochs"."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.last: float | None = None

    def __call__(self, step: str, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < PROGRESS_AFTER:
            return
        if done < total and self.last is not None and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        click.echo(f"{step}: {done}/{total} epochs", err=True)


def _lecture_data(config):
    """The lecture's numbers for ``config``, built once per process (the scenes of ``preview``
    then find them cached) with progress on stderr when slow. A config whose own network
    diverges stops here with one line, before anything renders."""
    from nnmath.errors import NNMathError
    from nnmath.lecture_data import LectureData

    try:
        return LectureData.build(config, progress=_BuildProgress())
    except NNMathError as err:
        raise CliError(str(err)) from None


def _voice_settings(config_path: Path | None, engine: str | None, media_dir: Path):
    """The narration's voice for this command (None: captions only), checked up front: a missing
    engine or voice stops here with one line naming the package and how to install it."""
    from scripts.voice import VoiceError, VoiceSettings, make_voice

    voice = _settings(config_path).voice
    engine = engine or voice.engine
    if engine == "none":
        return None
    settings = VoiceSettings(engine=engine, recordings=_recordings(config_path),
                             cache_dir=media_dir.resolve() / ".manim" / "voice",
                             fallback=voice.fallback)
    try:
        make_voice(settings)
    except VoiceError as err:
        raise CliError(str(err)) from None
    return settings


def _recordings(config_path: Path | None) -> Path:
    """The teacher's takes: the config's voice.recordings, relative to the config file (or to
    the current folder without one)."""
    folder = config_path.resolve().parent if config_path else Path.cwd()
    return folder / _settings(config_path).voice.recordings


def _require_render_tools() -> None:
    from scripts import toolchain

    for check in toolchain.run(toolchain.RENDER_CHECKS):
        if not check.ok:
            raise CliError(check.problem())


def _writable(folder: Path) -> Path:
    from scripts.render.scene import ensure_writable

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
voice_option = click.option(
    "--voice", type=click.Choice(["piper", "espeak", "recorded", "none"]),
    help="Who speaks the narration: piper (a neural voice), espeak (fast and robotic, for "
         "drafts), recorded (your takes in the config's voice.recordings folder, the synthetic "
         "voice for lines without one; see `nnlecture script`) or none (captions only). "
         "Default: the config's [voice] engine, piper.")
quality_option = click.option(
    "--quality", "-q", type=click.Choice(["l", "m", "h", "k"]), show_default=True,
    help=f"Render quality: {QUALITY_HELP}")


class _Commands(click.Group):
    """Usage errors (a bad option value) in one line, without the usage text before it, and
    every error the project raises on purpose (``NNLectureError``) as its one-line message."""

    def invoke(self, ctx):
        from nnmath.errors import NNLectureError

        try:
            return super().invoke(ctx)
        except click.UsageError as err:
            err.ctx = None
            raise
        except NNLectureError as err:
            raise CliError(str(err)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("nnlecture"), prog_name="nnlecture")
def main() -> None:
    """Render an animated lecture on neural networks, in which every number is computed.

    Start with `nnlecture list`, look at one scene with `nnlecture preview SLUG`, and render the
    whole narrated lecture with `nnlecture render` (`--formats mp4,slides` adds slides to present
    live; `--cluster ADDRESS` renders on a Dask cluster). `nnlecture script` writes the narration
    for recording it in your own voice; `nnlecture doctor` checks the tools and voices.
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
@voice_option
@media_option
def preview(slug: str, quality: str | None, frame: bool, config_path: Path | None,
            voice: str | None, media_dir: Path) -> None:
    """Render one scene (SLUG, see `nnlecture list`) and print the path of its video.

    The video goes to MEDIA_DIR/preview/QUALITY/SLUG.mp4, narrated by the voice, with its
    captions beside it (SLUG.srt, and SLUG.vtt with each word's time); with --frame, the last frame goes to SLUG.png instead.
    """
    entry = _entry(slug)
    config = _use_config(config_path)
    media_dir = _writable(media_dir)
    _require_render_tools()
    settings = None if frame else _voice_settings(config_path, voice, media_dir)
    data = _lecture_data(config)
    from scenes.base import LectureContext
    from scripts.files import write_text
    from scripts.media.video import duration
    from scripts.render.clip import Speaker, add_voice, caption_texts, narration_lines
    from scripts.render.scene import RenderError, preview_scene

    speaker = Speaker(settings)
    try:
        result = preview_scene(entry, media_dir, quality=quality or "l", frame_only=frame,
                               context=LectureContext(config, data,
                                                      speaker if speaker.voice else None))
        if speaker.voice:
            add_voice(result)
        if result.video is not None:
            texts = caption_texts(narration_lines(result, speaker),
                                  float(duration(result.video)))
            for kind, text in texts.items():
                write_text(result.video.with_suffix(f".{kind}"), text)
    except RenderError as err:
        raise CliError(str(err)) from None
    except KeyboardInterrupt:
        raise CliError("interrupted; no partial file was kept", exit_code=130) from None
    click.echo(result.frame if frame else result.video)


def _only(ctx, param, value: str | None) -> list[registry.SceneEntry]:
    if not value:
        return list(registry.SCENES)
    wanted = {_entry(slug.strip()).slug for slug in value.split(",") if slug.strip()}
    if not wanted:
        raise CliError("--only names no scene; see `nnlecture list`", exit_code=2)
    return [entry for entry in registry.SCENES if entry.slug in wanted]


class Formats(click.ParamType):
    """Formats, comma-separated: the pipeline's clip FORMATS and the lecture folder's ASSEMBLED."""

    name = "formats"

    def get_metavar(self, *args, **kwargs) -> str:
        return "mp4,webm,gif,slides,course"

    def convert(self, value, param, ctx) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        from scripts.publish.assemble import ASSEMBLED
        from scripts.render.scene import FORMATS

        known = (*FORMATS, *ASSEMBLED)
        kinds = tuple(kind.strip().lower() for kind in value.split(",") if kind.strip())
        for kind in kinds:
            if kind not in known:
                self.fail(f"unknown format {kind!r}; choose from {', '.join(known)}", param, ctx)
        return kinds


def _hold_media_dir(media_dir: Path) -> None:
    """Hold the media folder until the command ends, or stop at once if a render holds it."""
    from scripts.files import FolderBusy, render_lock

    try:
        click.get_current_context().with_resource(render_lock(media_dir))
    except FolderBusy as err:
        raise CliError(str(err)) from None


@main.command()
@click.option("--quality", "-q", type=click.Choice(["draft", "l", "m", "h", "k"]), default="m",
              show_default=True,
              help=f"draft = 426x240 10fps, a fast proof of the whole lecture; {QUALITY_HELP}")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=len(os.sched_getaffinity(0)),
              show_default=True, help="Scenes rendered at once, each in its own process.")
@click.option("--config", "config_paths", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="A lecture.toml that changes the data set, network or training (default: the "
                   "lesson's). Give several to render a lecture per config in one go, each in "
                   "MEDIA_DIR/lecture/QUALITY/NAME/ (NAME: the file's name without .toml).")
@click.option("--only", metavar="SLUG,...", callback=_only,
              help="A lecture of these scenes only (see `nnlecture list`), in lecture order.")
@click.option("--formats", type=Formats(), default="mp4", show_default=True,
              help="Clip formats; MP4 clips are always made, WebM and GIF on request; slides: "
                   "slides.html, lecture.pptx, handout.pdf; course: course/ with the quiz (JSON, "
                   "Moodle XML) and a SCORM 1.2 package.")
@click.option("--force", is_flag=True, help="Render every scene again, even when nothing changed.")
@click.option("--cluster", metavar="ADDRESS",
              help="Render the scenes on the Dask cluster whose scheduler is at ADDRESS "
                   "(tcp://host:8786; default: the config's [render] cluster, else this machine). "
                   "See README, \"Rendering on a cluster\".")
@voice_option
@media_option
def render(quality: str, jobs: int, config_paths: tuple[Path, ...],
           only: list[registry.SceneEntry], formats: tuple[str, ...], force: bool,
           cluster: str | None, voice: str | None, media_dir: Path) -> None:
    """Render every scene in parallel and assemble the lecture in MEDIA_DIR/lecture/QUALITY/.

    Writes lecture.mp4 (chapters, faststart), lecture.srt/.vtt, chapters.vtt, transcript.md,
    clips/SLUG.mp4 with captions, posters/SLUG.png and index.html. A scene is rendered again only
    when something that affects it changed (its code, the theme, nnmath, the config, the quality,
    Manim); otherwise its cached clip is used. If a scene fails or you press Ctrl-C, the previous
    lecture stays as it was and the scenes that finished stay cached.
    """
    configs = [(path, _use_config(path)) for path in config_paths or [None]]
    names = _lecture_names(config_paths)
    media_dir = _writable(media_dir)
    _hold_media_dir(media_dir)
    for name in names:
        _writable(media_dir / "lecture" / quality / name)
    _require_render_tools()
    cluster = _cluster_address(cluster, [path for path, _ in configs])
    from scripts.media.captions import clock
    from scripts.render.cluster import ClusterError
    from scripts.pipeline import LectureFailed, LectureSpec, render_lectures

    lectures = []
    for (path, config), name in zip(configs, names):
        settings = _voice_settings(path, voice, media_dir)
        if cluster and settings is not None and settings.engine == "recorded":
            raise CliError("--voice recorded cannot render on a cluster yet (the takes are on "
                           "this machine); render it here, without --cluster")
        lectures.append(LectureSpec(registry.SCENES[0].title, only, path, settings, name))
    started = time.perf_counter()
    try:
        reports = render_lectures(
            lectures, quality=quality, jobs=jobs, media_dir=media_dir, formats=formats,
            force=force, write=lambda text: click.echo(text, nl=False),
            live=sys.stdout.isatty(), cluster=cluster,
            prepare=lambda: [_lecture_data(config) for _, config in configs])
    except (LectureFailed, ClusterError) as err:
        raise CliError(str(err)) from None
    except KeyboardInterrupt:
        folders = ", ".join(str(media_dir / "lecture" / quality / name) for name in names)
        raise CliError(f"interrupted; the previous lecture in {folders} is "
                       f"unchanged, and scenes that finished are cached", exit_code=130) from None
    for report, name, lecture_spec in zip(reports, names, lectures):
        lecture = report.lecture
        counts = ", ".join(f"{len(group)} {kind}" for kind, group in (
            ("rendered", report.rendered), ("cached", report.cached),
            ("shared", report.shared), ("re-encoded", report.encoded)) if group)
        scenes = f"{len(only)} scene" + ("" if len(only) == 1 else "s")
        click.echo(f"{name + ': ' if name else ''}{scenes} ({counts}): lecture "
                   f"{clock(lecture.duration)} ({lecture.duration:.1f} s); render "
                   f"{report.render_seconds:.1f} s, assemble {report.assemble_seconds:.2f} s, "
                   f"total {time.perf_counter() - started:.1f} s")
        missing = sum(len(lines) for lines in report.missing_takes.values())
        if missing:
            click.echo(f"{missing} line(s) have no recorded take yet and were spoken by "
                       f"{lecture_spec.voice.fallback}; `nnlecture script --status` lists them")
        click.echo(lecture.index)


def _lecture_names(config_paths: tuple[Path, ...]) -> list[str]:
    """Each lecture's folder name: "" (the quality's folder) for one config, else its stem."""
    if len(config_paths) < 2:
        return [""]
    names = [path.stem for path in config_paths]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise CliError(f"several --config files are named {twice[0]!r}: each lecture's folder is "
                       f"named after its config file, so give them different names", exit_code=2)
    return names


def _cluster_address(option: str | None, paths) -> str | None:
    """--cluster, else the configs' [render] cluster (which must then agree), else None."""
    from scripts.settings import CLUSTER_ADDRESS

    if option is not None:
        if not re.fullmatch(CLUSTER_ADDRESS, option):
            raise CliError(f"--cluster {option!r} is not a Dask scheduler address such as "
                           f"tcp://host:8786", exit_code=2)
        return option
    named = sorted({cluster for cluster in (_settings(path).render.cluster for path in paths)
                    if cluster})
    if len(named) > 1:
        raise CliError(f"the configs name different clusters ({', '.join(named)}); "
                       f"choose one with --cluster", exit_code=2)
    return named[0] if named else None


@main.command()
@media_option
def doctor(media_dir: Path) -> None:
    """Check the tool chain (cairo, pango, LaTeX, dvisvgm, H.264) and list the voices that work;
    exit 1 if a rendering tool is missing."""
    from scripts import toolchain

    checks = toolchain.run()
    width = max(len(check.name) for check in checks)
    for check in checks:
        mark = "ok     " if check.ok else "MISSING"
        click.echo(f"{check.name:<{width}}  {mark}  {check.detail}")
        if not check.ok:
            click.echo(f"{'':<{width}}           fix: {check.fix}")
    for engine, problem in _voices(media_dir):
        mark = "ok     " if problem is None else "MISSING"
        click.echo(f"{'voice ' + engine:<{width}}  {mark}  {problem or 'speaks a test line'}")
    if not all(check.ok for check in checks):
        sys.exit(1)


def _voices(media_dir: Path) -> list[tuple[str, str | None]]:
    """(engine, None if it speaks a test line, else the one-line problem) per synthetic voice."""
    from scripts.voice import VoiceError, VoiceSettings, make_voice

    found = []
    for engine in ("piper", "espeak"):
        settings = VoiceSettings(engine=engine, cache_dir=media_dir / ".manim" / "voice")
        try:
            make_voice(settings).speak("Testing the voice.")
            found.append((engine, None))
        except (VoiceError, OSError) as err:
            found.append((engine, str(err)))
    return found


@main.command()
@config_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder that receives narration-script.md.")
@click.option("--status", is_flag=True,
              help="Only list the lines that still lack a take, the takes that match no line, "
                   "and the takes whose words could not be aligned (timed by characters).")
@media_option
def script(config_path: Path | None, out: Path, status: bool, media_dir: Path) -> None:
    """Write the narration as a recording script for your own voice.

    Per scene, in order: each line's caption, what to say, and the file name its take must have
    in the config's voice.recordings folder (default narration/). Record the takes in any audio
    editor (WAV, FLAC, MP3 or M4A; any rate, mono or stereo), then `nnlecture render --voice
    recorded`: lines with a take use it, the others the synthetic voice. An edited line asks for
    a new take (its file name follows its words).
    """
    config = _use_config(config_path)
    media_dir = _writable(media_dir)
    _require_render_tools()
    data = _lecture_data(config)
    from scenes.base import LectureContext
    from scripts.render.lines import narration_lines
    from scripts.voice.script import status_report, take_status, write_script

    recordings = _recordings(config_path)
    try:
        scenes = narration_lines(registry.SCENES, media_dir, LectureContext(config, data),
                                 report=lambda text: click.echo(text, err=True))
    except KeyboardInterrupt:
        raise CliError("interrupted; no script was written", exit_code=130) from None
    if status:
        from scripts.voice import VoiceError, make_voice
        voice = make_voice(_voice_settings(config_path, "recorded", media_dir))
        try:
            click.echo(status_report(take_status(scenes, recordings, voice)))
        except VoiceError as err:
            raise CliError(str(err)) from None
        return
    try:
        click.echo(write_script(scenes, _writable(out), recordings))
    except OSError as err:
        raise CliError(f"cannot write the script to {out}: {err.strerror or err}") from None


@main.command()
@config_option
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the JSON here (default: standard output).")
def facts(config_path: Path | None, out: Path | None) -> None:
    """Write every number of the lecture as JSON: data, weights, training history, examples.

    For handouts and answer keys: the values are the ones the video shows.
    """
    config = _use_config(config_path)
    text = json.dumps(_lecture_data(config).to_facts(), indent=1)
    if out is None:
        click.echo(text)
        return
    from scripts.files import write_text

    try:
        write_text(out, text + "\n")
    except OSError as err:
        raise CliError(f"cannot write {out}: {err.strerror or err}") from None
    click.echo(f"wrote {out}", err=True)
