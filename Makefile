# The README's two commands: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libreoffice-writer libreoffice-calc python3-uno chromium poppler-utils fonts-dejavu-core fonts-liberation libatomic1
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: build test lint bench serve system-deps clean

## build: install the tool and build the handbook (site/, dist/word/, dist/project-kit/)
build: $(VENV)/.installed
	$(BIN)/pmo build

## test: install what the tests need, then run the whole test suite
test: $(VENV)/.installed system-deps
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check generator tests
	$(BIN)/mypy generator

bench: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench.py

serve: $(VENV)/.installed
	$(BIN)/pmo serve

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian packages for the Word (LibreOffice) and browser (Chromium) tests; libatomic1 is
# needed by the driver that the playwright wheel ships.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf site dist .venv tests/artifacts
