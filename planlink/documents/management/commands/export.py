from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from planlink.core.commands import SubcommandCommand
from planlink.core.errors import DomainError
from planlink.documents.services import (
    PLAN_FORMATS,
    REPORT_FORMATS,
    REPORT_FORMS,
    plan_document,
    plan_template_download,
    report_document,
)

from ._common import add_user_argument, domain_to_user_error, user_named, write_file


class Command(SubcommandCommand):
    help = "ส่งออกเล่มแผน รายงาน และรายการโครงการ · Export plan books, reports, project lists"
    subcommands = {
        "plan": "เล่มแผน (.docx .xlsx .pdf) · A plan book",
        "report": "รายงานแผนพัฒนาตำบล แบบ 1–3 / แบบรายงานผลการดำเนินงาน · Tambon forms, performance report",
        "projects": "รายการโครงการเป็น Excel ตามตัวกรองของ API · Project list as Excel (API filters)",
        "template": "แบบฟอร์ม Excel สำหรับกรอกโครงการของแผน · The Excel template of a plan",
    }

    def _common(self, parser: CommandParser, formats: tuple[str, ...] | None) -> None:
        if formats:
            parser.add_argument("--format", required=True, choices=formats, dest="file_format")
            parser.add_argument("--thai-digits", action="store_true", help="เลขไทย")
        parser.add_argument("--out", required=True, type=Path, help="output file")
        add_user_argument(parser)

    def arguments_plan(self, parser: CommandParser) -> None:
        parser.add_argument("--id", required=True, type=int, dest="plan_id")
        self._common(parser, PLAN_FORMATS)

    def arguments_report(self, parser: CommandParser) -> None:
        parser.add_argument("form", choices=REPORT_FORMS)
        parser.add_argument("--area", required=True, help="area code (district for performance)")
        parser.add_argument("--cycle", required=True, type=int, help="fiscal year B.E.")
        self._common(parser, REPORT_FORMATS)

    def arguments_projects(self, parser: CommandParser) -> None:
        for name in ("cycle", "plan"):
            parser.add_argument(f"--{name}", type=int)
        for name in ("area", "level", "kind", "state", "issue"):
            parser.add_argument(f"--{name}")
        self._common(parser, None)

    def arguments_template(self, parser: CommandParser) -> None:
        parser.add_argument("--id", required=True, type=int, dest="plan_id")
        self._common(parser, None)

    def _done(self, out: Path, content: bytes) -> None:
        write_file(out, content)
        self.stdout.write(f"เขียนไฟล์ {out} แล้ว ({len(content):,} ไบต์) · wrote {out}")

    def handle_plan(self, plan_id: int, file_format: str, out: Path, thai_digits: bool = False,
                    user: str | None = None, **_: Any) -> None:  # fmt: skip
        actor = user_named(user)
        try:
            document = plan_document(
                user=actor, plan_id=plan_id, file_format=file_format, thai_digits=thai_digits,
                system=actor is None,
            )  # fmt: skip
        except DomainError as error:
            raise domain_to_user_error(error) from error
        self._done(out, document.content)

    def handle_report(self, form: str, area: str, cycle: int, file_format: str, out: Path,
                      thai_digits: bool = False, user: str | None = None, **_: Any) -> None:  # fmt: skip
        actor = user_named(user)
        try:
            document = report_document(
                user=actor, form=form, area_code=area, cycle_year=cycle, file_format=file_format,
                thai_digits=thai_digits, system=actor is None,
            )  # fmt: skip
        except DomainError as error:
            raise domain_to_user_error(error) from error
        self._done(out, document.content)

    def handle_projects(self, out: Path, user: str | None = None, **options: Any) -> None:
        from planlink.documents.export import export_projects_xlsx, filtered_projects

        actor = user_named(user)
        filters = {
            name: options.get(name)
            for name in ("cycle", "area", "level", "kind", "state", "issue", "plan")
            if options.get(name) not in (None, "")
        }
        try:
            if actor is None:
                content = export_projects_xlsx(filtered_projects(None, filters, system=True))
            else:
                content = export_projects_xlsx(filters, user=actor)
        except DomainError as error:
            raise domain_to_user_error(error) from error
        self._done(out, content)

    def handle_template(self, plan_id: int, out: Path, user: str | None = None, **_: Any) -> None:
        actor = user_named(user)
        try:
            document = plan_template_download(user=actor, plan_id=plan_id, system=actor is None)
        except DomainError as error:
            raise domain_to_user_error(error) from error
        self._done(out, document.content)
