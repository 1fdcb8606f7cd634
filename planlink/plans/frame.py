"""The provincial strategic frame (ยุทธศาสตร์/ประเด็น) and its defaults.

The 2559 circular (docs/reference/seeds/002) asks the tambon to pick projects ranked 1–2 "of
each issue" (ตามกรอบหรือประเด็นที่จังหวัดกำหนด): the issues are the province's.
Until a province writes its own, PlanLink seeds this default frame, built from
the categories the circulars and the village-plan practice use.
"""

from __future__ import annotations

from django.db import transaction

from planlink.areas.models import Area
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Issue, Strategy

# (number, name_th, name_en, [(issue code, name_th, name_en)])
DEFAULT_FRAME: list[tuple[int, str, str, list[tuple[str, str, str]]]] = [
    (
        1,
        "การพัฒนาเศรษฐกิจและการสร้างรายได้",
        "Economy and income",
        [
            ("ECON", "เศรษฐกิจ อาชีพและรายได้", "Economy, occupations and income"),
        ],
    ),
    (
        2,
        "การพัฒนาโครงสร้างพื้นฐานและการบริหารจัดการน้ำ",
        "Infrastructure and water",
        [
            ("INFRA", "โครงสร้างพื้นฐานและการคมนาคม", "Infrastructure and transport"),
            ("WATER", "แหล่งน้ำและการบริหารจัดการน้ำ", "Water sources and water management"),
        ],
    ),
    (
        3,
        "การพัฒนาคุณภาพชีวิตและสังคม",
        "Quality of life and society",
        [
            ("HEALTH", "สาธารณสุขและคุณภาพชีวิต", "Public health and quality of life"),
            (
                "SOCIAL",
                "สวัสดิการสังคม ผู้สูงอายุ คนพิการ และเด็ก",
                "Social welfare: elderly, disabled, children",
            ),
            ("EDU", "การศึกษา ศาสนา และวัฒนธรรม", "Education, religion and culture"),
        ],
    ),
    (
        4,
        "การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "Natural resources and environment",
        [
            ("ENV", "ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Natural resources and environment"),
        ],
    ),
    (
        5,
        "ความมั่นคงและการบริหารจัดการที่ดี",
        "Security and good governance",
        [
            ("SAFETY", "ความมั่นคง ยาเสพติด และความปลอดภัย", "Security, drugs and safety"),
            ("GOV", "การบริหารจัดการและการมีส่วนร่วม", "Administration and participation"),
        ],
    ),
]

DEFAULT_ISSUE_CODES = [code for _, _, _, issues in DEFAULT_FRAME for code, _, _ in issues]


@transaction.atomic
def frame_ensure_default(*, province: Area, cycle: PlanningCycle) -> list[Issue]:
    """Create the default frame for a province and cycle if it has none; return its issues."""
    existing = list(Issue.objects.filter(province=province, cycle=cycle))
    if existing:
        return existing
    order = 0
    for number, name_th, name_en, issues in DEFAULT_FRAME:
        strategy, _ = Strategy.objects.get_or_create(
            province=province,
            cycle=cycle,
            number=number,
            defaults={"name_th": name_th, "name_en": name_en},
        )
        for code, issue_th, issue_en in issues:
            order += 1
            Issue.objects.get_or_create(
                province=province,
                cycle=cycle,
                code=code,
                defaults={
                    "name_th": issue_th,
                    "name_en": issue_en,
                    "strategy": strategy,
                    "order": order,
                },
            )
    return list(Issue.objects.filter(province=province, cycle=cycle))
