"""Forms: they parse and label input; the domain services decide what is allowed.

Labels are Thai message ids (English in ``locale/en``). Numbers arrive as text
and are checked by the services (``clean_project_fields``) so that the web,
the API and the Excel import refuse the same input with the same words.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from planlink.plans.models import CapacityLevel, Issue, Mode, Plan, Strategy
from planlink.web.labels import CAPACITY_LABELS, MODE_LABELS

TEXT_INPUT = {"autocomplete": "off"}
NUMBER_INPUT = {"inputmode": "decimal", "class": "input--numeric", "autocomplete": "off"}


def issue_choices(plan: Plan) -> list[tuple[str, str]]:
    issues = Issue.objects.filter(province_id=plan.scope_code[:2], cycle_id=plan.cycle_id)
    return [("", str(_("— เลือกประเด็น —")))] + [
        (issue.code, issue.name_th) for issue in issues.order_by("order", "code")
    ]


def indicator_choices(plan: Plan, kind: str) -> list[tuple[str, str]]:
    """The survey indicators of one framework (จปฐ. or กชช.๒ค) to pick as a project's evidence;
    for a village plan each names the share of the village's households failing it, from the
    latest survey."""
    from planlink.evidence.models import Indicator
    from planlink.evidence.selectors import indicator_table, latest_survey_year

    shares: dict[str, float] = {}
    area_code = plan.owner_area_id or ""
    if area_code:
        year = latest_survey_year(area_code=area_code)
        if year is not None:
            shares = {
                figure.code: figure.share_failed
                for figure in indicator_table(area_code=area_code, year=year)
                if figure.share_failed is not None
            }
    choices = []
    for indicator in Indicator.objects.filter(indicator_set__kind=kind).order_by(
        "indicator_set", "number"
    ):
        label = f"{indicator.number}. {indicator.title_th}"
        if indicator.code in shares:
            label += " " + str(_("(ไม่ผ่านเกณฑ์ %(share)s%% ของครัวเรือน)")) % {
                "share": f"{shares[indicator.code] * 100:.0f}"
            }
        choices.append((indicator.code, label))
    return choices


def strategy_choices(province_code: str, cycle_id: int) -> list[tuple[str, str]]:
    strategies = Strategy.objects.filter(province_id=province_code, cycle_id=cycle_id)
    return [("", str(_("— เลือกยุทธศาสตร์จังหวัด —")))] + [
        (str(strategy.number), f"{strategy.number}. {strategy.name_th}") for strategy in strategies
    ]


class ProjectForm(forms.Form):
    """A project of a plan (แผนงาน/โครงการ); the village form works on a 360-px phone."""

    title = forms.CharField(
        label=_("ชื่อโครงการ"), max_length=300, widget=forms.TextInput(TEXT_INPUT)
    )
    issue_code = forms.ChoiceField(
        label=_("ประเด็นการพัฒนา"),
        required=False,
        help_text=_("ประเด็นตามกรอบของจังหวัด ใช้จัดลำดับความสำคัญภายในประเด็น"),
    )
    rationale = forms.CharField(
        label=_("ปัญหาและเหตุผล"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("ปัญหาที่พบและหลักฐาน เช่น ข้อมูล จปฐ./กชช.๒ค จำนวนครัวเรือนที่เดือดร้อน"),
    )
    objective = forms.CharField(
        label=_("วัตถุประสงค์"), required=False, widget=forms.Textarea({"rows": 2})
    )
    mode = forms.ChoiceField(
        label=_("วิธีดำเนินการ"),
        choices=[(value, MODE_LABELS[value]) for value in Mode.values],
        widget=forms.RadioSelect,
        initial=Mode.SUPPORT,
        help_text=_("แผนชุมชนที่มีคุณภาพมีโครงการที่ทำเองอย่างน้อยร้อยละ 30"),
    )
    capacity_level = forms.ChoiceField(
        label=_("ผู้มีศักยภาพดำเนินการ"),
        choices=[(value, CAPACITY_LABELS[value]) for value in CapacityLevel.values],
        initial=CapacityLevel.LAO,
    )
    priority = forms.CharField(
        label=_("ลำดับความสำคัญในประเด็น"),
        required=False,
        widget=forms.TextInput({"inputmode": "numeric", "class": "input--numeric"}),
        help_text=_("1 คือสำคัญที่สุด"),
    )
    budget = forms.CharField(
        label=_("งบประมาณโดยประมาณ (บาท)"),
        required=False,
        widget=forms.TextInput(NUMBER_INPUT),
    )
    target_quantity = forms.CharField(
        label=_("เป้าหมาย (จำนวน)"), required=False, widget=forms.TextInput(NUMBER_INPUT)
    )
    target_unit = forms.CharField(
        label=_("หน่วยนับ"), required=False, max_length=60, widget=forms.TextInput(TEXT_INPUT)
    )
    duration_months = forms.CharField(
        label=_("ระยะเวลา (เดือน)"),
        required=False,
        widget=forms.TextInput({"inputmode": "numeric", "class": "input--numeric"}),
    )
    kpi = forms.CharField(label=_("ตัวชี้วัด (KPI)"), required=False, max_length=500)
    expected_result = forms.CharField(label=_("ผลที่คาดว่าจะได้รับ"), required=False, max_length=500)
    responsible_unit = forms.CharField(label=_("หน่วยงานรับผิดชอบหลัก"), required=False, max_length=250)
    households = forms.CharField(
        label=_("จำนวนครัวเรือนที่เดือดร้อนหรือได้ประโยชน์"),
        required=False,
        widget=forms.TextInput({"inputmode": "numeric", "class": "input--numeric"}),
        help_text=_("หลักฐานความต้องการ: นับเป็นครัวเรือน"),
    )
    jpt_indicators = forms.MultipleChoiceField(
        label=_("ตัวชี้วัด จปฐ. ที่โครงการนี้แก้ไข"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kchch_indicators = forms.MultipleChoiceField(
        label=_("ตัวชี้วัด กชช.๒ค ที่โครงการนี้แก้ไข"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["issue_code"]).choices = issue_choices(plan)
        cast(forms.ChoiceField, self.fields["jpt_indicators"]).choices = indicator_choices(
            plan, "jpt"
        )
        cast(forms.ChoiceField, self.fields["kchch_indicators"]).choices = indicator_choices(
            plan, "kchch2k"
        )

    def indicator_codes(self) -> list[str]:
        """The indicators picked (จปฐ. and กชช.๒ค), as ``project_create/update`` take them."""
        return list(self.cleaned_data.get("jpt_indicators") or []) + list(
            self.cleaned_data.get("kchch_indicators") or []
        )

    def service_data(self) -> dict[str, Any]:
        """The fields as the services take them (``clean_project_fields``)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("jpt_indicators", None)
        data.pop("kchch_indicators", None)
        for name in ("priority", "target_quantity", "duration_months", "households"):
            if data.get(name) in (None, ""):
                data.pop(name, None)
        data["budget"] = data.get("budget") or "0"
        return data

    @staticmethod
    def initial_for(project: Any) -> dict[str, Any]:
        return {
            "title": project.title,
            "issue_code": project.issue.code if project.issue_id else "",
            "rationale": project.rationale,
            "objective": project.objective,
            "mode": project.mode,
            "capacity_level": project.capacity_level,
            "priority": project.priority or "",
            "budget": f"{project.budget:.2f}",
            "target_quantity": "" if project.target_quantity is None else project.target_quantity,
            "target_unit": project.target_unit,
            "duration_months": project.duration_months or "",
            "kpi": project.kpi,
            "expected_result": project.expected_result,
            "responsible_unit": project.responsible_unit,
            "households": "" if project.households is None else project.households,
            "jpt_indicators": [
                i.code for i in project.indicators.all() if i.code.startswith("JPT")
            ],
            "kchch_indicators": [
                i.code for i in project.indicators.all() if not i.code.startswith("JPT")
            ],
            "version": project.version,
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผล"), max_length=2000, widget=forms.Textarea({"rows": 2}), required=True
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("หมายเหตุ"), max_length=2000, widget=forms.Textarea({"rows": 2}), required=False
    )


class StartPlanForm(forms.Form):
    assignment = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.CharField(widget=forms.HiddenInput)


class DecideForm(forms.Form):
    """A receiver's decision on one referral (inbox)."""

    ACTIONS = (
        ("include", _("บรรจุในแผน")),
        ("return", _("ส่งคืน")),
        ("forward", _("ส่งต่อ")),
        ("funded", _("ได้รับงบประมาณ")),
        ("not_funded", _("ไม่ได้รับงบ")),
    )
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(
        label=_("เหตุผล"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"), required=False, min_value=2500, max_value=2700
    )
    strategy_number = forms.IntegerField(
        label=_("ยุทธศาสตร์จังหวัดที่"), required=False, min_value=1, max_value=99
    )
    amount = forms.CharField(
        label=_("จำนวนเงิน (บาท)"), required=False, widget=forms.TextInput(NUMBER_INPUT)
    )
    # one place (component) of a grouped project; none: the whole project (issue 12)
    component = forms.IntegerField(label=_("เฉพาะพื้นที่"), required=False, min_value=1)


class SendForm(forms.Form):
    """Send chosen projects on (บัญชีประสานโครงการ, ส่งต่อส่วนราชการ …)."""

    projects = forms.TypedMultipleChoiceField(coerce=int, label=_("โครงการ"))
    target = forms.ChoiceField(label=_("ส่งถึง"))

    def __init__(
        self,
        *args: Any,
        projects: list[tuple[int, str]],
        targets: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["projects"]).choices = projects
        cast(forms.ChoiceField, self.fields["target"]).choices = targets


class StrategyForm(forms.Form):
    number = forms.IntegerField(label=_("ลำดับยุทธศาสตร์"), min_value=1, max_value=99)
    name_th = forms.CharField(label=_("ชื่อยุทธศาสตร์ (ภาษาไทย)"), max_length=300)
    name_en = forms.CharField(label=_("ชื่อยุทธศาสตร์ (ภาษาอังกฤษ)"), max_length=300, required=False)


class IssueForm(forms.Form):
    code = forms.CharField(  # checked by plans.strategies.issue_save, whose messages are specific
        label=_("รหัสประเด็น"),
        max_length=20,
        help_text=_("ตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ เช่น WATER"),
    )
    name_th = forms.CharField(label=_("ชื่อประเด็น (ภาษาไทย)"), max_length=300)
    name_en = forms.CharField(label=_("ชื่อประเด็น (ภาษาอังกฤษ)"), max_length=300, required=False)
    strategy_number = forms.IntegerField(label=_("อยู่ในยุทธศาสตร์ที่"), min_value=1, max_value=99)
    order = forms.IntegerField(label=_("ลำดับการแสดง"), min_value=0, max_value=999, initial=0)
