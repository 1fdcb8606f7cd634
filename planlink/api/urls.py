"""``include("planlink.api.urls")`` under ``api/v1/`` (see ``planlink/urls.py``).

Any other path under ``/api/v1/`` answers the API's JSON 404, not Django's HTML page.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from planlink.api.api import api


@csrf_exempt  # it changes nothing; a CSRF page would be HTML
def unknown_path(request: HttpRequest, rest: str = "") -> JsonResponse:
    body = {"code": "not_found", "message_th": "ไม่พบรายการ", "message_en": "not found"}
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_path),
]
