# actionplan: the commands a new machine needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE ?= actionplan.settings.local

.DEFAULT_GOAL := help
.PHONY: help install install-dev run serve test lint typecheck bench lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,ocr]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed node_modules/.package-lock.json ## Create .venv and install the Python and npm packages (safe to repeat)

install-dev: install $(VENV)/.installed-dev ## install, plus the test and lint tools

run: install ## Migrate, load demo data into an empty database, serve on 127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: install ## Production settings: migrate, collect static files, serve with gunicorn on $(HOST):$(PORT)
	DJANGO_SETTINGS_MODULE=actionplan.settings.production HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py serve

test: install-dev ## Run the whole test suite
	DJANGO_SETTINGS_MODULE=actionplan.settings.test $(BIN)/pytest

lint: install-dev ## ruff on everything, mypy on the core
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install-dev ## Print speed and memory figures
	REQUEST_LOG=false DJANGO_SETTINGS_MODULE=actionplan.settings.test $(BIN)/python -m benchmarks

lock: | $(BIN)/python ## Re-resolve the pinned versions in constraints.txt from pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet '.[dev,redis,s3]'
	.lock-venv/bin/pip freeze --exclude actionplan > constraints.txt
	rm -rf .lock-venv

clean: ## Remove the virtual environment, npm packages and collected files
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
