"""The Content-Security-Policy (issue 14: scripts only from the site, no inline script, no eval)
blocks nothing PlanLink itself uses: the tracker's Leaflet map and ECharts charts draw, htmx
polls a job's progress, the sign-in and the language switch work — and the browser reports
no violation at all. Headless Debian Chromium."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def watched(open_page):
    page = open_page()
    page.context.add_init_script(COLLECT_VIOLATIONS)
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, messages


def test_the_tracker_map_and_charts_draw_under_the_policy(world, open_page):
    page, messages = watched(open_page)
    response = page.goto("/tracker/24/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    page.wait_for_selector(".leaflet-container", state="attached")
    page.wait_for_selector("[data-chart] canvas, [data-chart] svg", state="attached")
    assert violations(page) == []
    assert messages == []


def test_sign_in_the_language_switch_and_a_job_s_progress_under_the_policy(world, open_page):
    from planlink.jobs.models import Job

    page, messages = watched(open_page)
    sign_in(page, "village1")  # a form POST with its CSRF token
    job = Job.objects.create(
        kind="documents.plan_book",
        arguments={"plan_id": 0},
        created_by=world["village"],
        progress=40,
        message="กำลังสร้างเอกสาร",
    )
    page.goto(f"/work/jobs/{job.pk}/")
    page.wait_for_selector("[data-job-url]", state="attached")
    with page.expect_response(re.compile(rf"/jobs/{job.pk}/status/")):
        pass  # planlink.js polls the status (fetch, connect-src 'self')
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert messages == []


def test_the_offline_api_docs_render_under_the_policy(world, open_page):
    page, messages = watched(open_page)
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock", state="attached")
    assert violations(page) == []
    assert messages == []


def test_an_htmx_review_action_swaps_in_place_under_the_policy(world, open_page):
    """htmx (hx-post on a button, hx-trigger="change" on a tick box) works with no inline
    script and no eval: the card is swapped without a reload and the browser reports nothing."""
    from planlink.plans.models import Issue, Plan, PlanKind, Route
    from planlink.referrals.models import Decision, Referral
    from tests.web.review_world import demo_like_tambon

    demo_like_tambon()
    page, messages = watched(open_page)
    sign_in(page, "tambon")
    page.get_by_role("button", name=re.compile("^รวมแผนเป็น")).first.click()
    page.wait_for_url(re.compile(r"/work/jobs/\d+/"))
    plan = Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")
    infra = Issue.objects.get(province_id="24", cycle_id=plan.cycle_id, code="INFRA")
    projects = list(plan.projects.filter(issue=infra).order_by("priority", "pk"))
    chosen = [p for p in projects if p.proposed_route == Route.UP]

    response = page.goto(f"/plans/{plan.pk}/consolidation/?issue={infra.pk}")
    assert (
        "unsafe-inline"
        not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )
    page.evaluate("window.notReloaded = true")

    # hx-post from a button: the merge is accepted and the card comes back in place
    target = projects[1]
    with page.expect_response(re.compile(r"/consolidation/act/")) as swapped:
        page.locator(f"#project-{target.pk}").get_by_role(
            "button", name=re.compile("^ยืนยันการรวม")
        ).click()
    assert swapped.value.request.headers.get("hx-request") == "true"
    page.wait_for_selector("#review-messages .message--success")
    assert not Referral.objects.filter(
        proposed_result_project=target, decision=Decision.PENDING
    ).exists()

    # hx-trigger="change" on a tick box: unticking a project sent up, in place
    with page.expect_response(re.compile(r"/consolidation/act/")) as unticked:
        page.locator(f"#up-{chosen[0].pk}").uncheck()
    assert unticked.value.request.headers.get("hx-request") == "true"
    page.wait_for_selector("text=ยกเลิกการเสนอระดับที่สูงขึ้นแล้ว")
    chosen[0].refresh_from_db()
    assert chosen[0].proposed_route != Route.UP

    assert page.evaluate("window.notReloaded") is True
    assert violations(page) == []
    assert messages == []
