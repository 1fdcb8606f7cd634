"""ทะเบียนงาน · The registry of task kinds a worker knows how to run.

A task is a plain function registered under a dotted name::

    from planlink.jobs.registry import task

    @task("consolidate.province", title="รวมแผนระดับจังหวัด")
    def consolidate_province(job: JobContext, *, province_code: str, fiscal_year: int) -> dict:
        ...
        job.progress(40, "รวมแผนอำเภอแล้ว 8 จาก 20 อำเภอ")
        ...
        return {"projects": 1234}

Tasks live in ``<app>/tasks.py``; ``JobsConfig.ready`` imports those modules.
A task may be started more than once (a worker can die half way), so it must
be idempotent or resumable: write in batches that are safe to repeat, keyed by
natural keys, and skip what an earlier attempt already finished.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from planlink.jobs.models import DEFAULT_MAX_ATTEMPTS

if TYPE_CHECKING:
    from planlink.jobs.context import JobContext

TaskFunction = Callable[..., dict[str, Any] | None]
F = TypeVar("F", bound=Callable[..., Any])


class UnknownTaskError(LookupError):
    """No task is registered under this kind (a typo, or its app is not installed)."""


class DuplicateTaskError(ValueError):
    """Two different functions claim the same kind."""


@dataclass(frozen=True)
class TaskDefinition:
    kind: str
    function: Callable[..., dict[str, Any] | None]
    title: str
    max_attempts: int

    def run(self, job: JobContext, arguments: dict[str, Any]) -> dict[str, Any] | None:
        return self.function(job, **arguments)


_tasks: dict[str, TaskDefinition] = {}


def task(
    kind: str, *, title: str = "", max_attempts: int = DEFAULT_MAX_ATTEMPTS
) -> Callable[[F], F]:
    """Register ``function`` as the task ``kind``; returns the function unchanged.

    ``title`` is a short Thai label for screens (defaults to ``kind``);
    ``max_attempts`` is how many times a worker may start the job before a job
    whose workers keep dying is marked failed.
    """
    if not kind or kind.strip() != kind:
        raise ValueError(f"task kind {kind!r} must be a non-empty name without spaces at the ends")
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def register(function: F) -> F:
        existing = _tasks.get(kind)
        if existing is not None and _qualified_name(existing.function) != _qualified_name(function):
            raise DuplicateTaskError(
                f"task {kind!r} is already registered by {_qualified_name(existing.function)}"
            )
        _tasks[kind] = TaskDefinition(
            kind=kind, function=function, title=title or kind, max_attempts=max_attempts
        )
        return function

    return register


def get_task(kind: str) -> TaskDefinition:
    try:
        return _tasks[kind]
    except KeyError:
        raise UnknownTaskError(f"no task is registered as {kind!r}") from None


def registered_kinds() -> list[str]:
    return sorted(_tasks)


def _qualified_name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"
