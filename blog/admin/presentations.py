from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from blog.admin.editing import HTTPS_URLS, StagedUploadAdminMixin
from blog.decks import StagedDeck, apply_deck, discard_unused, read_upload, rerender, stage_deck
from blog.models import Presentation, Slide
from blog.pdf import DeckError

UPLOAD_FIELD = "deck_upload"


class PresentationForm(forms.ModelForm):
    deck_upload = forms.FileField(
        label=_("העלאת קובץ PDF"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_(
            "השקפים נוצרים מהקובץ: תמונה וטקסט לכל עמוד. קובץ חדש מחליף את כל השקפים "
            "הקיימים (כותרות והערות נשמרות רק כשמעלים שוב את אותו הקובץ)."
        ),
    )
    # The upload, already rendered by PresentationAdmin (or the DeckError it raised).
    staged_upload = None

    class Meta:
        model = Presentation
        fields = []  # PresentationAdmin.fieldsets choose them, with the admin's widgets

    def clean_deck_upload(self):
        upload = self.cleaned_data.get(UPLOAD_FIELD)
        if upload and isinstance(self.staged_upload, DeckError):
            raise forms.ValidationError(str(self.staged_upload), code=self.staged_upload.code)
        return upload


class SlideInline(admin.TabularInline):
    model = Slide
    extra = 0
    can_delete = False
    fields = ["number", "preview", "title", "text", "notes"]
    readonly_fields = ["number", "preview"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 50})},
    }

    def has_add_permission(self, request, obj=None):
        # Slides come from the PDF only.
        return False

    @admin.display(description=_("תצוגה מקדימה"))
    def preview(self, slide):
        if not slide.renditions:
            return "—"
        image, width, height = slide.renditions[0]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" class="slide-preview">',
            image.url,
            160,
            round(160 * height / width),
            slide.alt,
        )


@admin.register(Presentation)
class PresentationAdmin(StagedUploadAdminMixin, admin.ModelAdmin):
    form = PresentationForm
    list_display = [
        "title",
        "speaker",
        "event_name",
        "event_date",
        "slide_count",
        "is_public",
        "is_demo",
    ]
    list_filter = ["is_public", "is_demo", "event_date"]
    search_fields = ["title", "speaker", "event_name", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["posts"]
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["source_file"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "posts", "is_public", "description", "is_demo"]}),
        (_("האירוע"), {"fields": ["speaker", "event_name", "event_date", "event_url"]}),
        (_("קובץ המצגת"), {"fields": [UPLOAD_FIELD, "source_file"]}),
    ]
    inlines = [SlideInline]
    actions = ["render_again"]
    upload_field = UPLOAD_FIELD
    stage_error = DeckError

    def stage(self, upload):
        return stage_deck(read_upload(upload), upload.name)

    def discard_staged(self, staged):
        discard_unused(staged)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(slide_count=Count("slides"))

    @admin.display(description=_("שקפים"), ordering="slide_count")
    def slide_count(self, presentation):
        return presentation.slide_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inline slides are saved, so a new deck replaces them cleanly.
        staged = form.staged_upload
        if form.cleaned_data.get(UPLOAD_FIELD) and isinstance(staged, StagedDeck):
            apply_deck(form.instance, staged)
            count = len(staged.slides)
            self.message_user(
                request,
                ngettext("נוצר שקף אחד מקובץ ה-PDF.", "נוצרו %(count)s שקפים מקובץ ה-PDF.", count)
                % {"count": count},
            )

    @admin.action(description=_("עיבוד מחדש של קובצי ה-PDF של המצגות שנבחרו"))
    def render_again(self, request, queryset):
        for presentation in queryset:
            if not presentation.source_file:
                self.message_user(
                    request,
                    gettext("למצגת „%(title)s” אין קובץ PDF.") % {"title": presentation},
                    messages.WARNING,
                )
                continue
            try:
                count = rerender(presentation)
            except (DeckError, OSError) as error:
                message = str(error) if isinstance(error, DeckError) else gettext("הקובץ לא נמצא.")
                self.message_user(request, f"„{presentation}”: {message}", messages.ERROR)
            else:
                done = ngettext(
                    "„%(title)s”: עובד שקף אחד.", "„%(title)s”: עובדו %(count)s שקפים.", count
                )
                self.message_user(request, done % {"title": presentation, "count": count})
