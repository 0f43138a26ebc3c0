"""The shape of the code: an import graph without cycles whose arrows only point down a
layer, modules and functions small enough to read, and migrations that are frozen history.

Read with `ast` from the source files; nothing is imported, no database is needed.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("blog", "core")
MAX_MODULE_LINES, MAX_TEST_MODULE_LINES, MAX_FUNCTION_LINES = 300, 400, 40

# Each module's floor, most specific prefix first. A module may import only from its own
# floor or below: pure helpers know nothing of Django models, models know no services,
# views or admin, and only the wiring at the top sees everything.
LAYERS = [
    # 0: pure helpers over text, HTML and PDF bytes
    ("blog.hebrew", 0),
    ("blog.morphology_rules", 0),
    ("blog.morphology", 0),
    ("blog.snippets", 0),
    ("blog.pdf_sandbox", 0),
    ("blog.pdf_text", 0),
    ("blog.pdf", 0),
    ("blog.sanitize", 0),
    ("blog.typography", 0),
    ("blog.converters", 0),
    ("blog.textdiff", 0),
    ("blog.images", 0),
    ("blog.importers.records", 0),
    ("blog.importers.wordpress", 0),
    ("blog.importers.content", 0),
    ("blog.importers.report", 0),
    ("core.translation_overrides", 0),
    ("core.storage", 0),
    ("core.logs", 0),
    ("blog.clientip", 0),
    ("blog.own_comments", 0),
    ("core.failsoft_cache", 0),
    # 1: query building that needs no model
    ("blog.search_index", 1),
    ("blog.search", 1),
    ("blog.files", 1),
    # 2: models
    ("blog.models", 2),
    ("core.models", 2),
    # 3: services over models
    ("blog.decks", 3),
    ("blog.moderation", 3),
    ("blog.signals", 3),
    ("blog.notifications", 3),
    ("blog.tasks", 3),
    ("blog.media", 3),
    ("blog.cache", 3),
    ("blog.trash", 3),
    ("blog.revisions", 3),
    ("core.redirects", 3),
    ("core.cache", 3),
    ("blog.importers", 3),
    ("core.backup", 3),
    ("core.wxr", 3),
    # 4: what readers and editors reach: forms, views, admin, feeds, template tags, commands
    ("blog.forms", 4),
    ("blog.views", 4),
    ("blog.admin", 4),
    ("blog.feeds", 4),
    ("blog.comment_feeds", 4),
    ("blog.sitemaps", 4),
    ("blog.templatetags", 4),
    ("blog.management", 4),
    ("core.views", 4),
    ("core.checks", 4),
    ("core.admin", 4),
    ("core.sitemaps", 4),
    ("core.middleware", 4),
    ("core.bad_input", 4),
    ("core.login_guard", 4),
    ("core.health", 4),
    ("core.media", 4),
    ("core.context_processors", 4),
    ("core.management", 4),
    # 5: wiring
    ("blog.urls", 5),
    ("blog.apps", 5),
    ("core.urls", 5),
    ("core.apps", 5),
    ("core.settings", 5),
    ("core.wsgi", 5),
    ("core.asgi", 5),
    ("blog", 5),
    ("core", 5),
]


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources(*roots, with_migrations=False):
    for root in roots:
        for path in sorted((ROOT / root).rglob("*.py")):
            if with_migrations or "migrations" not in path.parts:
                yield path


def _is_test(module):
    return ".tests" in module or module.rsplit(".", 1)[-1].startswith("test_")


def _imported_modules(tree, module, modules, is_package):
    """The project modules `tree` imports, at the top or inside a function.

    `from blog import moderation` imports the module blog.moderation, while
    `from blog.models import Post` imports the package blog.models.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in modules else base


def import_graph():
    """{module: {project modules it imports}} for blog/ and core/, tests included."""
    paths = {_module_name(path): path for path in _sources(*PACKAGES)}
    graph = {}
    for module, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = _imported_modules(tree, module, paths, path.name == "__init__.py")
        graph[module] = {name for name in imported if name in paths and name != module}
    return graph


def cycles(graph):
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while not component or node not in component:
                component.add(stack.pop())
            on_stack.difference_update(component)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(module):
    for prefix, floor in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return floor
    raise AssertionError(f"{module} has no layer: add it to LAYERS")


def test_the_project_has_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_never_point_up_a_layer():
    upward = [
        f"{source} (layer {layer(source)}) imports {target} (layer {layer(target)})"
        for source, targets in import_graph().items()
        if not _is_test(source)
        for target in sorted(targets)
        if not _is_test(target) and layer(target) > layer(source)
    ]
    assert upward == []


def test_the_blog_app_never_imports_the_project_package():
    assert [
        f"{source} imports {target}"
        for source, targets in import_graph().items()
        if source.split(".")[0] == "blog"
        for target in sorted(targets)
        if target.split(".")[0] == "core"
    ] == []


def _limit(path):
    tests = "tests" in path.parts or path.name.startswith(("test_", "conftest"))
    return MAX_TEST_MODULE_LINES if tests else MAX_MODULE_LINES


@pytest.mark.parametrize("root", [*PACKAGES, "e2e", "scripts"])
def test_modules_and_functions_stay_small(root):
    too_long = []
    for path in _sources(root):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT)
        if len(source.splitlines()) > _limit(path):
            too_long.append(f"{name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}(): {length} lines")
    assert too_long == []


def live_references(tree):
    """Project code a migration reaches: from-imports, and dotted names read off an import
    other than a FileField's `upload_to` function (Django records those by their path)."""
    found, chains = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PACKAGES:
            found.add(f"from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and ast.unparse(node).split(".")[0] in PACKAGES:
            chains.add(ast.unparse(node))
    whole = {name for name in chains if not any(o.startswith(name + ".") for o in chains)}
    return found | {name for name in whole if not name.endswith("upload_to")}


@pytest.mark.parametrize("migration", sorted(ROOT.glob("*/migrations/0*.py")), ids=str)
def test_migrations_run_no_live_project_code(migration):
    """Frozen history: what a migration computes is copied into it."""
    assert live_references(ast.parse(migration.read_text(encoding="utf-8"))) == set()
