# Two commands from a fresh clone:  make run  (the site at http://127.0.0.1:8000)  and  make test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve loadtest test setup venv lint check-migrations bench screenshots audit clean backup restore reset

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

.env:
	cp .env.example .env
	sed -i "s|^SECRET_KEY=.*|SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env

setup: venv .env
	$(BIN)/python manage.py setup_site
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo "Serving the Vienna Migration Conference at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The site as production serves it: gunicorn (WORKERS processes, default 2), DEBUG off, on the
# local database and settings from .env. Behind HTTPS set the variables in README "Deploying".
WORKERS ?= 2
serve: setup
	@echo "Serving with gunicorn ($(WORKERS) workers) at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/gunicorn vmc_project.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Start over from fixtures/: asks first (FORCE=1 does not ask), writes a backup, then reloads.
reset: venv .env
	$(BIN)/python manage.py reset_content $(if $(FORCE),--yes)
	$(BIN)/python manage.py setup_site

backup: venv .env
	$(BIN)/python manage.py backup

# make restore FILE=backups/vmc-....tar.gz   (asks first; FORCE=1 does not ask)
restore: venv .env
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/vmc-YYYYMMDD-HHMMSS-reason.tar.gz"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)" $(if $(FORCE),--yes)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: venv
	$(BIN)/python manage.py makemigrations --check --dry-run

test: venv .env lint check-migrations
	$(BIN)/python -m pytest

# Figures for every public page, in-process and over HTTP (gunicorn, 2 workers; wrk if
# installed), on a throw-away database in BENCH_DIR: the editions from fixtures/, then grown to
# EDITIONS synthetic ones (seed_synthetic). Your own database is never touched.
BENCH_DIR ?= /tmp/vmc-bench
EDITIONS ?= 50
# A fresh database with the fixtures in BENCH_DIR, for bench and loadtest (one shell line).
BENCH_SETUP = export DATABASE_URL=sqlite:///$(BENCH_DIR)/bench.sqlite3 STATIC_ROOT=$(BENCH_DIR)/static \
	  MEDIA_ROOT=$(BENCH_DIR)/media BACKUP_DIR=$(BENCH_DIR)/backups CONTENT_VERSION_FILE=$(BENCH_DIR)/version \
	  DEBUG=False SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	$(BIN)/python manage.py setup_site >/dev/null && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
bench: venv
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	$(BENCH_SETUP) && \
	$(BIN)/python manage.py bench_pages --year 2024 && $(BIN)/python manage.py bench_http && \
	$(BIN)/python manage.py seed_synthetic --editions $(EDITIONS) && \
	$(BIN)/python manage.py bench_pages --year 2024 && $(BIN)/python manage.py bench_http

# Removes what the build makes; never the database, media or backups (make reset starts over).
clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# 50 clients for 30 s over the public pages through gunicorn (2 workers), on a throw-away
# database like make bench; prints p50, p99 and errors and fails on any error. With wrk if
# installed (apt-get install wrk), else with Python threads (same errors, fewer requests/s).
loadtest: venv
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	$(BENCH_SETUP) && \
	$(BIN)/python manage.py loadtest --clients 50 --seconds 30 && \
	$(BIN)/python manage.py loadtest --clients 50 --seconds 30 --cache-seconds 0

# Every public page type (conferences/page_types.py) in Debian's Chromium, on a throwaway copy of
# the site with the fixtures (never your database): docs/screenshots/<type>-360.png (a phone's
# first screen), <type>-360-full.png and <type>-1280.png. URL=http://... uses a server you run.
screenshots: venv
	$(BIN)/python manage.py screenshots $(if $(URL),--url $(URL))

# Lighthouse (mobile, desktop) and axe on every public page type through the shared page-audit
# tool (PAGE_AUDIT, default ../shared/tools/page-audit; Node.js): a table, and exit 1 below
# performance 95, accessibility 100, best practices 98 or SEO 98. URL= as for screenshots.
audit: venv
	$(BIN)/python manage.py page_audit $(if $(URL),--url $(URL))
