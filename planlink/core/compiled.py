"""Queries the ORM writes once per process and a request runs as plain SQL (issue 16).

Every signed-in request reads the same few small things (the user's grants, say). Django
builds and compiles such a query anew each time, and on a kept page that compiling costs more
than the database does. :func:`compiled_rows` asks the ORM for the statement once per
process and database, with *probe* parameters, and then runs that statement with the real
ones. The ORM stays the single description of the query (joins, table and column names);
only the Python around it is skipped — so the rows are the database's raw values, without the
ORM's converters (SQLite gives booleans as 0/1: convert what you read).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import QuerySet

_STATEMENTS: dict[tuple[str, str], str] = {}


class CompileError(RuntimeError):
    """The compiled statement's parameters are not exactly the probes (a programming error)."""


def compiled_rows(
    name: str,
    build: Callable[..., QuerySet[Any]],
    probes: Sequence[Any],
    params: Sequence[Any],
    *,
    using: str = "default",
) -> list[tuple[Any, ...]]:
    """The rows of ``build(*probes)``'s statement run with ``params`` in place of the probes.

    ``name`` identifies the query in this process. ``probes`` must be values the statement
    carries as its only parameters, each once and in the order given (checked when it is
    compiled): choose values no other part of the query uses."""
    key = (using, name)
    statement = _STATEMENTS.get(key)
    if statement is None:
        sql, compiled = build(*probes).query.sql_with_params()
        if tuple(compiled) != tuple(probes):
            raise CompileError(f"{name}: parameters {compiled!r} are not the probes {probes!r}")
        statement = _STATEMENTS[key] = sql
    with connections[using].cursor() as cursor:
        cursor.execute(statement, list(params))
        return list(cursor.fetchall())
