"""Public entry points of the consolidation engine (see ``steps.py``)."""

from planlink.consolidation.steps import StepResult, consolidate, consolidate_tambon, run_cycle

__all__ = ["StepResult", "consolidate", "consolidate_tambon", "run_cycle"]
