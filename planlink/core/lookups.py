"""``__in`` over a long list of integer ids, as one parameter instead of one per id.

The engine reads and writes by id lists (a tambon's 12,000 village needs, their areas, their
referrals): Django's ``__in`` prepares every id through the field (and, for a foreign key,
normalises each value first), then binds one parameter per id — about 4 µs an id, 7–11 % of
an engine step's CPU under cProfile (docs/benchmarks.md). For a plain list of at least
:data:`MANY` Python ints on an integer column (or a foreign key to one), these lookups bind
the whole list once: ``= ANY(%s::bigint[])`` on PostgreSQL, ``IN (SELECT value FROM
json_each(%s))`` on SQLite. Anything else — a subquery, model instances, strings, ``None``
in the list, a short list, a composite key — is Django's own ``__in``, unchanged.

Registered in :class:`planlink.core.apps.CoreConfig.ready` on ``IntegerField`` (and so on
every auto and big integer field) and on ``ForeignObject``.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.db.models.expressions import ColPairs  # type: ignore[attr-defined]
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

MANY = 64
BIGINT = 2**63


def _integer_column(field: Any) -> bool:
    """The lookup's column holds integers: an integer field, or a relation to one."""
    target = getattr(field, "target_field", field)
    return isinstance(target, models.IntegerField)


def many_ids(rhs: Any, field: Any) -> list[int] | None:
    """The ids of ``rhs`` when it is a long plain list of ints for an integer column."""
    if not isinstance(rhs, list | tuple | set | frozenset) or len(rhs) < MANY:
        return None
    if not _integer_column(field):
        return None
    if not all(type(value) is int for value in rhs):  # not bool, not str, not a model
        return None
    ids = sorted(set(rhs))
    if ids[0] < -BIGINT or ids[-1] >= BIGINT:
        return None
    return ids


class _ManyIds:
    """The fast path, before Django's own ``In``/``RelatedIn`` in the method order."""

    lhs: Any
    rhs: Any
    _ids: list[int] | None

    def get_prep_lookup(self) -> Any:
        self._ids = None
        if not isinstance(self.lhs, ColPairs | tuple):  # a composite key: Django's way
            self._ids = many_ids(self.rhs, getattr(self.lhs, "output_field", None))
        if self._ids is not None:
            return self.rhs
        return super().get_prep_lookup()  # type: ignore[misc]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if getattr(self, "_ids", None) is None:
            return super().as_sql(compiler, connection)  # type: ignore[misc, no-any-return]
        lhs, params = self.process_lhs(compiler, connection)  # type: ignore[attr-defined]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, self._ids]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self._ids)]


class ManyIdsIn(_ManyIds, In):  # type: ignore[type-arg]
    lookup_name = "in"


class ManyIdsRelatedIn(_ManyIds, RelatedIn):
    lookup_name = "in"


def register() -> None:
    models.IntegerField.register_lookup(ManyIdsIn)
    ForeignObject.register_lookup(ManyIdsRelatedIn)
