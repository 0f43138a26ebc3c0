from django import forms
from django.contrib import admin
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from blog.admin.editing import HTTPS_URLS, StagedUploadAdminMixin
from blog.images import ImageError
from blog.media import (
    StagedImage,
    attach,
    discard_unused,
    import_image,
    max_bytes,
    read_upload,
    stage_image,
)
from blog.models import Image
from blog.models.image_markup import posts_using

UPLOAD_FIELD = "upload"
THUMBNAIL_WIDTH, PREVIEW_WIDTH = 80, 320
EDITOR_LIST_SIZE = 200  # the newest images offered by the editor's dialog


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("קובץ תמונה"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    # The upload, already checked and rendered by ImageAdmin (or the ImageError it raised).
    staged_upload = None

    class Meta:
        model = Image
        fields = []  # ImageAdmin.fieldsets choose them
        widgets = {"alt": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = f"{max_bytes() / 1024 / 1024:g}"
        self.fields[UPLOAD_FIELD].help_text = gettext(
            "JPEG‏, PNG‏, WebP או GIF, עד %(limit)s MB. גרסאות WebP בכמה רוחבים נוצרות ממנו. "
            "קובץ חדש מחליף את הקיים, ופוסטים שכבר משבצים את התמונה צריך לעדכן."
        ) % {"limit": limit}

    def clean_upload(self):
        upload = self.cleaned_data.get(UPLOAD_FIELD)
        staged = self.staged_upload
        if not upload:
            if self.instance.pk is None:
                raise forms.ValidationError(_("יש לבחור קובץ תמונה."), code="required")
            return upload
        if isinstance(staged, ImageError):
            raise forms.ValidationError(str(staged), code=staged.code)
        if isinstance(staged, StagedImage):
            same = Image.objects.filter(sha256=staged.sha256).exclude(pk=self.instance.pk)
            if duplicate := same.first():
                raise forms.ValidationError(
                    _("תמונה זהה כבר נמצאת בספרייה: „%(title)s” (מספר %(number)s)."),
                    code="duplicate",
                    params={"title": duplicate, "number": duplicate.pk},
                )
        return upload


class MissingAltFilter(admin.SimpleListFilter):
    title = _("טקסט חלופי")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("חסר")), ("present", _("קיים או דקורטיבית"))]

    def queryset(self, request, queryset):
        missing = {"decorative": False, "alt": ""}
        if self.value() == "missing":
            return queryset.filter(**missing)
        if self.value() == "present":
            return queryset.exclude(**missing)
        return queryset


def _small_img(image, max_width, alt):
    """The smallest rendition as a plain <img> at most `max_width` wide (no inline style)."""
    if not image.renditions:
        return "—"
    smallest = image.renditions[0]
    width = min(max_width, smallest.width)
    height = max(1, round(smallest.height * width / smallest.width))
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        smallest.url,
        width,
        height,
        alt,
    )


@admin.register(Image)
class ImageAdmin(StagedUploadAdminMixin, admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "name", "dimensions", "alt", "decorative", "uploaded_at"]
    list_display_links = ["name"]
    list_filter = [MissingAltFilter, "decorative", "uploaded_at"]
    search_fields = ["alt", "title", "caption", "original_name", "source_url"]
    date_hierarchy = "uploaded_at"
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["preview", "file", "dimensions", "original_name", "uploaded_at", "used_in"]
    upload_field = UPLOAD_FIELD
    stage_error = ImageError
    fieldsets = [
        (None, {"fields": [UPLOAD_FIELD, "preview", "alt", "decorative", "title", "caption"]}),
        (
            _("הקובץ"),
            {
                "fields": [
                    "file",
                    "dimensions",
                    "original_name",
                    "source_url",
                    "uploaded_at",
                    "used_in",
                ]
            },
        ),
    ]

    @admin.display(description=_("תמונה"))
    def thumbnail(self, image):
        # The name beside it says what it is: the thumbnail itself is decorative.
        return _small_img(image, THUMBNAIL_WIDTH, "")

    @admin.display(description=_("תצוגה מקדימה"))
    def preview(self, image):
        return _small_img(image, PREVIEW_WIDTH, "" if image.decorative else image.alt)

    @admin.display(description=_("שם"), ordering="original_name")
    def name(self, image):
        return str(image)

    @admin.display(description=_("מידות (רוחב×גובה)"))
    def dimensions(self, image):
        if not image.width:
            return "—"
        # Isolated left to right: in a right-to-left page "1600×900" would read "900×1600".
        return format_html('<bdi dir="ltr">{}×{}</bdi>', image.width, image.height)

    def stage(self, upload):
        return stage_image(read_upload(upload), upload.name)

    def discard_staged(self, staged):
        discard_unused(staged)

    def save_model(self, request, obj, form, change):
        staged = form.staged_upload
        new_file = form.cleaned_data.get(UPLOAD_FIELD) and isinstance(staged, StagedImage)
        if new_file and staged.sha256 != obj.sha256:  # the same file again changes nothing
            attach(obj, staged)
            count = len(staged.renditions)
            done = ngettext(
                "נוצרה גרסת WebP אחת של התמונה.", "נוצרו %(count)s גרסאות WebP של התמונה.", count
            )
            self.message_user(request, done % {"count": count})
            if change:
                self._show_replaced(request, obj)
        else:
            super().save_model(request, obj, form, change)

    def _show_replaced(self, request, image):
        """Posts that embed a replaced image are written again with its new renditions
        (Post.save renders library images), so none keeps a link to a deleted file."""
        posts = list(posts_using(image))
        for post in posts:
            post.save()
        if posts:
            done = ngettext(
                "פוסט אחד עודכן לתמונה החדשה.", "%(count)s פוסטים עודכנו לתמונה החדשה.", len(posts)
            )
            self.message_user(request, done % {"count": len(posts)})

    # Uses: where the image is shown, listed before it is deleted.
    @admin.display(description=_("בשימוש ב"))
    def used_in(self, image):
        posts = posts_using(image) if image.pk else []
        if not posts:
            return gettext("אינה בשימוש באף פוסט.")
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((self._post_url(post), post.title) for post in posts)
        )

    @staticmethod
    def _post_url(post):
        return reverse("admin:blog_post_change", args=[post.pk])

    def get_actions(self, request):
        # One at a time, through the confirmation page that lists the posts using it.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, object_id)
        used = list(posts_using(image)) if image else []
        extra_context = {"posts_using_image": used, **(extra_context or {})}
        return super().delete_view(request, object_id, extra_context)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.editor_upload)
        listing = self.admin_site.admin_view(self.editor_list)
        return [
            path("editor-upload/", upload, name="blog_image_editor_upload"),
            path("editor-list/", listing, name="blog_image_editor_list"),
            *super().get_urls(),
        ]

    def editor_list(self, request):
        """The library for the editor's image dialog (TinyMCE's image_list), newest
        first: picking one reuses it in a post."""
        if not self.has_view_permission(request):
            return JsonResponse([], safe=False, status=403)
        images = Image.objects.only("pk", "title", "original_name", "rendition_files", "file")
        return JsonResponse(
            [{"title": str(image), "value": image.src} for image in images[:EDITOR_LIST_SIZE]],
            safe=False,
        )

    @method_decorator(require_POST)
    def editor_upload(self, request):
        """An image from the rich-text editor (TinyMCE's images_upload_handler): checked
        by its content and stored in the library. JSON: {"location", "id"}, or {"error"}
        in Hebrew. Staff only and CSRF-protected, as every admin view (admin_view)."""
        if not self.has_add_permission(request):
            return JsonResponse({"error": gettext("אין לכם הרשאה להעלות תמונות.")}, status=403)
        upload = request.FILES.get("file")
        if upload is None:
            return JsonResponse({"error": gettext("לא נשלח קובץ תמונה.")}, status=400)
        try:
            image = import_image(read_upload(upload), upload.name)
        except ImageError as error:
            return JsonResponse({"error": str(error)}, status=400)
        return JsonResponse({"location": image.src, "id": image.pk})
