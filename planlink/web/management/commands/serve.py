"""``planlink serve`` — start PlanLink on http://127.0.0.1:8000 with the demo data.

1. ``migrate`` (idempotent);
2. when the database has no areas: ``areas load`` (the national reference data);
3. when it has no plans and this is not production: ``demo`` (the lead's demo data);
   outside production, a database with plans and no users gets one demo sign-in per role
   (``planlink.web.demo_users``, password printed);
4. a background job worker (``planlink jobs worker``) as a child process, unless
   ``--no-worker`` (production runs it as its own service instead: docs/deployment.md);
5. the WSGI app under waitress (pure Python, works the same on every machine):
   ``--processes`` server processes (production default: one per core, sharing one listening
   socket, so both cores serve pages) of ``--threads`` threads each. ``X-Forwarded-For`` and
   ``X-Forwarded-Proto`` are believed only from ``PLANLINK_TRUSTED_PROXIES`` (addresses or
   networks); from anyone else they are removed before Django sees the request.
"""

from __future__ import annotations

import filecmp
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections


def _exit_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(0)


WSGIApp = Callable[..., Any]
PROXY_HEADERS_TRUSTED = {
    "x-forwarded-for",
    "x-forwarded-proto",
    "x-forwarded-host",
    "x-forwarded-port",
}


def trusted_networks(
    addresses: Iterable[str],
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """``PLANLINK_TRUSTED_PROXIES`` entries (``127.0.0.1``, ``10.0.0.0/24``) as networks."""
    networks = []
    for address in addresses:
        try:
            networks.append(ipaddress.ip_network(address.strip(), strict=False))
        except ValueError as error:
            raise CommandError(
                f"PLANLINK_TRUSTED_PROXIES: '{address}' ไม่ใช่ที่อยู่ IP · is not an IP address "
                "or network"
            ) from error
    return networks


def behind_proxies(application: WSGIApp, proxies: Iterable[str]) -> WSGIApp:
    """Believe forwarding headers from the trusted proxies only; strip them from anyone else."""
    from waitress.proxy_headers import proxy_headers_middleware  # type: ignore[import-untyped]

    networks = trusted_networks(proxies)
    trusting = proxy_headers_middleware(
        application,
        trusted_proxy="*",
        trusted_proxy_count=1,
        trusted_proxy_headers=PROXY_HEADERS_TRUSTED,
        clear_untrusted=True,
    )
    distrusting = proxy_headers_middleware(application, trusted_proxy=None, clear_untrusted=True)

    def choose(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        try:
            peer = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
        except ValueError:
            return distrusting(environ, start_response)
        if any(peer in network for network in networks):
            return trusting(environ, start_response)
        return distrusting(environ, start_response)

    return choose


def static_is_collected() -> bool:
    """True when STATIC_ROOT already holds this release's files and their manifest, so a
    restart skips the slow collectstatic (hashing and compressing every file again).

    Every file the finders see must be listed in the manifest and copied byte for byte.
    """
    from django.contrib.staticfiles.finders import get_finders

    root = Path(settings.STATIC_ROOT)
    try:
        manifest = json.loads((root / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    except (OSError, ValueError, KeyError):
        return False
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            copied = root / path
            if path not in manifest or not copied.is_file():
                return False
            if not filecmp.cmp(storage.path(path), copied, shallow=False):
                return False
    return True


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=1024)


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
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="threads per server process (PLANLINK_SERVER_THREADS, default 8)",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help=(
                "server processes sharing the port (PLANLINK_SERVER_PROCESSES; "
                "production default: one per core, development: 1)"
            ),
        )
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
        threads = options["threads"] or settings.PLANLINK_SERVER_THREADS
        processes = options["processes"] or settings.PLANLINK_SERVER_PROCESSES
        if threads < 1 or processes < 1:
            raise CommandError("--threads และ --processes ต้องไม่น้อยกว่า 1 · must be at least 1")
        proxies = list(settings.PLANLINK_TRUSTED_PROXIES)
        trusted_networks(proxies)  # a typo stops here, before anything listens
        self.stdout.write(
            f"PlanLink พร้อมใช้งานที่ http://{host}:{port}/ · serving on http://{host}:{port}/ "
            f"({processes} process(es) × {threads} threads; Ctrl+C หยุด · to stop)"
        )
        self.stdout.flush()
        try:
            self.serve(host, port, processes=processes, threads=threads, proxies=proxies)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def serve(
        self, host: str, port: int, *, processes: int, threads: int, proxies: list[str]
    ) -> None:
        from waitress import serve  # type: ignore[import-untyped]

        from planlink.wsgi import application

        app = behind_proxies(application, proxies)
        sock = listening_socket(host, port)
        adjustments = {
            "threads": threads,
            "ident": "PlanLink",
            # waitress refuses (413) what the app would refuse anyway, before buffering it.
            "max_request_body_size": int(settings.PLANLINK_MAX_UPLOAD_BYTES) + 1024 * 1024,
            # behind_proxies() decides whom to believe; waitress's own filter would strip the
            # headers of every peer first (it trusts one address at most).
            "clear_untrusted_proxy_headers": False,
        }
        if processes == 1:
            serve(app, sockets=[sock], **adjustments)
            return
        # Pre-fork: every child accepts on the same socket; the parent only supervises.
        connections.close_all()
        children: set[int] = set()

        def start_child() -> None:
            pid = os.fork()
            if pid == 0:  # the child serves until killed
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                try:
                    serve(app, sockets=[sock], **adjustments)
                finally:
                    os._exit(0)
            children.add(pid)

        for _ in range(processes):
            start_child()
        try:
            while children:
                pid, _status = os.wait()
                if pid not in children:  # the job worker: not ours to restart here
                    continue
                children.discard(pid)
                self.stderr.write(f"server process {pid} stopped; starting another")
                time.sleep(1)
                start_child()
        finally:
            for pid in children:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            for pid in list(children):
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass

    def prepare(self, *, load_demo: bool) -> None:
        self.stdout.write("ปรับโครงสร้างฐานข้อมูล · migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        if not has_areas():
            self.stdout.write("โหลดข้อมูลพื้นที่ · loading the areas, LAOs and agencies …")
            call_command("areas", "load")
        if getattr(settings, "PRODUCTION", False) and not static_is_collected():
            self.stdout.write("รวบรวมไฟล์หน้าเว็บ · collecting static files …")
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
