from django.contrib import admin

from blog.admin.posts import HTTPS_URLS
from blog.models import Presentation, Slide


class SlideInline(admin.TabularInline):
    model = Slide
    extra = 0
    fields = ["number", "title", "text", "notes"]


@admin.register(Presentation)
class PresentationAdmin(admin.ModelAdmin):
    list_display = ["title", "speaker", "event_name", "event_date", "is_demo"]
    list_filter = ["is_demo", "event_date"]
    search_fields = ["title", "speaker", "event_name", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["posts"]
    formfield_overrides = HTTPS_URLS
    inlines = [SlideInline]
