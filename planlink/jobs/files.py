"""Where a job's result files live: ``<DATA_DIR>/jobs/<job id>/<file name>``.

``Job.result_file`` stores the path relative to ``settings.DATA_DIR`` so that
the data directory can move between machines. Nothing outside ``DATA_DIR`` is
ever served or deleted.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from django.conf import settings

JOBS_SUBDIRECTORY = "jobs"


class UnsafeResultPathError(ValueError):
    """A result path would leave the data directory."""


def data_directory() -> Path:
    return Path(settings.DATA_DIR).resolve()


def job_output_relative_path(job_id: int, filename: str) -> str:
    """``jobs/<id>/<filename>``; ``filename`` must be a plain file name."""
    name = PurePosixPath(filename)
    if (
        not filename
        or len(name.parts) != 1
        or name.name in {".", ".."}
        or "\\" in filename
        or "\x00" in filename
    ):
        raise UnsafeResultPathError(f"{filename!r} is not a plain file name")
    return f"{JOBS_SUBDIRECTORY}/{job_id}/{filename}"


def resolve_result_file(relative_path: str) -> Path:
    """Absolute path of a stored ``result_file``; refuses paths outside ``DATA_DIR``."""
    base = data_directory()
    candidate = (base / relative_path).resolve()
    if not relative_path or not candidate.is_relative_to(base):
        raise UnsafeResultPathError(f"{relative_path!r} is not inside the data directory")
    return candidate


def remove_job_directory(job_id: int) -> None:
    """Delete ``<DATA_DIR>/jobs/<id>/`` if it exists (after a purge)."""
    directory = data_directory() / JOBS_SUBDIRECTORY / str(int(job_id))
    shutil.rmtree(directory, ignore_errors=True)
