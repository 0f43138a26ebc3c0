from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from blog.admin.editing import HTTPS_URLS, StagedUploadAdminMixin
from blog.decks import delete_unused, read_upload, store_source
from blog.models import Post, Presentation, Slide
from blog.models.presentations import RenderState
from blog.pdf import DeckError
from blog.tasks import queue_render, queue_rerender

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
    # The upload's stored PDF name, from PresentationAdmin (or the DeckError it raised).
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
        "render_progress",
        "is_public",
        "is_demo",
    ]
    list_filter = ["is_public", "is_demo", "event_date"]
    search_fields = ["title", "speaker", "event_name", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["posts"]
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["source_file", "render_progress"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "posts", "is_public", "description", "is_demo"]}),
        (_("האירוע"), {"fields": ["speaker", "event_name", "event_date", "event_url"]}),
        (_("קובץ המצגת"), {"fields": [UPLOAD_FIELD, "source_file", "render_progress"]}),
    ]
    inlines = [SlideInline]
    actions = ["render_again"]
    upload_field = UPLOAD_FIELD
    stage_error = DeckError

    class Media:
        js = ["blog/admin/render_progress.js"]  # follows a render while the page is open

    def get_urls(self):
        status = path(
            "<path:object_id>/render-status/",
            self.admin_site.admin_view(self.render_status_view),
            name="blog_presentation_render_status",
        )
        return [status, *super().get_urls()]

    def render_status_view(self, request, object_id):
        """The render's state and Hebrew progress text, as JSON (render_progress.js)."""
        presentation = self.get_object(request, object_id)
        if presentation is None or not self.has_view_permission(request, presentation):
            return JsonResponse({"error": gettext("המצגת לא נמצאה.")}, status=404)
        return JsonResponse(
            {"state": presentation.render_state, "text": render_progress_text(presentation)}
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "posts":  # saving the deck keeps its link to a post in the trash
            kwargs["queryset"] = Post.all_objects.all()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def stage(self, upload):
        # Stored only (size and header checked): the worker renders it (blog.tasks).
        return store_source(read_upload(upload), upload.name)

    def discard_staged(self, staged):
        delete_unused([staged])  # kept while the presentation waits to render it

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(slide_count=Count("slides"))

    @admin.display(description=_("שקפים"), ordering="slide_count")
    def slide_count(self, presentation):
        return presentation.slide_count

    @admin.display(description=_("עיבוד הקובץ"))
    def render_progress(self, presentation):
        if presentation.pk is None:
            return "—"
        url = reverse("admin:blog_presentation_render_status", args=[presentation.pk])
        return format_html(
            '<span class="render-progress" data-state="{}" data-url="{}">{}</span>',
            presentation.render_state,
            url,
            render_progress_text(presentation),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # The worker writes the render_* fields meanwhile: a form never overwrites them.
        fields = [
            f.name
            for f in obj._meta.concrete_fields
            if not f.primary_key and not f.name.startswith("render_")
        ]
        obj.save(update_fields=fields)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inline slides are saved, so a new deck replaces them cleanly.
        staged = form.staged_upload
        if form.cleaned_data.get(UPLOAD_FIELD) and isinstance(staged, str):
            queue_render(form.instance, staged)
            form.instance.refresh_from_db()
            failed = form.instance.render_state == RenderState.FAILED
            level = messages.ERROR if failed else messages.SUCCESS
            self.message_user(request, upload_message(form.instance), level)

    @admin.action(description=_("עיבוד מחדש של קובצי ה-PDF של המצגות שנבחרו"))
    def render_again(self, request, queryset):
        queued = 0
        for presentation in queryset:
            if queue_rerender(presentation):
                queued += 1
            else:
                self.message_user(
                    request,
                    gettext("למצגת „%(title)s” אין קובץ PDF.") % {"title": presentation},
                    messages.WARNING,
                )
        if queued:
            done = ngettext(
                "מצגת אחת ממתינה לעיבוד מחדש ברקע.",
                "%(count)s מצגות ממתינות לעיבוד מחדש ברקע.",
                queued,
            )
            self.message_user(request, done % {"count": queued})


def upload_message(presentation):
    if presentation.render_state == RenderState.DONE:  # rendered already (no worker)
        count = presentation.slides.count()
        return ngettext(
            "נוצר שקף אחד מקובץ ה-PDF.", "נוצרו %(count)s שקפים מקובץ ה-PDF.", count
        ) % {"count": count}
    if presentation.render_state == RenderState.FAILED:
        return render_progress_text(presentation)
    return gettext("קובץ ה-PDF נשמר ויעובד ברקע. ההתקדמות מוצגת בעמוד המצגת וברשימת המצגות.")


# A render with no word for this long has likely lost its worker (stopped, or killed).
STALE_AFTER = timedelta(minutes=10)


def render_progress_text(presentation):
    """What the editor reads about the deck's rendering (Hebrew)."""
    text = _state_text(presentation)
    updated = presentation.render_updated_at
    waiting = presentation.render_state in (RenderState.QUEUED, RenderState.RUNNING)
    if waiting and updated and timezone.now() - updated > STALE_AFTER:
        text += " " + gettext(
            "(אין התקדמות זמן רב: ייתכן שתהליך העיבוד אינו פועל. "
            "אפשר לנסות שוב בפעולה „עיבוד מחדש”.)"
        )
    return text


def _state_text(presentation):
    state = presentation.render_state
    if state == RenderState.QUEUED:
        return gettext("ממתין בתור לעיבוד")
    if state == RenderState.RUNNING:
        if not presentation.render_total:
            return gettext("מתחיל לעבד את הקובץ")
        current = min(presentation.render_done + 1, presentation.render_total)
        return gettext("מעבד שקף %(current)s מתוך %(total)s") % {
            "current": current,
            "total": presentation.render_total,
        }
    if state == RenderState.FAILED:
        return gettext("העיבוד נכשל: %(error)s") % {"error": presentation.render_error}
    if state == RenderState.DONE:
        return gettext("הושלם")
    return "—"
