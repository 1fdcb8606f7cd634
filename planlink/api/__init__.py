"""The JSON API at ``/api/v1/`` (django-ninja). It imports the domain; the domain never imports it."""
