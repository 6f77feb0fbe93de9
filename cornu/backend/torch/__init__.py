"""Engine package: every module here may import the engine directly."""
from importlib import import_module as _import_module

from . import core

# Modules written by the ops work; imported when present so the package stays importable
# while they are being filled in.
for _name in ("numpy", "nn", "math", "linalg", "image", "random", "rnn", "trainer", "optimizers"):
    try:
        globals()[_name] = _import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _error:
        if _error.name != f"{__name__}.{_name}":
            raise
