"""URLconf for the job view tests: the jobs app mounted at ``/jobs/``.

``handler404`` is a plain response so that these tests check the jobs views
only, not the site's 404 template (which needs the whole site's URLs).
"""

from django.http import HttpRequest, HttpResponseNotFound
from django.urls import include, path


def plain_not_found(request: HttpRequest, exception: Exception) -> HttpResponseNotFound:
    return HttpResponseNotFound("not found")


handler404 = plain_not_found

urlpatterns = [path("jobs/", include("planlink.jobs.urls"))]
