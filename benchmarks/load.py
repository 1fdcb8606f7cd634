"""Load on the production server: 50 concurrent clients on loopback, page by page (issue 16).

``BENCH_ONLY=load .venv/bin/python -m benchmarks`` (part of ``make bench``, never of
``make test``), or ``.venv/bin/python -m benchmarks.load`` alone.

1. Prepares a database of its own (``var/bench/load-data``, reused when present): the demo
   year of one province, as ``planlink serve --prepare-only`` loads it (migrate, reference
   data, the synthetic year, the demo sign-ins).
2. Starts the server as ``docs/deployment.md`` documents it — ``PLANLINK_ENV=production``,
   ``planlink serve --no-worker`` (one process per core, waitress threads) — on 127.0.0.1
   (plain HTTP on loopback: ``PLANLINK_SSL_REDIRECT=false``).
3. For each target in turn, ``BENCH_LOAD_CLIENTS`` (50) client threads with keep-alive
   connections ask for it for ``BENCH_LOAD_SECONDS`` (15) seconds: a static file (the floor),
   the public tracker (nation, province, district, village), the tracker revalidated with
   ``If-None-Match`` (what a returning browser sends), and the province dashboard signed in.
4. Prints requests, errors, requests/s, p50/p95/p99 and each page's p95 as a multiple of the
   static file's; writes ``var/bench/load.json``.

Options (environment): ``BENCH_LOAD_CLIENTS``, ``BENCH_LOAD_SECONDS``, ``BENCH_LOAD_PORT``
(8765), ``BENCH_LOAD_DATABASE_URL`` (a PostgreSQL database to use instead of SQLite; it is
prepared the same way), ``BENCH_LOAD_DATA`` (the data directory).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

OUT = Path("var/bench")
PLANLINK = str(Path(sys.executable).with_name("planlink"))
PASSWORD = "planlink-demo"


def _env(data: Path, *, production: bool, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANLINK_")}
    env.pop("DATABASE_URL", None)
    env.update(PLANLINK_DATA_DIR=str(data), PLANLINK_LOG_LEVEL="ERROR")
    if database_url:
        env["DATABASE_URL"] = database_url
    if production:
        env.update(
            PLANLINK_ENV="production",
            PLANLINK_SECRET_KEY=secrets.token_urlsafe(60),
            PLANLINK_ALLOWED_HOSTS="127.0.0.1,localhost",
            PLANLINK_SSL_REDIRECT="false",
            PLANLINK_HSTS_SECONDS="0",
        )
    return env


def prepare(data: Path, database_url: str) -> dict[str, str]:
    """The demo year in its own database (once), and the area codes to ask for."""
    data.mkdir(parents=True, exist_ok=True)
    stamp = data / "prepared.json"
    if stamp.exists():
        return json.loads(stamp.read_text())
    print(f"preparing the demo database in {data} (once) …", flush=True)
    env = _env(data, production=False, database_url=database_url)
    subprocess.run([PLANLINK, "serve", "--prepare-only", "--no-worker"], env=env, check=True)
    probe = (
        "import json; from planlink.accounts.models import Assignment; "
        "a = Assignment.objects.filter(user__username='demo-village').first(); "
        "print(json.dumps({'village': a.area_id}))"
    )
    out = (
        subprocess.run(
            [PLANLINK, "shell", "-c", probe], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    village = json.loads(out)["village"]
    found = {
        "village": village,
        "district": village[:4],
        "province": village[:2],
        "prepared": time.strftime("%Y-%m-%d %H:%M"),
    }
    stamp.write_text(json.dumps(found))
    return found


def start_server(data: Path, port: int, database_url: str) -> subprocess.Popen:
    env = _env(data, production=True, database_url=database_url)
    server = subprocess.Popen(
        [PLANLINK, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker"],
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            status, _, _ = request(port, "/tracker/")
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise RuntimeError(f"planlink serve exited with {server.returncode}")
        time.sleep(0.5)
    stop_server(server)
    raise RuntimeError("planlink serve did not answer within 180 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def request(
    port: int,
    path: str,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    body: str | None = None,
    connection: http.client.HTTPConnection | None = None,
) -> tuple[int, dict[str, str], bytes]:
    own = connection is None
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        content = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content
    finally:
        if own:
            conn.close()


def _cookies(headers: list[tuple[str, str]], jar: dict[str, str]) -> None:
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]


def sign_in(port: int, username: str) -> str:
    """Sign in through the real form; returns the Cookie header of the session."""
    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    _cookies(response.getheaders(), jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        },
    )
    response = conn.getresponse()
    response.read()
    _cookies(response.getheaders(), jar)
    conn.close()
    if response.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"sign-in as {username} failed ({response.status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def static_path(port: int) -> str:
    _, _, page = request(port, "/tracker/")
    return re.search(r'href="(/static/[^"]+\.css)"', page.decode()).group(1)


def hammer(
    port: int, path: str, headers: dict[str, str], clients: int, seconds: float, expect: int
) -> dict:
    """``clients`` threads ask for ``path`` until ``seconds`` pass; latencies in ms."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start.wait()
        mine = latencies[index]
        while time.perf_counter() < stop_at[0]:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != expect:
                    errors[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append((time.perf_counter() - began) * 1000)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(value for values in latencies for value in values)

    def pct(share: float) -> float:
        return round(every[min(len(every) - 1, int(share * len(every)))], 1) if every else 0.0

    return {
        "path": path,
        "requests": len(every),
        "errors": sum(errors),
        "per_second": round(len(every) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


def bench_load() -> dict:
    clients = int(os.environ.get("BENCH_LOAD_CLIENTS", "50"))
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "15"))
    port = int(os.environ.get("BENCH_LOAD_PORT", "8765"))
    database_url = os.environ.get("BENCH_LOAD_DATABASE_URL", "")
    data = Path(os.environ.get("BENCH_LOAD_DATA", str(OUT / "load-data"))).resolve()
    codes = prepare(data, database_url)
    server = start_server(data, port, database_url)
    try:
        session = sign_in(port, "demo-province")
        floor_path = static_path(port)
        _, tracker_headers, _ = request(port, "/tracker/")
        etag = tracker_headers.get("etag", "")
        province, district, village = codes["province"], codes["district"], codes["village"]
        targets = [
            ("static file (floor)", floor_path, {}, 200),
            ("tracker: nation", "/tracker/", {}, 200),
            ("tracker: province", f"/tracker/{province}/", {}, 200),
            ("tracker: district", f"/tracker/{district}/", {}, 200),
            ("tracker: village", f"/tracker/{village}/", {}, 200),
            ("tracker: nation, revalidated", "/tracker/", {"If-None-Match": etag}, 304),
            ("map values (JSON)", f"/tracker/{province}/map.json", {}, 200),
            ("province dashboard (signed in)", f"/province/{province}/", {"Cookie": session}, 200),
        ]
        results = []
        print(
            f"\n== Load: production server, {clients} clients × {seconds:g} s per target, "
            f"loopback, {'PostgreSQL' if database_url else 'SQLite'} ==",
            flush=True,
        )
        header = (
            f"{'target':<34}{'requests':>9}{'errors':>7}{'req/s':>8}"
            f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'p95 ×floor':>11}"
        )
        print(header)
        floor = None
        for label, path, headers, expect in targets:
            request(port, path, headers)  # warm the server's caches and connections
            result = hammer(port, path, headers, clients, seconds, expect)
            floor = floor or result["p95_ms"] or 1.0
            result.update(label=label, times_floor=round(result["p95_ms"] / floor, 1))
            results.append(result)
            print(
                f"{label:<34}{result['requests']:>9,}{result['errors']:>7}"
                f"{result['per_second']:>8}{result['p50_ms']:>9}{result['p95_ms']:>9}"
                f"{result['p99_ms']:>9}{result['times_floor']:>10}×",
                flush=True,
            )
    finally:
        stop_server(server)
    report = {
        "clients": clients,
        "seconds": seconds,
        "database": "postgresql" if database_url else "sqlite",
        "areas": codes,
        "targets": results,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    return report


if __name__ == "__main__":
    bench_load()
