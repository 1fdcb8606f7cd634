"""The simulation: a clearly synthetic planning year, and the people who decide in it.

Everything here stands in for the real world so that PlanLink can be shown, tested and
measured without real plans: synthetic village plans (``plans``), the decisions of
the bodies that receive projects — LAOs, the coordination committees, the อบจ., the
province and the line agencies (``receivers``) — and the agencies' supply notices
(``notices``). ``planlink demo`` and ``planlink cycle`` run it.

The engine (``planlink.consolidation``) and every other domain app never import this
package: the simulation drives the engine through the same steps and services a
person uses, and hands the engine its simulated receivers as hooks. Simulated
decisions are refused on a cycle that is not synthetic (``guard``).
"""
