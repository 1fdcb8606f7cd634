"""``planlink import plan FILE.xlsx`` — the module is named ``import`` (a Python keyword is
fine as a module name for ``importlib``, which is how Django loads commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.core.errors import DomainError
from planlink.documents.imports import TemplateImportError, import_plan_template

from ._common import add_user_argument, domain_to_user_error, user_named


class Command(SubcommandCommand):
    help = "นำเข้าแบบฟอร์ม Excel ที่กรอกแล้ว · Import a filled Excel template"
    subcommands = {
        "plan": "นำเข้าโครงการจากแบบฟอร์มของแผน (ทั้งหมดหรือไม่นำเข้าเลย) · Import a plan template",
    }

    def arguments_plan(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the filled template (.xlsx)")
        parser.add_argument(
            "--plan", type=int, dest="plan_id", help="refuse a template of another plan"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        add_user_argument(parser)

    def handle_plan(self, file: Path, plan_id: int | None = None, json: bool = False,
                    user: str | None = None, **_: Any) -> None:  # fmt: skip
        actor = user_named(user)
        if not file.is_file():
            raise UserFacingError(f"ไม่พบไฟล์ {file}", f"no such file: {file}")
        try:
            with file.open("rb") as source:
                result = import_plan_template(
                    user=actor, source=source, plan_id=plan_id, system=actor is None
                )
        except TemplateImportError as error:
            raise UserFacingError(error.report_th, error.message_en) from error
        except DomainError as error:
            raise domain_to_user_error(error) from error
        if json:
            print_json(self, result.as_dict())
            return
        self.stdout.write(f"{result.summary_th} (แผนรหัส {result.plan_id})")
