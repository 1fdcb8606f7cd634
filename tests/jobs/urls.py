"""URLconf for the job view tests: the jobs app mounted at ``/jobs/``."""

from django.urls import include, path

urlpatterns = [path("jobs/", include("planlink.jobs.urls"))]
