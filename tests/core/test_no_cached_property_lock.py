"""No ``functools.cached_property`` in PlanLink: on Python 3.11 it holds one lock per class,
so the first read of a property on *any* instance waits for every other thread's — under
load, a server process's request threads queued behind one another's grants query (issue 16;
measured with py-spy on the load benchmark). Django's ``cached_property`` has no lock."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import planlink
from planlink.accounts.access.core import Access

ROOT = Path(planlink.__file__).parent


def test_no_module_uses_functools_cached_property():
    found = []
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "functools":
                if any(alias.name == "cached_property" for alias in node.names):
                    found.append(str(path.relative_to(ROOT)))
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "cached_property"
                and isinstance(node.value, ast.Name)
                and node.value.id == "functools"
            ):
                found.append(str(path.relative_to(ROOT)))
    assert found == []


def test_two_threads_compute_grants_at_once():
    """While one thread is inside ``grants``, another thread's instance is not held back."""
    inside = threading.Event()
    release = threading.Event()
    finished = threading.Event()

    def slow_grants(self):  # noqa: ANN001, ANN202
        if self.user == "first":
            inside.set()
            release.wait(5)
        return []

    class Slow:  # the same kind of property as Access.grants, with a slow body
        grants = type(Access.__dict__["grants"])(slow_grants)

        def __init__(self, user: str) -> None:
            self.user = user

    first = threading.Thread(target=lambda: Slow("first").grants)
    first.start()
    assert inside.wait(5)
    second = threading.Thread(target=lambda: (Slow("second").grants, finished.set()))
    second.start()
    try:
        assert finished.wait(2), "the second instance waited for the first one's grants"
    finally:
        release.set()
        first.join()
        second.join()
