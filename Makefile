# Hemicycle: two commands on a fresh machine.
#   make demo   installs everything, builds the demo database and serves it at http://127.0.0.1:$(PORT)
#   make test   runs the whole test suite (browser tests included, in Debian's Chromium)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# uv if it is on the PATH; otherwise the copy `make install` puts in with pip (`python3 -m uv` finds it either way).
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PYTHON ?= python3
CHROMIUM := /usr/bin/chromium
# The Makefile never writes the lock: `uv sync --frozen` installs exactly what uv.lock says.
export UV_FROZEN := 1

.PHONY: help install demo serve test test-fast lint bench chromium

help:
	@echo "make demo    install, migrate SQLite, load the demo world, collect static files, serve on :$${PORT:-8000}"
	@echo "make test    install, make sure Chromium is there, run the whole test suite"
	@echo "make lint    ruff check ."
	@echo "make bench   run the benchmarks in bench/"

install:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 \
		|| $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --break-system-packages uv
	$(UV) sync --frozen

demo: install
	$(UV) run hemicycle migrate --noinput
	$(UV) run hemicycle load-demo
	$(UV) run hemicycle collectstatic --noinput --verbosity 0
	@echo "Serving Hemicycle at http://127.0.0.1:$${PORT:-8000}/ (Ctrl-C stops it)"
	$(UV) run hemicycle serve

serve:
	$(UV) run hemicycle serve

# The browser tests drive Debian's Chromium; we are root on the machines this runs on.
chromium:
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

# pytest exits 5 when it collected no test: for us that is a failure, not a pass.
test: install chromium
	@rc=0; $(UV) run pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest ran no tests" >&2; exit 1; fi; exit $$rc

# The suite without the browser tests, for a quick loop while editing.
test-fast: install
	$(UV) run pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(UV) run ruff check .

bench: install
	@set -e; for script in bench/*.py; do echo "== $$script"; $(UV) run python "$$script"; done

# Two federated instances on loopback — Kazakhstan's on :8001, Belgium's on :8002 — each with its own SQLite
# database and key in var/federation/<side>/, paired and sharing the demo programme. Ctrl-C stops both.
.PHONY: federation-demo
federation-demo: install
	$(UV) run python scripts/federation_demo.py
