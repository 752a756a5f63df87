# Everything runs from a project-local virtual environment created from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
SPECS ?= specs
OUT ?= output
# Redocly CLI, pinned by tools/redocly/package-lock.json, for the test that lints merged x-codeSamples
REDOCLY_DIR := tools/redocly
REDOCLY_STAMP := $(REDOCLY_DIR)/node_modules/.installed
# The pinned npm toolchain of the TypeScript checks (xero-node, typescript, @types/node).
NODE_CHECK := tests/node
NODE_STAMP := $(NODE_CHECK)/node_modules/.package-lock.json

.PHONY: help install tools node-deps generate test verify check snapshots bench clean

help:
	@echo "make generate   regenerate $(OUT)/ from $(SPECS)/"
	@echo "make test       run the test suite (with the toolchain checks of every corpus snippet)"
	@echo "make verify     only the toolchain checks: parse, compile/type-check/lint, run"
	@echo "make check      lint, type-check and test"
	@echo "make snapshots  update snapshot files (review the diff)"
	@echo "make tools      install Redocly CLI (npm ci in tools/redocly) for the lint test"
	@echo "make bench      print speed and memory figures"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)

# Without npm this only says so, and the tests that need Redocly are skipped (they fail under CI=true).
$(REDOCLY_STAMP): $(REDOCLY_DIR)/package.json $(REDOCLY_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm ci in $(REDOCLY_DIR)"; \
	  cd $(REDOCLY_DIR) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else \
	  echo "npm not found: the tests that lint with Redocly CLI will be skipped"; \
	fi

tools: $(REDOCLY_STAMP)

$(NODE_STAMP): $(NODE_CHECK)/package.json $(NODE_CHECK)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(NODE_CHECK) && npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: the TypeScript checks will be skipped (.ci/run installs Node.js)"; \
	fi

node-deps: $(NODE_STAMP)

generate: $(STAMP)
	$(BIN)/python -m generator generate --specs $(SPECS) --out $(OUT)

test: $(STAMP) tools $(NODE_STAMP)
	$(BIN)/python -m pytest

verify: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/test_corpus.py tests/test_verify_python.py tests/test_verify_node.py \
		tests/test_verify_php_ruby.py tests/test_verify_java_csharp.py

check: $(STAMP) tools $(NODE_STAMP)
	$(BIN)/python -m black --check generator tests
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

snapshots: $(STAMP)
	$(BIN)/python -m pytest --snapshot-update

# The benchmark measures the product as users install it: a non-editable install with the
# runtime dependencies only (plus the peer it is compared with), in its own environment.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

$(BENCH_STAMP): pyproject.toml constraints.txt $(wildcard generator/*.py) $(wildcard templates/*/*.j2)
	rm -rf $(BENCH_VENV)
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -c constraints.txt '.[bench]'
	touch $@

bench: $(BENCH_STAMP)
	cd /tmp && $(CURDIR)/$(BENCH_VENV)/bin/python $(CURDIR)/bench/run.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) build dist .cache $(REDOCLY_DIR)/node_modules $(NODE_CHECK)/node_modules
