"""WSGI entry point (gunicorn core.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
application = get_wsgi_application()


WARM_TEMPLATES = (
    "blog/post_detail.html",
    "blog/post_list.html",
    "blog/category_detail.html",
    "blog/tag_detail.html",
    "blog/search.html",
    "blog/presentation_detail.html",
)


def warm_up():
    """What the first requests would load, loaded now (deploy/gunicorn.conf.py calls this
    in each new worker): the URL patterns, the public pages' templates, the catalogue."""
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils.translation import gettext

    reverse("blog:index")
    for name in WARM_TEMPLATES:
        get_template(name)
    gettext("תגובות")
