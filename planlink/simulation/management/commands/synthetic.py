"""``planlink synthetic …`` — the simulation's synthetic villages and จปฐ. surveys.

Everything this command makes is invented and labelled so (``synthetic=True`` on the
villages, the survey import and its figures): it is for demos, tests and benchmarks on a
throw-away database. Real villages come from ``planlink areas load-villages``, real surveys
from ``planlink evidence import-households``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from planlink.core.commands import SubcommandCommand
from planlink.evidence.management.commands.evidence import refusal, report_import
from planlink.simulation.surveys import survey_generate
from planlink.simulation.villages import generate_villages


class Command(SubcommandCommand):
    help = "ข้อมูลสังเคราะห์ (หมู่บ้าน, จปฐ.) สำหรับสาธิต · Synthetic villages and surveys for demos"
    subcommands = {
        "villages": "สร้างหมู่บ้านสังเคราะห์ทุกตำบลของจังหวัด · Generate synthetic villages for a province",
        "survey": "สร้างข้อมูล จปฐ. สังเคราะห์ของจังหวัด · Generate a synthetic survey for a province",
    }

    def arguments_villages(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="province code, e.g. 24")

    def arguments_survey(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="province code, e.g. 57")
        parser.add_argument("--year", type=int, required=True, help="survey year B.E.")
        parser.add_argument("--indicators", default="JPT60")
        parser.add_argument("--json", action="store_true")

    def handle_villages(self, province: str, **_: Any) -> None:
        result = generate_villages(province)
        self.stdout.write(
            f"สร้างหมู่บ้านสังเคราะห์ {result['villages_created']} หมู่บ้าน ใน {result['tambons']} ตำบล "
            f"(ข้อมูลสังเคราะห์) · generated {result['villages_created']} synthetic villages"
        )

    def handle_survey(self, province: str, year: int, **options: Any) -> None:
        survey_import = refusal(
            lambda: survey_generate(
                province_code=province, year=year, indicator_set_code=options["indicators"]
            )
        )
        report_import(self, survey_import, options["json"])
