# Two commands on a fresh clone: `make render` and `make test`.
# `make install` puts this clone's `iop` on the PATH; `make wheel` builds dist/iop-*.whl.
PYTHON ?= python3
PREFIX ?= $(HOME)/.local
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup test lint render validate fmt bench clean fuzz install uninstall wheel

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Tests run in parallel (pytest-xdist), one worker per core, at most four.
test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n auto --maxprocesses 4

validate: setup
	$(BIN)/iop validate agreements

lint: setup
	$(BIN)/iop lint agreements

render: setup
	$(BIN)/iop render agreements --out build

bench: setup
	$(BIN)/python bench/run.py

install: setup
	@mkdir -p $(PREFIX)/bin
	ln -sf $(CURDIR)/$(BIN)/iop $(PREFIX)/bin/iop
	@echo "iop -> $(PREFIX)/bin/iop (follows this clone; add $(PREFIX)/bin to PATH if 'iop --version' is not found)"

uninstall:
	rm -f $(PREFIX)/bin/iop

# The wheel is built from the committed HEAD in a temporary folder, so build/ (signing
# copies) and the working tree stay untouched; no package index is needed.
wheel: setup
	@rm -rf dist; tmp=$$(mktemp -d); git archive HEAD | tar -x -C $$tmp \
	  && $(BIN)/python -m pip wheel --no-deps --no-build-isolation --no-index -q -w dist $$tmp; \
	  rc=$$?; rm -rf $$tmp; ls dist/*.whl 2>/dev/null; exit $$rc

clean:
	rm -rf build dist

# The long fuzz run: 10 000 mutated agreements through validate, lint, fmt and render --to html --draft.
fuzz: setup
	$(BIN)/python tests/faults/fuzz.py --count 10000 --seed 1 --workers 2 --save build/fuzz-failures
