"""Which scenes must be rendered: a key per scene from everything that changes its pixels.

The key hashes the scene's module and the project modules it imports, followed through their own
imports (the theme, ``scenes.base``, shared mobjects; found by reading import statements, so
editing one scene re-renders that scene only), all of nnmath, the config file, the quality and
Manim settings, the renderer's own code, and the Manim and PyAV versions.

A scene's record (its key, measured duration and files) is written after its files and deleted
before it is rendered again, so a record always describes finished files of that key.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import sys
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

from scenes.registry import SceneEntry
from scripts.files import write_json

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("scenes", "nnmath")
# Code that turns a scene into its cached files: changing it must re-render too.
RENDERER_FILES = ("scripts/render/scene.py", "scripts/render/clip.py", "scripts/media/video.py",
                  "scripts/media/audio.py", "scripts/media/captions.py", "scripts/media/steps.py")


@dataclass
class Record:
    """What a finished render left in the cache: ``files`` maps a kind (mp4, wav, srt, vtt, png,
    webm, gif; with slides, ``slides`` for the steps' manifest and ``stepN.mp4``, ``stepN.png``
    for each step, see ``media.steps.cut_steps``) to a file name in the cache folder; ``lines`` are the narration's whole lines
    ([start, end, caption, spoken text], seconds; for the transcript and the recording script);
    ``takes`` a digest of the voice's takes of those lines (see ``takes_digest``);
    ``missing_takes`` the lines a recorded voice had no take for; ``hashes`` each file's
    [size, sha256] when the record was written (``save_record``), which ``damage`` checks."""

    key: str
    duration: float
    files: dict[str, str] = field(default_factory=dict)
    lines: list = field(default_factory=list)
    takes: str = ""
    missing_takes: list = field(default_factory=list)
    hashes: dict = field(default_factory=dict)

    def damage(self, cache_dir: Path) -> str | None:
        """Why this entry cannot be served (a file missing, cut short or changed), or None when
        the clip and poster are listed and every file has its recorded size and hash."""
        if not {"mp4", "png"} <= self.files.keys():
            return "its record lists no clip or poster"
        for name in self.files.values():
            path = cache_dir / name
            if not path.is_file():
                return f"{name} is missing"
            if name not in self.hashes:
                return f"{name} has no size and hash in its record"
            size, digest = self.hashes[name]
            if path.stat().st_size != size:
                return f"{name} is {path.stat().st_size} bytes, its record says {size}"
            if file_digest(path) != digest:
                return f"{name} does not hash to its record's sha256"
        return None

    def intact(self, cache_dir: Path) -> bool:
        return self.damage(cache_dir) is None


def record_path(cache_dir: Path, slug: str) -> Path:
    return cache_dir / f"{slug}.json"


def load_record(cache_dir: Path, slug: str) -> Record | None:
    try:
        return Record(**json.loads(record_path(cache_dir, slug).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def save_record(cache_dir: Path, slug: str, record: Record) -> None:
    """Write ``record`` after its files, with each file's size and sha256 as it is now."""
    record.hashes = {name: [(cache_dir / name).stat().st_size, file_digest(cache_dir / name)]
                     for name in record.files.values()}
    write_json(record_path(cache_dir, slug), asdict(record))


def file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def takes_digest(keys: list[str]) -> str:
    """One digest of the takes a scene's lines were spoken with: a recorded take added or
    changed changes it, and so re-renders that scene (and no other)."""
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


class VoiceKey:
    """What the voice contributes to deciding whether a cached scene is still good: its settings
    (in every scene's key) and, per scene, the takes of the lines it said last time (a new or
    changed recording re-renders only the scenes whose lines it speaks)."""

    def __init__(self, settings) -> None:
        self.voice = None
        self.description = None
        if settings is not None and settings.engine != "none":
            from scripts.voice import make_voice

            self.voice = make_voice(settings)
            relevant = ["engine", "rate"]
            if settings.engine == "recorded":
                relevant += ["recordings", "fallback"]
            self.description = {name: str(getattr(settings, name)) for name in relevant}

    def unchanged(self, record) -> bool:
        if self.voice is None:
            return "wav" not in record.files
        keys = [self.voice.key(line[3]) for line in record.lines]
        return "wav" in record.files and takes_digest(keys) == record.takes


def scene_key(entry: SceneEntry, *, quality: str, settings: dict, config_path: Path | None,
              voice: dict | None = None) -> str:
    """The hex digest that changes whenever anything that affects this scene's video changes."""
    return payload_digest(key_payload(entry, quality=quality, settings=settings,
                                      config_path=config_path, voice=voice))


def key_payload(entry: SceneEntry, *, quality: str, settings: dict, config_path: Path | None,
                voice: dict | None = None) -> dict:
    """What ``scene_key`` hashes, part by part: a cluster worker compares its own with the
    client's to say what differs (scene code, versions) when their keys do not agree.

    ``voice`` describes the narration's voice (engine, voice, settings, and for recorded takes
    the digests of the takes this scene's lines use); with a voice, the voice's own code counts
    too (its pronunciation table decides what is said, hence how long each step lasts)."""
    files = set(scene_sources(entry.scene_path.split(":")[0]))
    files.update(PROJECT_ROOT.joinpath("nnmath").rglob("*.py"))
    files.update(PROJECT_ROOT / name for name in RENDERER_FILES)
    if voice is not None:
        files.update(PROJECT_ROOT.joinpath("scripts", "voice").rglob("*.py"))
    manim_cfg = Path("manim.cfg")   # Manim reads it from the working directory
    return {
        "scene": entry.scene_path,
        "files": {_label(path): _digest(path.read_bytes()) for path in sorted(files)},
        "config": _digest(config_path.read_bytes()) if config_path else None,
        "manim.cfg": _digest(manim_cfg.read_bytes()) if manim_cfg.is_file() else None,
        "quality": quality,
        "settings": settings,
        "manim": version("manim"),
        "av": version("av"),
        "voice": voice,
    }


def payload_digest(payload: dict) -> str:
    return _digest(json.dumps(payload, sort_keys=True, default=str).encode())


def scene_sources(module: str) -> list[Path]:
    """The files of ``module`` and of every project module it imports, directly or not."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ImportError(f"no module named {module!r}")
    seen: dict[Path, str] = {}
    queue = [(Path(spec.origin).resolve(), module)]
    while queue:
        path, name = queue.pop()
        if path in seen:
            continue
        seen[path] = name
        for imported in _imports(path, name):
            found = _project_file(imported)
            if found is not None and found not in seen:
                queue.append((found, imported))
    return sorted(seen)


def _imports(path: Path, module: str) -> set[str]:
    """Module names imported anywhere in ``path`` (also inside functions), made absolute."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, [*anchor, base]))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # may be submodules
    return names


def _project_file(module: str) -> Path | None:
    parts = module.split(".")
    if parts[0] not in PROJECT_PACKAGES:
        return None
    base = PROJECT_ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _label(path: Path) -> str:
    """A file's name in the key: relative to the project for its own code, else (a scene module
    of someone else's) to the import path it is found on, so that the same code installed
    elsewhere has the same key."""
    if path.is_relative_to(PROJECT_ROOT) and path.relative_to(PROJECT_ROOT).parts[0] in (
            *PROJECT_PACKAGES, "scripts"):
        return path.relative_to(PROJECT_ROOT).as_posix()
    roots = [root for root in (Path(entry).resolve() for entry in sys.path if entry)
             if path.is_relative_to(root)]
    if not roots:
        return str(path)
    return path.relative_to(max(roots, key=lambda root: len(root.parts))).as_posix()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
