"""The code's layout stays readable: imports point one way, and modules and functions stay short.

Read from the source (ast), nothing imported: pipeline/ and extractors/ never import the layers
above them (cli/, flows.py), not even inside a function; neither package has an import circle among
its module-level imports (a function-level import may break one; today none does);
no module of the shipped code is over MAX_MODULE_LINES lines, except the data modules in
DATA_MODULES, and no function over MAX_FUNCTION_LINES, except the documented hot loops in HOT_LOOPS.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The code a user installs or runs (pyproject's packages and flows.py) and the benchmark; tests/
#: (fixture catalogues, long parametrised tests) are not held to the limits.
CODE = [ROOT / "cli", ROOT / "pipeline", ROOT / "extractors", ROOT / "flows.py", ROOT / "benchmarks"]
#: A module longer than this holds more than one concept (issue 17); data lives in data files, not in .py.
MAX_MODULE_LINES = 500
#: Modules allowed over MAX_MODULE_LINES because they are data written as Python, each saying so in its
#: docstring ("as data"); none today (pipeline/schema.py, the contract's columns, is the likeliest).
DATA_MODULES: set[str] = set()
#: A function longer than this does more than one thing, except a hot loop split only at a cost.
MAX_FUNCTION_LINES = 60
#: Functions allowed over MAX_FUNCTION_LINES, each saying so in its docstring ("hot loop").
HOT_LOOPS = {"pipeline/reader/pdfium_words.py::page_chars"}
#: The layers above pipeline/ and extractors/: they import those packages, never the reverse.
UPPER_LAYERS = {"cli", "flows"}


def python_files(paths: list[Path]) -> list[Path]:
    return sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py")))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_statements(tree: ast.Module, in_functions: bool) -> list[ast.stmt]:
    """The import statements that can run: at module level (into if/try/with/class blocks) and, with
    in_functions, inside functions too (a function-level import runs later, once every module is
    loaded); never those under `if TYPE_CHECKING:`, which do not run at all."""
    out, todo = [], list(tree.body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not in_functions:
            continue
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo += node.orelse
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(node)
        todo += [n for n in ast.iter_child_nodes(node) if isinstance(n, (ast.stmt, ast.excepthandler))]
    return out


def imported(node: ast.stmt, module: str, is_package: bool, known: set[str]) -> list[str]:
    """The modules an import statement names, absolute; `from p import m` names p.m when m is a module."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def import_graph(package: str, in_functions: bool) -> dict[str, set[str]]:
    """module → the modules of the code base it imports (at module level, or in functions too)."""
    files = python_files([ROOT / p for p in ("cli", "pipeline", "extractors", "flows.py")])
    known = {module_name(f) for f in files}
    graph: dict[str, set[str]] = {}
    for f in files:
        name = module_name(f)
        if name.split(".")[0] != package:
            continue
        tree = ast.parse(f.read_text(encoding="utf-8"))
        graph[name] = {
            t
            for node in import_statements(tree, in_functions)
            for t in imported(node, name, f.name == "__init__.py", known)
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.mark.parametrize("package", ["pipeline", "extractors"])
def test_lower_layers_never_import_cli_or_flows(package):
    graph = import_graph(package, in_functions=True)
    upward = {m: sorted(t for t in targets if t.split(".")[0] in UPPER_LAYERS) for m, targets in graph.items()}
    assert {m: t for m, t in upward.items() if t} == {}


@pytest.mark.parametrize("package", ["pipeline", "extractors"])
def test_no_import_circle_among_module_level_imports(package):
    assert cycles(import_graph(package, in_functions=False)) == []


@pytest.mark.parametrize("package", ["pipeline", "extractors"])
def test_no_circle_hidden_by_a_function_level_import(package):
    """Stricter than the rule (a lazy import is allowed): today no circle needs one, so none is hidden."""
    assert cycles(import_graph(package, in_functions=True)) == []


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}, "b": set()}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_found_where_they_run():
    tree = ast.parse(
        "import a\nif TYPE_CHECKING:\n    import b\ntry:\n    import c\nexcept ImportError:\n"
        "    import d\nclass K:\n    import e\ndef f():\n    import g\n"
    )
    names = {n.names[0].name for n in import_statements(tree, in_functions=False)}
    assert names == {"a", "c", "d", "e"}
    assert {n.names[0].name for n in import_statements(tree, in_functions=True)} == names | {"g"}


def test_relative_imports_resolve_to_modules():
    known = {"extractors.scores.table_rows", "extractors.page", "extractors.scores"}
    node = ast.parse("from .table_rows import Row\nfrom ..page import Line\nfrom . import table_rows").body
    assert imported(node[0], "extractors.scores.result_table", False, known) == ["extractors.scores.table_rows"]
    assert imported(node[1], "extractors.scores.result_table", False, known) == ["extractors.page"]
    assert imported(node[2], "extractors.scores", True, known) == ["extractors.scores.table_rows"]


def test_no_module_over_the_line_limit_except_data_modules():
    long = {
        str(f.relative_to(ROOT)): n
        for f in python_files(CODE)
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert sorted(set(long) - DATA_MODULES) == []
    assert sorted(DATA_MODULES - set(long)) == [], "a data module that is short now: take it off DATA_MODULES"
    for name in DATA_MODULES:
        assert "as data" in (ast.get_docstring(ast.parse((ROOT / name).read_text(encoding="utf-8"))) or ""), (
            f"{name} does not say in its docstring that it is data"
        )


def test_no_function_over_the_line_limit_except_documented_hot_loops():
    long = {}
    for f in python_files(CODE):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{f.relative_to(ROOT)}::{node.name}"] = (lines, ast.get_docstring(node) or "")
    assert sorted(set(long) - HOT_LOOPS) == []
    assert sorted(HOT_LOOPS - set(long)) == [], "a hot loop that is short now: take it off HOT_LOOPS"
    for name in HOT_LOOPS:
        assert "hot loop" in long[name][1], f"{name} does not say in its docstring why it is long"
