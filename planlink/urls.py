from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("planlink.api.urls")),
    path("jobs/", include("planlink.jobs.urls")),
    path("", include("planlink.web.urls")),
]
