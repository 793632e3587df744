# The two commands: `make demo` runs the platform with a demo edition, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Keep Python's bytecode caches (__pycache__/, ignored by git) even where PYTHONDONTWRITEBYTECODE is set, as in
# many container images: without them every Python process compiles each module it imports again, ~1.7 s of CPU
# per Django start-up, which the suite pays in each of its dozens of subprocesses, servers and task workers.
unexport PYTHONDONTWRITEBYTECODE
DEMO_ENV := DJANGO_SETTINGS_MODULE=academy.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Background task workers for `make demo`: one per core (receipt PDFs at the deadline are CPU work).
TASK_WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
# Test processes for `make pytest` / `make test-fast` (pytest-xdist): auto = one per CPU; WORKERS=0 runs serially.
WORKERS ?= auto
# Tests go out two at a time to whichever worker is free (the slow ones first: tests/conftest.py), not in
# big consecutive blocks that can leave one worker with all the long tests.
XDIST_ARGS := --dist load --maxschedchunk 2

.PHONY: demo test test-fast setup lint check-migrations pytest serve seed bench browser-deps pdf-deps screenshots clean

## Set everything up, seed the demo and serve it on http://127.0.0.1:8000 with task workers and the job runner.
demo: setup pdf-deps
	$(DEMO_ENV) $(BIN)/academy migrate --no-input
	$(DEMO_ENV) $(BIN)/academy seed --seed 2022
	$(DEMO_ENV) $(BIN)/academy collectstatic --no-input -v 0
	@$(BIN)/python scripts/demo_banner.py $(HOST) $(PORT)
	@trap 'kill 0' EXIT INT TERM; \
	  $(DEMO_ENV) $(BIN)/academy workers --count $(TASK_WORKERS) --no-startup-delay & \
	  $(DEMO_ENV) $(BIN)/academy cron --every 60 & \
	  $(DEMO_ENV) $(BIN)/academy runserver $(HOST):$(PORT) --noreload

## Set everything up and run lint, the migration check and the whole test suite.
test: setup browser-deps pdf-deps lint check-migrations pytest

setup: $(VENV)/.synced node_modules/.installed

$(BIN)/python:
	@PY=$$(scripts/find-python) && echo "Using $$PY" && $$PY -m venv $(VENV)

# --compile-bytecode: every installed module is compiled once here, not again by each test process and subprocess
# that first imports it (on a clean checkout that cost the suite ~30 s of pytest time).
$(VENV)/.synced: $(BIN)/python pyproject.toml uv.lock
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip >/dev/null
	@$(BIN)/uv --version 2>/dev/null | grep -q "$(UV_VERSION)" || $(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --compile-bytecode --python $(BIN)/python
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Debian's chromium for the browser tests (Playwright drives it; never `playwright install`).
browser-deps:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

## The system libraries WeasyPrint renders PDFs with (receipts, certificates). Without HarfBuzz's subsetter it
## falls back to fontTools and a receipt takes ten times as long (about 290 ms of CPU instead of 30).
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-deps:
	@command -v dpkg >/dev/null || exit 0; \
	  missing=$$(for pkg in $(PDF_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || echo $$pkg; done); \
	  test -z "$$missing" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "PDFs need Debian's" $$missing": sudo apt-get install" $$missing >&2; exit 1; fi; }

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports --no-cache

check-migrations: setup
	DJANGO_SETTINGS_MODULE=academy.settings.test $(BIN)/academy makemigrations --check --dry-run

pytest: setup
	$(BIN)/pytest -n $(WORKERS) $(XDIST_ARGS) $(PYTEST_ARGS)

## The inner loop: every test except those marked slow (browser, fuzz, matrix, worker kill, solver properties,
## backups). CI never uses it: `make test` runs them all.
test-fast: setup
	$(BIN)/pytest -n $(WORKERS) $(XDIST_ARGS) -m "not slow" $(PYTEST_ARGS)

## Benchmarks (figures printed; the README shows the latest).
bench: setup
	$(BIN)/python -m bench $(BENCH)

## The README's screenshots: a fresh demo of its own under var/screenshots/, a runserver it starts and stops,
## each role's page in chromium at 1280 px (the apply page also at 390 px) into docs/screenshots/.
screenshots: setup browser-deps
	$(BIN)/python scripts/screenshots.py $(SCREENSHOTS_ARGS)

clean:
	rm -rf $(VENV) node_modules var
