"""`cornu.preprocessing`: dataset builders from files plus the `image` and `sequence` helpers."""
import importlib

_NAMES = {
    "image_dataset_from_directory": ("cornu.utils.image_dataset",
                                     "image_dataset_from_directory"),
    "timeseries_dataset_from_array": ("cornu.utils.timeseries_dataset",
                                      "timeseries_dataset_from_array"),
    "text_dataset_from_directory": ("cornu.utils.text_dataset", "text_dataset_from_directory"),
}
_SUBMODULES = ("image", "sequence")

__all__ = sorted(set(_NAMES) | set(_SUBMODULES))


def __getattr__(name):
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    if name not in _NAMES:
        raise AttributeError(f"module 'cornu.preprocessing' has no attribute {name!r}")
    module_name, attribute = _NAMES[name]
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
