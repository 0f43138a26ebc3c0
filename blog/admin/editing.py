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
    it relaxes style-src; a pasted or dropped image shows from a blob: address until its
    upload answers, so img-src takes blob: there too. Every other page, public ones
    included, keeps the strict policy.
    """

    rich_text_fields = ("body",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            kwargs["widget"] = TinyMCE()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE], "img-src": ["blob:"]}))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)


class StagedUploadAdminMixin:
    """Render an uploaded file before the admin opens its transaction (with SQLite that
    transaction holds the write lock, and rendering takes a while), then delete what it
    wrote unless the saved row uses it (a form that failed elsewhere, a rollback).

    Subclasses name the form field (`upload_field`) and the service's steps: `stage`
    (bytes and name -> a staged result, or raises `stage_error`) and `discard_staged`.
    The form finds the staged result, or the error it raised, in `form.staged_upload`.
    """

    upload_field = "upload"
    stage_error = ValueError

    def stage(self, upload):
        raise NotImplementedError

    def discard_staged(self, staged):
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        staged = None
        upload = request.FILES.get(self.upload_field) if request.method == "POST" else None
        if upload and self._may_save(request, object_id):
            try:
                staged = self.stage(upload)
            except self.stage_error as error:
                staged = error
        request.staged_upload = staged
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            if staged is not None and not isinstance(staged, Exception):
                self.discard_staged(staged)

    def _may_save(self, request, object_id):
        if object_id:
            return self.has_change_permission(request)
        return self.has_add_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.staged_upload = getattr(request, "staged_upload", None)  # a class made per call
        return form
