"""A management-command base with argparse sub-commands and JSON/Thai output helpers.

``planlink areas load`` is the Django command ``areas`` with the sub-command
``load``. Each sub-command is a method ``handle_<name>`` (dashes become
underscores) declared in ``subcommands`` with a one-line Thai/English help.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser


class UserFacingError(Exception):
    """An error whose message is meant for the person at the terminal or screen.

    ``message_th`` is shown first; ``message_en`` follows. ``problems`` is an
    optional list of dicts (row, column, problem) for file reports.
    """

    def __init__(
        self, message_th: str, message_en: str = "", problems: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message_th if not message_en else f"{message_th} / {message_en}")
        self.message_th = message_th
        self.message_en = message_en
        self.problems = problems or []


def print_json(command: BaseCommand, payload: Any) -> None:
    command.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


class SubcommandCommand(BaseCommand):
    """Base class: declare ``subcommands = {"load": ("โหลด… / Load …", add_arguments_fn)}``."""

    group: ClassVar[str] = "PlanLink"
    subcommands: ClassVar[dict[str, str]] = {}

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND")
        sub.required = True
        for name, help_text in self.subcommands.items():
            subparser = sub.add_parser(name, help=help_text, description=help_text)
            configure: Callable[[CommandParser], None] | None = getattr(
                self, f"arguments_{name.replace('-', '_')}", None
            )
            if configure is not None:
                configure(subparser)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options.pop("subcommand")
        handler = getattr(self, f"handle_{name.replace('-', '_')}")
        try:
            handler(**options)
        except UserFacingError as error:
            lines = [error.message_th]
            if error.message_en:
                lines.append(error.message_en)
            shown = error.problems[:100]
            for problem in shown:
                where = ", ".join(
                    f"{key} {problem[key]}" for key in ("row", "column") if problem.get(key)
                )
                lines.append(
                    f"  - {where}: {problem.get('problem', '')}"
                    if where
                    else f"  - {problem.get('problem', '')}"
                )
            if len(error.problems) > len(shown):
                lines.append(
                    f"  … และอีก {len(error.problems) - len(shown)} รายการ / "
                    f"and {len(error.problems) - len(shown)} more"
                )
            raise CommandError("\n".join(lines)) from error
