"""The import graph between the apps: the feature apps build on each other in one direction only,
and other apps use the options app only through its documented interface (docs/architecture.md)."""

import ast
import graphlib
from pathlib import Path

import regiokompas

ROOT = Path(regiokompas.__file__).parent
# Every package takes part in the graph (the audit log, the document model and renderers, reference
# data, the engine and conf.limits/conf.config too), except:
# - accounts. accounts.permissions is the one place that decides access, so it reads the models it
#   guards (register.Document and Trajectory, publications.InformationEvent, search.EntryKind) while
#   every app asks it; and a user's membership of trajectories joins accounts and register both
#   ways: register.setup_services makes the creator of a trajectory a member
#   (accounts.services.add_creator_membership), accounts.services, users, forms and demo read
#   register.Trajectory, Municipality and Organisation and raise register.errors. Both are cycles by
#   design (docs/architecture.md, "Grenzen" and "Rechten").
PLATFORM = {"accounts"}
# The settings put the apps together (REST_FRAMEWORK from api.conf, the logging of ops.logs, the
# CSP hash of documents.render): no module imports them (apps read django.conf.settings), so their
# imports are not dependencies of conf.
COMPOSITION_ROOT = {Path("conf", "settings.py"), Path("conf", "test_settings.py")}
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
    for app, path, name in _imports():
        target = name.split(".")[1]
        if path.relative_to(ROOT) in COMPOSITION_ROOT:
            continue
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
    assert order.index("conf") < order.index("documents") < order.index("publications")
    assert order.index("engine") < order.index("options") and order.index("audit") < order.index("register")


def test_no_module_imports_the_settings():
    offending = sorted(f"{path.relative_to(ROOT)}: {name}" for _, path, name in _imports()
                       if name.startswith("regiokompas.conf.settings") and path.relative_to(ROOT) not in COMPOSITION_ROOT)
    assert offending == []


def test_other_apps_use_options_only_through_its_interface():
    offending = sorted(f"{path.relative_to(ROOT)}: {name}" for app, path, name in _imports()
                       if app != "options" and name.startswith("regiokompas.options.")
                       and not any(name == allowed or name.startswith(allowed + ".") for allowed in OPTIONS_INTERFACE))
    assert offending == []
