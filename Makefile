# «الشراكة الحذرة» — every command a reader or CI needs. `make book`, `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := _build/.stamps
HTML   := _build/html/index.html
SINGLE := _build/singlehtml/chapters/index.html
PDF    := _build/pdf/the-cautious-partnership.pdf
# jupyter-book build with the book's flags (warnings are errors, nitpick, quiet); see press/build.py.
JB     := $(BIN)/python -m press.build

# Everything a notebook's output can depend on besides its own cells: when one of
# these changes, the execution cache is cleared and every notebook runs again. The
# how-to-cite chapter also reads the book's own metadata through press.citation.
EXEC_INPUTS := $(wildcard data/*) $(shell find partnership -name '*.py' -o -name '*.toml') \
               press/citation.py press/meta.py CITATION.cff _toc.yml
# The build's own code, templates and stylesheets: a change re-reads every page (Sphinx
# keeps no record of it), but runs no notebook again. A changed stylesheet alone would
# not be copied at all: Sphinx copies _static/ only when some page is out of date (the
# search page's script, in press/sphinxext/static/, likewise).
PRESS := $(shell find press -name '*.py' -o -name '*.html' -o -name '*.js' -o -name '*.toml') $(shell find _static -type f)
BOOK_INPUTS := _config.yml _toc.yml CITATION.cff $(wildcard chapters/*) $(wildcard _static/*) $(wildcard _static/*/*)

export PYTHONHASHSEED := 0
# Dates stamped into pages (copyright year, "last updated") are the release date in
# CITATION.cff, not the build's clock, so two builds of one commit are identical.
export SOURCE_DATE_EPOCH := $(shell date -u -d "$$(sed -n 's/^date-released: *"\(.*\)"/\1/p' CITATION.cff)" +%s)
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book pdf test setup system node audit notebooks extracts bench zenodo clean help

help:
	@echo "make book   set up, then build the HTML book (_build/html) and the PDF ($(PDF))"
	@echo "make test   set up, build the book, run every test (incl. nbval on the chapters)"
	@echo "make notebooks  re-execute the chapter notebooks in place (stores their outputs)"
	@echo "make extracts   remake data/ extracts from ../shared/sources"
	@echo "make zenodo rewrite .zenodo.json from CITATION.cff"
	@echo "make bench  cold build, warm rebuild after a one-word edit, and their ratio"
	@echo "make audit  Lighthouse scores and page weights against their targets (non-zero if missed)"

book: $(HTML) $(PDF)

setup: $(STAMPS)/system $(STAMPS)/venv $(STAMPS)/tools

system: $(STAMPS)/system

$(STAMPS)/system: apt-packages.txt scripts/install-system-packages
	@scripts/install-system-packages
	@mkdir -p $(@D) && touch $@

# pip -qq prints errors only: this machine's pip configuration names local package mirrors
# that hold a few packages, and pip warns of every other package it does not find there.
PIP := $(BIN)/python -m pip install -qq --disable-pip-version-check

$(STAMPS)/venv: requirements.txt constraints.txt pyproject.toml press/pyproject.toml
	@echo "python: installing requirements.txt into $(VENV)/"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) -r requirements.txt -c constraints.txt
	@$(PIP) --no-deps --no-build-isolation -e . -e press
	@mkdir -p $(@D) && touch $@

$(STAMPS)/tools: requirements-tools.txt
	@echo "python: installing requirements-tools.txt into .venv-tools/"
	@test -x .venv-tools/bin/python || $(PYTHON) -m venv .venv-tools
	@.venv-tools/bin/python -m pip install -qq --disable-pip-version-check -r requirements-tools.txt
	@mkdir -p $(@D) && touch $@

# axe-core and Lighthouse, exactly as package-lock.json pins them (node_modules/ is not committed).
node: $(STAMPS)/node

$(STAMPS)/node: package.json package-lock.json | $(STAMPS)/system
	@echo "node: installing axe-core and Lighthouse into node_modules/"
	@npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@mkdir -p $(@D) && touch $@

# New data or package code: drop cached notebook executions so no stale output survives,
# and Sphinx's saved environment too: it re-reads only notebooks whose own file changed,
# so without this a chart drawn by changed package code would keep its old picture.
$(STAMPS)/exec-inputs: $(EXEC_INPUTS) | $(STAMPS)/venv
	@if [ -d _build/.jupyter_cache ]; then echo "book: data or package code changed, every notebook runs again"; fi
	@rm -rf _build/.jupyter_cache _build/.doctrees
	@mkdir -p $(@D) && touch $@

$(STAMPS)/press: $(PRESS) | $(STAMPS)/venv
	@rm -rf _build/.doctrees
	@mkdir -p $(@D) && touch $@

$(HTML): $(STAMPS)/system $(STAMPS)/venv $(STAMPS)/exec-inputs $(STAMPS)/press $(BOOK_INPUTS)
	@# A chapter dropped from _toc.yml would otherwise leave its old page behind.
	@if [ -e $@ ] && [ _toc.yml -nt $@ ]; then rm -rf _build/html _build/singlehtml; fi
	@echo "book: notebooks missing from the cache run in parallel; then the HTML book"
	@$(JB) html
	@touch $@

# The PDF is Chromium's print of the single-page build (notebooks come from the cache).
$(SINGLE): $(HTML)
	@echo "pdf: the single-page HTML that Chromium prints"
	@$(JB) singlehtml
	@touch $@

$(PDF): $(SINGLE) press/pdf.py CITATION.cff
	@$(BIN)/python -m press.pdf

pdf: $(PDF)

test: book $(STAMPS)/tools $(STAMPS)/node
	$(BIN)/python -m pytest

# Lighthouse (mobile and desktop) on every reader-facing page, and every
# page's weight; exits non-zero when a target is missed.
audit: $(HTML) $(STAMPS)/node
	$(BIN)/python -m press.audit

# Re-execute every chapter, as many at once as there are cores, and store the outputs in the notebooks.
notebooks: setup
	$(BIN)/python -m press.execute --inplace chapters/*.ipynb

extracts: setup
	$(BIN)/python -m partnership.data.extracts

bench: setup $(STAMPS)/node
	$(BIN)/python scripts/bench.py

# Zenodo's deposit metadata, derived from CITATION.cff (tests check it is current).
zenodo: $(STAMPS)/venv
	$(BIN)/python -m press.zenodo > .zenodo.json.tmp
	mv .zenodo.json.tmp .zenodo.json

clean:
	rm -rf _build
