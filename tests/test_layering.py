"""Only cornu/backend/<engine>/ may import torch or jax (checked on the installed tree)."""
import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "cornu"
ENGINES = {"torch", "jax", "jaxlib"}


def _engine_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend(name for name in names if name.split(".")[0] in ENGINES)
    return found


def test_no_engine_import_outside_backend_engines():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[:2] in (("backend", "torch"), ("backend", "jax")):
            continue
        imports = _engine_imports(path)
        if imports:
            offenders[str(relative)] = imports
    assert not offenders, f"engine imports outside cornu/backend/<engine>/: {offenders}"


def test_detector_catches_an_engine_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import torch.nn\nfrom jax import numpy\nimport numpy\n")
    assert _engine_imports(sample) == ["torch.nn", "jax"]


@pytest.mark.parametrize("engine", ["torch", "jax"])
def test_importing_cornu_does_not_import_the_other_engine(engine):
    import subprocess
    import sys

    other = "jax" if engine == "torch" else "torch"
    code = (f"import sys, cornu, cornu.layers; cornu.layers.Dense; "
            f"print('{other}' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"CORNU_BACKEND": engine, "PATH": "/usr/bin:/bin",
                                 "PYTHONPATH": str(PACKAGE.parent)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
