"""The auditor's pages and the history section pass the both-languages check of issue 15
(tests/polish): no English message on a Thai page, no Thai message id left on an English one."""

from __future__ import annotations

import re

import pytest

from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit, project_create, project_update
from tests.factories import area_plan
from tests.polish.test_every_string_in_both_languages import (
    catalogue,
    english_in_thai,
    template_msgids,
    text_nodes,
    thai_in_english,
)

pytestmark = pytest.mark.django_db

THAI = re.compile("[\u0e00-\u0e7f]")


def ours(url: str, html: str) -> str:
    """The audit pages whole; on a plan or project page only its history section (the rest of
    those pages belongs to other tests)."""
    if url.startswith(("/plans/", "/projects/")):
        start = html.index('<section class="object-history"')
        return html[start : html.index("</section>", start)]
    return html


@pytest.fixture
def pages(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    project = project_create(
        plan=plan,
        actor=people["village"],
        data={"title": "ธนาคารขยะชุมชน", "budget": "45000", "issue_code": "ENV", "mode": "support"},
    )
    project_update(
        project=project, actor=people["village"], data={"mode": "joint"}, expected_version=1
    )
    plan_submit(plan=plan, actor=people["village"])
    return [
        ("auditor", "/"),
        ("auditor", "/audit/"),
        ("auditor", "/audit/?area=2401&kind=plans.project&date_from=1/1/2500"),
        ("auditor", "/audit/?date_from=31/2/2569"),
        ("auditor", f"/audit/plans.project/{project.pk}/"),
        ("auditor", f"/plans/{plan.pk}/"),
        ("village", f"/projects/{project.pk}/"),
    ]


def test_thai_audit_pages_carry_no_english_message(pages, people, signed_in):
    english = {value for value in catalogue().values() if not THAI.search(value)}
    found = {}
    for who, url in pages:
        response = signed_in(people[who], "th").get(url)
        assert response.status_code == 200, url
        problems = english_in_thai(text_nodes(ours(url, response.content.decode())), english)
        if problems:
            found[url] = problems
    assert found == {}


def test_english_audit_pages_carry_no_thai_message_id(pages, people, signed_in):
    translated = catalogue()
    msgids = template_msgids() | {key for key in translated if THAI.search(key)}
    found = {}
    for who, url in pages:
        html = signed_in(people[who], "en").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        nodes = text_nodes(ours(url, html))
        problems = thai_in_english(nodes, msgids, translated) + [
            node for node in nodes if node in template_msgids() and node not in translated
        ]
        if problems:
            found[url] = problems
    assert found == {}
