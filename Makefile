# Entry points: `make demo` starts the whole product on embedded defaults, `make test` runs the suite.
# Both need only Python 3.11+, Node.js with npm, and make; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := static/vendor
PORT ?= 8000
SANDBOX_PORT ?= 8001

.PHONY: install static messages env demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed static

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Third-party front-end files come from npm and are copied here, never committed.
static: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/bootstrap/dist/css/bootstrap.min.css $(VENDOR)/bootstrap.min.css
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap.bundle.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.umd.min.js

# Compiles locale/*/LC_MESSAGES/*.po whose .mo is missing or older (polib; no gettext needed).
messages: $(VENV)/.installed
	$(BIN)/python -m config.demo messages

# Writes .env.local with new keys and a demo password on the first run; later runs reuse it.
env: $(VENV)/.installed
	$(BIN)/python -m config.demo env

demo: install messages env
	$(BIN)/python manage.py migrate --noinput
	PORT=$(PORT) SANDBOX_PORT=$(SANDBOX_PORT) $(BIN)/python -m config.demo run

test: install messages
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
