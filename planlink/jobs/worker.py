"""The worker loop behind ``planlink jobs worker``.

One process runs one job at a time; run several processes for parallelism
(each on any machine that reaches the database). SIGTERM or Ctrl-C asks the
worker to stop after the current job; a second signal stops it at once and
hands the current job back to the queue.
"""

from __future__ import annotations

import enum
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from django.db import close_old_connections, connection

from planlink.jobs.context import DEFAULT_PROGRESS_INTERVAL_SECONDS
from planlink.jobs.models import ACTIVE_STATES, Job
from planlink.jobs.runner import heartbeat_interval, new_worker_id, run_next_job

logger = logging.getLogger(__name__)

DEFAULT_SLEEP_SECONDS = 2.0


class WorkerMode(enum.Enum):
    FOREVER = "forever"  # wait for new jobs until stopped (production)
    ONCE = "once"  # run every job that is ready now, then exit
    BURST = "burst"  # keep going until no job is queued or running anywhere, then exit


class Worker:
    def __init__(
        self,
        *,
        worker_id: str | None = None,
        sleep_seconds: float = DEFAULT_SLEEP_SECONDS,
        heartbeat_seconds: float | None = None,
        progress_interval_seconds: float = DEFAULT_PROGRESS_INTERVAL_SECONDS,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.worker_id = worker_id or new_worker_id()
        self.sleep_seconds = sleep_seconds
        self.heartbeat_seconds = (
            heartbeat_seconds if heartbeat_seconds is not None else heartbeat_interval()
        )
        self.progress_interval_seconds = progress_interval_seconds
        self._report = report or (lambda line: logger.info("%s", line))
        self._stop = threading.Event()
        self._signals_received = 0

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def request_stop(self) -> None:
        """Finish the current job (if any), then leave the loop."""
        self._stop.set()

    def run(self, mode: WorkerMode = WorkerMode.FOREVER) -> int:
        """Work until stopped (or, in ONCE/BURST mode, until idle); return how many jobs ran."""
        processed = 0
        self._report(f"ตัวทำงาน {self.worker_id} เริ่มทำงาน · worker started ({mode.value})")
        while not self._stop.is_set():
            _close_old_connections()
            started = time.monotonic()
            job = run_next_job(
                worker_id=self.worker_id,
                heartbeat_seconds=self.heartbeat_seconds,
                progress_interval_seconds=self.progress_interval_seconds,
            )
            if job is not None:
                processed += 1
                seconds = time.monotonic() - started
                self._report(f"#{job.pk} {job.kind}: {job.get_state_display()} ({seconds:.1f} s)")
                continue
            if mode is WorkerMode.ONCE:
                break
            if (
                mode is WorkerMode.BURST
                and not Job.objects.filter(state__in=ACTIVE_STATES).exists()
            ):
                break
            self._stop.wait(self.sleep_seconds)
        _close_old_connections()
        self._report(f"ตัวทำงานหยุดแล้ว · worker stopped after {processed} job(s)")
        return processed

    @contextmanager
    def signals_handled(self) -> Iterator[None]:
        """Install SIGTERM/SIGINT handlers for the duration (main thread only)."""
        previous = {
            number: signal.signal(number, self._on_signal)
            for number in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        self._signals_received += 1
        if self._signals_received == 1:
            self._report(
                "ได้รับสัญญาณหยุด จะหยุดเมื่องานปัจจุบันเสร็จ · "
                "stop requested; finishing the current job first"
            )
            self.request_stop()
            return
        # Second signal: stop now. execute_job hands the running job back to the queue.
        raise SystemExit(128 + number)


def _close_old_connections() -> None:
    """Drop broken or expired connections between jobs (CONN_MAX_AGE, a restarted server).

    Skipped inside a transaction: only a test wraps the worker in one, and
    closing there would end the test's transaction.
    """
    if not connection.in_atomic_block:
        close_old_connections()
