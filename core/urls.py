from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from tinymce import views as tinymce_views

from core import health, views
from core.sitemaps import SITEMAPS

admin.site.site_header = _("ניהול הבלוג")
admin.site.site_title = _("ניהול הבלוג")
admin.site.index_title = _("לוח הבקרה")

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    # DJANGO_ADMIN_URL (default admin/).
    path(settings.ADMIN_URL, admin.site.urls),
    # Answered by core.health.HealthCheckMiddleware first; here for reverse() and tests.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Only the editor's compressor: tinymce's link-list and file-browser views need apps
    # this site does not install (django.contrib.flatpages, filebrowser) and answer 500.
    path("tinymce/compressor/", tinymce_views.compressor, name="tinymce-compressor"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("pages/<str:slug>/", views.SitePageView.as_view(), name="site-page"),
    path("", include("blog.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += [
        path("media/<path:path>", views.media, name="media"),
    ]
