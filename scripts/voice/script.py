"""The recording script for the teacher: per scene, in order, each line's caption, what to say and
the file name its take must have; and the status of a recordings folder (missing and orphaned
takes, and the takes whose words could not be aligned to the synthetic voice's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.voice.parallel import synthesize_all
from scripts.voice.recorded import AUDIO_SUFFIXES, take_name, takes_in
from scripts.voice.spoken import spoken_form

SCRIPT_NAME = "narration-script.md"

# A scene as the lead hands it over: slug, title, caption lines; a line may be a (caption, spoken)
# pair where the scene overrides how it is said.
SceneLines = tuple[str, str, list["str | tuple[str, str]"]]


@dataclass(frozen=True)
class ScriptLine:
    """One line to record."""
    scene: str
    caption: str
    spoken: str
    take: str       # the take's file name without extension


@dataclass(frozen=True)
class TakeStatus:
    """Which lines have a take, which do not, which files in the folder match no line, and
    which takes are timed by characters because their alignment was poor."""
    recorded: list[ScriptLine]
    missing: list[ScriptLine]
    orphaned: list[Path]
    unaligned: list[ScriptLine]


def script_lines(scenes: list[SceneLines]) -> list[ScriptLine]:
    """Every line of the lecture in order, with its spoken text and take name."""
    lines = []
    for slug, _title, captions in scenes:
        for line in captions:
            caption, spoken = line if isinstance(line, tuple) else (line, spoken_form(line))
            lines.append(ScriptLine(slug, caption, spoken, take_name(spoken)))
    return lines


def script_markdown(scenes: list[SceneLines], recordings: Path) -> str:
    """The recording script as Markdown."""
    suffixes = " ".join(AUDIO_SUFFIXES)
    out = ["# Narration: recording script", "",
           f"Record each line as one file in `{recordings}/`, named as shown, with any of these "
           f"extensions: {suffixes}. Any rate, mono or stereo; silence at either end is trimmed "
           "and the level is set for you. A line without a take is spoken by the synthetic voice; "
           "an edited line asks for a new file name.", ""]
    lines = iter(script_lines(scenes))
    number = 0
    for slug, title, captions in scenes:
        out += [f"## {title} (`{slug}`)", ""]
        for _ in captions:
            line = next(lines)
            number += 1
            out += [f"{number}. {line.caption}", f"   - say: {line.spoken}",
                    f"   - file: `{line.take}`", ""]
    return "\n".join(out)


def write_script(scenes: list[SceneLines], out_dir: Path, recordings: Path) -> Path:
    """Write the recording script into ``out_dir`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / SCRIPT_NAME
    path.write_text(script_markdown(scenes, recordings), encoding="utf-8")
    return path


def take_status(scenes: list[SceneLines], recordings: Path, voice=None) -> TakeStatus:
    """Lines with and without a take, and the files of the folder that are no line's take. With
    a recorded ``voice``, every take is also prepared and aligned (cached: a render after this
    does not do it again), and those whose alignment was poor are listed."""
    lines = script_lines(scenes)
    found = takes_in(recordings)
    wanted = {line.take for line in lines}
    files = sorted(p for p in recordings.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if recordings.is_dir() else []
    orphaned = [p for p in files if p.stem not in wanted or p.suffix.lower() not in AUDIO_SUFFIXES]
    recorded = [line for line in lines if line.take in found]
    takes = synthesize_all(voice, [line.spoken for line in recorded]) if voice else []
    return TakeStatus(recorded=recorded,
                      missing=[line for line in lines if line.take not in found],
                      orphaned=orphaned,
                      unaligned=[line for line, take in zip(recorded, takes)
                                 if take.timing == "proportional"])


def status_report(status: TakeStatus) -> str:
    """The status as lines for the terminal."""
    total = len(status.recorded) + len(status.missing)
    out = [f"{len(status.recorded)} of {total} lines recorded, {len(status.missing)} missing, "
           f"{len(status.orphaned)} orphaned takes, {len(status.unaligned)} timed by characters "
           "(their words could not be aligned to the synthetic voice's)"]
    out += [f"missing  {line.take}  ({line.scene}) {line.caption}" for line in status.missing]
    out += [f"by characters  {line.take}  ({line.scene}) {line.caption}"
            for line in status.unaligned]
    out += [f"orphaned {path}" for path in status.orphaned]
    return "\n".join(out)
