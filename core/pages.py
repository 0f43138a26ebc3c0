from django.conf import settings
from django.views.generic import DetailView

from core.models import SitePage


class SitePageView(DetailView):
    """An editor-managed site page ("אודות", "הצהרת נגישות")."""

    model = SitePage
    context_object_name = "page"
    template_name = "core/site_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_email=settings.SITE_CONTACT_EMAIL, **kwargs)
