"""The ``planlink`` console script: Django's management commands under one name.

``planlink --help`` lists PlanLink's own commands first, grouped, each with a
one-line Thai/English help; Django's built-in commands follow.
"""

from __future__ import annotations

import os
import sys

GROUPS: list[tuple[str, list[str]]] = [
    ("พื้นที่และข้อมูลอ้างอิง · Areas and reference data", ["areas", "evidence"]),
    (
        "แผนและการเชื่อมโยง · Plans and consolidation",
        [
            "demo",
            "synthetic",
            "cycle",
            "consolidate",
            "dedupe",
            "plans",
            "revisions",
            "carry-over",
            "whatif",
        ],
    ),
    ("เอกสาร · Documents and spreadsheets", ["export", "import"]),
    (
        "ระบบ · Running the system",
        ["serve", "jobs", "rollups", "tokens", "unlock", "backup", "restore"],
    ),
]


def _planlink_help() -> str:
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    lines = [
        "PlanLink — ระบบเชื่อมโยงและบูรณาการแผนพัฒนาในระดับพื้นที่",
        "Linking and integrating Thailand's area-level development plans",
        "",
        "Usage: planlink <command> [options]   ·   planlink <command> --help",
        "",
    ]
    listed: set[str] = set()
    for title, names in GROUPS:
        present = [name for name in names if name in commands]
        if not present:
            continue
        lines.append(title)
        for name in present:
            command = load_command_class(commands[name], name)
            lines.append(f"  {name:<14}{command.help}")
            listed.add(name)
        lines.append("")
    others = sorted(
        name for name, app in commands.items() if app.startswith("planlink") and name not in listed
    )
    if others:
        lines.append("อื่น ๆ · Other PlanLink commands")
        for name in others:
            command = load_command_class(commands[name], name)
            lines.append(f"  {name:<14}{command.help}")
        lines.append("")
    django_names = sorted(name for name, app in commands.items() if not app.startswith("planlink"))
    lines.append("คำสั่งของ Django · Django commands")
    lines.append("  " + ", ".join(django_names))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] in {"-h", "--help", "help"} and len(arguments) == 1:
        import django

        django.setup()
        print(_planlink_help())
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["planlink", *arguments])


if __name__ == "__main__":
    main()
