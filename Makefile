# Entry points: `make demo` starts the whole product on embedded defaults, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := static/vendor

.PHONY: install static demo test messages clean

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

test: install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
