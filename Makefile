# The two README commands: `make lecture` and `make test`. Each installs what is missing
# (system packages, a virtual environment with the project) and then does its work.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lecture test setup system bench

lecture: setup
	$(BIN)/nnlecture render

test: setup
	$(BIN)/python -m pytest

setup: system $(STAMP)

system:
	@bash scripts/system_deps.sh

# Re-installs only when the project's metadata changes; a second run costs nothing here.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

bench: setup
	$(BIN)/python scripts/bench_nnmath.py
