"""Django's and django-taggit's own strings that the site's Hebrew catalogue overrides.

Never imported: it exists so that `makemessages` keeps these msgids in
locale/he/LC_MESSAGES/django.po, whose LOCALE_PATHS entry outranks the apps' own
catalogues. Each is missing or awkward in the Hebrew that Django 5.2 and taggit ship
(e.g. the changelist's action counter "0 מ 1 נבחרות"). The admin's JavaScript strings
(SelectFilter's "Choose all %s", the action counter) are in djangojs.po beside it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

DJANGO_ADMIN = [
    gettext_noop("0 of %(cnt)s selected"),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected"),
    ngettext_lazy("%(counter)s result", "%(counter)s results"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
]

TAGGIT = [
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
    gettext_noop("Taggit"),
    gettext_noop("Tags"),
    gettext_noop("tag"),
    gettext_noop("tags"),
    gettext_noop("slug"),
    gettext_noop("content type"),
    gettext_noop("object ID"),
    gettext_noop("tagged item"),
    gettext_noop("tagged items"),
    gettext_noop("%(object)s tagged with %(tag)s"),
    gettext_noop("A comma-separated list of tags."),
    gettext_noop("Please provide a comma-separated list of tags."),
]

# django-axes (the login guard) ships no Hebrew at all.
AXES = [
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]
