"""Piper's phoneme alignments back to the words of the text it spoke.

Piper gives, per sentence, each phoneme's number of samples; its words are the runs of phonemes
between spaces. They are not the text's words one for one: espeak-ng, which phonemizes for
Piper, says a number as several words and runs two short words together ("on the" -> "ɔnðə").
Each text word is phonemized alone (as Piper's own espeak-ng would), and a dynamic programme
matches the text's words to runs of Piper's words by the edit distance of their phonemes: one
text word to its own number of Piper words (one more or less at a cost), or two or three text
words to one merged run. A sentence whose match is poor gets times in proportion to characters
within its speech."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scripts.voice.timing import Words, proportional

PAUSES = set(",.;:!?")         # clause terminators Piper keeps as (silent) phonemes
MARKS = "ˈˌːʲ"                   # stress and length: spoken alone and in context they differ
MISMATCH = 0.3                   # cost of a text word said as one Piper word more or fewer
MERGE = 0.05                     # cost of two (or three) text words said as one run
POOR = 0.5                       # mean phoneme distance per word above which a sentence is poor
SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")

# (start, end) samples of one Piper word within a sentence chunk, and its phonemes
Span = tuple[int, int, str]


def piper_words(text: str, chunks: list, rate: int, pause: int) -> tuple[Words, bool]:
    """The text's words timed from Piper's chunks, in seconds from the start of the chunks
    joined with ``pause`` samples between them; and whether every sentence was matched (False:
    some or all of it is in proportion to characters)."""
    words = text.split()
    spans, ranges, offset = [], [], 0
    for chunk in chunks:
        spans.append([(offset + s, offset + e, ph) for s, e, ph in chunk_words(chunk)])
        ranges.append((offset, offset + len(chunk.audio_float_array)))
        offset += len(chunk.audio_float_array) + pause
    sentences = split_sentences(words)
    if len(sentences) != len(spans):
        sentences = [words]
        spans = [[span for sentence in spans for span in sentence]]
        ranges = [(ranges[0][0], ranges[-1][1])]
    timed, exact = [], True
    for sentence, sentence_spans, (first, last) in zip(sentences, spans, ranges):
        matched = match(sentence, sentence_spans)
        if matched is None:
            exact = False
            if sentence_spans:
                first, last = sentence_spans[0][0], sentence_spans[-1][1]
            matched = proportional(sentence, first, last)
        timed += [(word, start / rate, end / rate) for word, start, end in matched]
    return timed, exact


def chunk_words(chunk) -> list[Span]:
    """Piper's words in one sentence chunk: (first sample, last sample, phonemes) of each run
    of phonemes between spaces, pauses and the sentence's start and end marks."""
    if chunk.phoneme_alignments is None:
        return []
    spans, at, start, phonemes = [], 0, None, ""
    for alignment in chunk.phoneme_alignments:
        phoneme, length = alignment.phoneme, int(alignment.num_samples)
        if phoneme in ("^", "$", " ") or phoneme in PAUSES:
            if start is not None:
                spans.append((start, at, phonemes))
            start, phonemes = None, ""
        else:
            start = at if start is None else start
            phonemes += phoneme
        at += length
    if start is not None:
        spans.append((start, at, phonemes))
    return spans


def split_sentences(words: list[str]) -> list[list[str]]:
    """The words by sentence as espeak-ng ends them: after . ! or ? before a capital."""
    sentences, current = [], []
    for index, word in enumerate(words):
        current.append(word)
        following = words[index + 1] if index + 1 < len(words) else None
        if SENTENCE_END.search(word) and (following is None or following[:1].isupper()):
            sentences.append(current)
            current = []
    return sentences + [current] if current else sentences


def match(words: list[str], spans: list[Span]) -> list[tuple[str, float, float]] | None:
    """Each word's (start, end) samples from Piper's word spans, or None when they match
    poorly. A merged run is shared among its words in proportion to their phonemes."""
    if not words:
        return []
    alone = [phonemes_alone(word) for word in words]
    counts = [count for _, count in alone]
    heard = [normal(phonemes) for _, _, phonemes in spans]
    n, m = len(words), len(spans)
    slack = max(0, sum(counts) - m) + 2
    expected = [0]
    for count in counts:
        expected.append(expected[-1] + count)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n):
        for j in range(max(0, expected[i] - slack), min(m, expected[i] + 2) + 1):
            if (i, j) not in best:
                continue
            here = best[(i, j)][0]
            for taken, length, cost in moves(i, counts):
                if j + length > m:
                    continue
                said = "".join(phonemes for phonemes, _ in alone[i:i + taken])
                step = here + taken * distance(said, "".join(heard[j:j + length])) + cost
                key = (i + taken, j + length)
                if key not in best or step < best[key][0]:
                    best[key] = (step, (i, j))
    if (n, m) not in best or best[(n, m)][0] / n > POOR:
        return None
    path, at = [], (n, m)
    while best[at][1] is not None:
        path.append((best[at][1], at))
        at = best[at][1]
    out = []
    for (i, j), (i2, j2) in reversed(path):
        if j2 == j:     # a word with no sound: an instant where the previous one ended
            at = out[-1][2] if out else spans[0][0] if spans else 0
            out += [(word, at, at) for word in words[i:i2]]
            continue
        start, end = spans[j][0], spans[j2 - 1][1]
        if i2 - i == 1:
            out.append((words[i], start, end))
            continue
        weights = [max(1, len(alone[k][0])) for k in range(i, i2)]
        out += [(w, s, e) for w, s, e in _share(words[i:i2], weights, start, end)]
    return out


def moves(i: int, counts: list[int]) -> list[tuple[int, int, float]]:
    """(text words taken, Piper words taken, extra cost) from text word ``i``."""
    own = counts[i]
    out = [(1, own, 0.0)] + [(1, b, MISMATCH) for b in (own - 1, own + 1) if b >= 0]
    for taken in (2, 3):
        if i + taken <= len(counts):
            merged = sum(counts[i:i + taken]) - (taken - 1)
            if merged >= 1:
                out.append((taken, merged, MERGE * (taken - 1)))
    return out


def _share(words: list[str], weights: list[int], start: int, end: int):
    """A merged run of samples shared among its words in proportion to ``weights``."""
    total, at = sum(weights), start
    for word, weight in zip(words, weights):
        length = (end - start) * weight / total
        yield word, at, at + length
        at += length


@lru_cache(maxsize=4096)
def phonemes_alone(word: str) -> tuple[str, int]:
    """A text word's phonemes as espeak-ng says it alone (marks removed) and how many Piper
    words it makes."""
    from piper.phonemize_espeak import ESPEAK_DATA_DIR, EspeakPhonemizer
    sentences = _phonemizer(EspeakPhonemizer, ESPEAK_DATA_DIR).phonemize("en-us", word)
    runs = [run for sentence in sentences for run in "".join(sentence).split(" ")
            if normal(run)]
    return "".join(normal(run) for run in runs), len(runs)


@lru_cache(maxsize=1)
def _phonemizer(kind, data_dir):
    """Piper's espeak-ng phonemizer (the same library and data it synthesises with)."""
    return kind(data_dir)


def normal(phonemes: str) -> str:
    """Phonemes without stress, length and pause marks, for comparing."""
    decomposed = unicodedata.normalize("NFD", phonemes)
    return "".join(c for c in decomposed if c not in MARKS and c not in PAUSES
                   and not unicodedata.combining(c) and not c.isspace())


def distance(a: str, b: str) -> float:
    """Levenshtein distance of two phoneme strings over the longer one's length (0 to 1)."""
    if a == b:
        return 0.0
    if not a or not b:
        return 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(len(a), len(b))
