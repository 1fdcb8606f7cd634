from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

_RELATION_TH = {"duplicate": "ซ้ำ", "shared_need": "ร่วม", "different": "ต่าง"}


class Command(BaseCommand):
    help = (
        "ตรวจชื่อโครงการซ้ำ/ความต้องการร่วมด้วยตัวจับคู่ของระบบ · "
        "Duplicate / shared need / different for Thai title pairs"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND")
        sub.required = True
        pairs = sub.add_parser(
            "pairs", help="อ่าน CSV คอลัมน์ a,b แล้วให้คะแนน · score a CSV with columns a,b"
        )
        pairs.add_argument("file", type=Path)
        pairs.add_argument("--json", action="store_true", help="one JSON object per line")
        sub.add_parser(
            "train",
            help="ฝึกน้ำหนักของแบบจำลองจากชุดฝึก · refit the need model on the training pairs",
        )
        sub.add_parser(
            "evaluate",
            help="วัดผลบนชุดประเมินที่ตรึงไว้ · P/R/F1 on the frozen evaluation part, with the baseline",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["subcommand"]
        if command == "train":
            self._train()
        elif command == "evaluate":
            self._evaluate()
        else:
            self._pairs(options["file"], options["json"])

    def _pairs(self, path: Path, as_json: bool) -> None:
        from planlink.consolidation.evaluation import match_title_pairs

        if not path.exists():
            raise CommandError(f"ไม่พบไฟล์ {path} / file not found")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"a", "b"} <= set(reader.fieldnames):
                raise CommandError("ไฟล์ต้องมีคอลัมน์ a และ b / the CSV needs columns a and b")
            pairs = [(row["a"] or "", row["b"] or "") for row in reader]
        for record in match_title_pairs(pairs):
            if as_json:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{record['score']:.3f} {_RELATION_TH[str(record['relation'])]}  "
                    f"{record['a']}  |  {record['b']}  · {record['reason_th']}"
                )

    def _train(self) -> None:
        from planlink.consolidation.training import MODEL_PATH, train

        model = train(_project_root())
        for name, weight in zip(model["features"], model["weights"], strict=True):
            self.stdout.write(f"{name:<24}{weight:>10.4f}")
        self.stdout.write(
            f"5-fold cross-validated accuracy on the training part: {model['cross_validated_accuracy']}"
        )
        self.stdout.write(f"written: {MODEL_PATH}")

    def _evaluate(self) -> None:
        from planlink.consolidation.evaluation import evaluate_engine_and_baseline, report_lines

        for line in report_lines(evaluate_engine_and_baseline(_project_root())):
            self.stdout.write(line)


def _project_root() -> Path:
    """The source checkout (the labelled pairs live under tests/, not in the package)."""
    import planlink

    root = Path(planlink.__file__).resolve().parents[1]
    if not (root / "tests" / "consolidation" / "data").is_dir():
        raise CommandError(
            "ต้องรันจากโค้ดต้นฉบับที่มีชุดข้อมูลคู่ชื่อ / run from a source checkout with the labelled pairs"
        )
    return root
