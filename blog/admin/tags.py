"""django-taggit's tag admin in Hebrew.

taggit writes its merge action, its messages and its merge form in English without
gettext. The strings it passes to message_user are looked up in the site's catalogue
(locale/he), which holds their Hebrew; the merge form's template is overridden in
templates/admin/taggit/merge_tags_form.html.
"""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from blog.models import TaggedPost

# taggit's own English messages, for makemessages (their Hebrew is in the catalogue).
TAGGIT_MESSAGES = [
    _("Please select at least one tag."),
    _("Tags have been merged"),
    _("Form is invalid."),
]


class TaggedPostInline(admin.TabularInline):
    """The posts that carry the tag. taggit's own inline lists generic tagged items with
    a choice of every content type (English app names among them); posts are tagged
    through TaggedPost, so that is what a tag's page shows."""

    model = TaggedPost
    extra = 0
    raw_id_fields = ["content_object"]
    verbose_name = _("פוסט עם התגית")
    verbose_name_plural = _("פוסטים עם התגית")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "content_object":
            field.label = _("פוסט")
        return field


class TagAdmin(TaggitTagAdmin):
    inlines = [TaggedPostInline]

    @admin.action(description=_("מיזוג התגיות שנבחרו"))
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def message_user(self, request, message, *args, **kwargs):
        super().message_user(request, gettext(str(message)), *args, **kwargs)


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
