import importlib

import pytest

import cornu


@pytest.mark.parametrize("name", [
    "PyDataset", "Sequence", "to_categorical", "normalize", "pad_sequences",
    "image_dataset_from_directory", "load_img", "img_to_array", "array_to_img", "save_img",
    "get_file", "timeseries_dataset_from_array", "clear_session", "pack_x_y_sample_weight",
    "unpack_x_y_sample_weight", "smart_resize",
])
def test_own_names_resolve(name):
    assert callable(getattr(cornu.utils, name))


def test_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        cornu.utils.nope


def test_every_listed_name_points_to_its_module():
    utils = importlib.import_module("cornu.utils")
    for name, (module, attribute) in utils._NAMES.items():
        assert name in utils.__all__ and isinstance(module, str) and attribute


def test_clear_session_is_the_backend_one():
    assert cornu.utils.clear_session is cornu.backend.clear_session


def test_preprocessing_reexports():
    import cornu.preprocessing as preprocessing

    assert preprocessing.image_dataset_from_directory is cornu.utils.image_dataset_from_directory
    assert preprocessing.image.load_img is cornu.utils.load_img
    assert preprocessing.sequence.pad_sequences is cornu.utils.pad_sequences
