"""The narrated lecture: every clip and the lecture carry the voice (AAC 48 kHz mono; WebM Opus;
GIF silent) exactly as long as the video; captions start where speech starts and follow subtitle
standards; the narration sits at -16 LUFS; nothing is synthesised or rendered twice; the teacher's
takes replace the synthetic voice line by line, and a new take re-renders only its scene.

These use espeak-ng (near-instant) and the quick test scenes; Piper is tested in tests/voice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest
from lecture_helpers import TINY, audio_facts, render
from lecture_test_scenes import OTHER, QUICK

from scripts.media import audio, captions, video
from scripts.render.cache import load_record
from scripts.voice import VoiceSettings, measure, take_name

pytestmark = [pytest.mark.render, pytest.mark.voice]

FRAME = 1 / TINY["frame_rate"]
ONSET_DB = -40.0          # a 10 ms window louder than this (dBFS) is speech
WINDOW = 480              # 10 ms at 48 kHz


def espeak(media_dir: Path, **options) -> VoiceSettings:
    return VoiceSettings(engine="espeak", cache_dir=media_dir / ".manim" / "voice", **options)


@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    media_dir = tmp_path_factory.mktemp("voice-media")
    return render(media_dir, [QUICK, OTHER], voice=espeak(media_dir), formats=("webm", "gif"))


def cache_dir(rendered) -> Path:
    return rendered.media_dir / ".manim" / "lecture" / "draft"


def test_every_clip_and_the_lecture_carry_the_voice_as_long_as_the_video(narrated):
    for name in ("clips/quick.mp4", "clips/other.mp4", "lecture.mp4"):
        path = narrated.out_dir / name
        sound = audio_facts(path)
        assert (sound["codec"], sound["rate"], sound["channels"]) == ("aac", 48000, 1), name
        assert abs(sound["duration"] - float(video.duration(path))) < FRAME, name
        assert np.abs(sound["samples"]).max() > 0.1, f"{name}: the audio is silent"
    webm = audio_facts(narrated.out_dir / "clips" / "quick.webm")
    assert (webm["codec"], webm["rate"]) == ("opus", 48000)
    assert abs(webm["duration"] - float(video.duration(narrated.out_dir / "clips" / "quick.webm"))) \
        < FRAME
    with av.open(str(narrated.out_dir / "clips" / "quick.gif")) as gif:
        assert not gif.streams.audio


def test_a_lecture_without_a_voice_has_no_audio(tmp_path):
    silent = render(tmp_path, [QUICK])
    for path in (silent.out_dir / "clips" / "quick.mp4", silent.out_dir / "lecture.mp4"):
        assert audio_facts(path) is None
    assert "wav" not in load_record(cache_dir(silent), "quick").files


def onset(track: np.ndarray, start: float) -> float:
    """Where speech begins at or after ``start`` - 0.3 s: the first loud 10 ms window."""
    first = audio.samples_for(max(0.0, start - 0.3))
    segment = track[first:]
    whole = len(segment) // WINDOW * WINDOW
    rms = np.sqrt((segment[:whole].reshape(-1, WINDOW) ** 2).mean(axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(rms) > ONSET_DB)
    assert loud.size, f"no speech after {start:.2f} s"
    return (first + loud[0] * WINDOW) / audio.RATE


def test_captions_start_where_speech_starts_and_lines_do_not_overlap(narrated):
    for slug in ("quick", "other"):
        record = load_record(cache_dir(narrated), slug)
        track = audio.read_wav(cache_dir(narrated) / record.files["wav"])
        cues = captions.read_srt(narrated.out_dir / "clips" / f"{slug}.srt")
        starts = [line[0] for line in record.lines]
        for line in record.lines:
            first_cue = min((cue for cue in cues if cue.start >= line[0] - 1e-6),
                            key=lambda cue: cue.start)
            assert abs(onset(track, line[0]) - first_cue.start) <= 0.1, (slug, line[2])
        ends = [line[1] for line in record.lines]
        assert all(end <= start for end, start in zip(ends, starts[1:])), "two lines overlap"


def test_a_line_is_said_as_the_scene_asks(narrated):
    record = load_record(cache_dir(narrated), "other")
    said = {line[2]: line[3] for line in record.lines}
    assert said["σ(z) = 0.5 here."] == "Sigma of z is one half here."


def test_the_narration_sits_at_minus_16_lufs(narrated):
    lecture = audio_facts(narrated.out_dir / "lecture.mp4")
    loudness, peak = measure(lecture["samples"], audio.RATE)
    assert -17 <= loudness <= -15
    assert peak <= -1


def test_a_second_render_synthesises_and_renders_nothing(narrated):
    voice_dir = narrated.media_dir / ".manim" / "voice"
    before = {path: path.stat().st_mtime_ns for path in voice_dir.iterdir()}
    again = render(narrated.media_dir, [QUICK, OTHER], voice=espeak(narrated.media_dir),
                   formats=("webm", "gif"))
    assert again.report.rendered == {} and sorted(again.report.cached) == ["other", "quick"]
    assert {path: path.stat().st_mtime_ns for path in voice_dir.iterdir()} == before


def record_take(text: str, folder: Path, media_dir: Path, say: str | None = None) -> Path:
    """A 'teacher's take' of ``text`` (saying ``say`` if given): espeak's voice, resampled to
    44.1 kHz stereo FLAC, with half a second of silence before it (which must be trimmed)."""
    from scripts.voice import make_voice

    take = make_voice(espeak(media_dir / "synth")).speak(say or text)
    samples = np.concatenate([np.zeros(audio.RATE // 2, np.float32), audio.read_wav(take.wav)])
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{take_name(text)}.flac"
    with av.open(str(target), "w") as output:
        stream = output.add_stream("flac", rate=44100, layout="stereo")
        resampler = av.AudioResampler(format="s16", layout="stereo", rate=44100)
        frame = av.AudioFrame.from_ndarray(samples[None, :], format="fltp", layout="mono")
        frame.sample_rate = audio.RATE
        for converted in resampler.resample(frame) + resampler.resample(None):
            output.mux(stream.encode(converted))
        output.mux(stream.encode(None))
    return target


def test_recorded_takes_replace_lines_and_a_new_take_rerenders_only_its_scene(tmp_path):
    takes = tmp_path / "narration"
    record_take("A square appears.", takes, tmp_path)
    settings = replace(espeak(tmp_path), engine="recorded", recordings=takes, fallback="espeak")
    first = render(tmp_path, [QUICK, OTHER], voice=settings)
    assert first.report.missing_takes == {"quick": ["It becomes a circle."],
                                          "other": ["A triangle turns.", "Sigma of z is one half here."]}
    record_take("A triangle turns.", takes, tmp_path)
    second = render(tmp_path, [QUICK, OTHER], voice=settings)
    assert list(second.report.rendered) == ["other"] and second.report.cached == ["quick"]
    assert second.report.missing_takes["other"] == ["Sigma of z is one half here."]


def test_the_recording_script_lists_every_line_with_its_take(tmp_path):
    """`nnlecture script` reads each scene's lines without rendering video, the overridden line
    as said; its status names the take still missing."""
    from scripts.render.lines import narration_lines
    from scripts.voice.script import take_status, write_script

    scenes = narration_lines([QUICK, OTHER], tmp_path)
    assert scenes == [
        ("quick", QUICK.title, ["A square appears.", "It becomes a circle."]),
        ("other", OTHER.title, ["A triangle turns.",
                                ("σ(z) = 0.5 here.", "Sigma of z is one half here.")]),
    ]
    takes = tmp_path / "narration"
    record_take("A square appears.", takes, tmp_path)
    script = write_script(scenes, tmp_path, takes).read_text(encoding="utf-8")
    assert f"`{take_name('Sigma of z is one half here.')}`" in script
    status = take_status(scenes, takes)
    assert [line.caption for line in status.recorded] == ["A square appears."]
    assert len(status.missing) == 3 and status.orphaned == []


def test_a_longer_take_lengthens_its_step_and_moves_every_later_caption_by_as_much(tmp_path):
    takes = tmp_path / "narration"
    settings = replace(espeak(tmp_path), engine="recorded", recordings=takes, fallback="espeak")
    synthetic = render(tmp_path, [QUICK], voice=settings)
    before = load_record(cache_dir(synthetic), "quick").lines
    cues_before = captions.read_srt(synthetic.out_dir / "clips" / "quick.srt")
    record_take("A square appears.", takes, tmp_path,
                say="A square appears, slowly, on the left, and then it waits for us.")
    recorded = render(tmp_path, [QUICK], voice=settings)
    after = load_record(cache_dir(recorded), "quick").lines
    cues_after = captions.read_srt(recorded.out_dir / "clips" / "quick.srt")
    longer = (after[0][1] - after[0][0]) - (before[0][1] - before[0][0])   # more speech
    shift = after[1][0] - before[1][0]                                      # the next step's start
    assert longer > 1.0 and recorded.report.missing_takes == {"quick": ["It becomes a circle."]}
    assert abs(shift - longer) <= 1 / 15 + FRAME   # the step grows by the speech, to the frame
    later = [cue for cue in cues_before if cue.start >= before[1][0] - 1e-6]
    moved = [cue for cue in cues_after if cue.start >= after[1][0] - 1e-6]
    assert len(later) == len(moved) > 0
    for old, new in zip(later, moved):
        assert new.start - old.start == pytest.approx(shift, abs=1e-3)
        assert new.text == old.text
