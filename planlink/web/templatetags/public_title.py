"""``{% public_title_card project %}``: what the public tracker calls a need, and for the
officers of its area a small form to set that title (``web/partials/public_title.html``)."""

from __future__ import annotations

from typing import Any

from django import template

from planlink.accounts.access.public import can_set_public_title
from planlink.core.privacy import mask_personal
from planlink.plans.models import MAX_TITLE, Project

register = template.Library()


@register.inclusion_tag("web/partials/public_title.html", takes_context=True)
def public_title_card(context: dict[str, Any], project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "project": project,
        "masked_title": mask_personal(project.title),
        "can_set": user is not None and can_set_public_title(user, project),
        "is_public": project.plan.state in ("submitted", "accepted"),
        "max_length": MAX_TITLE,
        "csrf_token": context.get("csrf_token"),
    }
