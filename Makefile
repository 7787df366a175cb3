# IOS Handbook. `make` alone lists the targets.
#
# LANG chooses the handbook's language, but only when it is given on make's command line
# (make pdf LANG=es). Every shell already has a LANG in its environment, the POSIX locale
# (C.UTF-8, en_US.UTF-8): that one is ignored, and without LANG= on the command line the
# handbook is built in English.
ifeq ($(origin LANG),command line)
HANDBOOK_LANG := $(LANG)
HANDBOOK_LANG_GIVEN := 1
else
HANDBOOK_LANG := en
HANDBOOK_LANG_GIVEN :=
endif
export HANDBOOK_LANG HANDBOOK_LANG_GIVEN
# The tools run under a sane locale and never see LANG=es.
override LANG := C.UTF-8
export LANG
export LC_ALL := C.UTF-8
unexport LANGUAGE

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
NODE := node_modules/.installed
# Playwright drives Debian's chromium: it never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
BUILD := build

.PHONY: help html epub pdf all gettext update-po handouts handouts-all review-packet check-po stats test test-unit test-integration browser-test readability bench lint clean system-packages show-config

help: ## Show this help
	@echo "Usage: make TARGET [LANG=es|fr|zh_CN|ar|all]"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-17s %s\n", $$1, $$2}'
	@echo
	@echo "Outputs: build/html/<lang>/index.html, build/epub/handbook-<lang>.epub, build/pdf/handbook-<lang>.pdf"

system-packages: ## Install the Debian packages the build needs (Pango, Noto fonts, HarfBuzz subsetter, poppler)
	@bash build_tools/system-packages.sh

$(RUNTIME): requirements.txt build_tools/system-packages.sh
	@bash build_tools/system-packages.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned Python packages into $(VENV)"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV): requirements-dev.txt $(RUNTIME) $(NODE)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# The test tools from npm, pinned in package-lock.json: axe-core and the Nu HTML Checker's jar.
$(NODE): package.json package-lock.json
	@npm ci --ignore-scripts --no-audit --no-fund --silent
	@touch $@

html: $(RUNTIME) ## Build the HTML site: build/html/<lang>/
	@$(PY) -m build_tools.build html "$$HANDBOOK_LANG"

epub: $(RUNTIME) ## Build the ePub: build/epub/handbook-<lang>.epub
	@$(PY) -m build_tools.build epub "$$HANDBOOK_LANG"

# Print options, taken only from make's command line (PAPER is also an old TeX variable that a
# shell may carry), and passed to the tools through the environment, never pasted into a command.
PDF_PAPER := $(if $(filter command line,$(origin PAPER)),$(PAPER))
PDF_PROFILE := $(if $(filter command line,$(origin PROFILE)),$(PROFILE))
PDF_ARCHIVE := $(if $(filter command line,$(origin PDF_VARIANT)),$(PDF_VARIANT))
export PDF_PAPER PDF_PROFILE PDF_ARCHIVE
PDF_FLAGS = $${PDF_PAPER:+--paper "$$PDF_PAPER"} $${PDF_PROFILE:+--profile "$$PDF_PROFILE"} $${PDF_ARCHIVE:+--pdf-variant "$$PDF_ARCHIVE"}

pdf: $(RUNTIME) ## Build the print PDF: build/pdf/handbook-<lang>.pdf [PAPER=letter] [PROFILE=press] [PDF_VARIANT=pdf/a-3u]
	@$(PY) -m build_tools.build pdf "$$HANDBOOK_LANG" $(PDF_FLAGS)

all: $(RUNTIME) ## Build every language in every format, in parallel
	@$(PY) -m build_tools.build all all

gettext: $(RUNTIME) ## Extract the message templates to build/gettext/
	@$(PY) -m build_tools.catalogues extract

update-po: $(RUNTIME) ## Create or update the catalogues of LANG (all languages without LANG)
	@$(PY) -m build_tools.catalogues update $${HANDBOOK_LANG_GIVEN:+"$$HANDBOOK_LANG"}

# Handout options, passed to the tools through the environment (never pasted into a command line).
export CLINIC SHARD
HANDOUT_FLAGS = $${HANDBOOK_LANG_GIVEN:+--lang "$$HANDBOOK_LANG"} $(if $(filter 1 yes true,$(LARGE_PRINT)),--large-print) $(if $(filter 1 yes true,$(DRAFT)),--draft) $(if $(filter 1 yes true,$(FINAL_ONLY)),--final-only) $${SHARD:+--shard="$$SHARD"}

handouts: $(RUNTIME) ## One clinic's handouts: CLINIC=clinics/example.toml [LANG=es] [LARGE_PRINT=1] [DRAFT=1] [FINAL_ONLY=1]
	@if [ -z "$${CLINIC-}" ]; then echo "error: name the clinic profile: make handouts CLINIC=clinics/example.toml" >&2; exit 2; fi
	@$(PY) -m build_tools.handouts --clinic "$$CLINIC" $(HANDOUT_FLAGS)

handouts-all: $(RUNTIME) ## Every clinic in clinics/, every language, every procedure [SHARD=i/N]
	@$(PY) -m build_tools.handouts --all-clinics $(HANDOUT_FLAGS)

review-packet: $(RUNTIME) ## What needs review, for a clinician (en) or a translator: build/review/review-packet-<lang>.pdf [LANG=xx]
	@$(PY) -m build_tools.reviews packet "$$HANDBOOK_LANG"

check-po: $(RUNTIME) ## Check the translations (LANG= for one); report in build/translation-report/
	@$(PY) -m build_tools.translation_gate $${HANDBOOK_LANG_GIVEN:+"$$HANDBOOK_LANG"}

stats: $(RUNTIME) ## Translation progress per language and page; also build/stats.json
	@$(PY) -m build_tools.stats $${HANDBOOK_LANG_GIVEN:+"$$HANDBOOK_LANG"}

test: $(DEV) ## Lint, then run the tests (every language and format, and handouts)
	@$(MAKE) --no-print-directory lint
	@$(PY) -m pytest

browser-test: $(DEV) ## Only the browser, accessibility and validator checks (builds every language)
	@$(PY) -m pytest -m browser

readability: $(DEV) ## Plain-language scores per page and language (HANDOUT-STANDARD.md); fails below it
	@$(PY) -m tests.readability_report

test-unit: $(DEV) ## Only the fast unit tests (no builds; seconds)
	@$(PY) -m pytest -m "not integration"

test-integration: $(DEV) ## Only the integration tests (they build the handbook and handouts)
	@$(PY) -m pytest -m integration

bench: $(DEV) ## Our PDF route against bare WeasyPrint and LaTeX, and the incremental builds
	@$(PY) benchmarks/run.py

lint: $(DEV) ## Check the code with ruff and mypy --strict
	@$(VENV)/bin/ruff check build_tools tests benchmarks conf.py
	@$(VENV)/bin/mypy

clean: ## Remove everything built, and the build caches (keeps .venv)
	rm -rf $(BUILD)

show-config: ## Show the language the build will use and the locale the tools run under
	@echo "handbook language: $$HANDBOOK_LANG"
	@echo "tools run with: LANG=$$LANG LC_ALL=$$LC_ALL LANGUAGE=$${LANGUAGE-}"
