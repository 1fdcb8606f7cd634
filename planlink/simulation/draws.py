"""The lots the simulation draws: one seeded generator per decision.

A lot is seeded by what is decided (``kind``) and by a key of the thing decided, so a
re-run — or a run resumed after a crash — decides exactly the same.
"""

from __future__ import annotations

import random


def lot(kind: str, key: object) -> random.Random:
    """The generator of one simulated decision."""
    return random.Random(f"planlink-sim:{kind}:{key}")
