"""Set-based writes for the engine's hot paths.

Django's ``bulk_update`` builds one ``CASE WHEN`` expression per row and field, and
``bulk_create`` builds a model instance per row; both cost more Python time than the
database spends on the rows. These helpers write plain rows instead: on SQLite one
prepared statement run per row (``executemany``); on PostgreSQL ``COPY`` for inserts and
one ``UPDATE … FROM unnest(arrays)`` per 5,000 rows for updates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


_CONVERTED = (models.DateTimeField, models.DateField, models.DecimalField, models.JSONField)
Converter = Callable[[Any], Any]


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field


def column_name(model: type[models.Model], name: str) -> str:
    """The database column of a model's concrete field ``name``."""
    return str(_field(model, name).column)


def _memoised(field: models.Field[Any, Any]) -> Converter:
    """A converter that adapts each distinct value once (a batch repeats its timestamps and
    many of its amounts)."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            adapted = seen[value] = field.get_db_prep_save(value, connection)
            return adapted

    return convert


def _prepared(
    model: type[models.Model], fields: Sequence[str], rows: list[Sequence[Any]], extra: int
) -> list[tuple[Any, ...]]:
    """Adapt values the way Django would for the fields that need it (dates, decimals, JSON)."""
    converters: list[Converter | None] = []
    for name in fields:
        field = _field(model, name)
        if isinstance(field, models.JSONField):

            def prepare(value: Any, field: models.Field[Any, Any] = field) -> Any:
                return field.get_db_prep_save(value, connection)

            converters.append(prepare)
        elif isinstance(field, _CONVERTED):
            converters.append(_memoised(field))
        else:
            converters.append(None)
    converters += [None] * extra
    if not any(converters):
        return [tuple(row) for row in rows]
    return [
        tuple(
            value if convert is None or value is None else convert(value)
            for value, convert in zip(row, converters, strict=True)
        )
        for row in rows
    ]


def _array_types(model: type[models.Model], fields: Sequence[str]) -> list[str]:
    """PostgreSQL array types for ``unnest``: each column's own type, e.g. ``varchar(12)[]``."""
    return [f"{_field(model, name).db_type(connection)}[]" for name in fields]


def _unnest(model: type[models.Model], fields: Sequence[str]) -> str:
    types = _array_types(model, fields)
    return "unnest(" + ", ".join(f"%s::{t}" for t in types) + ")"


def _columns_of(rows: list[tuple[Any, ...]], width: int) -> list[list[Any]]:
    return [[row[i] for row in rows] for i in range(width)]


def update_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """``UPDATE table SET f1=?, f2=? WHERE id=?`` for each row ``(v1, v2, …, pk)``.

    On PostgreSQL one statement per 5,000 rows joins the table to ``unnest`` of one array
    per column; on SQLite a prepared statement runs once per row (``executemany``).
    """
    given = list(rows)
    if not given:
        return 0
    meta = model._meta
    table, pk = _quote(meta.db_table), _quote(column_name(model, meta.pk.name))
    columns = [_quote(column_name(model, name)) for name in fields]
    prepared = _prepared(model, fields, given, extra=1)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = [f"c{i}" for i in range(len(columns))]
            sql = (
                f"UPDATE {table} SET "
                + ", ".join(f"{c} = v.{n}" for c, n in zip(columns, names, strict=True))
                + f" FROM {_unnest(model, [*fields, meta.pk.name])} AS v({', '.join(names)}, pk)"
                + f" WHERE {table}.{pk} = v.pk"
            )
            for start in range(0, len(prepared), 5000):
                cursor.execute(sql, _columns_of(prepared[start : start + 5000], len(columns) + 1))
        else:
            sql = (
                f"UPDATE {table} SET "
                + ", ".join(f"{column} = %s" for column in columns)
                + f" WHERE {pk} = %s"
            )
            for start in range(0, len(prepared), 5000):
                cursor.executemany(sql, prepared[start : start + 5000])
    return len(prepared)


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """``INSERT INTO table (f1, f2…) VALUES (?, ?…)`` for each row; no primary keys returned.

    On PostgreSQL one ``COPY … FROM STDIN``; on SQLite a prepared statement runs once per
    row.
    """
    given = list(rows)
    if not given:
        return 0
    meta = model._meta
    columns = [column_name(model, name) for name in fields]
    head = f"INSERT INTO {_quote(meta.db_table)} (" + ", ".join(_quote(c) for c in columns) + ")"
    prepared = _prepared(model, fields, given, extra=0)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: psycopg formats each row in C; no statement to parse per batch.
            with cursor.cursor.copy(f"COPY {head[12:]} FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            sql = f"{head} VALUES (" + ", ".join(["%s"] * len(columns)) + ")"
            for start in range(0, len(prepared), 5000):
                cursor.executemany(sql, prepared[start : start + 5000])
    return len(prepared)


def insert_dicts(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows given as ``{field name: value}``; every other field takes its default.

    For the engine's inserts of thousands of projects: no model instances are built
    (``bulk_create`` spends more Python time on them than the database spends on the
    rows). ``auto_now``/``auto_now_add`` fields get the current time. Primary keys are
    not returned: read them back by a natural key (``engine_key``).
    """
    rows = list(rows)
    if not rows:
        return 0
    from django.utils import timezone

    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if f is not model._meta.auto_field]
    names = [f.attname for f in fields]
    defaults: dict[str, Any] = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        else:
            defaults[field.attname] = field.get_default()
    given = {name for row in rows for name in row}
    unknown = given - set(names)
    if unknown:
        raise ValueError(f"{model.__name__} has no field(s) {sorted(unknown)}")
    return insert_rows(
        model,
        [f.name for f in fields],
        ([row.get(name, defaults[name]) for name in names] for row in rows),
    )
