# Entry points: `make demo` starts the whole product on embedded defaults, `make test` runs the suite.
# Both need only Python 3.11+, Node.js with npm, and make; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SANDBOX_PORT ?= 8001

.PHONY: install static messages translations env demo test coverage clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "$(PYTHON) is Python " + sys.version.split()[0] + ", but 3.11 or newer is required: run make with PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed static

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js with npm (Node.js 18 or newer), then run make again." >&2; exit 1; }
	npm ci --no-audit --no-fund

# Third-party front-end files come from npm and are copied into static/vendor, never committed.
# The file list is the "vendor" script in package.json, which the Dockerfile runs too.
static: node_modules/.package-lock.json
	npm run --silent vendor

# Compiles locale/*/LC_MESSAGES/*.po whose .mo is missing or older (polib; no gettext needed).
messages: $(VENV)/.installed
	$(BIN)/python -m config.demo messages

# Adds new marked strings to the zh_Hans catalogues (needs GNU gettext); translate them, then run `make messages`.
# tests/infra/test_translations_complete.py fails while a marked string has no translation.
translations: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings_test $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=var --ignore=build --ignore=static --ignore=tests \
		--ignore=sandbox --ignore=scripts --ignore=docs

# Writes .env.local with new keys and a demo password on the first run; later runs reuse it.
env: $(VENV)/.installed
	$(BIN)/python -m config.demo env

demo: install messages env
	$(BIN)/python manage.py migrate --noinput
	PORT=$(PORT) SANDBOX_PORT=$(SANDBOX_PORT) $(BIN)/python -m config.demo run

test: install messages
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules static/vendor var

# Regenerate docs/api-coverage.md from the spec, the client and contract checks against the sandbox.
coverage: $(VENV)/.installed
	$(BIN)/python -m scripts.api_coverage
