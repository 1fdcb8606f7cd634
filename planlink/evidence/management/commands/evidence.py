"""``planlink evidence …`` — indicator sets, survey imports, summaries.

Synthetic surveys are the simulation's: ``planlink synthetic survey`` (planlink.simulation).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planlink.areas.models import Area
from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.core.errors import DomainError
from planlink.evidence.ingest.problems import SurveyFileRejected
from planlink.evidence.models import SurveyImport
from planlink.evidence.selectors import UNADDRESSED_THRESHOLD, evidence_table, latest_survey_year
from planlink.evidence.services.imports import (
    survey_import_households,
    survey_import_scores,
    survey_import_villages,
)
from planlink.evidence.services.indicators import indicator_set_load


def refusal(call: Callable[[], Any]) -> Any:
    """Run a service; turn a refused file or a broken rule into the command's error report."""
    try:
        return call()
    except SurveyFileRejected as error:
        report = error.report
        raise UserFacingError(
            report.summary_th(),
            report.summary_en(),
            [problem.as_dict() for problem in report.problems],
        ) from error
    except DomainError as error:
        raise UserFacingError(error.message_th, error.message_en) from error


def report_import(command: BaseCommand, survey_import: SurveyImport, as_json: bool) -> None:
    """Print what an import stored (JSON with ``--json``), Thai line first."""
    body = {
        "import": survey_import.pk,
        "year": survey_import.year,
        "indicators": survey_import.indicator_set_id,
        "kind": survey_import.kind,
        "rows_read": survey_import.rows_read,
        "villages": survey_import.villages,
        "stored": survey_import.aggregates_stored,
        "provinces": [code for code in survey_import.province_codes.split(",") if code],
        "remapped_codes": survey_import.remapped_codes,
        "synthetic": survey_import.synthetic,
        "seconds": survey_import.seconds,
    }
    if as_json:
        print_json(command, body)
        return
    label = " (ข้อมูลสังเคราะห์ · synthetic)" if survey_import.synthetic else ""
    command.stdout.write(
        f"นำเข้าแล้ว{label}: {body['rows_read']:,} แถว {body['villages']:,} หมู่บ้าน "
        f"บันทึก {body['stored']:,} รายการ ปี {body['year']} จังหวัด {', '.join(body['provinces'])}"
    )
    command.stdout.write(
        f"imported{label}: {body['rows_read']:,} rows, {body['villages']:,} villages, "
        f"{body['stored']:,} figures stored in {body['seconds']} s"
    )
    if survey_import.remapped_codes:
        command.stdout.write(
            f"  รหัสเก่าที่แปลงเป็นรหัสปัจจุบัน · old codes mapped: {survey_import.remapped_codes}"
        )


class Command(SubcommandCommand):
    help = "ข้อมูล จปฐ. และ กชช.๒ค · Survey evidence (จปฐ., กชช.๒ค)"
    subcommands = {
        "load-indicators": "เพิ่ม/ปรับปรุงชุดตัวชี้วัดจากไฟล์ CSV · Add or update an indicator set from CSV",
        "import-households": "นำเข้าข้อมูล จปฐ. รายครัวเรือน (CSV/Excel/Parquet) · Import household file",
        "import-villages": "นำเข้าข้อมูล จปฐ. ที่รวมรายหมู่บ้านแล้ว · Import per-village figures",
        "import-scores": "นำเข้าคะแนนหมู่บ้าน กชช.๒ค (1–3) · Import กชช.๒ค village scores",
        "summary": "สรุปตัวชี้วัดของพื้นที่ · Indicator summary of an area",
    }

    def arguments_load_indicators(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def _import_arguments(self, parser: CommandParser, default_set: str) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True, help="survey year B.E., e.g. 2567")
        parser.add_argument(
            "--indicators", default=default_set, help=f"indicator set code (default {default_set})"
        )
        parser.add_argument(
            "--synthetic", action="store_true", help="mark the data synthetic (ข้อมูลสังเคราะห์)"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def arguments_import_households(self, parser: CommandParser) -> None:
        self._import_arguments(parser, "JPT60")
        parser.add_argument("--memory-limit", help="DuckDB memory limit, e.g. 2GB")
        parser.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")

    def arguments_import_villages(self, parser: CommandParser) -> None:
        self._import_arguments(parser, "JPT60")

    def arguments_import_scores(self, parser: CommandParser) -> None:
        self._import_arguments(parser, "KCH60")

    def arguments_summary(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="area code (2, 4, 6 or 8 digits)")
        parser.add_argument("--year", type=int, help="survey year B.E. (default: latest)")
        parser.add_argument(
            "--threshold",
            type=float,
            default=UNADDRESSED_THRESHOLD,
            help=f"share failing above which a need counts (default {UNADDRESSED_THRESHOLD})",
        )
        parser.add_argument("--json", action="store_true")

    def handle_load_indicators(self, file: Path, **_: Any) -> None:
        result = refusal(lambda: indicator_set_load(path=file))
        self.stdout.write(
            f"ชุดตัวชี้วัด {result['set']}: ใหม่ {result['created']} ปรับปรุง {result['updated']} "
            f"คงเดิม {result['unchanged']} · set {result['set']}: {result['created']} new, "
            f"{result['updated']} updated, {result['unchanged']} unchanged"
        )

    def _report_import(self, survey_import: SurveyImport, as_json: bool) -> None:
        report_import(self, survey_import, as_json)

    def handle_import_households(self, file: Path, **options: Any) -> None:
        survey_import = refusal(
            lambda: survey_import_households(
                path=file,
                year=options["year"],
                indicator_set_code=options["indicators"],
                synthetic=True if options["synthetic"] else None,
                memory_limit=options.get("memory_limit"),
                threads=options.get("threads"),
            )
        )
        self._report_import(survey_import, options["json"])

    def handle_import_villages(self, file: Path, **options: Any) -> None:
        survey_import = refusal(
            lambda: survey_import_villages(
                path=file,
                year=options["year"],
                indicator_set_code=options["indicators"],
                synthetic=options["synthetic"],
            )
        )
        self._report_import(survey_import, options["json"])

    def handle_import_scores(self, file: Path, **options: Any) -> None:
        survey_import = refusal(
            lambda: survey_import_scores(
                path=file,
                year=options["year"],
                indicator_set_code=options["indicators"],
                synthetic=options["synthetic"],
            )
        )
        self._report_import(survey_import, options["json"])

    def handle_summary(self, area: str, **options: Any) -> None:
        if not Area.objects.filter(code=area).exists():
            raise UserFacingError(f"ไม่พบพื้นที่รหัส {area}", f"no area with code {area}")
        year = options.get("year") or latest_survey_year(area_code=area)
        if year is None:
            raise UserFacingError(
                f"ยังไม่มีข้อมูล จปฐ. ของพื้นที่ {area}", f"no survey figures for area {area}"
            )
        table = evidence_table(area_code=area, year=year, threshold=options["threshold"])
        if options["json"]:
            print_json(self, table.summary())
            return
        label = " — ข้อมูลสังเคราะห์ (synthetic)" if table.synthetic else ""
        self.stdout.write(f"พื้นที่ (area) {area} ปี (year) {year}{label}")
        for figure in table.indicators:
            share = "-" if figure.share_failed is None else f"{figure.share_failed:6.1%}"
            flag = " *" if figure.code in table.unaddressed else ""
            self.stdout.write(
                f"{figure.rank:>3}. {figure.code:<10} {share:>7} "
                f"{figure.failed:>8,}/{figure.surveyed:<8,} {figure.title_th}{flag}"
            )
        if table.unaddressed:
            self.stdout.write(
                "* ยังไม่มีโครงการรองรับ · unaddressed needs: " + ", ".join(table.unaddressed)
            )
