# WeMi: two commands matter. `make demo` serves the Milan demo; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_SETTINGS := config.settings.dev
APT_PACKAGES_WEASYPRINT := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core fonts-noto-core fonts-noto-cjk
APT_PACKAGES_BROWSER := chromium
APT_PACKAGES_GETTEXT := gettext
LANGUAGE_DIRS := -l it -l en -l ar -l zh_Hans -l es

.PHONY: demo test production-check install python-deps frontend system-deps catalogs browser serve seed lint messages translation-report clean

demo: install ## Fresh clone -> Milan demo on http://127.0.0.1:$(PORT)
	@echo "Migrating the database (430 migrations, a few minutes on a fresh clone)..."
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) DJANGO_DEBUG=false $(BIN)/python manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/python manage.py seed_milano
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs in parallel processes (pytest-xdist), one per core up to 4, each with its own
# test database (name suffixed _gw0, _gw1...), a copy of one migrated once per run (decision
# 0031). Tests are handed out in pytest-django's order
# (`--dist load`: database tests first, transactional and live-server ones, whose flush empties
# the tables migrations filled, last), so each process keeps that order too.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)

test: install browser ## The whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

# The production profile on this machine's PostgreSQL and Redis: gunicorn, task worker,
# scheduler and Varnish, walked over HTTP (scripts/production-check.sh).
production-check: install
	bash scripts/production-check.sh

install: system-deps python-deps frontend catalogs

python-deps: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The stylesheet keeps only the rules the templates and Python code use (theme/build.mjs), so it
# is rebuilt when they change.
THEME_SOURCES := $(shell find theme content search marketplace site -path '*/migrations' -prune -o \( -name '*.html' -o -name '*.py' \) -print)

frontend: theme/static/vendor/.built
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
theme/static/vendor/.built: node_modules/.installed $(VENV)/.installed theme/build.mjs $(wildcard theme/js/*.js) $(THEME_SOURCES)
	WEMI_PYTHON=$(BIN)/python node theme/build.mjs
	touch $@

# WeasyPrint's system libraries and fonts (Arabic, Chinese): installed when missing and we may.
system-deps:
	@bash scripts/apt-ensure.sh $(APT_PACKAGES_WEASYPRINT) $(APT_PACKAGES_GETTEXT)

# The UI translations: .mo files are built from locale/*/LC_MESSAGES/django.po (GNU msgfmt).
catalogs: python-deps
	$(BIN)/python manage.py compilemessages $(LANGUAGE_DIRS) --ignore='.venv' --ignore='node_modules'

browser:
	@bash scripts/apt-ensure.sh $(APT_PACKAGES_BROWSER)

serve:
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

seed:
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/python manage.py seed_milano

lint:
	$(BIN)/ruff check .

messages: ## Refresh the PO files in locale/ from the source
	$(BIN)/python manage.py makemessages $(LANGUAGE_DIRS) --no-wrap --ignore='.venv' --ignore='node_modules' --ignore='static_collected' --ignore='theme/static'

translation-report: ## Pages per language and completeness of the UI catalogs
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/python manage.py translation_report

clean:
	rm -rf $(VENV) node_modules theme/static/vendor .*.sqlite3 .*.sqlite3-wal .*.sqlite3-shm .test-media
