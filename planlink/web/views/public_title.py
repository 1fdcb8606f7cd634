"""ชื่อที่เปิดเผยต่อสาธารณะ — an officer sets the title the public tracker shows for a need.

The form sits on the project page (``{% public_title_card project %}``); the rule and the
audit row are in :mod:`planlink.plans.public_title`, who may in
:mod:`planlink.accounts.access.public`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access.public import access_project_for_public_title
from planlink.core.errors import DomainError
from planlink.plans.public_title import project_set_public_title
from planlink.web.views.common import domain_view, error_text


@require_POST
@domain_view
def project_public_title(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access_project_for_public_title(request.user, project_id)
    try:
        project_set_public_title(
            project=project, title=request.POST.get("public_title", ""), actor=request.user
        )
    except DomainError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("บันทึกชื่อที่เปิดเผยต่อสาธารณะแล้ว")
            if project.public_title
            else _("ล้างชื่อที่เปิดเผยแล้ว หน้าติดตามจะแสดงชื่อเดิมที่ปิดบังข้อมูลส่วนบุคคล"),
        )
    return redirect("project", project_id=project.pk)
