"""Security headers, HTTPS and the Content Security Policy."""

import os

from csp.constants import NONE, SELF

from .env import DEBUG, env_bool

# Security headers: strict on every response, HTTPS-only extras when debug is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# DJANGO_HTTPS: "on" (the default with debug off) when readers reach the site over HTTPS,
# usually through a TLS-terminating proxy that sets X-Forwarded-Proto; "off" for a local
# trial over plain http://127.0.0.1 (`make serve`): no redirect, no Secure-only cookies.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
if not DEBUG and HTTPS:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Strict CSP: no inline script or style anywhere on public pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
