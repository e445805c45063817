"""Package rules: numpydoc docstrings with units and References; no Django, no I/O."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import ecogov.standards as pkg

PKG_DIR = Path(pkg.__file__).resolve().parent
MODULES = [m.name for m in pkgutil.iter_modules([str(PKG_DIR)]) if m.name != "tests"]
FORBIDDEN_IMPORTS = {
    "django",
    "io",
    "os",
    "pathlib",
    "requests",
    "urllib",
    "socket",
    "shutil",
    "tempfile",
    "csv",
}
FORBIDDEN_CALLS = {"open", "print", "input", "exec", "eval"}


def _public_functions():
    for name in MODULES:
        module = importlib.import_module(f"ecogov.standards.{name}")
        for attr, obj in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(obj) or obj.__module__ != module.__name__:
                continue
            yield f"{name}.{attr}", obj


def test_modules_found():
    assert {
        "hj633",
        "hj633_array",
        "gb3095",
        "hj663",
        "ranking",
        "warning",
        "gb3838",
        "water_eval",
        "rounding",
        "versions",
    } <= set(MODULES)


def test_every_public_function_has_numpydoc_with_units_and_references():
    missing = []
    for name, fn in _public_functions():
        doc = inspect.getdoc(fn) or ""
        sections = ("Parameters\n----------", "Returns\n-------", "References\n----------")
        has_params = bool(inspect.signature(fn).parameters)
        needed = [s for s in sections if has_params or not s.startswith("Parameters")]
        if any(s not in doc for s in needed) or "[" not in doc:
            missing.append(name)
    assert not missing, f"public functions without numpydoc/units/References: {missing}"


def test_public_api_is_documented_and_exported():
    for name in pkg.__all__:
        assert getattr(pkg, name).__doc__, name


def test_no_django_and_no_io():
    offenders = []
    for path in PKG_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]} if node.level == 0 else set()
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in FORBIDDEN_CALLS:
                    offenders.append(f"{path.name}:{node.lineno} calls {node.func.id}()")
                continue
            else:
                continue
            bad = roots & FORBIDDEN_IMPORTS
            if bad:
                offenders.append(f"{path.name}:{node.lineno} imports {sorted(bad)}")
    assert not offenders, offenders


def test_modules_stay_small():
    for path in PKG_DIR.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600, path.name
