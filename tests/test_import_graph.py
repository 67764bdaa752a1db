"""The import graph between the apps: the feature apps build on each other in one direction only,
and other apps use the options app only through its documented interface (docs/architecture.md)."""

import ast
import graphlib
from pathlib import Path

import regiokompas

ROOT = Path(regiokompas.__file__).parent
# The platform every app stands on: settings, accounts (with accounts.permissions, the one place
# that decides access and therefore reads the models it guards), the audit log, the document model
# and renderers, reference data and the engine. They are not part of the feature graph.
PLATFORM = {"conf", "accounts", "audit", "documents", "data", "engine", "static", "templates"}
OPTIONS_INTERFACE = ("regiokompas.options.interface", "regiokompas.options.chapters")


def _imports():
    """(app, module file, imported name) for every absolute import of regiokompas, also inside
    functions; ``from a.b import c`` gives ``a.b.c``."""
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) == 1:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                if name.startswith("regiokompas."):
                    yield parts[0], path, name


def _feature_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for app, _, name in _imports():
        target = name.split(".")[1]
        if target != app and app not in PLATFORM and target not in PLATFORM and (ROOT / target).is_dir():
            graph.setdefault(app, set()).add(target)
    return graph


def test_feature_apps_import_each_other_without_a_cycle():
    graph = _feature_graph()
    assert graph["finance"] >= {"options", "register"}  # the graph is read at all
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        raise AssertionError(f"importcyclus tussen apps: {' -> '.join(exc.args[1])}") from None
    assert order.index("register") < order.index("options") < order.index("finance")


def test_other_apps_use_options_only_through_its_interface():
    offending = sorted(f"{path.relative_to(ROOT)}: {name}" for app, path, name in _imports()
                       if app != "options" and name.startswith("regiokompas.options.")
                       and not any(name == allowed or name.startswith(allowed + ".") for allowed in OPTIONS_INTERFACE))
    assert offending == []
