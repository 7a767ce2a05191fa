"""The whole lecture, rendered at 160x90 and 5 fps, checked with PyAV and independent parsers."""

from __future__ import annotations

import re
from fractions import Fraction

import av
import pytest
import srt

from scenes import registry

pytestmark = [pytest.mark.render, pytest.mark.voice]

WORD_STAMP = re.compile(r"<\d\d:\d\d:\d\d\.\d\d\d>")
MS = 0.0015  # caption and chapter times are written to the millisecond


def clip_length(path) -> Fraction:
    """Frames x frame duration, counted by decoding (independent of the pipeline's packet sums)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return frames / Fraction(stream.average_rate)


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    assert text.startswith("WEBVTT\n")
    cues = []
    for block in text.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        timing = next(line for line in lines if "-->" in line)
        start, end = (_seconds(part.strip()) for part in timing.split("-->"))
        cues.append((start, end, "\n".join(lines[lines.index(timing) + 1:])))
    return cues


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = re.fullmatch(r"(\d+):(\d\d):(\d\d\.\d{3})", stamp).groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


@pytest.fixture(scope="module")
def lecture(tiny_lecture):
    out = tiny_lecture.out_dir
    entries = list(tiny_lecture.entries)
    lengths = [clip_length(out / "clips" / f"{entry.slug}.mp4") for entry in entries]
    starts = [sum(lengths[:index], Fraction(0)) for index in range(len(lengths))]
    return {"out": out, "entries": entries, "lengths": lengths, "starts": starts,
            "total": sum(lengths, Fraction(0))}


def test_every_scene_was_rendered(tiny_lecture):
    report = tiny_lecture.report
    slugs = [entry.slug for entry in tiny_lecture.entries]
    assert len(slugs) >= 3 and sorted(report.rendered) == sorted(slugs)
    assert not report.cached and not report.failed
    for slug in slugs:
        assert re.search(rf"{slug}\s+done\s+\d+\.\d s of video in \d+\.\d s", tiny_lecture.output)


def test_lecture_is_the_clips_joined_in_registry_order(lecture):
    with av.open(str(lecture["out"] / "lecture.mp4")) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        assert (stream.width, stream.height) == (160, 90)
        assert frames / Fraction(stream.average_rate) == lecture["total"]
        assert container.metadata["title"] == registry.SCENES[0].title
        chapters = container.chapters()
    assert [chapter["metadata"]["title"] for chapter in chapters] == [
        entry.title for entry in lecture["entries"]]
    for chapter, start, length in zip(chapters, lecture["starts"], lecture["lengths"]):
        assert abs(chapter["start"] * chapter["time_base"] - start) <= MS
        assert abs(chapter["end"] * chapter["time_base"] - (start + length)) <= MS


def test_the_lecture_and_every_clip_start_playing_before_they_have_downloaded(lecture, mp4_atoms):
    for path in [lecture["out"] / "lecture.mp4", *(lecture["out"] / "clips").glob("*.mp4")]:
        atoms = mp4_atoms(path)
        assert "moov" in atoms and "mdat" in atoms, path
        assert atoms.index("moov") < atoms.index("mdat"), (path, atoms)


def test_captions_are_on_the_lecture_timeline_inside_their_chapters(lecture):
    out = lecture["out"]
    from_srt = [(sub.start.total_seconds(), sub.end.total_seconds(), sub.content)
                for sub in srt.parse((out / "lecture.srt").read_text())]
    from_vtt = parse_vtt((out / "lecture.vtt").read_text())
    assert from_srt and len(from_srt) == len(from_vtt)
    for (s1, e1, t1), (s2, e2, t2) in zip(from_srt, from_vtt):   # the VTT's words are timed
        assert abs(s1 - s2) <= MS and abs(e1 - e2) <= MS and t1 == WORD_STAMP.sub("", t2)
    starts = [cue[0] for cue in from_vtt]
    assert starts == sorted(starts)
    for (_, end, _), (next_start, _, _) in zip(from_vtt, from_vtt[1:]):
        assert end <= next_start + MS   # no two cues on screen at once
    bounds = [(float(start), float(start + length))
              for start, length in zip(lecture["starts"], lecture["lengths"])]
    expected = []
    for entry, (begin, finish) in zip(lecture["entries"], bounds):
        clip_cues = parse_vtt((out / "clips" / f"{entry.slug}.vtt").read_text())
        expected += [(start + begin, end + begin, text, begin) for start, end, text in clip_cues]
        for start, end, _ in clip_cues:
            assert 0 <= start < end <= finish - begin + MS
    assert len(expected) == len(from_vtt)
    for (start, end, text), (want_start, want_end, want_text, begin) in zip(from_vtt, expected):
        assert WORD_STAMP.sub("", text) == WORD_STAMP.sub("", want_text)
        stamps = [_seconds(stamp[1:-1]) for stamp in WORD_STAMP.findall(text)]
        clip_stamps = [_seconds(stamp[1:-1]) + begin for stamp in WORD_STAMP.findall(want_text)]
        assert stamps == pytest.approx(clip_stamps, abs=MS)   # each word moves with its clip
        assert abs(start - want_start) <= MS and abs(end - want_end) <= MS
        chapter = next(index for index, (begin, finish) in enumerate(bounds)
                       if begin - MS <= start < finish)
        assert end <= bounds[chapter][1] + MS


def test_chapters_track_and_transcript(lecture):
    out = lecture["out"]
    chapters = parse_vtt((out / "chapters.vtt").read_text())
    assert [text for _, _, text in chapters] == [entry.title for entry in lecture["entries"]]
    for (start, end, _), want, length in zip(chapters, lecture["starts"], lecture["lengths"]):
        assert abs(start - want) <= MS and abs(end - (want + length)) <= MS
    transcript = (out / "transcript.md").read_text()
    assert transcript.startswith(f"# {registry.SCENES[0].title}\n")
    for number, entry in enumerate(lecture["entries"], start=1):
        assert f"## {number}. {entry.title} (" in transcript
    for _, _, text in parse_vtt((out / "lecture.vtt").read_text()):
        assert " ".join(WORD_STAMP.sub("", text).split()) in transcript


def test_every_clip_has_captions_and_a_poster_from_inside_the_scene(lecture):
    out = lecture["out"]
    for entry in lecture["entries"]:
        poster = av.open(str(out / "posters" / f"{entry.slug}.png"))
        frame = next(poster.decode(video=0)).to_ndarray(format="rgb24")
        poster.close()
        assert frame.shape == (90, 160, 3)
        assert (abs(frame.astype(int) - frame[0, 0]).sum(axis=2) > 48).mean() > 0.005, entry.slug
        assert list(srt.parse((out / "clips" / f"{entry.slug}.srt").read_text()))
        assert parse_vtt((out / "clips" / f"{entry.slug}.vtt").read_text())


def test_index_page_links_everything(lecture):
    out = lecture["out"]
    page = (out / "index.html").read_text()
    assert '<source src="lecture.mp4" type="video/mp4">' in page
    assert '<track kind="captions" src="lecture.vtt"' in page
    assert '<track kind="chapters" src="chapters.vtt"' in page
    starts = [float(value) for value in re.findall(r'data-start="([\d.]+)"', page)]
    assert len(starts) == len(lecture["entries"])
    for start, want in zip(starts, lecture["starts"]):
        assert abs(start - want) <= MS
    for entry in lecture["entries"]:
        assert f'id="clip-{entry.slug}"' in page
        assert f"&lt;source src=&quot;clips/{entry.slug}.mp4&quot;" in page   # the snippet
        for target in re.findall(r'(?:src|href|poster)="([^"#]+)"', page):
            assert (out / target).is_file(), target


def test_nothing_half_written_is_left(tiny_lecture):
    leftovers = [path for path in tiny_lecture.media_dir.rglob("*")
                 if ".partial" in path.name or ".staging" in path.name or path.suffix == ".output"]
    assert leftovers == []


def test_captions_follow_subtitle_standards(tiny_lecture):
    """At most two lines of at most 42 characters per cue, read at most 20 characters a second;
    the transcript keeps every narration line whole."""
    from scripts.media.captions import CUE_LINES, LINE_CHARS, MAX_CPS, read_srt

    cues = read_srt(tiny_lecture.out_dir / "lecture.srt")
    for cue in cues:
        lines = cue.text.split("\n")
        assert len(lines) <= CUE_LINES and all(len(line) <= LINE_CHARS for line in lines), cue
        assert len(" ".join(lines)) / (cue.end - cue.start) <= MAX_CPS, cue
    transcript = (tiny_lecture.out_dir / "transcript.md").read_text(encoding="utf-8")
    assert "Every neuron connects to every neuron of the next layer." in transcript


def test_the_lecture_and_its_clips_are_narrated_to_the_end(tiny_lecture):
    from lecture_helpers import audio_facts
    from scripts.media import video

    lecture = tiny_lecture.out_dir / "lecture.mp4"
    sound = audio_facts(lecture)
    assert abs(sound["duration"] - float(video.duration(lecture))) < 0.2   # one frame at 5 fps
    clips = sorted((tiny_lecture.out_dir / "clips").glob("*.mp4"))
    assert len(clips) == len(tiny_lecture.report.lecture.chapters)
    for clip in clips:
        assert audio_facts(clip)["codec"] == "aac", clip.name
