"""Measure how fast the lecture renders: `make bench-render`.

In one run, each measurement in a fresh process and a fresh media folder (cold: no cache, no
LaTeX): the whole lecture at -ql with --jobs 1 and --jobs 2, `nnlecture render` again with nothing
changed (start-up included),
and the baseline a Manim user would run (`manim -ql -a` on each scene file, one after the other);
then x264 settings at -ql, the draft quality, and 1080p60 with each worker's peak memory; and the
voice: synthesis of the whole narration with Piper and with espeak-ng (CPU seconds per second of
speech), a render with a voice whose lines are synthesised against the same render without one,
and an unchanged re-run with a voice; and the Dask cluster: two local `dask worker`s against
--jobs 2 at -ql (the cluster path's overhead), and from its per-scene times the expected wall time
with 1 to 16 workers, at -ql and (unless --skip-hd) at 1080p60. With --slides, only what the
slides cost (`--formats mp4,slides`): a cold -ql --jobs 2 render with them against one without,
and an unchanged re-run with them. With --hd-paired SLUG (`make bench-render-hd`), one scene at
1080p60, `nnlecture render -q h --jobs 2` and plain `manim -qh --disable_caching` alternately,
--pairs times, each in a fresh media folder, then the SSIM of our frames against plain Manim's and
the ratio of their sizes; with --hd-only, the whole lecture at 1080p60 only.
Prints each wall time, wall seconds per second of video, the CPU seconds of the workers (less
disturbed than wall time when others share the machine), and the ratios.

    python scripts/dev/bench_render.py [--only SLUG,...] [--skip-encoders] [--skip-hd] [--voice-only]
                                   [--cluster-only] [--slides] [--hd-paired SLUG [--pairs N]]
                                   [--hd-only]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ENCODER_TRIALS = {   # label -> Manim config overrides, each tried at -ql --jobs 2
    "x264 preset veryfast": {"video_encoder_options": {"preset": "veryfast"}},
    "x264 preset ultrafast": {"video_encoder_options": {"preset": "ultrafast"}},
    "x264 threads 1": {"video_encoder_options": {"threads": "1"}},
    "x264 threads 4": {"video_encoder_options": {"threads": "4"}},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="scenes to render (default: the whole lecture)")
    parser.add_argument("--skip-encoders", action="store_true", help="no x264 trials")
    parser.add_argument("--skip-hd", action="store_true", help="no 1080p60 run")
    parser.add_argument("--voice-only", action="store_true", help="only the voice's measurements")
    parser.add_argument("--cluster-only", action="store_true",
                        help="only the Dask cluster's measurements")
    parser.add_argument("--slides", action="store_true",
                        help="only the cost of slides.html, lecture.pptx and handout.pdf")
    parser.add_argument("--hd-paired", metavar="SLUG",
                        help="only 1080p60 of one scene, paired with plain manim -qh")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of runs for --hd-paired")
    parser.add_argument("--hd-only", action="store_true", help="only the lecture at 1080p60")
    parser.add_argument("--synth", help=argparse.SUPPRESS)  # internal: one timed synthesis
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one measured run, as JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one_run(json.loads(args.one))))
        return
    if args.synth:
        print(json.dumps(_one_synthesis(json.loads(args.synth))))
        return
    with tempfile.TemporaryDirectory(prefix="nnlecture-bench-") as scratch:
        _bench(Path(scratch), args)


def _bench(scratch: Path, args) -> None:
    from scenes import registry

    entries = [entry for entry in registry.SCENES
               if not args.only or entry.slug in args.only.split(",")]
    only = ",".join(entry.slug for entry in entries)
    print(f"machine: {os.cpu_count()} cores, load average {_load()} at the start")
    print(f"lecture: {len(entries)} scenes ({only})\n")
    if args.voice_only:
        _bench_voice(scratch, entries, only)
        return
    if args.slides:
        _bench_slides(scratch, only)
        return
    if args.cluster_only:
        _bench_cluster(scratch, only, hd=not args.skip_hd)
        return
    if args.hd_paired:
        _bench_hd_paired(scratch, registry.get(args.hd_paired), args.pairs)
        return
    if args.hd_only:
        _bench_hd(scratch, only)
        return

    jobs1 = _measure(scratch / "jobs1", only=only, quality="l", jobs=1)
    video = jobs1["video_seconds"]
    print(f"video: {video:.1f} s at -ql (854x480, 15 fps)\n")
    print(f"{'':<55} {'wall':>7}    wall s per video s   CPU s")
    _row("nnlecture render -ql --jobs 1", jobs1["wall"], video, cpu=jobs1["cpu"])
    jobs2 = _measure(scratch / "jobs2", only=only, quality="l", jobs=2)
    _row("nnlecture render -ql --jobs 2", jobs2["wall"], video,
         f"{jobs1['wall'] / jobs2['wall']:.2f}x --jobs 1", cpu=jobs2["cpu"])
    again = _rerun(scratch / "jobs2", only)
    _row("nnlecture render, nothing changed (whole command)", again, video,
         f"{100 * again / jobs2['wall']:.1f} % of the cold --jobs 2")
    plain, plain_cpu = _plain_manim(scratch / "plain", entries)
    _row("plain manim -ql -a, one file after another", plain, video,
         f"--jobs 1 {plain / jobs1['wall']:.2f}x, --jobs 2 {plain / jobs2['wall']:.2f}x faster",
         cpu=plain_cpu)
    print(f"  cold --jobs 2 spent {jobs2['render']:.1f} s rendering, {jobs2['assemble']:.2f} s "
          f"assembling (join: stream copy)")
    print(f"  per scene at --jobs 1 (wall s): {_per_scene(jobs1)}")
    print(f"  per scene at --jobs 2 (wall s): {_per_scene(jobs2)}")

    if not args.skip_encoders:
        print("\nx264 settings, -ql --jobs 2, cold (Manim's default: preset medium, crf 23, "
              "threads auto):")
        _row("  default", jobs2["wall"], video, f"{jobs2['mp4_bytes'] / 1e6:.1f} MB of clips",
             cpu=jobs2["cpu"])
        for label, overrides in ENCODER_TRIALS.items():
            trial = _measure(scratch / label.replace(" ", "-"), only=only, quality="l", jobs=2,
                             overrides=overrides)
            _row(f"  {label}", trial["wall"], video,
                 f"{jobs2['wall'] / trial['wall']:.2f}x default, "
                 f"{trial['mp4_bytes'] / 1e6:.1f} MB of clips", cpu=trial["cpu"])

    draft = _measure(scratch / "draft", only=only, quality="draft", jobs=2)
    print()
    _row("nnlecture render -q draft --jobs 2 (426x240, 10 fps)", draft["wall"],
         draft["video_seconds"], f"{jobs2['wall'] / draft['wall']:.2f}x faster than -ql",
         cpu=draft["cpu"])

    if not args.skip_hd:
        _bench_hd(scratch, only)
    print()
    _bench_voice(scratch, entries, only, silent=jobs2)
    print()
    _bench_cluster(scratch, only, local=jobs2, hd=not args.skip_hd)
    print(f"\nload average {_load()} at the end")


def _bench_hd(scratch: Path, only: str) -> None:
    """The lecture at 1080p60, --jobs 2, cold: wall, CPU and each worker's peak memory."""
    hd = _measure(scratch / "hd", only=only, quality="h", jobs=2)
    _row("nnlecture render -qh --jobs 2 (1920x1080, 60 fps)", hd["wall"], hd["video_seconds"],
         cpu=hd["cpu"])
    print(f"  per scene (wall s): {_per_scene(hd)}")
    peak = max(hd["peak_mb"].items(), key=lambda item: item[1])
    print(f"  peak memory per worker at 1080p: max {peak[1]:.0f} MB ({peak[0]}); "
          + ", ".join(f"{slug} {mb:.0f}" for slug, mb in hd["peak_mb"].items()), flush=True)


def _bench_hd_paired(scratch: Path, entry, pairs: int) -> None:
    """One scene at 1080p60: our render (the real command, no voice) and plain `manim -qh`, in
    alternating order (ours first in even pairs, plain Manim first in odd ones, so a load that
    rises or falls during the runs weighs on both), each cold in a fresh media folder. CPU s are
    the render process's and its children's: for ours the command's own plus its worker's, which
    the render log records (the worker is the pool's child, not the command's)."""
    module, scene_class = entry.scene_path.split(":")
    source = ROOT / (module.replace(".", "/") + ".py")
    ours_cmd = [str(BIN / "nnlecture"), "render", "-q", "h", "--jobs", "2", "--only", entry.slug,
                "--voice", "none", "--media-dir"]
    plain_cmd = [str(BIN / "manim"), "-qh", "--disable_caching", str(source), scene_class,
                 "--progress_bar", "none", "-v", "WARNING", "--media_dir"]
    print(f"{entry.slug} at 1080p60, {pairs} pairs, alternating; load average {_load()}")
    print(f"{'':<8} {'ours wall':>10} {'CPU s':>7}   {'plain wall':>10} {'CPU s':>7}   "
          f"{'wall ratio':>10} {'CPU ratio':>9}")
    ratios, cpu_ratios = [], []
    for n in range(pairs):
        runs = {}
        for who in (("ours", "plain") if n % 2 == 0 else ("plain", "ours")):
            folder = scratch / f"{who}{n}"
            command = (ours_cmd if who == "ours" else plain_cmd) + [str(folder)]
            wall, cpu = _timed(command)
            if who == "ours":
                cpu += _worker_cpu(folder / "lecture" / "h" / "render.log", entry.slug)
            runs[who] = (wall, cpu, folder)
        (wall, cpu, ours), (plain_wall, plain_cpu, plain) = runs["ours"], runs["plain"]
        ratios.append(plain_wall / wall)
        cpu_ratios.append(plain_cpu / cpu)
        print(f"pair {n + 1:<3} {wall:8.1f} s {cpu:7.1f}   {plain_wall:8.1f} s {plain_cpu:7.1f}   "
              f"{ratios[-1]:9.2f}x {cpu_ratios[-1]:8.2f}x", flush=True)
        if n < pairs - 1:
            shutil.rmtree(ours, ignore_errors=True)
            shutil.rmtree(plain, ignore_errors=True)
    print(f"median: {_median(ratios):.2f}x wall, {_median(cpu_ratios):.2f}x CPU "
          f"(plain manim -qh over ours); load average {_load()}")
    ours_mp4 = ours / "lecture" / "h" / "clips" / f"{entry.slug}.mp4"
    plain_mp4, = (plain / "videos").glob(f"*/1080p60/{scene_class}.mp4")
    score = _ssim_videos(ours_mp4, plain_mp4, every=30)
    print(f"SSIM of ours against plain Manim's, every 30th frame ({score['frames']} frames, "
          f"Y'CbCr weighted 4:1:1 as ffmpeg's ssim 'All'): mean {score['mean']:.4f}, "
          f"min {score['min']:.4f} (luma min {score['luma_min']:.4f})")
    ours_bytes, plain_bytes = _video_bytes(ours_mp4), _video_bytes(plain_mp4)
    print(f"video stream: ours {ours_bytes / 1e6:.2f} MB, plain {plain_bytes / 1e6:.2f} MB: "
          f"{ours_bytes / plain_bytes:.2f}x the size")


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU s (the process and the children it waited for) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _worker_cpu(log: Path, slug: str) -> float:
    """The CPU s the render log records for ``slug``'s worker ("done in 106.4 s, 89.6 CPU s")."""
    import re

    found = re.search(rf"== {re.escape(slug)}: done in [\d.]+ s, ([\d.]+) CPU s", log.read_text())
    if found is None:
        sys.exit(f"no CPU time for {slug} in {log}")
    return float(found.group(1))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _ssim_videos(ours: Path, plain: Path, every: int) -> dict:
    """SSIM (Wang et al. 2004: Gaussian window, sigma 1.5) of every ``every``-th frame, on each
    of Y', Cb and Cr as decoded, weighted 4:1:1 as ffmpeg's ssim filter weighs yuv420p."""
    import av
    import numpy as np

    scores, luma = [], []
    with av.open(str(ours)) as first, av.open(str(plain)) as second:
        pairs = zip(first.decode(video=0), second.decode(video=0), strict=True)
        for index, (a, b) in enumerate(pairs):
            if index % every:
                continue
            planes = [_ssim(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
                      for x, y in zip(_planes(a), _planes(b))]
            luma.append(planes[0])
            scores.append((4 * planes[0] + planes[1] + planes[2]) / 6)
    return {"frames": len(scores), "mean": float(np.mean(scores)), "min": float(min(scores)),
            "luma_min": float(min(luma))}


def _planes(frame) -> list:
    """The Y', Cb, Cr planes of a yuv420p frame as 2-D uint8 arrays."""
    import numpy as np

    out = []
    for plane in frame.planes:
        rows = np.frombuffer(plane, dtype=np.uint8).reshape(plane.height, plane.line_size)
        out.append(rows[:, :plane.width])
    return out


def _ssim(x, y) -> float:
    from scipy.ndimage import gaussian_filter

    def blur(image):
        return gaussian_filter(image, 1.5, truncate=3.5)   # an 11x11 window

    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = blur(x), blur(y)
    vx, vy, cov = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    ssim = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(ssim.mean())


def _video_bytes(path: Path) -> int:
    """Bytes of the video stream's packets (the file without its container and other tracks)."""
    import av

    with av.open(str(path)) as container:
        return sum(packet.size for packet in container.demux(video=0) if packet.size)


def _bench_voice(scratch: Path, entries, only: str, silent: dict | None = None) -> None:
    """Synthesis speed of each voice, then -ql --jobs 2 with Piper (its lines synthesised) beside
    the same render without a voice, and an unchanged re-run with Piper."""
    from scripts.render.lines import narration_lines
    from scripts.voice import spoken_form

    scenes = narration_lines(entries, scratch / "lines")
    texts = [line[1] if isinstance(line, tuple) else spoken_form(line)
             for _, _, lines in scenes for line in lines]
    voices = scratch / "voice"
    print(f"narration: {len(texts)} lines, {sum(len(text) for text in texts)} characters spoken")
    for engine in ("piper", "espeak"):
        spec = {"engine": engine, "cache_dir": str(voices / engine), "texts": texts}
        done = subprocess.run([sys.executable, __file__, "--synth", json.dumps(spec)], cwd=ROOT,
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"synthesis with {engine} failed:\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout.splitlines()[-1])
        print(f"  {engine:<7} {result['cpu']:7.1f} CPU s for {result['speech']:6.1f} s of speech: "
              f"{result['cpu'] / result['speech']:.3f} CPU s per s of speech "
              f"({result['wall']:.1f} s wall, one process)")
    silent = silent or _measure(scratch / "silent", only=only, quality="l", jobs=2)
    voiced = _measure(scratch / "voiced", only=only, quality="l", jobs=2,
                      voice={"engine": "piper", "cache_dir": str(voices / "piper")})
    video = voiced["video_seconds"]
    print(f"\n{'':<55} {'wall':>7}    wall s per video s   CPU s")
    _row("render -ql --jobs 2, no voice", silent["wall"], silent["video_seconds"],
         cpu=silent["cpu"])
    _row("render -ql --jobs 2, piper (lines synthesised)", voiced["wall"], video,
         f"{100 * (voiced['wall'] / silent['wall'] - 1):+.1f} % wall, "
         f"{100 * (voiced['cpu'] / silent['cpu'] - 1):+.1f} % CPU against no voice "
         f"(spoken, the lecture lasts {video:.0f} s; read, {silent['video_seconds']:.0f} s)",
         cpu=voiced["cpu"])
    again = _rerun(scratch / "voiced", only, voice="piper")
    _row("render with piper, nothing changed (whole command)", again, video,
         f"{100 * again / voiced['wall']:.1f} % of the render with piper")


def _bench_cluster(scratch: Path, only: str, local: dict | None = None, hd: bool = True) -> None:
    """-ql through two local Dask workers (one thread each) against --jobs 2, both cold; then
    the expected wall time with more workers from the cluster run's per-scene times."""
    local = local or _measure(scratch / "cluster-local", only=only, quality="l", jobs=2)
    with _local_cluster(scratch / "dask", workers=2) as address:
        remote = _measure(scratch / "cluster", only=only, quality="l", jobs=2, cluster=address)
        video = local["video_seconds"]
        print(f"{'':<55} {'wall':>7}    wall s per video s   CPU s")
        _row("render -ql --jobs 2 (local processes)", local["wall"], video, cpu=local["cpu"])
        _row("render -ql --cluster, 2 local Dask workers", remote["wall"], video,
             f"{100 * (remote['wall'] / local['wall'] - 1):+.1f} % wall, "
             f"{100 * (remote['cpu'] / local['cpu'] - 1):+.1f} % CPU against --jobs 2",
             cpu=remote["cpu"])
        _expected("-ql", remote)
        if hd:
            _expected("1080p60", _measure(scratch / "cluster-hd", only=only, quality="h",
                                          jobs=2, cluster=address))


def _expected(label: str, result: dict) -> None:
    """The expected wall time with 1 to 16 workers from one run's per-scene times."""
    fixed = result["wall"] - result["render"]   # start-up, planning, joining
    times = result["per_scene"]
    longest = max(times, key=times.get)
    print(f"  per scene on the cluster at {label} (wall s): {_per_scene(result)}")
    print(f"  expected wall at {label} with N workers (longest first; {fixed:.1f} s outside "
          f"the render; the longest scene, {longest} {times[longest]:.1f} s, bounds it):")
    print("    " + ", ".join(f"{n}: {fixed + _makespan(list(times.values()), n):.0f} s"
                             for n in (1, 2, 4, 8, 16)), flush=True)


def _makespan(times: list[float], workers: int) -> float:
    """Wall time of ``times`` run longest first, each on the first worker free."""
    free = [0.0] * workers
    for seconds in sorted(times, reverse=True):
        free[free.index(min(free))] += seconds
    return max(free)


class _local_cluster:
    """A `dask scheduler` and ``workers`` `dask worker --nthreads 1` on loopback, stopped after."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder, self.workers, self.processes = folder, workers, []

    def __enter__(self) -> str:
        import socket

        from distributed import Client

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
        self.folder.mkdir(parents=True)
        commands = [["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1]]]
        commands += [["worker", address, "--nworkers", "1", "--nthreads", "1",
                      "--local-directory", str(self.folder / f"worker{n}")]
                     for n in range(self.workers)]
        for n, command in enumerate(commands):
            log = (self.folder / f"{n}.log").open("w")
            self.processes.append(subprocess.Popen(
                [str(BIN / "dask"), *command, "--no-dashboard"], cwd=ROOT, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True))
        with Client(address, timeout=30) as client:
            client.wait_for_workers(self.workers, timeout=60)
        return address

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            process.wait()


def _bench_slides(scratch: Path, only: str) -> None:
    """The slides on top of the lecture's render: the step videos are cut in each scene's worker
    after its render, the three files assembled after the lecture; an unchanged re-run must
    neither cut nor build them again."""
    plain = _measure(scratch / "plain", only=only, quality="l", jobs=2)
    video = plain["video_seconds"]
    print(f"{'':<55} {'wall':>7}    wall s per video s   CPU s")
    _row("nnlecture render -ql --jobs 2, cold", plain["wall"], video, cpu=plain["cpu"])
    slides = _measure(scratch / "slides", only=only, quality="l", jobs=2, formats=["slides"])
    _row("the same with --formats mp4,slides", slides["wall"], video,
         f"+{100 * (slides['wall'] / plain['wall'] - 1):.1f} % wall, "
         f"+{100 * (slides['cpu'] / plain['cpu'] - 1):.1f} % worker CPU", cpu=slides["cpu"])
    print(f"  assembling: {plain['assemble']:.2f} s without slides, {slides['assemble']:.2f} s "
          f"with them (slides.html, lecture.pptx, handout.pdf)")
    again = _measure(scratch / "slides", only=only, quality="l", jobs=2, formats=["slides"])
    if again["rendered"] or again["encoded"]:
        sys.exit(f"the re-run with slides rendered {again['rendered']}, encoded {again['encoded']}")
    _row("an unchanged re-run with slides (in-process)", again["wall"], video,
         f"assembling {again['assemble']:.2f} s, nothing cut or built", cpu=again["cpu"])
    print()


def _one_synthesis(spec: dict) -> dict:
    """Every text spoken by one engine in this process, none cached: CPU s (this process and
    espeak-ng's), wall s, and the seconds of speech made."""
    from scripts.voice import VoiceSettings, make_voice

    voice = make_voice(VoiceSettings(engine=spec["engine"], cache_dir=Path(spec["cache_dir"])))
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    started = time.perf_counter()
    speech = sum(voice.speak(text).duration for text in spec["texts"])
    wall = time.perf_counter() - started
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum((a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime) for a, b in zip(after, before))
    return {"cpu": cpu, "wall": wall, "speech": speech}


def _measure(media_dir: Path, **spec) -> dict:
    """One `render_lectures` in a fresh process (so Manim's import is counted every time)."""
    spec["media_dir"] = str(media_dir)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--one", json.dumps(spec)], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"bench run {spec} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.splitlines()[-1])
    result["wall"] = wall
    return result


def _one_run(spec: dict) -> dict:
    from scenes import registry
    from scripts.pipeline import LectureSpec, render_lectures

    entries = [registry.get(slug) for slug in spec["only"].split(",")]
    voice = None
    if spec.get("voice"):
        from scripts.voice import VoiceSettings

        voice = VoiceSettings(engine=spec["voice"]["engine"],
                              cache_dir=Path(spec["voice"]["cache_dir"]))
    report, = render_lectures([LectureSpec(registry.SCENES[0].title, entries, voice=voice)],
                              quality=spec["quality"], jobs=spec["jobs"],
                              media_dir=Path(spec["media_dir"]), overrides=spec.get("overrides"),
                              cluster=spec.get("cluster"), formats=tuple(spec.get("formats", ())))
    clips = report.out_dir / "clips"
    return {"video_seconds": report.lecture.duration, "rendered": sorted(report.rendered),
            "per_scene": report.rendered, "peak_mb": report.peak_mb,
            "encoded": sorted(report.encoded),
            "render": report.render_seconds, "assemble": report.assemble_seconds,
            "cpu": sum(report.cpu_seconds.values()),
            "mp4_bytes": sum(path.stat().st_size for path in clips.glob("*.mp4"))}


def _rerun(media_dir: Path, only: str, voice: str = "none") -> float:
    """The real command, start-up included, on a lecture that is already rendered."""
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "nnlecture"), "render", "-q", "l", "--jobs", "2", "--only",
                           only, "--media-dir", str(media_dir), "--voice", voice], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    summary = done.stdout.strip().splitlines()[-2] if done.returncode == 0 else done.stderr
    if done.returncode != 0 or "rendered" in summary:
        sys.exit(f"the re-run was not a pure re-assembly: {summary}")
    return wall


def _plain_manim(media_dir: Path, entries) -> tuple[float, float]:
    """`manim -ql -a FILE` for each scene file, as a Manim user renders a project: wall and CPU s."""
    files = list(dict.fromkeys(
        ROOT / (entry.scene_path.split(":")[0].replace(".", "/") + ".py") for entry in entries))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for path in files:
        done = subprocess.run([str(BIN / "manim"), "-ql", "-a", str(path), "--media_dir",
                               str(media_dir), "--progress_bar", "none", "-v", "WARNING"],
                              cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"manim failed on {path}:\n{done.stderr[-3000:]}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(media_dir, ignore_errors=True)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _row(label: str, wall: float, video: float, note: str = "", cpu: float | None = None) -> None:
    used = f"{cpu:7.1f}" if cpu is not None else " " * 7
    print(f"{label:<55} {wall:7.1f} s  {wall / video:5.3f}  {used}  {note}".rstrip())


def _per_scene(result: dict) -> str:
    return ", ".join(f"{slug} {seconds:.1f}" for slug, seconds in result["per_scene"].items())


def _load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
