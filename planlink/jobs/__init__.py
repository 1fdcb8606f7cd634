"""งานเบื้องหลัง · PlanLink's database-backed background job queue.

Long work — a province's consolidation (การรวมแผนระดับจังหวัด), a big import,
a plan book — runs outside the web request. The queue is a table (``Job``) in
the project's own database, so it needs no extra server and works the same on
SQLite and PostgreSQL. See ``docs/jobs.md`` for the guarantees.

Public entry points:

* ``planlink.jobs.registry.task`` — decorator registering a task function.
* ``planlink.jobs.context.JobContext`` — what a task receives as ``job``.
* ``planlink.jobs.services.enqueue`` — put a job on the queue.
* ``planlink.jobs.selectors.job_status`` — the dict a page polls.
"""
