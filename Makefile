# Two commands set everything up on a fresh clone: `make site` and `make test`.
# Both create .venv and install the pinned packages first (only when the pins change).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Build another council's content with: make site CONTENT=path/to/content
CONTENT ?= content

export SEND_CONTENT := $(CONTENT)
# Material prints a long end-of-life notice on every build; README.md explains our plan instead.
export NO_MKDOCS_2_WARNING := 1

PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: site test serve lint format constraints clean

site: $(VENV)/.site-installed
	$(BIN)/python -m macros.build

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve

test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed: $(PYTHON) is $$($(PYTHON) --version 2>&1)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(PIP_INSTALL) -r requirements-test.txt -c constraints.txt
	touch $@

# After changing requirements*.txt: rebuild the full list of pinned versions.
constraints: $(VENV)/.test-installed
	{ echo "# Every package installed, pinned, so a fresh clone gets exactly what was tested."; \
	  echo "# Regenerate after changing requirements*.txt: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache
