"""``planlink serve`` — start PlanLink on http://127.0.0.1:8000 with the demo data.

1. ``migrate`` (idempotent);
2. when the database has no areas: ``areas load`` (the national reference data);
3. when it has no plans and this is not production: ``demo`` (the lead's demo data);
   outside production, a database with plans and no users gets one demo sign-in per role
   (``planlink.web.demo_users``, password printed);
4. a background job worker (``planlink jobs worker``) as a child process, unless
   ``--no-worker``: long jobs (a province's consolidation) need one;
5. the WSGI app under waitress (pure Python, works the same on every machine).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser


def _exit_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def has_areas() -> bool:
    from planlink.areas.models import Area

    return Area.objects.exists()


def has_plans() -> bool:
    from planlink.plans.models import Plan

    return Plan.objects.exists()


class Command(BaseCommand):
    help = "เปิดระบบที่ http://127.0.0.1:8000 พร้อมข้อมูลสาธิต · Serve the app with the demo data"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start a background job worker"
        )
        parser.add_argument(
            "--no-demo", action="store_true", help="do not load the demo into an empty database"
        )
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="migrate and load data, then exit without serving (for scripts and tests)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        production = getattr(settings, "PRODUCTION", False)
        # A production database never receives demo data by itself.
        self.prepare(load_demo=not options["no_demo"] and not production)
        if not production:
            self.demo_sign_ins()
        if options["prepare_only"]:
            return
        worker = None if options["no_worker"] else self.start_worker()
        # SIGTERM (systemd, docker, timeout) unwinds like Ctrl+C, so the worker is stopped too.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        host, port = options["host"], options["port"]
        self.stdout.write(
            f"PlanLink พร้อมใช้งานที่ http://{host}:{port}/ · serving on http://{host}:{port}/ "
            "(Ctrl+C หยุด · to stop)"
        )
        self.stdout.flush()
        try:
            from waitress import serve

            from planlink.wsgi import application

            serve(application, host=host, port=port, threads=options["threads"], ident="PlanLink")
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def prepare(self, *, load_demo: bool) -> None:
        self.stdout.write("ปรับโครงสร้างฐานข้อมูล · migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        if not has_areas():
            self.stdout.write("โหลดข้อมูลพื้นที่ · loading the areas, LAOs and agencies …")
            call_command("areas", "load")
        if getattr(settings, "PRODUCTION", False):
            call_command("collectstatic", interactive=False, verbosity=0)
        if not load_demo or has_plans():
            return
        if "demo" in get_commands():
            self.stdout.write("โหลดข้อมูลสาธิต (ข้อมูลสังเคราะห์) · loading the demo (synthetic) …")
            call_command("demo")
        else:
            self.stdout.write(
                "ยังไม่มีคำสั่ง planlink demo ในรุ่นนี้: ระบบเปิดได้แต่ยังไม่มีข้อมูลแผน · "
                "the 'demo' command is not installed: the app starts with no plans"
            )

    def demo_sign_ins(self) -> None:
        """Outside production, a database with plans and no users gets one demo user per role."""
        from planlink.web.demo_users import DEMO_PASSWORD, demo_users_create

        created = demo_users_create()
        if not created:
            return
        self.stdout.write(
            f"บัญชีผู้ใช้สาธิต (รหัสผ่าน {DEMO_PASSWORD}) · demo sign-ins (password {DEMO_PASSWORD}):"
        )
        for person in created:
            self.stdout.write(f"  {person.username:<15} {person.role:<20} {person.unit}")

    def start_worker(self) -> subprocess.Popen[bytes]:
        """A ``planlink jobs worker`` child process with this process's settings."""
        self.stdout.write("เริ่มตัวทำงานเบื้องหลัง · starting a background job worker")
        return subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "planlink.cli", "jobs", "worker"],
        )
