# Everything runs from a project-local virtual environment created from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
SPECS ?= specs
OUT ?= output

.PHONY: help install generate test check snapshots bench clean

help:
	@echo "make generate   regenerate $(OUT)/ from $(SPECS)/"
	@echo "make test       run the test suite"
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

generate: $(STAMP)
	$(BIN)/python -m generator generate --specs $(SPECS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
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
	rm -rf $(VENV) $(BENCH_VENV) build dist .cache
