"""The admin login under attack: django-axes locks a user name for one client address
after AXES_FAILURE_LIMIT failures, and LoginFloodMiddleware caps failures per address
across every user name. Both answer 429 with a Hebrew page before any password is hashed
(a hash is what makes a login flood slow for everyone: it takes a core for a while).

The client address is blog.clientip's (the trusted-proxy setting), for both.
"""

import logging
import math

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse

from blog.clientip import client_ip

logger = logging.getLogger(__name__)

TEMPLATE = "core/login_throttled.html"


def throttled_response(request, *, minutes, per_address=False, failure_limit=None):
    context = {
        "minutes": max(1, minutes),
        "per_address": per_address,
        "failure_limit": failure_limit or settings.AXES_FAILURE_LIMIT,
        "SITE_CONTACT_EMAIL": settings.SITE_CONTACT_EMAIL,
    }
    response = render(request, TEMPLATE, context, status=429)
    response["Retry-After"] = str(max(1, minutes) * 60)
    return response


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Hebrew 429 page for a locked user name and address."""
    seconds = settings.AXES_COOLOFF_TIME.total_seconds()
    return throttled_response(request, minutes=math.ceil(seconds / 60))


def _key(address):
    return f"login-failures:{address}"


class LoginFloodMiddleware:
    """Count failed admin logins per client address in the shared cache; past
    LOGIN_FAILURES_PER_ADDRESS in LOGIN_FAILURE_WINDOW seconds, answer 429 at once.

    One cache read per login POST (nothing for any other request), so a flood costs a
    cache lookup per request instead of a password hash; a failure (the login form shown
    again, or axes's lockout) adds one to the count.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        if self.login_path is None:
            self.login_path = reverse("admin:login")
        if request.path != self.login_path:
            return self.get_response(request)
        address = client_ip(request) or "unknown"
        window = settings.LOGIN_FAILURE_WINDOW
        if (cache.get(_key(address)) or 0) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            logger.warning("Admin login refused: too many failures from %s", address)
            return throttled_response(request, minutes=math.ceil(window / 60), per_address=True)
        response = self.get_response(request)
        if response.status_code in (200, 429):  # the form again (wrong password) or locked
            _count_failure(address, window)
        return response


def _count_failure(address, window):
    key = _key(address)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.set(key, 1, timeout=window)
