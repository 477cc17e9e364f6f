# Two commands set everything up on a fresh clone: `make site` and `make test`.
# Both create .venv and install the pinned packages first (only when the pins change).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Each council is a folder in content/councils/, read on top of the national layer
# (content/national/). Build one with: make site COUNCIL=example-borough, or a council folder
# kept elsewhere with: make site CONTENT=path/to/council
COUNCIL ?= example-council
# The folder reaches the commands through the environment (SEND_CONTENT), never as shell or make
# text: $(value ...) keeps a name holding $, `, ; or quotes exactly as typed (expanding it would
# run a $(shell ...) in it, and a recipe's shell would run the rest).
ifneq ($(filter command line environment,$(origin CONTENT)),)
export SEND_CONTENT := $(value CONTENT)
else
export SEND_CONTENT := content/councils/$(value COUNCIL)
endif
# make would pass them on to every command too, expanded: SEND_CONTENT carries the folder (and
# SEND_NEW_COUNCIL make new-council's NAME).
unexport CONTENT COUNCIL NAME
# Material prints a long end-of-life notice on every build; CONTRIBUTING.md explains our plan instead.
export NO_MKDOCS_2_WARNING := 1

PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: site sites check new-council schemas test test-fast serve edit bench fuzz format constraints clean test-site test-a11y test-html test-links test-reading

# node_modules: the Word library the letter pages load (the build copies its browser bundle).
site: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/python -m macros.build

# Every council in content/councils/, in parallel on every core, each into sites/<council>/.
sites: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/python -m macros.sites

# Check the content without building: every problem with its file and line, then warnings.
# Without COUNCIL= or CONTENT=, every council in content/councils/.
check: $(VENV)/.site-installed
	@$(BIN)/python -m macros.check $(if $(filter command line environment,$(origin CONTENT) $(origin COUNCIL)),"$$SEND_CONTENT")

# Start a new council: content/councils/NAME/ with placeholders, every role bound, e.g.
# make new-council NAME=test-shire. The name reaches the command through the environment, as it
# was typed (see CONTENT above), and after "--", so one starting with "-" is not an option.
new-council: export SEND_NEW_COUNCIL := $(value NAME)
new-council: $(VENV)/.site-installed
	@$(BIN)/python -m macros.new_council -- "$$SEND_NEW_COUNCIL"

# Build speed and page weight, written to BENCHMARKS.md (a few minutes).
bench: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/python benchmarks/bench.py

# The property-based test of broken content with more cases than make test runs (10,000).
FUZZ_EXAMPLES ?= 10000
# Passed on as it was typed, through the environment (override: make would otherwise export a
# command-line value expanded, running any $(shell ...) in it).
fuzz: override export FUZZ_EXAMPLES := $(value FUZZ_EXAMPLES)
fuzz: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz_content.py --durations=1

# After changing macros/records/: write the editor schemas in schemas/ again.
schemas: $(VENV)/.site-installed
	$(BIN)/python -m macros.schemas

serve: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/mkdocs serve

# The browser editor for one council (COUNCIL=..., default example-council), on this machine
# only: the preview on http://127.0.0.1:8000/ and the editor on http://127.0.0.1:8081/, until
# Ctrl-C (macros/editor/edit.py; README.md, "Edit in your browser").
edit: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/python -m macros.editor.edit

# The whole suite, on every core (pytest-xdist); each council's site checks stay on one worker
# (tests/xdist_order.py, work_group).
PYTEST := $(BIN)/python -m pytest -n auto
test: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(PYTEST)

# For the edit loop: everything but the browser, the Nu HTML checker, whole builds (the tests
# marked build or extra_build: tests/conftest.py marks each test that uses one) and the long
# fuzz (make fuzz).
test-fast: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(PYTEST) -m "not browser and not html and not extra_build and not build and not fuzz"

# The checks of the built site alone (reports/site-checks-<council>.md), or one group of them,
# chosen by the markers listed in pyproject.toml.
test-site: $(VENV)/.test-installed node_modules/.installed
	$(PYTEST) -m site
test-a11y: $(VENV)/.test-installed node_modules/.installed
	$(PYTEST) -m a11y
test-html: $(VENV)/.test-installed node_modules/.installed
	$(PYTEST) -m html
test-links: $(VENV)/.test-installed
	$(PYTEST) -m links
test-reading: $(VENV)/.test-installed
	$(PYTEST) -m reading

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

# The letters' Word library (docx), axe-core and the Nu HTML checker, at the versions in
# package-lock.json.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund && touch $@; \
	else \
		echo "*** npm not found: the axe and HTML checks cannot run, and letters cannot be made into Word files. Install: apt-get install nodejs npm ***"; \
	fi

# After changing requirements*.txt: rebuild the full list of pinned versions.
constraints: $(VENV)/.test-installed
	{ echo "# Every package installed, pinned, so a fresh clone gets exactly what was tested."; \
	  echo "# Regenerate after changing requirements*.txt: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt

clean:
	rm -rf $(VENV) site node_modules reports .pytest_cache .ruff_cache
