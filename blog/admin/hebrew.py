"""What Django's admin writes in English past its catalogue, made Hebrew.

Django 5.2 gives a boolean column's yes/no icon the alt text "True", "False" or "None"
(admin_list._boolean_icon formats the value itself): English, and the only thing a
screen reader says for the icon. Every caller imports the function from that module
when it runs, so replacing it there reaches the lists, the read-only fields and the
history. (The search box's English alt text is fixed in templates/admin/search_form.html.)
"""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

ICONS = {True: "yes", False: "no", None: "unknown"}
SPOKEN = {True: _("כן"), False: _("לא"), None: _("לא ידוע")}


def boolean_icon(value):
    return format_html(
        '<img src="{}" alt="{}">', static(f"admin/img/icon-{ICONS[value]}.svg"), SPOKEN[value]
    )


admin_list._boolean_icon = boolean_icon
