"""`cornu.preprocessing`: dataset builders from files plus the `image` and `sequence` helpers."""
from cornu.utils.lazy_exports import lazy_exports as _lazy_exports

_NAMES = {
    "image_dataset_from_directory": ("cornu.utils.image_dataset",
                                     "image_dataset_from_directory"),
    "timeseries_dataset_from_array": ("cornu.utils.timeseries_dataset",
                                      "timeseries_dataset_from_array"),
    "text_dataset_from_directory": ("cornu.utils.text_dataset", "text_dataset_from_directory"),
}
_SUBMODULES = ("image", "sequence")

__all__ = sorted(set(_NAMES) | set(_SUBMODULES))

__getattr__, __dir__ = _lazy_exports(__name__, _NAMES, _SUBMODULES)
