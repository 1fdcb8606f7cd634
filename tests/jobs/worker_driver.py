"""Run PlanLink job commands in a separate process, with the test tasks registered.

Used by the end-to-end tests to start real worker processes:
``python -m tests.jobs.worker_driver jobs worker --burst``,
``… enqueue KIND JSON``, ``… show ID``. Settings named in the environment as
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
    elif command == "enqueue":
        kind, arguments = rest
        sys.stdout.write(f"{enqueue(kind, arguments=json.loads(arguments)).pk}\n")
    elif command == "show":
        sys.stdout.write(
            json.dumps(job_as_dict(Job.objects.get(pk=int(rest[0]))), ensure_ascii=False)
        )
    else:
        call_command(command, *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
