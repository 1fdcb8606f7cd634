"""The production path, as an operator follows docs/deployment.md: real ``planlink`` commands in
subprocesses with ``PLANLINK_ENV=production`` on a fresh data directory (embedded SQLite), and
the real ``planlink serve`` on a free port.

The data directory is prepared once per session by the commands of the "Steps" block of
docs/deployment.md, read from the document itself (``check --deploy``, ``migrate``, ``areas
load``, ``collectstatic``; then a user); the server is started once per session with the
documented ``planlink serve`` line (only the port changed). ``planlink jobs worker`` is run as
its own process by ``test_the_documented_steps_run_as_written.py``. Requests go through :class:`Browser`, a tiny HTTP client that keeps
cookies (also ``Secure`` ones: it stands behind the "TLS proxy" by sending
``X-Forwarded-Proto: https`` from 127.0.0.1, a trusted proxy address).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
PLANLINK = [sys.executable, "-m", "planlink.cli"]
SECRET = "ทดสอบ-production-secret-key-" + "k7Qz9vX2mN4pL8rT1wY6bH3jF5dS0aG"
PASSWORD = "รหัสผ่าน-เจ้าหน้าที่-2570"
COMMAND_TIMEOUT = 900  # collectstatic compresses every file with gzip and brotli

SEED = "\n".join(
    [
        "from django.contrib.auth import get_user_model",
        f"get_user_model().objects.create_user('somchai', password='{PASSWORD}')",
    ]
)
DEPLOYMENT_DOC = REPOSITORY / "docs" / "deployment.md"
LONG_RUNNING = ("serve", "jobs")  # services: started as processes, not run to the end
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """These tests build their own production installs in subprocesses (the embedded database,
    and a PostgreSQL database of their own for the pg_dump drill) and never touch the test
    database, so they run once: in the embedded pass. The PostgreSQL pass of ``make test``
    would only repeat them."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    once = pytest.mark.skip(reason="run once, in the embedded-database pass (own installs)")
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(once)


@dataclass
class DocumentedSteps:
    """The "Steps" block of docs/deployment.md: what it exports and the commands it runs."""

    variables: dict[str, str]
    commands: list[list[str]]  # the arguments after ``planlink``

    def command(self, name: str) -> list[str]:
        [found] = [argv for argv in self.commands if argv[0] == name]
        return found


def documented_steps() -> DocumentedSteps:
    text = DEPLOYMENT_DOC.read_text(encoding="utf-8")
    section = text.split("\n## Steps\n", 1)[1]
    block = section.split("```sh\n", 1)[1].split("\n```", 1)[0]
    variables: dict[str, str] = {}
    commands: list[list[str]] = []
    for line in block.replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith("export "):
            for assignment in shlex.split(line.removeprefix("export ")):
                name, _, value = assignment.partition("=")
                variables[name] = value
        elif line.startswith("planlink "):
            commands.append(shlex.split(line)[1:])
        elif line:
            raise AssertionError(f"docs/deployment.md Steps: a line the test cannot follow: {line}")
    return DocumentedSteps(variables, commands)


@dataclass
class DocumentedRun:
    """A fresh data directory after the documented steps that run to an end."""

    environment: dict[str, str]
    steps: DocumentedSteps
    outputs: dict[str, subprocess.CompletedProcess[str]]  # " ".join(argv) → its result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The variables docs/deployment.md asks for, on the embedded database."""
    secret_file = data_dir.parent / f"{data_dir.name}-secret"
    secret_file.write_text(SECRET, encoding="utf-8")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PLANLINK_")
        # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a
        # production install never has it (check --deploy reports async.E001).
        and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        {
            "PLANLINK_ENV": "production",
            "PLANLINK_SECRET_KEY_FILE": str(secret_file),
            "PLANLINK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PLANLINK_CSRF_TRUSTED_ORIGINS": "https://127.0.0.1,https://localhost",
            "PLANLINK_DATA_DIR": str(data_dir),
            "PLANLINK_TRUSTED_PROXIES": "127.0.0.1",
            "PYTHONPATH": str(REPOSITORY),
        }
    )
    environment.update(extra)
    return environment


def planlink(
    environment: dict[str, str], *arguments: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [*PLANLINK, *arguments],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if check:
        assert completed.returncode == 0, (arguments, completed.stdout, completed.stderr)
    return completed


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    log: Path

    def children(self) -> list[int]:
        """Process ids whose parent is the server (its server processes)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                found.append(int(entry.name))
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def with_port(argv: list[str], port: int) -> list[str]:
    """The documented command with its ``--port`` value replaced."""
    changed = list(argv)
    changed[changed.index("--port") + 1] = str(port)
    return changed


def start_server(
    environment: dict[str, str], log: Path, *options: str, argv: list[str] | None = None
) -> Server:
    """``planlink serve`` on a free port: ``argv`` (the documented line), or ours + options."""
    port = free_port()
    command = (
        with_port(argv, port)
        if argv is not None
        else ["serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker", *options]
    )
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen(  # noqa: S603 - our own command
        [*PLANLINK, *command],
        cwd=REPOSITORY,
        env=environment,
        stdout=handle,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(process, port, log)
    deadline = time.monotonic() + COMMAND_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"planlink serve exited: {log.read_text(encoding='utf-8')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.5)
    server.stop()
    raise AssertionError(f"planlink serve did not listen: {log.read_text(encoding='utf-8')}")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class Browser:
    """HTTP/1.1 to the server, keeping cookies, as if behind a TLS proxy (unless ``proxied=False``)."""

    port: int
    proxied: bool = True
    address: str = "198.51.100.7"  # the client, as the proxy reports it (X-Forwarded-For)
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Host": "127.0.0.1", "Accept-Language": "th"}
        if self.proxied:
            sent["X-Forwarded-Proto"] = "https"
            sent["X-Forwarded-For"] = self.address
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
        for header, value in raw.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response

    def get(self, path: str, **kwargs: object) -> Response:
        return self.request("GET", path, **kwargs)  # type: ignore[arg-type]

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        token = self.cookies.get("csrftoken", "")
        return self.request(
            "POST",
            path,
            body=urlencode({**fields, "csrfmiddlewaretoken": token}).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1{path}",
                "Origin": "https://127.0.0.1",
            },
        )

    def sign_in(self, username: str, password: str) -> Response:
        self.get("/accounts/login/")
        return self.post_form("/accounts/login/", {"username": username, "password": password})


STATIC_URL = re.compile(r'(?:src|href)="(/static/[^"]+)"')


@pytest.fixture(scope="session")
def documented_run(tmp_path_factory) -> DocumentedRun:
    """A fresh production data directory prepared by the documented steps, in their order
    (each must succeed), then a user to sign in with."""
    data = tmp_path_factory.mktemp("planlink-production") / "data"
    environment = production_environment(data)
    steps = documented_steps()
    outputs = {}
    for argv in steps.commands:
        if argv[0] in LONG_RUNNING:
            continue
        outputs[" ".join(argv)] = planlink(environment, *argv)
    planlink(environment, "shell", "-c", SEED)
    return DocumentedRun(environment, steps, outputs)


@pytest.fixture(scope="session")
def production_data(documented_run) -> dict[str, str]:
    return dict(documented_run.environment)


@pytest.fixture(scope="session")
def production_server(documented_run, tmp_path_factory) -> Iterator[Server]:
    """The documented ``planlink serve`` line: processes and threads sized by the defaults."""
    log = tmp_path_factory.mktemp("server-log") / "serve.log"
    argv = documented_run.steps.command("serve")
    server = start_server(dict(documented_run.environment), log, argv=argv)
    yield server
    server.stop()


@pytest.fixture
def browser(production_server) -> Browser:
    return Browser(production_server.port)
