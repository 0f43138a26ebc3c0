from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from blog.admin.editing import HTTPS_URLS, StagedUploadAdminMixin
from blog.images import ImageError
from blog.media import StagedImage, attach, discard_unused, max_bytes, read_upload, stage_image
from blog.models import Image

UPLOAD_FIELD = "upload"
THUMBNAIL_WIDTH, PREVIEW_WIDTH = 80, 320


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
    readonly_fields = ["preview", "file", "dimensions", "original_name", "uploaded_at"]
    upload_field = UPLOAD_FIELD
    stage_error = ImageError
    fieldsets = [
        (None, {"fields": [UPLOAD_FIELD, "preview", "alt", "decorative", "title", "caption"]}),
        (
            _("הקובץ"),
            {"fields": ["file", "dimensions", "original_name", "source_url", "uploaded_at"]},
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
        else:
            super().save_model(request, obj, form, change)
