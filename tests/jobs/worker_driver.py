"""Run PlanLink job commands in a separate process, with the test tasks registered.

Used by the end-to-end tests to start real worker processes:
``python -m tests.jobs.worker_driver jobs worker --burst``,
``… enqueue KIND JSON [COUNT]``, ``… show ID…``. Settings named in the environment as
``PLANLINK_JOBS_HEARTBEAT_SECONDS`` / ``PLANLINK_JOBS_STALE_AFTER_SECONDS`` are
applied after Django starts.
"""

from __future__ import annotations

import json
import os
import sys


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    for name in ("PLANLINK_JOBS_HEARTBEAT_SECONDS", "PLANLINK_JOBS_STALE_AFTER_SECONDS"):
        if name in os.environ:
            setattr(settings, name, float(os.environ[name]))

    import tests.jobs.tasks_for_tests  # noqa: F401 - registers the test tasks
    from planlink.jobs.models import Job
    from planlink.jobs.selectors import job_as_dict
    from planlink.jobs.services import enqueue

    command, *rest = argv
    if command == "migrate":
        call_command("migrate", verbosity=0)
    elif command == "enqueue":  # enqueue KIND JSON [COUNT] → one job id per line
        kind, arguments, *count = rest
        for _ in range(int(count[0]) if count else 1):
            sys.stdout.write(f"{enqueue(kind, arguments=json.loads(arguments)).pk}\n")
    elif command == "show":  # show ID… → a JSON list of jobs
        jobs = Job.objects.filter(pk__in=[int(job_id) for job_id in rest]).order_by("pk")
        sys.stdout.write(json.dumps([job_as_dict(job) for job in jobs], ensure_ascii=False))
    else:
        call_command(command, *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
