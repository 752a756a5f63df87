# Everything runs from a project-local virtual environment created from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
SPECS ?= specs
OUT ?= output
# The pinned npm toolchain of the TypeScript checks (xero-node, typescript, @types/node).
NODE_CHECK := tests/node
NODE_STAMP := $(NODE_CHECK)/node_modules/.package-lock.json

.PHONY: help install node-deps generate test verify check snapshots bench clean

help:
	@echo "make generate   regenerate $(OUT)/ from $(SPECS)/"
	@echo "make test       run the test suite (with the toolchain checks of every corpus snippet)"
	@echo "make verify     only the toolchain checks: parse, compile/type-check/lint, run"
	@echo "make check      lint, type-check and test"
	@echo "make snapshots  update snapshot files (review the diff)"
	@echo "make bench      print speed and memory figures"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)

$(NODE_STAMP): $(NODE_CHECK)/package.json $(NODE_CHECK)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(NODE_CHECK) && npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: the TypeScript checks will be skipped (.ci/run installs Node.js)"; \
	fi

node-deps: $(NODE_STAMP)

generate: $(STAMP)
	$(BIN)/python -m generator generate --specs $(SPECS) --out $(OUT)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

verify: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/test_corpus.py tests/test_verify_python.py tests/test_verify_node.py \
		tests/test_verify_php_ruby.py tests/test_verify_java_csharp.py

check: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m black --check generator tests
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

snapshots: $(STAMP)
	$(BIN)/python -m pytest --snapshot-update

clean:
	rm -rf $(VENV) build dist .cache $(NODE_CHECK)/node_modules
