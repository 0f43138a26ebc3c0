# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve check-secret test install setup lint bench clean

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

run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

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
	$(SERVE_ENV) $(BIN)/gunicorn -c deploy/gunicorn.conf.py

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium not found, so the browser tests" \
	  "(e2e/) will be SKIPPED. Install: apt-get install -y chromium fonts-dejavu-core"
	$(BIN)/pytest

# Load test (docs/benchmark.md). Needs Debian's wrk (apt-get install -y wrk; nginx is
# optional, for the static reference); installs nothing. E.g. BENCH_ARGS="--duration 5".
bench: install
	$(BIN)/python scripts/bench_site.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles
