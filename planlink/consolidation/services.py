"""The engine's entry points: run one step (``consolidate``) for an area, or the cluster step
(``consolidate_cluster``) for a provincial cluster."""

from planlink.consolidation.cluster import consolidate_cluster
from planlink.consolidation.steps import StepResult, UnitHooks, consolidate, consolidate_tambon

__all__ = ["StepResult", "UnitHooks", "consolidate", "consolidate_cluster", "consolidate_tambon"]
