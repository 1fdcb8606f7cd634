"""Group incoming needs that are the same need (the tambon's bottom-up merge, docs/reference/PROCESS.md rule 1).

A thin layer over the matcher (``matching.py``): items are blocked by issue
(only needs of the same ประเด็น are compared) and the matcher groups titles
and rationales. Each group gets a plain-language reason (shared words, same
issue, same or different places, how many villages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planlink.consolidation.matching import Matcher, MatchItem


@dataclass(frozen=True)
class Need:
    """One incoming project, as the engine sees it."""

    key: int  # the source project id
    title: str
    rationale: str
    issue_code: str
    area_code: str


@dataclass
class Group:
    members: list[Need]
    reason_th: str
    reason_en: str

    @property
    def key(self) -> int:
        return min(member.key for member in self.members)


_MATCHER: Matcher | None = None


def matcher() -> Matcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = Matcher()
    return _MATCHER


def group_needs(needs: Sequence[Need]) -> list[Group]:
    """Groups of the same need; every need is in exactly one group (singletons too)."""
    if not needs:
        return []
    items = [
        MatchItem(
            title=n.title, rationale=n.rationale, issue_code=n.issue_code, area_code=n.area_code
        )
        for n in needs
    ]
    groups: list[Group] = []
    for indices in matcher().group_duplicates(items):
        members = sorted((needs[i] for i in indices), key=lambda need: need.key)
        groups.append(_describe(members))
    return sorted(groups, key=lambda group: group.key)


@dataclass
class SharedNeed:
    """One project-to-be: a group of the same need, split into places (issue 12).

    ``group`` holds every member (and the reason shown to officers); ``places`` the
    duplicates of each place — one list when all members are one place, several when the
    same work on the same object was raised in different places (a shared need).
    """

    group: Group
    places: list[list[Need]]


def group_shared_needs(needs: Sequence[Need]) -> list[SharedNeed]:
    """Projects of the same need (place aside), each with its places (matcher components)."""
    if not needs:
        return []
    items = [
        MatchItem(
            title=n.title, rationale=n.rationale, issue_code=n.issue_code, area_code=n.area_code
        )
        for n in needs
    ]
    found: list[SharedNeed] = []
    for project in matcher().group_shared_needs(items):
        members = sorted((needs[i] for part in project for i in part), key=lambda n: n.key)
        places = [sorted((needs[i] for i in part), key=lambda n: n.key) for part in project]
        found.append(SharedNeed(_describe(members), places))
    return sorted(found, key=lambda shared: shared.group.key)


def _describe(members: list[Need]) -> Group:
    if len(members) == 1:
        return Group(
            members, "ความต้องการเดียว ไม่พบความต้องการซ้ำ", "a single need; no duplicate found"
        )
    first = members[0]
    shared = " ".join(matcher().shared_words(first.title, members[1].title)[:6])
    places = sorted({member.area_code for member in members})
    issue = first.issue_code or "-"
    return Group(
        members,
        f"ความต้องการเดียวกันจาก {len(places)} พื้นที่ ({', '.join(places[:5])}{'…' if len(places) > 5 else ''}); "
        f"ประเด็นเดียวกัน ({issue}); คำที่ตรงกัน: {shared or '-'}",
        f"the same need from {len(places)} area(s); same issue ({issue}); shared words: {shared or '-'}",
    )
