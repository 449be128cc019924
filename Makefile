# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app companion
PYBABEL := $(VENV)/bin/pybabel
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install production translations init-db extract lock vendor-check bench system-packages

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

COMPILE := $(PYBABEL) compile -d translations -D messages >/dev/null

translations: install
	$(COMPILE)

# A server (README, Production): the app and Redis's client, no test tools, and the catalogues compiled
# (without them every page is English, under lang="fr").
production: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[redis]'
	$(COMPILE)

init-db: translations
	$(FLASK) init-db

run: init-db
	$(FLASK) run --host $(HOST) --port $(PORT)

system-packages:
	scripts/system_packages.sh

test: system-packages translations
	$(PY) scripts/vendor.py verify
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r companion -c pyproject.toml --severity-level medium
	$(PY) -m pytest
	@echo "--- the database-backed tests again, on PostgreSQL ---"
	scripts/with_postgres.sh $(PY) -m pytest -q tests --ignore=tests/browser -p no:cacheprovider

# Developer helpers
extract: install
	$(PYBABEL) extract -F babel.cfg -k N_ -k worded -o translations/messages.pot --no-location .
	$(PYBABEL) update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(PY) scripts/fill_english.py translations/en/LC_MESSAGES/messages.po

lock:
	python3 -m venv /tmp/companion-lock && /tmp/companion-lock/bin/pip install --quiet -e '.[test]'
	(echo "# Pinned versions (pip freeze of a working install). Regenerate: make lock"; \
	 /tmp/companion-lock/bin/pip freeze --exclude-editable) > constraints.txt

bench: init-db
	$(PY) benchmarks/nearest_search.py
