# The blog's images (docs/deploy.md, compose.yaml):
#   docker build -t blog .                    the site: gunicorn by default, or the worker
#                                             (`python manage.py worker`), or any manage.py command
#   docker build --target proxy -t blog-proxy .   nginx with deploy/nginx.conf and the static files
# Configuration is the environment (README, "Configuration"); nothing secret is baked in.

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# hspell: Hebrew morphology for the search (without it, a rule-based fallback).
RUN apt-get update \
    && apt-get install -y --no-install-recommends hspell \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 999 --user-group --home-dir /srv/blog blog
WORKDIR /srv/blog
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=blog:blog . .
# Static files are part of the image: hashed names, compressed (WhiteNoise serves them,
# the proxy image carries a copy). A throwaway key: settings refuse to load without one.
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=collectstatic-only \
    python manage.py collectstatic --noinput -v0
USER blog
ENV DJANGO_DEBUG=false HOST=0.0.0.0 PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]

# nginx in front: deploy/nginx.conf, rendered for compose's network (the app servers are
# `web`, Docker's resolver finds the object store), with collectstatic's files.
FROM nginx:1.27-bookworm AS proxy
COPY --from=app /srv/blog/staticfiles /srv/blog/staticfiles
COPY deploy/nginx.conf /tmp/blog.conf
RUN sed -e 's/server 127.0.0.1:8000;/server web:8000;/' \
        -e '/listen \[::\]:80;/d' \
        -e 's/resolver 127.0.0.53/resolver 127.0.0.11/' \
        -e 's#/var/log/nginx/blog.access.log#/var/log/nginx/access.log#' \
        /tmp/blog.conf > /etc/nginx/conf.d/default.conf \
    && rm /tmp/blog.conf \
    && grep -q 'server web:8000;' /etc/nginx/conf.d/default.conf

# The default target: the site.
FROM app AS web
