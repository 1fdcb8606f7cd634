"""เวทีประชาคม — the community forum record of a village plan (``planlink.committees``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planlink.accounts.access import access_plan, can_record_forum, require_forum_recorder
from planlink.committees.selectors import forums_in
from planlink.committees.services import forum_record
from planlink.core.errors import DomainError, NotFound
from planlink.plans.models import PlanKind
from planlink.web.views.common import domain_view, error_text, page


class ForumForm(forms.Form):
    held_on = forms.DateField(
        label=gettext_lazy("วันที่จัดเวทีประชาคม"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("เลือกวันที่จากปฏิทิน ระบบแสดงผลเป็นปีพุทธศักราช"),
    )
    participants = forms.IntegerField(
        label=gettext_lazy("จำนวนผู้เข้าร่วม (คน)"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    households = forms.IntegerField(
        label=gettext_lazy("จำนวนครัวเรือนที่มีผู้แทนเข้าร่วม"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    facilitator = forms.CharField(label=gettext_lazy("วิทยากรกระบวนการ"), max_length=250)
    note = forms.CharField(
        label=gettext_lazy("ปัญหาและความต้องการที่ได้จากเวที"),
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
    )


@domain_view
def forum(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    if plan.kind != PlanKind.VILLAGE:
        raise NotFound("เวทีประชาคม", "community forum")
    can_record = can_record_forum(request.user, plan)
    if request.method == "POST" and not can_record:
        require_forum_recorder(request.user, plan)  # PermissionDenied: 403, nothing written
    form = ForumForm(request.POST or None)
    error = None
    if request.method == "POST" and can_record and form.is_valid():
        try:
            forum_record(actor=request.user, plan=plan, data=form.cleaned_data)
        except DomainError as caught:
            error = caught
        else:
            messages.success(request, _("บันทึกเวทีประชาคมแล้ว"))
            return redirect("forum", plan_id=plan.pk)
    return page(
        request,
        "web/forum.html",
        "home",
        plan=plan,
        forums=list(forums_in(plan.scope_code, plan_id=plan.pk)),
        form=form if can_record else None,
        error_message=error_text(error) if error else "",
        is_synthetic=plan.synthetic,
    )
