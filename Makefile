# recette-chorus: one entry point per action, the same locally and in CI.
# `make test` and `make recette` bootstrap everything they need (idempotent), then run.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe

.PHONY: setup test recette bac-a-sable lint bench navigateur mutation stabilite

NODE_INSTALLE := node_modules/.installe
UI5_CONSTRUIT := .ui5/.construit-minifie

setup: $(INSTALLE) navigateur $(NODE_INSTALLE) $(UI5_CONSTRUIT)

$(INSTALLE): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(INSTALLE)

# Allure 3 (report rendering), OpenUI5 and the UI5 Tooling from the committed lockfile, never a
# global install.
$(NODE_INSTALLE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_INSTALLE)

# The OpenUI5 runtime (sap.ui.core, sap.m, sap.f, sap.ui.layout, sap.ui.table, sap.ui.unified,
# sap.uxap, Horizon theme) built from the lockfile's packages into .ui5/resources, servable as is
# (sap-ui-core.js, library preloads, compiled theme). Minified: every Fiori scenario's browser
# parses the preloads (25 MB of JS unminified, 8 MB minified), which costs far more than the
# minutes minifying adds to a build done once. Built aside, then moved, so an interrupted build
# never leaves a half runtime behind a sentinel; the sentinel's name says how it was built (an
# unminified runtime is built again). Order-only on the npm install: a reinstall with the same
# lockfile does not rebuild.
$(UI5_CONSTRUIT): package-lock.json ui5/ui5.yaml | $(NODE_INSTALLE)
	@rm -rf .ui5 && mkdir -p .ui5
	node_modules/.bin/ui5 build --config ui5/ui5.yaml --all --include-task generateVersionInfo \
	  --dest .ui5/construction --loglevel warn
	@mv .ui5/construction/resources .ui5/resources && rm -rf .ui5/construction
	@find .ui5/resources \( -name '*.less' -o -name '*.map' \) -delete
	@touch $(UI5_CONSTRUIT)

# Debian's Chromium when no browser is known, with its headless build (chromium-headless-shell,
# the one Playwright uses headless: about 40 % less CPU per page); `playwright install chromium`
# is the fallback for machines with internet access and no root.
NAVIGATEURS := chromium chromium-headless-shell
navigateur:
	@if [ -n "$$CHROMIUM_PATH" ] && [ -x "$$CHROMIUM_PATH" ]; then exit 0; fi; \
	if command -v chromium >/dev/null 2>&1 && command -v chromium-headless-shell >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installation de Chromium (Debian : $(NAVIGATEURS))…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NAVIGATEURS) >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NAVIGATEURS) >/dev/null; \
	elif command -v chromium >/dev/null 2>&1; then \
	  echo "chromium-headless-shell absent (sans droits root) : les campagnes utilisent Chromium complet, plus lent"; \
	else \
	  echo "Chromium absent : installation du navigateur de Playwright (accès Internet requis)…"; \
	  $(PY) -m playwright install chromium; \
	fi

# The scenarios are checked first (syntax, steps, parameters, tags: `recette verifier`), then tested.
test: setup
	$(VENV)/bin/recette verifier features
	$(PY) -m pytest --durations=12

# The campaign, then the report whatever the campaign's verdict; the exit code is the quality
# gate's (0 go, 1 no-go). The deliverable's path and the decision are printed last.
# The step catalogue (a searchable page testers keep open while writing) is published first.
# The campaign records its screens for the users' documentation: the modes opératoires (HTML)
# and the fiches of the screens are written in reports/documentation/ before the report, so that
# the deliverable's ZIP carries them (a previous run's recordings and documents are removed first).
DOCUMENTATION := reports/enregistrements-documentation
recette: setup
	$(VENV)/bin/recette etapes --format html --sortie reports/catalogue-etapes.html
	@rm -rf $(DOCUMENTATION) reports/documentation
	$(VENV)/bin/recette lancer -- --recette-documenter=$(DOCUMENTATION); \
	$(VENV)/bin/recette documenter --depuis $(DOCUMENTATION) --format html; \
	$(VENV)/bin/recette rapport

# The campaign once without defect, recording what each scenario reaches in the sandbox, then
# per catalogued defect only the scenarios meeting its rule: matrix, detection rate, and the rules
# and refusals no scenario reaches (exit code 1 when a defect is caught by no scenario). Two
# workers per campaign by default; `make mutation MUTATION_OPTIONS=--complet` runs the whole
# campaign for each defect. The matrix is also kept in reports/mutation/matrice.txt.
MUTATION_WORKERS ?= 2
MUTATION_OPTIONS ?=
mutation: setup
	@mkdir -p reports/mutation
	set -o pipefail; $(VENV)/bin/recette mutation --workers $(MUTATION_WORKERS) $(MUTATION_OPTIONS) | tee reports/mutation/matrice.txt

bench: setup
	$(PY) benchmarks/campagne.py --echelle --faces
	$(PY) benchmarks/comparaison.py --lignes 1000000
	$(PY) benchmarks/comparaison.py --simple --lignes 1000000
	$(PY) benchmarks/comparaison.py --hors-memoire-lignes 50000000

bac-a-sable: setup
	$(VENV)/bin/recette bac-a-sable

lint: setup
	$(VENV)/bin/ruff check src tests steps
	$(VENV)/bin/mypy src

# The same campaign STABILITE_REPETITIONS times on the same code: every scenario whose verdict changed
# (exit code 1 when one did); kept in reports/stabilite/bilan.txt.
STABILITE_REPETITIONS ?= 10
stabilite: setup
	@mkdir -p reports/stabilite
	set -o pipefail; $(VENV)/bin/recette stabilite --repetitions $(STABILITE_REPETITIONS) --workers 2 | tee reports/stabilite/bilan.txt
