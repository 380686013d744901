# Two commands on a fresh clone: `make render` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup test lint render validate fmt bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

validate: setup
	$(BIN)/iop validate agreements

lint: setup
	$(BIN)/iop lint agreements

render: setup
	$(BIN)/iop render agreements --out build

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf build .iop-cache
