"""The application's settings in the lecture's config file: who speaks (``[voice]``) and where
the scenes render (``[render]``). They shape no number, so they live here and not in nnmath,
which leaves these sections to this module; their rules and README lines are made as nnmath's
are (``nnmath.config.Rule``)."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field

from nnmath.config import Rule, check_rules, invalid, read_toml, reference_line
from nnmath.errors import ConfigError

VOICES = ("piper", "espeak", "recorded", "none")   # the narration's voice (scripts.voice)
SYNTHETIC_VOICES = ("piper", "espeak")
CLUSTER_ADDRESS = r"(tcp|tls)://[^\s/:]+:\d{1,5}"   # a Dask scheduler, [render] cluster

RULES = {rule.key: rule for rule in (
    Rule("voice.engine", "choice", "who speaks (see \"Voices\")", choices=VOICES),
    Rule("voice.recordings", "other", "the folder of your takes, relative to this file",
         allowed="a folder name"),
    Rule("voice.fallback", "choice", "for lines without a take", choices=SYNTHETIC_VOICES),
    Rule("render.cluster", "other", "where scenes render",
         allowed='a Dask scheduler such as "tcp://host:8786", or "" for this machine'),
)}


@dataclass(frozen=True)
class VoiceConfig:
    """[voice]: who speaks the narration: the Piper neural voice, espeak-ng (fast, robotic), the
    teacher's own recordings (``recordings`` folder; lines without a take use ``fallback``), or
    nobody (captions only)."""

    engine: str = "piper"
    recordings: str = "narration"
    fallback: str = "piper"

    def __post_init__(self):
        check_rules(self, "voice", RULES)
        if not isinstance(self.recordings, str) or not self.recordings.strip():
            raise invalid("voice.recordings", self.recordings, "must be a folder name, e.g. \"narration\"")


@dataclass(frozen=True)
class RenderConfig:
    """[render]: where ``nnlecture render`` renders the scenes: a Dask scheduler's address
    ("tcp://host:8786"), or "" for this machine's processes."""

    cluster: str = ""

    def __post_init__(self):
        if not isinstance(self.cluster, str) or not (
                self.cluster == "" or re.fullmatch(CLUSTER_ADDRESS, self.cluster)):
            raise invalid("render.cluster", self.cluster,
                          'must be a Dask scheduler address such as "tcp://host:8786", or ""')


SECTIONS = {"voice": VoiceConfig, "render": RenderConfig}


@dataclass(frozen=True)
class Settings:
    voice: VoiceConfig = field(default_factory=VoiceConfig)
    render: RenderConfig = field(default_factory=RenderConfig)


def parse_settings(mapping) -> Settings:
    """The application's sections of a config mapping (missing keys take defaults)."""
    sections = {}
    for name, cls in SECTIONS.items():
        section = mapping.get(name, {})
        if not isinstance(section, dict):
            raise invalid(name, section, f"must be a table [{name}]")
        known = [f.name for f in dataclasses.fields(cls)]
        for key in section:
            if key not in known:
                raise ConfigError(f"unknown key {name}.{key}: [{name}] knows {', '.join(known)}")
        sections[name] = cls(**section)
    return Settings(**sections)


def load_settings(path=None) -> Settings:
    """The settings in the config file ``path``; the defaults if ``path`` is None."""
    return Settings() if path is None else parse_settings(read_toml(path))


def settings_to_dict(settings: Settings | None = None) -> dict:
    """``settings`` (default: the defaults) as plain TOML-ready data."""
    return json.loads(json.dumps(dataclasses.asdict(settings or Settings())))


def settings_reference() -> str:
    """The README's lines for these sections, as ``nnmath.config.config_reference`` makes its."""
    defaults = settings_to_dict()
    lines = []
    for name in SECTIONS:
        lines += ["", f"[{name}]"]
        lines += [reference_line(RULES[f"{name}.{key}"], value)
                  for key, value in defaults[name].items()]
    return "\n".join(lines) + "\n"
