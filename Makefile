# Two commands from a fresh clone:  make run  (the site at http://127.0.0.1:8000)  and  make test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve loadtest test test-fast coverage lock dev-venv setup venv lint check-migrations bench screenshots audit clean backup restore reset

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What production runs (requirements.txt), and for the tests and tooling everything
# (requirements-dev.txt includes it): both pinned with hashes; `make lock` recompiles them.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
dev-venv: $(VENV)/.installed-dev

# Recompile the pinned requirements from requirements.in / requirements-dev.in (pip-tools).
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: dev-venv
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

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

lint: dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: dev-venv
	$(BIN)/python manage.py makemigrations --check --dry-run

# Every test, in parallel (pytest-xdist): three workers keep two cores busy while the browser
# and server tests wait on their servers. The slowest 15 are listed at the end. TEST_ARGS adds
# pytest options (.ci/run's PostgreSQL pass uses it to leave out what does not read the database).
TEST_WORKERS ?= 3
PYTEST = $(BIN)/python -m pytest --durations=15
test: dev-venv .env lint check-migrations
	$(PYTEST) -n $(TEST_WORKERS) $(TEST_ARGS)

# The quick loop: everything but the tests that drive Chromium or start servers, on both cores.
test-fast: dev-venv .env
	$(PYTEST) -n 2 -m "not browser and not server" $(TEST_ARGS)

# The whole suite with statement coverage of the application code (report in the terminal).
coverage: dev-venv .env
	$(BIN)/python -m coverage erase
	$(BIN)/python -m coverage run -m pytest -n $(TEST_WORKERS) -q
	$(BIN)/python -m coverage combine -q
	$(BIN)/python -m coverage report

# Figures for every public page, in-process and over HTTP (gunicorn, 2 workers; wrk if
# installed), on a throw-away database in BENCH_DIR: the editions from fixtures/, then grown to
# EDITIONS synthetic ones (seed_synthetic). Your own database is never touched.
BENCH_DIR ?= /tmp/vmc-bench
EDITIONS ?= 50
# A fresh database with the fixtures in BENCH_DIR, for bench and loadtest (one shell line).
BENCH_SETUP = export DJANGO_SETTINGS_MODULE=vmc_project.settings_dev DATABASE_URL=sqlite:///$(BENCH_DIR)/bench.sqlite3 STATIC_ROOT=$(BENCH_DIR)/static \
	  MEDIA_ROOT=$(BENCH_DIR)/media BACKUP_DIR=$(BENCH_DIR)/backups CONTENT_VERSION_FILE=$(BENCH_DIR)/version \
	  DEBUG=False SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	$(BIN)/python manage.py setup_site >/dev/null && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
bench: dev-venv
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
loadtest: dev-venv
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	$(BENCH_SETUP) && \
	$(BIN)/python manage.py loadtest --clients 50 --seconds 30 && \
	$(BIN)/python manage.py loadtest --clients 50 --seconds 30 --cache-seconds 0

# Every public page type (devtools/page_types.py) in Debian's Chromium, on a throwaway copy of
# the site with the fixtures (never your database): docs/screenshots/<type>-360.png (a phone's
# first screen), <type>-360-full.png and <type>-1280.png. URL=http://... uses a server you run.
screenshots: dev-venv
	DJANGO_SETTINGS_MODULE=vmc_project.settings_dev $(BIN)/python manage.py screenshots $(if $(URL),--url $(URL))

# Lighthouse (mobile, desktop) and axe on every public page type through the shared page-audit
# tool (PAGE_AUDIT=/path/to/page-audit; Node.js): a table, and exit 1 below
# performance 95, accessibility 100, best practices 98 or SEO 98. URL= as for screenshots.
audit: dev-venv
	DJANGO_SETTINGS_MODULE=vmc_project.settings_dev $(BIN)/python manage.py page_audit $(if $(URL),--url $(URL))
