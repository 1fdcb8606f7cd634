"""Issue 14, items 1–4: the documented production install serves (it answered 500 on every page
because collectstatic failed on leaflet.js.map), with DEBUG off, both cores, forwarding headers
believed only from the proxy, a Content-Security-Policy and a sign-in lockout."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

from tests.deployment.conftest import (
    PASSWORD,
    STATIC_URL,
    Browser,
    planlink,
    production_environment,
    start_server,
)


def test_collectstatic_in_production_succeeds_with_every_referenced_file(production_data):
    root = Path(production_data["PLANLINK_DATA_DIR"]) / "static"
    manifest = json.loads((root / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    assert "vendor/leaflet/leaflet.js" in manifest
    assert "vendor/leaflet/leaflet.js.map" in manifest
    # Every source map and url() a collected file names is there, under its hashed name.
    for hashed in manifest.values():
        if not hashed.endswith((".js", ".css")):
            continue
        text = (root / hashed).read_text(encoding="utf-8", errors="replace")
        for name in re.findall(r"^[/*#@ ]*sourceMappingURL=([^\s*]+)", text, re.MULTILINE):
            if name.startswith("data:"):
                continue
            assert (root / Path(hashed).parent / name).is_file(), (hashed, name)
    assert (root / manifest["vendor/leaflet/leaflet.js"]).with_suffix(".js.gz").exists()


def test_check_deploy_with_the_documented_variables_reports_nothing(production_data):
    environment = {k: v for k, v in production_data.items() if not k.startswith("_")}
    checked = planlink(environment, "check", "--deploy", "--fail-level", "WARNING")
    assert "System check identified no issues" in checked.stdout, checked.stdout + checked.stderr


def test_the_main_pages_the_tracker_and_the_api_answer(browser):
    for path in ("/", "/tracker/", "/accounts/login/", "/tracker/24/"):
        response = browser.get(path)
        assert response.status == 200, (path, response.text[:500])
        assert "text/html" in response.headers["content-type"]
    areas = browser.get("/api/v1/areas?level=province&q=" + quote("ฉะเชิงเทรา"))
    assert areas.status == 200
    assert [area["code"] for area in areas.json()["items"]] == ["24"]  # from `areas load`
    assert browser.get("/api/v1/openapi.json").status == 200
    assert browser.get("/api/v1/docs").status == 200


def test_static_files_come_from_the_manifest_compressed(browser):
    page = browser.get("/tracker/")
    assets = set(STATIC_URL.findall(page.text))
    assert any("htmx.min." in url for url in assets)
    for url in assets:
        response = browser.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200, url
        assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} is not a hashed (manifest) name"
    script = next(url for url in assets if url.endswith(".js"))
    compressed = browser.get(script, headers={"Accept-Encoding": "gzip"})
    assert compressed.headers.get("content-encoding") == "gzip"
    assert "max-age=315360000" in compressed.headers["cache-control"]


def test_every_page_has_a_content_security_policy_without_inline_script(browser):
    for path in ("/", "/tracker/", "/accounts/login/", "/api/v1/docs"):
        policy = browser.get(path).headers["content-security-policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        assert directives["script-src"][0] == "'self'"
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]


def test_debug_is_off_a_404_shows_no_url_list(browser):
    response = browser.get("/no-such-page/")
    assert response.status == 404
    assert "URLconf" not in response.text
    assert "api/v1/" not in response.text


def test_api_errors_are_json_in_production(browser):
    missing = browser.get("/api/v1/no-such-thing")
    assert missing.status == 404
    assert missing.json()["code"] == "not_found"
    anonymous = browser.request(
        "POST", "/api/v1/plans", body=b"{}", headers={"Content-Type": "application/json"}
    )
    assert anonymous.status == 401
    assert anonymous.json()["code"] == "unauthenticated"
    control = browser.get("/api/v1/areas?q=%14")
    assert control.status == 400
    assert control.json()["code"] == "invalid_input"
    big = browser.request(
        "POST",
        "/api/v1/plans",
        body=b'{"x": "' + b"a" * (2 * 1024 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert big.status == 413
    assert big.json()["code"] == "too_large"


def test_behind_the_tls_proxy_there_is_no_redirect_loop(production_server):
    """The recipe of docs/deployment.md: the proxy on 127.0.0.1 sends X-Forwarded-Proto."""
    through_proxy = Browser(production_server.port).get("/")
    assert through_proxy.status == 200
    assert "max-age=31536000" in through_proxy.headers["strict-transport-security"]
    plain_http = Browser(production_server.port, proxied=False).get("/tracker/")
    assert plain_http.status == 301
    assert plain_http.headers["location"] == "https://127.0.0.1/tracker/"


def test_forwarding_headers_from_anyone_but_the_proxy_are_ignored(production_data, tmp_path):
    environment = {k: v for k, v in production_data.items() if not k.startswith("_")}
    environment["PLANLINK_TRUSTED_PROXIES"] = "192.0.2.10"  # the proxy is elsewhere
    server = start_server(environment, tmp_path / "serve.log", "--processes", "1")
    try:
        claimed = Browser(server.port).get("/")  # says https, but from an untrusted peer
        assert claimed.status == 301
        assert claimed.headers["location"].startswith("https://")
    finally:
        server.stop()


def test_production_serves_with_a_process_per_core(production_server):
    """The documented line gives no --processes: production sizes itself to the machine (one
    pre-forked process per core; a single core serves in the command's own process)."""
    cores = os.cpu_count() or 1
    assert len(production_server.children()) == (cores if cores > 1 else 0)


def test_25_wrong_passwords_then_the_right_one_do_not_sign_in(production_server):
    guesser = Browser(production_server.port, address="203.0.113.25")
    for attempt in range(25):
        response = guesser.sign_in("somchai", f"เดา-{attempt}")
        assert response.status in (200, 429)
    final = guesser.sign_in("somchai", PASSWORD)
    assert final.status == 429
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in final.text
    assert "sessionid" not in guesser.cookies
    # The officer at another address still signs in.
    officer = Browser(production_server.port, address="10.10.0.5")
    signed = officer.sign_in("somchai", PASSWORD)
    assert signed.status == 302, signed.text[:500]
    assert "sessionid" in officer.cookies


def test_a_fresh_production_data_directory_needs_no_manual_step(tmp_path):
    environment = production_environment(tmp_path / "fresh")
    migrated = planlink(environment, "migrate", "--noinput", "-v", "0")
    assert migrated.returncode == 0
    assert (tmp_path / "fresh" / "planlink.sqlite3").is_file()
