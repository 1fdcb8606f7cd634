"""Set-based writes for the engine's hot paths.

Django's ``bulk_update`` builds one ``CASE WHEN`` expression per row and field,
which costs more Python time than the database spends on the rows. These
helpers send plain parameterised statements with ``executemany`` instead —
pipelined by psycopg 3 on PostgreSQL and prepared once by SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


_CONVERTED = (models.DateTimeField, models.DateField, models.DecimalField, models.JSONField)


def _prepared(
    model: type[models.Model], fields: Sequence[str], rows: list[Sequence[Any]], extra: int
) -> list[tuple]:
    """Adapt values the way Django would for the fields that need it (dates, decimals, JSON)."""
    meta = model._meta
    converters = []
    for name in fields:
        field = meta.get_field(name)
        if isinstance(field, _CONVERTED):
            converters.append(lambda value, field=field: field.get_db_prep_save(value, connection))
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


def update_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """``UPDATE table SET f1=?, f2=? WHERE id=?`` for each row ``(v1, v2, …, pk)``."""
    rows = list(rows)
    if not rows:
        return 0
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    sql = (
        f"UPDATE {_quote(meta.db_table)} SET "
        + ", ".join(f"{_quote(column)} = %s" for column in columns)
        + f" WHERE {_quote(meta.pk.column)} = %s"
    )
    rows = _prepared(model, fields, rows, extra=1)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """``INSERT INTO table (f1, f2…) VALUES (?, ?…)`` for each row; no primary keys returned."""
    rows = list(rows)
    if not rows:
        return 0
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    sql = (
        f"INSERT INTO {_quote(meta.db_table)} ("
        + ", ".join(_quote(c) for c in columns)
        + ") VALUES ("
        + ", ".join(["%s"] * len(columns))
        + ")"
    )
    rows = _prepared(model, fields, rows, extra=0)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)


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
