from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import views
from core.sitemaps import SITEMAPS

admin.site.site_header = "ניהול הבלוג"
admin.site.site_title = "ניהול הבלוג"
admin.site.index_title = "לוח הבקרה"

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("tinymce/", include("tinymce.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("pages/<str:slug>/", views.SitePageView.as_view(), name="site-page"),
    path("", include("blog.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += [
        path("media/<path:path>", views.media, name="media"),
    ]
