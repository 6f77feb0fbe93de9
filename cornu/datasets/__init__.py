"""`cornu.datasets`: Keras's small reference datasets, plus the offline `digits` set.

Each sub-module has `load_data()`; files are downloaded once into `~/.cornu/datasets`
with `cornu.utils.get_file` (a clear ConnectionError when there is no network).
"""
import importlib

_MODULES = ("boston_housing", "california_housing", "cifar10", "cifar100", "digits",
            "fashion_mnist", "imdb", "mnist", "reuters")

__all__ = list(_MODULES)


def __getattr__(name):
    if name not in _MODULES:
        raise AttributeError(f"module 'cornu.datasets' has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{name}")
    globals()[name] = module
    return module


def __dir__():
    return sorted(set(globals()) | set(__all__))
