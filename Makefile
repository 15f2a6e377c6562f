# Two commands on a fresh Debian machine with Python 3.11:
#   make build   creates .venv, installs everything pinned, validates and builds site/
#   make test    installs what the tests need (Chromium, Java) if missing, and runs every test
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
OERKIT  := $(BIN)/oerkit
export NO_MKDOCS_2_WARNING := 1

.PHONY: check-exports bench build serve test test-python test-js validate stats i18n-status deps test-deps clean lint

build: deps
	$(OERKIT) build

serve: deps
	$(OERKIT) serve

validate: deps
	$(OERKIT) validate

stats: deps
	$(OERKIT) stats

i18n-status: deps
	$(OERKIT) i18n status

deps: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@echo "[make] creating $(VENV) and installing the pinned Python packages"
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --progress-bar off -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@echo "[make] installing the pinned npm packages"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-deps: deps
	@command -v chromium >/dev/null || { echo "[make] installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "could not install chromium: run 'apt-get install chromium' as root"; exit 1; }; }
	@command -v java >/dev/null || { echo "[make] installing a Java runtime for EPUBCheck"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) \
	  || { echo "could not install Java: run 'apt-get install default-jre-headless' as root"; exit 1; }; }
	@/sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0 || { echo "[make] installing pango for WeasyPrint (PDF certificates)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null) \
	  || { echo "could not install pango: run 'apt-get install libpango-1.0-0 libpangoft2-1.0-0' as root"; exit 1; }; }

test: test-deps lint test-js test-python

# Python style and errors (ruff, configured in pyproject.toml); also a pre-commit hook
lint: deps
	$(BIN)/ruff check tools tests benchmarks .github

test-python:
	$(BIN)/pytest -q

JS_TESTS = $(shell find tools/oerkit/web -name '*.test.mjs' | sort)

test-js:
	node --test $(JS_TESTS)

check-exports: deps
	@test -d site/downloads || $(OERKIT) build
	$(BIN)/python tests/check_exports.py site

bench: deps
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf site site.building site.previous build .pytest_cache
