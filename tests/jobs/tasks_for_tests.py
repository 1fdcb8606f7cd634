"""Tasks registered only for the job-queue tests (synthetic data, not real plans).

``calls`` records every start of a task so a test can count executions;
``hooks`` lets a test run code between the steps of ``tests.steps`` (for
example: cancel the job, or look at the row from outside).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from planlink.jobs.context import JobContext
from planlink.jobs.registry import task

calls: list[tuple[str, int]] = []
hooks: dict[str, Callable[[JobContext, int], None]] = {}
flaky_should_fail: dict[str, bool] = {"fail": True}


def reset() -> None:
    calls.clear()
    hooks.clear()
    flaky_should_fail["fail"] = True


@task("tests.sum_budgets", title="รวมงบประมาณโครงการ (ทดสอบ)")
def sum_budgets(job: JobContext, *, village: str, amounts: list[str]) -> dict[str, Any]:
    """Add up project budgets (baht as strings) for one synthetic village."""
    calls.append(("tests.sum_budgets", job.job_id))
    total = Decimal("0")
    for index, amount in enumerate(amounts, start=1):
        total += Decimal(amount)
        job.progress(index * 100 // len(amounts), f"รวมโครงการ {index}/{len(amounts)} ของ{village}")
    return {"village": village, "total": total, "projects": len(amounts)}


@task("tests.fail", title="งานที่ล้มเหลว (ทดสอบ)")
def always_fail(job: JobContext, *, village: str) -> dict[str, Any]:
    calls.append(("tests.fail", job.job_id))
    job.progress(30, "กำลังอ่านแผนชุมชน")
    raise ValueError(f"ไม่พบแผนชุมชนของ{village}")


@task("tests.flaky", title="งานที่ล้มเหลวครั้งแรก (ทดสอบ)")
def flaky(job: JobContext) -> dict[str, Any]:
    calls.append(("tests.flaky", job.job_id))
    if flaky_should_fail["fail"]:
        raise RuntimeError("ฐานข้อมูลแผนอำเภอยังไม่พร้อม")
    return {"ok": True}


@task("tests.steps", title="งานหลายขั้นตอน (ทดสอบ)", max_attempts=2)
def steps(job: JobContext, *, count: int, pause_seconds: float = 0.0) -> dict[str, Any]:
    """``count`` steps; runs ``hooks["between"]`` and reports progress after each."""
    calls.append(("tests.steps", job.job_id))
    done = 0
    for step in range(1, count + 1):
        if pause_seconds:
            time.sleep(pause_seconds)
        done = step
        hook = hooks.get("between")
        if hook is not None:
            hook(job, step)
        job.progress(step * 100 // count, f"ขั้นตอนที่ {step} จาก {count}")
    return {"steps": done, "attempt": job.attempt}


@task("tests.write_file", title="สร้างเอกสาร (ทดสอบ)")
def write_file(job: JobContext, *, filename: str, text: str) -> dict[str, Any]:
    path = job.output_path(filename)
    path.write_text(text, encoding="utf-8")
    return {"characters": len(text)}


@task("tests.returns_list")
def returns_list(job: JobContext) -> Any:
    return ["ไม่ใช่", "dict"]


@task("tests.returns_url")
def returns_url(job: JobContext, *, plan_id: int) -> dict[str, Any]:
    return {"url": f"/plans/{plan_id}/book/"}


@task("tests.trace", title="งานที่บันทึกทุกครั้งที่เริ่ม (ทดสอบ)", max_attempts=3)
def trace(job: JobContext, *, trace_file: str, count: int, pause_seconds: float) -> dict[str, Any]:
    """Append one line per start to ``trace_file`` (works across worker processes)."""
    import os

    with open(trace_file, "a", encoding="utf-8") as handle:
        handle.write(f"{job.job_id} {job.attempt} {os.getpid()}\n")
    for step in range(1, count + 1):
        time.sleep(pause_seconds)
        job.progress(step * 100 // count, f"ขั้นตอนที่ {step} จาก {count}")
    return {"steps": count, "attempt": job.attempt, "pid": os.getpid()}
