"""`cornu.utils`: the public utility names of Keras 3's `keras.utils`.

Every name is an explicit re-export resolved on first access, so modules written
by other parts of cornu (progress bar, summaries, model plots, saving) load only
when used.
"""
from cornu.utils.lazy_exports import lazy_exports as _lazy_exports

_NAMES = {
    "PyDataset": ("cornu.trainers.data_adapters.py_dataset", "PyDataset"),
    "Sequence": ("cornu.trainers.data_adapters.py_dataset", "Sequence"),
    "pack_x_y_sample_weight": ("cornu.trainers.data_adapters.data_adapter_utils",
                               "pack_x_y_sample_weight"),
    "unpack_x_y_sample_weight": ("cornu.trainers.data_adapters.data_adapter_utils",
                                 "unpack_x_y_sample_weight"),
    "to_categorical": ("cornu.utils.numerical_utils", "to_categorical"),
    "normalize": ("cornu.utils.numerical_utils", "normalize"),
    "pad_sequences": ("cornu.utils.sequence_utils", "pad_sequences"),
    "image_dataset_from_directory": ("cornu.utils.image_dataset",
                                     "image_dataset_from_directory"),
    "load_img": ("cornu.utils.image_utils", "load_img"),
    "img_to_array": ("cornu.utils.image_utils", "img_to_array"),
    "array_to_img": ("cornu.utils.image_utils", "array_to_img"),
    "save_img": ("cornu.utils.image_utils", "save_img"),
    "smart_resize": ("cornu.utils.image_utils", "smart_resize"),
    "get_file": ("cornu.utils.file_utils", "get_file"),
    "timeseries_dataset_from_array": ("cornu.utils.timeseries_dataset",
                                      "timeseries_dataset_from_array"),
    "text_dataset_from_directory": ("cornu.utils.text_dataset", "text_dataset_from_directory"),
    "enable_interactive_logging": ("cornu.utils.io_utils", "enable_interactive_logging"),
    "disable_interactive_logging": ("cornu.utils.io_utils", "disable_interactive_logging"),
    "is_interactive_logging_enabled": ("cornu.utils.io_utils",
                                       "is_interactive_logging_enabled"),
    "set_random_seed": ("cornu.random.seeding", "set_random_seed"),
    "clear_session": ("cornu.backend", "clear_session"),
    "is_keras_tensor": ("cornu.backend", "is_keras_tensor"),
    "standardize_dtype": ("cornu.backend.common.dtypes", "standardize_dtype"),
    "Progbar": ("cornu.utils.progbar", "Progbar"),
    "plot_model": ("cornu.utils.model_visualization", "plot_model"),
    "model_to_dot": ("cornu.utils.model_visualization", "model_to_dot"),
    "register_keras_serializable": ("cornu.saving", "register_keras_serializable"),
    "get_registered_object": ("cornu.saving", "get_registered_object"),
    "get_registered_name": ("cornu.saving", "get_registered_name"),
    "custom_object_scope": ("cornu.saving", "custom_object_scope"),
    "CustomObjectScope": ("cornu.saving", "CustomObjectScope"),
    "get_custom_objects": ("cornu.saving.object_registration", "get_custom_objects"),
    "serialize_keras_object": ("cornu.saving", "serialize_keras_object"),
    "deserialize_keras_object": ("cornu.saving", "deserialize_keras_object"),
}

# Submodules exposed as attributes (`cornu.utils.summary.scalar(...)`).
_SUBMODULES = ("summary",)

__all__ = sorted(set(_NAMES) | set(_SUBMODULES))

__getattr__, __dir__ = _lazy_exports(__name__, _NAMES, _SUBMODULES)
