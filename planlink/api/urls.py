"""``include("planlink.api.urls")`` under ``api/v1/`` (see ``planlink/urls.py``)."""

from django.urls import path

from planlink.api.api import api

urlpatterns = [path("", api.urls)]
