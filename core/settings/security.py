"""Security headers, HTTPS and the Content Security Policy."""

import os
from datetime import timedelta

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import DEBUG
from .operations import https_settings

# Security headers: strict on every response, HTTPS-only extras when debug is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# DJANGO_HTTPS: "on" (the default with debug off) when readers reach the site over HTTPS,
# usually through a TLS-terminating proxy that sets X-Forwarded-Proto; "off" for a local
# trial over plain http://127.0.0.1 (`make serve`): no redirect, no Secure-only cookies.
# With it: DJANGO_SECURE_SSL_REDIRECT, DJANGO_HSTS_SECONDS (settings/operations.py).
_https = https_settings(os.environ, DEBUG)
HTTPS = _https.pop("HTTPS")
globals().update(_https)

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


def _proxy_hops():
    """DJANGO_TRUSTED_PROXY_HOPS, or 1 for the retired BLOG_COMMENT_IP_HEADER (which read
    the last X-Forwarded-For entry, i.e. trusted one proxy); a system check (blog.W001)
    asks to move to the new variable."""
    value = os.environ.get("DJANGO_TRUSTED_PROXY_HOPS")
    if value is None:
        return 1 if BLOG_COMMENT_IP_HEADER else 0
    try:
        hops = int(value)
    except ValueError:
        hops = -1
    if not 0 <= hops <= 10:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in "
            f"front of the site that append to X-Forwarded-For), not {value!r}."
        )
    return hops


# Real client addresses (blog/clientip.py: comment rate limit and record, login throttle).
# TRUSTED_PROXY_HOPS: how many proxies in front of the site append the address they were
# reached from to CLIENT_IP_HEADER (a request.META key); 0 trusts only the TCP peer.
BLOG_COMMENT_IP_HEADER = os.environ.get("BLOG_COMMENT_IP_HEADER", "")  # retired; see above
TRUSTED_PROXY_HOPS = _proxy_hops()
CLIENT_IP_HEADER = os.environ.get(
    "DJANGO_CLIENT_IP_HEADER", BLOG_COMMENT_IP_HEADER or "HTTP_X_FORWARDED_FOR"
)
if not CLIENT_IP_HEADER.startswith("HTTP_"):  # "X-Forwarded-For" as a header name
    CLIENT_IP_HEADER = "HTTP_" + CLIENT_IP_HEADER.upper().replace("-", "_")

# Browser features the site never uses, denied to it and to anything it embeds: sent on
# every response (core.middleware.PermissionsPolicyMiddleware). Fullscreen stays for the
# slide viewer's own button. Only features Chromium knows, so no console warnings.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# The admin login (core/login_guard.py, django-axes): a user name is locked for one
# client address after 5 failures, for DJANGO_LOGIN_COOLOFF_MINUTES; an address is
# refused after LOGIN_FAILURES_PER_ADDRESS failures over any user names in the window.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept (admin: Axes), besides the log line
AXES_CLIENT_IP_CALLABLE = "blog.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "core.login_guard.lockout_response"
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("DJANGO_LOGIN_FAILURES_PER_ADDRESS", "20"))
LOGIN_FAILURE_WINDOW = AXES_COOLOFF_TIME.total_seconds()
