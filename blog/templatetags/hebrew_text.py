"""Filters that make Hebrew text read right: Latin runs kept in order, Hebrew dates."""

import datetime
import re

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from pyluach import dates as hebrew_calendar

register = template.Library()

# A run of Latin letters/digits (with inner spaces, dots, hyphens): "GOV 2.0", "WEB 2.0".
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ .\-'’][A-Za-z0-9]+)*")


@register.filter(needs_autoescape=True)
def isolate_latin(text, autoescape=True):
    """Escape plain text and wrap each Latin run in <bdi> so it keeps its order in RTL."""
    escape = conditional_escape if autoescape else str
    text = str(text)
    parts, last = [], 0
    for match in LATIN_RUN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(p) for p in parts))


@register.filter
def hebrew_date(value):
    """A date or datetime in the Hebrew calendar, e.g. "ט׳ בניסן תש״ע".

    Uses the civil (local) date; the Hebrew day that starts at sunset is not modelled.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    h = hebrew_calendar.HebrewDate.from_pydate(value)
    return f"{h:%*d} ב{h:%*B} {h:%*y}"
