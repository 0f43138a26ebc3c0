"""Filters that make Hebrew text read right: Latin runs kept in order, Hebrew dates."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from pyluach import dates as hebrew_calendar

from blog.typography import RUN, wrap_run

register = template.Library()


@register.filter(needs_autoescape=True)
def isolate_latin(text, autoescape=True):
    """Escape plain text and wrap each Latin run in <bdi> so it keeps its order in RTL;
    short runs ("GOV 2.0") and time ranges ("19:00-22:00") never break inside."""
    escape = conditional_escape if autoescape else str
    text = str(text)
    parts, last = [], 0
    for match in RUN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(wrap_run(match, conditional_escape(match.group()), isolate=True))
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
