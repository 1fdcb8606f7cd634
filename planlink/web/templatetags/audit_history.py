"""``{% object_history plan %}`` — the history of a plan or project on its page.

Shown only to those ``access_audit_object`` lets read it (auditors and administrators who
see the object, and its owners); for everyone else the tag renders nothing. The newest
entries are listed; the whole history is one link away (``/audit/<kind>/<id>/``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.urls import reverse

from planlink.accounts.access import access_audit_object
from planlink.audit.selectors import object_trail
from planlink.core.errors import NotFound, PermissionDenied
from planlink.web.audit_display import trail_rows

register = template.Library()

SHOWN = 10


@register.inclusion_tag("web/partials/object_history.html", takes_context=True)
def object_history(context: template.Context, obj: models.Model) -> dict[str, Any]:
    request = context.get("request")
    if request is None or obj is None:
        return {"visible": False}
    object_type, object_id = obj._meta.label_lower, str(obj.pk)
    try:
        access_audit_object(request.user, object_type, object_id)
    except (NotFound, PermissionDenied):
        return {"visible": False}
    entries = object_trail(object_type, object_id)
    total = entries.count()
    shown = list(entries.select_related("actor")[:SHOWN])
    return {
        "visible": True,
        "anchor": f"{obj._meta.model_name}-{object_id}",
        "rows": trail_rows(shown),
        "total": total,
        "more": total > SHOWN,
        "url": reverse("audit_object", args=[object_type, object_id]),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
