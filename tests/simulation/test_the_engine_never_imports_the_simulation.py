"""The simulation sits above the engine: nothing outside ``planlink/simulation`` imports it.

Only ``settings.INSTALLED_APPS`` names the app; no module imports it, directly or by a
dotted string handed to an importer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import planlink

ROOT = Path(planlink.__file__).parent


def _mentions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value] if node.value.startswith("planlink.simulation") else []
        else:
            continue
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}"
            for name in names
            if name == "planlink.simulation" or name.startswith("planlink.simulation.")
        ]
    return found


def test_no_module_outside_the_simulation_imports_it():
    offenders = [
        mention
        for path in sorted(ROOT.rglob("*.py"))
        if "simulation" not in path.relative_to(ROOT).parts[:1]
        and path.relative_to(ROOT).as_posix() != "settings.py"
        for mention in _mentions(path)
    ]
    assert offenders == []


def test_the_check_sees_an_import_when_there_is_one(tmp_path, monkeypatch):
    module = tmp_path / "engine.py"
    module.write_text(
        "from planlink.simulation.receivers import RECEIVERS\n"
        "import importlib\n"
        "importlib.import_module('planlink.simulation.runs')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert _mentions(module) == ["engine.py:1", "engine.py:3"]
