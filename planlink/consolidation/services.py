"""The engine's entry points: run one step (``consolidate``) for an area."""

from planlink.consolidation.steps import StepResult, UnitHooks, consolidate, consolidate_tambon

__all__ = ["StepResult", "UnitHooks", "consolidate", "consolidate_tambon"]
