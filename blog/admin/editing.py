"""How editors' forms edit: the rich-text editor and its one CSP allowance, and URLs."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.db import models
from django.utils.decorators import method_decorator
from tinymce.widgets import TinyMCE

# Editors type bare domains; assume https (Django 6's default) instead of http.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class RichTextAdminMixin:
    """TinyMCE (configured by settings.TINYMCE_DEFAULT_CONFIG) on `rich_text_fields`.

    TinyMCE sets inline styles while editing (e.g. on Enter), so the form that carries
    it relaxes style-src; every other page, public ones included, keeps the strict policy.
    """

    rich_text_fields = ("body",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            kwargs["widget"] = TinyMCE()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)
