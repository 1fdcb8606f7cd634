"""Queries the ORM writes once per process and a request runs as plain SQL (issue 16).

Every signed-in request reads the same few small things (the user, their grants). Django
builds and compiles such a query anew each time, and on a kept page that compiling costs more
than the database does. :func:`compiled_rows` asks the ORM's compiler for the statement and
its value converters once per process and database, with *probe* parameters, and then runs
that statement with the real ones. The ORM stays the single description of the query (joins,
table and column names, how a column's value is read back); only the Python that builds the
same statement again on every request is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet


class CompileError(RuntimeError):
    """The compiled statement's parameters are not exactly the probes (a programming error)."""


@dataclass(frozen=True)
class _Statement:
    sql: str
    # Per column position: the converters the ORM applies and the expression they take.
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]


_STATEMENTS: dict[tuple[str, str], _Statement] = {}


def _compile(
    name: str, build: Callable[..., QuerySet[Any]], probes: Sequence[Any], using: str
) -> _Statement:
    queryset = build(*probes)
    compiler = queryset.query.get_compiler(using)
    sql, compiled = compiler.as_sql()
    if tuple(compiled) != tuple(probes):
        raise CompileError(f"{name}: parameters {compiled!r} are not the probes {probes!r}")
    expressions = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = tuple(
        (position, tuple(found), expression)
        for position, (found, expression) in compiler.get_converters(expressions).items()
    )
    return _Statement(sql, converters)


def compiled_rows(
    name: str,
    build: Callable[..., QuerySet[Any]],
    probes: Sequence[Any],
    params: Sequence[Any],
    *,
    using: str = "default",
) -> list[tuple[Any, ...]]:
    """The rows of ``build(*probes)`` — a ``values_list`` query — run with ``params`` in
    place of the probes, read back as the ORM would (booleans, dates).

    ``name`` identifies the query in this process. ``probes`` must be values the statement
    carries as its only parameters, each once and in the order given (checked when it is
    compiled): choose values no other part of the query uses."""
    statement = _STATEMENTS.get((using, name))
    if statement is None:
        statement = _STATEMENTS[(using, name)] = _compile(name, build, probes, using)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, list(params))
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for position, converters, expression in statement.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
    return [tuple(row) for row in rows]
