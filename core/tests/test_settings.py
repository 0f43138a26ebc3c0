"""Settings come from the environment: production refuses to start without a secret, and
DJANGO_HTTPS chooses between a TLS site and a plain-http local trial (`make serve`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({name: getattr(settings, name, None) for name in ["
    "'DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
    "'SECURE_PROXY_SSL_HEADER']}))"
)


def settings_with(**env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BLOG_"))}
    environ.update(DJANGO_SETTINGS_MODULE="core.settings", **env)
    done = subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    return done.returncode, (json.loads(done.stdout) if done.returncode == 0 else done.stderr)


def test_production_without_a_secret_key_refuses_to_start_and_says_how_to_make_one():
    code, error = settings_with(DJANGO_DEBUG="false")
    assert code != 0
    assert "DJANGO_SECRET_KEY must be set" in error and "secrets.token_urlsafe" in error


def test_production_behind_tls_redirects_and_marks_cookies_secure():
    code, values = settings_with(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)
    assert code == 0
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_plain_http_trial_neither_redirects_nor_hides_cookies():
    code, values = settings_with(
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50, DJANGO_HTTPS="off"
    )
    assert code == 0 and values["DEBUG"] is False
    assert not values["SECURE_SSL_REDIRECT"] and not values["SESSION_COOKIE_SECURE"]
    assert not values["SECURE_HSTS_SECONDS"]
