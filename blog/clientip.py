"""The visitor's real address, behind as many trusted proxies as the site is told.

One answer for every place that needs it: the comment rate limit, the address stored
with a comment, and the admin's login throttle (django-axes, AXES_CLIENT_IP_CALLABLE).

settings.TRUSTED_PROXY_HOPS is how many proxies in front of the site append to
X-Forwarded-For (settings.CLIENT_IP_HEADER): 0 (the default) reads the TCP peer only,
so a header a visitor sends proves nothing. With N proxies, each appends the address it
was reached from, so the client is the Nth entry from the right; anything further left
was written by the visitor and is ignored. A missing, malformed or foreign-looking value
never raises: it falls back to the peer address, or None when even that is unusable.
"""

import ipaddress

from django.conf import settings
from django.core import checks

# Longer than any address with a port, brackets or an IPv6 zone; anything longer is junk.
MAX_ENTRY = 64
MAX_ENTRIES = 32


def parse_address(value):
    """The normalised address in `value` (IPv4, IPv6, "[v6]:port" or "v4:port"), or None.

    Zoned IPv6 addresses ("fe80::1%eth0") are refused: PostgreSQL's inet cannot hold them.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_ENTRY:
        return None
    if value.startswith("["):  # "[2001:db8::1]:443"
        value, closed, _ = value[1:].partition("]")
        if not closed:
            return None
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if getattr(address, "scope_id", None):
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def forwarded_client(header_value, hops):
    """The address `hops` trusted proxies vouch for in an X-Forwarded-For value, or None."""
    if hops < 1 or not header_value or not isinstance(header_value, str):
        return None
    entries = [part for part in header_value.split(",")[-MAX_ENTRIES:] if part.strip()]
    if not entries:
        return None
    # Fewer entries than proxies: the request skipped an outer proxy; the leftmost entry
    # was still written by a trusted one.
    return parse_address(entries[-min(hops, len(entries))])


def client_ip(request):
    """The client's address for `request` (a string), or None when nothing usable is known."""
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops:
        forwarded = forwarded_client(request.META.get(settings.CLIENT_IP_HEADER), hops)
        if forwarded:
            return forwarded
    return peer


def check_retired_header(app_configs=None, **kwargs):
    """System check blog.W001: BLOG_COMMENT_IP_HEADER still set (it keeps working as one
    trusted proxy, DJANGO_TRUSTED_PROXY_HOPS=1, until it is replaced)."""
    if not getattr(settings, "BLOG_COMMENT_IP_HEADER", ""):
        return []
    return [
        checks.Warning(
            "BLOG_COMMENT_IP_HEADER is retired: it is read as DJANGO_TRUSTED_PROXY_HOPS=1 "
            f"with DJANGO_CLIENT_IP_HEADER={settings.BLOG_COMMENT_IP_HEADER}.",
            hint="Set DJANGO_TRUSTED_PROXY_HOPS to the number of proxies in front of the "
            "site (1 for nginx alone) and remove BLOG_COMMENT_IP_HEADER.",
            id="blog.W001",
        )
    ]
