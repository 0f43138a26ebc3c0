# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve check-secret test install setup lint bench clean audit messages cluster-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed

# The web server with a task worker beside it (deck rendering, editors' mail); Ctrl-C
# stops both (scripts/run_with_worker.sh).
run: setup
	PYTHON_BIN=$(BIN)/python scripts/run_with_worker.sh $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The site as in production, on loopback: DEBUG off, collected static files, gunicorn
# (deploy/gunicorn.conf.py: GUNICORN_WORKERS, GUNICORN_THREADS). Plain http unless
# DJANGO_HTTPS=on (behind a TLS-terminating proxy).
SERVE_ENV = DJANGO_DEBUG=false DJANGO_HTTPS=$${DJANGO_HTTPS:-off} HOST=$(HOST) PORT=$(PORT)
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)

staticfiles/staticfiles.json: $(VENV)/.installed $(STATIC_SOURCES)
	@$(MAKE) --no-print-directory check-secret
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --clear -v0

check-secret:
	@if [ -z "$$DJANGO_SECRET_KEY" ]; then \
	  echo "make serve needs DJANGO_SECRET_KEY (production mode). For a local trial:"; \
	  echo "  export DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  echo "Hosts default to 127.0.0.1,localhost; set DJANGO_ALLOWED_HOSTS for others."; \
	  exit 1; fi

serve: setup check-secret staticfiles/staticfiles.json
	@# `setup` migrated with DEBUG on (a memory cache): make the shared cache's table too.
	$(SERVE_ENV) $(BIN)/python manage.py createcachetable
	$(SERVE_ENV) PYTHON_BIN=$(BIN)/python scripts/run_with_worker.sh $(BIN)/gunicorn -c deploy/gunicorn.conf.py

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium not found, so the browser tests" \
	  "(e2e/) will be SKIPPED. Install: apt-get install -y chromium fonts-dejavu-core"
	@[ -x /usr/bin/xgettext ] || echo "NOTE: Debian's gettext is missing, so the catalogue check" \
	  "(core/tests/test_translations.py) will FAIL. Install: apt-get install -y gettext"
	$(BIN)/pytest

# Load test (docs/benchmark.md). Needs Debian's wrk (apt-get install -y wrk; nginx is
# optional, for the static reference); installs nothing. E.g. BENCH_ARGS="--duration 5".
bench: install
	$(BIN)/python scripts/bench_site.py $(BENCH_ARGS)

# The Hebrew catalogue (locale/he/LC_MESSAGES): extract the marked strings into django.po,
# copy each new singular Hebrew msgid into its msgstr, then compile. Needs Debian's gettext
# (apt-get install -y gettext); the compiled .mo files are committed, so `make run` needs
# nothing of it. Plural entries (four Hebrew forms) and overrides of Django's English are
# written by hand: core/tests/test_translations.py fails on an empty or fuzzy entry.
MESSAGES_IGNORE := --ignore=.venv --ignore=e2e --ignore='*/tests/*' --ignore=scripts \
  --ignore=staticfiles --ignore=media --ignore=deploy --ignore='*/migrations/*'
messages: install
	$(BIN)/python manage.py makemessages -l he --add-location=file $(MESSAGES_IGNORE)
	$(BIN)/python scripts/fill_catalogue.py locale/he/LC_MESSAGES/django.po
	msgfmt --check -o locale/he/LC_MESSAGES/django.mo locale/he/LC_MESSAGES/django.po
	msgfmt --check -o locale/he/LC_MESSAGES/djangojs.mo locale/he/LC_MESSAGES/djangojs.po

# Several app servers as production runs them, on loopback (scripts/cluster_test.py):
# PostgreSQL, Redis, moto's S3 server, two gunicorn, a worker, nginx; needs Debian's
# postgresql, redis-server and nginx (root, for `service postgresql start`). About 2 min.
cluster-test: install
	$(BIN)/python scripts/cluster_test.py

# Known vulnerabilities in the pinned requirements (pip-audit, PyPI's advisory data).
# Fails (status 1) on a vulnerability, and (status 2) when the data cannot be reached or
# some package could not be checked: it never reports a pass it did not earn.
audit: install
	$(BIN)/python scripts/audit.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles
