# Ventanilla. Quick start: `make demo` (serve with demo data), `make test` (the whole suite).
SHELL := /bin/bash
.DEFAULT_GOAL := demo

# A working uv from PATH, else a private one installed with pip into .tools/.
UV := $(shell uv --version >/dev/null 2>&1 && echo uv || echo .tools/bin/uv)
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: demo install messages migrate serve test e2e lint bench bench-search check-deploy clean

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: pyproject.toml uv.lock | $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen
	touch $@

install: .venv/.synced

# Compiled message catalogs are build output (not committed): Babel compiles them, no gettext needed.
messages: install
	$(PYTHON) scripts/i18n.py compile

migrate: install messages
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve.sh

serve: migrate
	$(MANAGE) collectstatic --noinput --verbosity 0
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve.sh

test: install messages
	$(PYTHON) -m pytest $(PYTEST_ARGS)

e2e: install messages
	$(PYTHON) -m pytest -m e2e $(PYTEST_ARGS)

lint: install
	$(PYTHON) -m ruff check .
	$(MANAGE) makemigrations --check --dry-run

bench: install messages
	$(PYTHON) bench/run.py $(BENCH_ARGS)
	$(PYTHON) bench/search_bench.py $(SEARCH_BENCH_ARGS)

bench-search: install
	$(PYTHON) bench/search_bench.py $(SEARCH_BENCH_ARGS)

check-deploy: install
	DJANGO_SETTINGS_MODULE=ventanilla.settings.production SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(64))') \
	  ALLOWED_HOSTS=ventanilla.example $(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf var .venv .tools
