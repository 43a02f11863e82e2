# The commands README.md names. Everything runs through .venv/bin; nothing needs an activated venv.
#   make run    set up this machine and serve the demo on http://127.0.0.1:$(PORT)
#   make test   set up what tests need and run every check and the whole suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
PYTEST_ARGS ?=
RUNSERVER_ARGS ?=

.PHONY: help run test lint fmt bench clean distclean setup-run setup-test

help:
	@echo "make run    set up a fresh machine and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test   set up what tests need and run the whole suite (PYTEST_ARGS=... passes on)"
	@echo "make lint   ruff, import contracts and migrations check, without tests"
	@echo "make fmt    format and autofix with ruff"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make clean  remove caches (distclean also removes .venv, node_modules and var/)"

setup-run:
	@bash scripts/bootstrap.sh run
	@bash scripts/system_packages.sh run
	@bash scripts/compile_messages.sh

setup-test:
	@bash scripts/bootstrap.sh test
	@bash scripts/system_packages.sh test
	@bash scripts/node_deps.sh
	@bash scripts/compile_messages.sh

# The embedded demo: SQLite under var/, tasks in-process (no Redis), Django's development
# server (it serves static files itself with DEBUG; production runs gunicorn, docker-compose.yml).
# Set DATABASE_URL / REDIS_URL to run the demo on PostgreSQL / a Celery worker instead.
run: export THADS_DEBUG ?= true
run: export THADS_DEMO ?= true
run: setup-run
	@mkdir -p "$${THADS_VAR_DIR:-var}"
	@$(MANAGE) migrate --noinput
	@$(MANAGE) seed_demo --size small --print-logins
	@echo
	@echo "THADS: http://127.0.0.1:$(PORT)/  (Ctrl-C stops the server)"
	@echo "Integration simulator (VNeID, SMS, banks, registries, procuracy): http://127.0.0.1:8790/"
	@$(MANAGE) integrations_simulator --port 8790 & sim=$$!; trap 'kill $$sim 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT) $(RUNSERVER_ARGS)

# Every check a tool makes, then the whole suite. All steps run; the exit status fails if any did.
test: setup-test
	@start=$$(date +%s); failed=(); \
	step() { echo "==> $$*"; "$$@" || failed+=("$$1 $$2"); }; \
	step $(VENV)/bin/ruff check . ; \
	step $(VENV)/bin/ruff format --check . ; \
	step $(VENV)/bin/lint-imports --no-cache ; \
	step $(MANAGE) makemigrations --check --dry-run ; \
	step $(VENV)/bin/pytest $(PYTEST_ARGS) ; \
	echo "make test: suite time $$(( $$(date +%s) - start )) s"; \
	if [ $${#failed[@]} -gt 0 ]; then printf 'make test: FAILED: %s\n' "$${failed[@]}"; exit 1; fi

lint: setup-test
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/lint-imports --no-cache || status=1; \
	$(MANAGE) makemigrations --check --dry-run || status=1; \
	exit $$status

fmt: setup-test
	@$(VENV)/bin/ruff check --fix . || true
	@$(VENV)/bin/ruff format .

bench: setup-test
	@shopt -s nullglob; files=(bench/*.py); \
	if [ $${#files[@]} -eq 0 ]; then echo "bench: no benchmark in bench/"; exit 0; fi; \
	for f in "$${files[@]}"; do \
	  case "$$(basename "$$f")" in __init__.py|_*) continue;; esac; \
	  echo "==> $$f"; $(PY) "$$f" || exit 1; \
	done

clean:
	@find . \( -path ./.venv -o -path ./node_modules \) -prune -o -name __pycache__ -type d -print0 \
	  | xargs -0 rm -rf
	@rm -rf .pytest_cache .ruff_cache .mypy_cache .import_linter_cache

distclean: clean
	@rm -rf $(VENV) node_modules var
