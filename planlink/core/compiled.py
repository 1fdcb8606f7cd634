"""Queries the ORM writes once per process and a request runs as plain SQL (issue 16).

Every signed-in request reads the same few small things (the user, their grants). Django
builds and compiles such a query anew each time, and on a kept page that compiling costs more
than the database does. :func:`compiled_rows` asks the ORM's compiler for the statement and
its value converters once per process and database, with *probe* parameters, and then runs
that statement with the real ones. The ORM stays the single description of the query (joins,
table and column names, how a column's value is read back); only the Python that builds the
same statement again on every request is skipped.

On PostgreSQL these statements are also *prepared* on the connection (:func:`hot_cursor`):
the server parses and plans each once per connection and then only runs it, where Django's
cursors send every statement as text to be parsed and planned again (a signed-in request is
three such statements; issue 16's load target). ``PLANLINK_DB_PREPARED = false`` turns it
off, for a connection pooler that cannot keep prepared statements (docs/deployment.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet


class CompileError(RuntimeError):
    """The compiled statement's parameters are not exactly the probes (a programming error)."""


@dataclass(frozen=True)
class Statement:
    sql: str
    # Per column position: the converters the ORM applies and the expression they take.
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]


_STATEMENTS: dict[tuple[str, str], Statement] = {}


def _compile(
    name: str, build: Callable[..., QuerySet[Any]], probes: Sequence[Any], using: str
) -> Statement:
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
    return Statement(sql, converters)


def compiled_statement(
    name: str,
    build: Callable[..., QuerySet[Any]],
    probes: Sequence[Any],
    *,
    using: str = "default",
) -> Statement:
    """The statement of ``build(*probes)`` and its value converters, compiled once per process
    (see :func:`compiled_rows` for what the probes must be)."""
    statement = _STATEMENTS.get((using, name))
    if statement is None:
        statement = _STATEMENTS[(using, name)] = _compile(name, build, probes, using)
    return statement


def read_back(
    statement: Statement, rows: Sequence[Sequence[Any]], *, using: str = "default", skip: int = 0
) -> list[tuple[Any, ...]]:
    """``rows`` of ``statement`` read back as the ORM would, each row's first ``skip`` values
    left out (a statement that carries more columns in front of the compiled ones)."""
    connection = connections[using]
    converted = []
    for given in rows:
        row = list(given[skip:])
        for position, converters, expression in statement.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        converted.append(tuple(row))
    return converted


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
    statement = compiled_statement(name, build, probes, using=using)
    with hot_cursor(using) as cursor:
        cursor.execute(statement.sql, list(params))
        rows = cursor.fetchall()
    return read_back(statement, rows, using=using)


NEVER_AUTOMATIC = 2**31 - 1


@cache
def _prepared_cursor_class() -> type:
    """Django's server-binding cursor for psycopg 3 that prepares every statement it runs."""
    from django.db.backends.postgresql.base import (  # type: ignore[attr-defined]
        ServerBindingCursor,
    )

    class PreparedCursor(ServerBindingCursor):  # type: ignore[misc]
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            kwargs["prepare"] = True
            return super().execute(query, params, **kwargs)

        def _send_query_prepared(self, name: bytes, pgq: Any, **kwargs: Any) -> None:
            # psycopg keeps the statement it ran only when it was not prepared; Django's
            # query log and counts read it (``last_executed_query``).
            self._query = pgq
            super()._send_query_prepared(name, pgq, **kwargs)

    return PreparedCursor


def _prepares(connection: Any) -> bool:
    if connection.vendor != "postgresql" or not settings.PLANLINK_DB_PREPARED:
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return bool(is_psycopg3)


@contextmanager
def hot_cursor(using: str = "default") -> Iterator[Any]:
    """A cursor for the few statements every request runs, as Django's ``cursor()`` makes it
    (its wrappers: query logging, ``execute_wrapper``, error translation), whose statements
    PostgreSQL prepares once per connection (psycopg 3's ``prepare=True``; the connection
    keeps at most 100, least recently used first out). Elsewhere: Django's cursor.

    Only for statements whose text is fixed (parameters as ``%s``), run again and again."""
    connection = connections[using]
    if not _prepares(connection):
        with connection.cursor() as cursor:
            yield cursor
        return
    # What ``connection.cursor()`` does (BaseDatabaseWrapper._cursor), with a cursor class of
    # our own for this one cursor: the connection is this thread's alone.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = connection.connection
        if raw.prepare_threshold is None:
            # Django turns psycopg's preparing off for the connection (None), and with it
            # ``prepare=True``. Django's own cursors bind on the client and never prepare:
            # this turns it on for the statements that ask only (no automatic preparing).
            raw.prepare_threshold = NEVER_AUTOMATIC
        factory = raw.cursor_factory
        raw.cursor_factory = _prepared_cursor_class()
        try:
            cursor = connection.create_cursor()
        finally:
            raw.cursor_factory = factory
    with connection._prepare_cursor(cursor) as wrapped:  # type: ignore[attr-defined]
        yield wrapped
