"""The layout the README's module map describes, held: dependencies run one way (speakers below
the programme, nothing production loads imports the development tooling), no two modules
import each other, and each shared idea lives in one place."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
APPS = ["conferences", "speakers", "vmc_project", "devtools"]


def modules():
    """{dotted module name: path} of the application code, migrations aside."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(path, known):
    """The application modules a file imports, wherever the import statement stands."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                imported.add(name)
    return imported


def import_graph():
    known = modules()
    return {name: imports_of(path, known) - {name} for name, path in known.items()}


def test_speakers_is_the_lower_layer_and_imports_nothing_of_the_programme():
    offending = {
        (module, target)
        for module, targets in import_graph().items()
        if module.startswith("speakers")
        for target in targets
        if target.startswith(("conferences", "devtools"))
    }
    assert offending == set()


def test_production_never_loads_the_development_tooling():
    from vmc_project import settings as production

    assert "devtools" not in production.INSTALLED_APPS
    assert "devtools" in settings.INSTALLED_APPS  # the tests run with settings_test
    offending = {
        (module, target)
        for module, targets in import_graph().items()
        if not module.startswith("devtools")
        and module not in ("vmc_project.settings_dev", "vmc_project.settings_test")
        for target in targets
        if target.startswith("devtools")
    }
    assert offending == set()


def test_no_two_modules_import_each_other():
    graph = import_graph()
    pairs = {
        tuple(sorted((module, target)))
        for module, targets in graph.items()
        for target in targets
        if module in graph.get(target, ())
        and not module.startswith(target + ".")
        and not target.startswith(module + ".")
    }
    assert pairs == set()


def test_the_conferences_package_keeps_at_most_twelve_modules_at_its_top():
    top = sorted(path.name for path in (ROOT / "conferences").glob("*.py"))
    assert len(top) <= 12, top


def occurrences(text, *, allowed):
    return sorted(
        str(path.relative_to(ROOT))
        for path in modules().values()
        if text in path.read_text(encoding="utf-8") and str(path.relative_to(ROOT)) not in allowed
    )


def test_each_shared_idea_is_written_once():
    # Accent folding: vmc_project/text.py.
    assert occurrences('normalize("NFKD"', allowed={"vmc_project/text.py"}) == []
    # The programme's time zone: conferences/models.py (settings.py has the server's default).
    assert occurrences('"Europe/Vienna"', allowed={"conferences/models.py", "vmc_project/settings.py"}) == []
    # The watch over content writes: vmc_project/writes.py.
    assert occurrences("execute_wrappers", allowed={"vmc_project/writes.py"}) == []
    # Whether a user may preview drafts: conferences/querysets.py.
    assert occurrences("def can_preview", allowed={"conferences/querysets.py"}) == []


def test_the_settings_do_not_detect_the_test_runner():
    assert occurrences("pytest", allowed={"vmc_project/settings_test.py"}) == []
