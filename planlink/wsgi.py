"""WSGI entry point: ``waitress-serve planlink.wsgi:application`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
application = get_wsgi_application()
