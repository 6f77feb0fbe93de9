"""Red-team corpus: every crafted file is refused quickly with a typed error."""
import time
import zipfile

import pytest

from cornu.saving import safe_io, saving_api
from cornu.saving.serialization_lib import deserialize_keras_object

from . import corpus

# case -> (expected exception type, fragment of the message)
EXPECTED = {
    "config_lambda_payload": (ValueError, "lambda"),
    "config_lambda_layer": (ValueError, "lambda"),
    "config_os_system": (TypeError, "'system'"),
    "config_subprocess_run": (TypeError, "'run'"),
    "config_builtins_eval": (TypeError, "'eval'"),
    "config_get_file_gadget": (TypeError, "'get_file'"),
    "config_get_file_src_gadget": (TypeError, "'get_file'"),
    "config_load_model_gadget": (TypeError, "'load_model'"),
    "config_flip_safe_mode_api": (TypeError, "'enable_unsafe_deserialization'"),
    "config_flip_safe_mode_key": (ValueError, "safe_mode"),
    "config_unknown_class": (TypeError, "register_keras_serializable"),
    "zip_dotdot": (safe_io.UnsafeFileError, "'..'"),
    "zip_absolute": (safe_io.UnsafeFileError, "absolute"),
    "zip_symlink": (safe_io.UnsafeFileError, "symbolic link"),
    "zip_bomb": (safe_io.UnsafeFileError, "decompression bomb"),
    "not_a_zip": (safe_io.CorruptFileError, "not a zip"),
    "zip_truncated": (safe_io.CorruptFileError, ""),
    "zip_corrupted": (safe_io.CorruptFileError, ""),
    "zip_bad_json": (safe_io.CorruptFileError, "JSON"),
    "h5_external_link": (safe_io.UnsafeFileError, "external link"),
    "h5_soft_link": (safe_io.UnsafeFileError, "soft link"),
    "h5_external_storage": (safe_io.UnsafeFileError, "external storage"),
    "h5_virtual": (safe_io.UnsafeFileError, "virtual"),
    "h5_shape_bomb": (safe_io.UnsafeFileError, "shape bomb"),
    "h5_truncated": (safe_io.CorruptFileError, ""),
    "h5_wrong_type": (safe_io.CorruptFileError, "not an HDF5"),
}


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    return corpus.build_corpus(str(tmp_path_factory.mktemp("corpus")))


class _Target:
    """Stands in for a model: the refusals happen before any variable is touched."""

    name = "target"


def _load(path, kind, safe_mode=True):
    if kind == "model":
        return saving_api.load_model(path, safe_mode=safe_mode)
    from cornu.layers.layer import Layer

    return saving_api.load_weights(Layer(name="target_layer"), path)


def test_corpus_covers_every_case(crafted):
    assert set(crafted) == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_crafted_file_is_refused_quickly(crafted, case):
    path, kind = crafted[case]
    error_type, fragment = EXPECTED[case]
    start = time.monotonic()
    with pytest.raises(error_type) as info:
        _load(path, kind)
    assert time.monotonic() - start < 1.0
    assert fragment.lower() in str(info.value).lower()


@pytest.mark.parametrize("case", ["config_os_system", "config_builtins_eval",
                                  "config_get_file_gadget", "config_flip_safe_mode_api",
                                  "config_flip_safe_mode_key"])
def test_gadgets_refused_even_without_safe_mode(crafted, case):
    path, _ = crafted[case]
    with pytest.raises((TypeError, ValueError)):
        saving_api.load_model(path, safe_mode=False)


def test_unknown_class_error_explains_registration(crafted):
    with pytest.raises(TypeError) as info:
        saving_api.load_model(crafted["config_unknown_class"][0])
    message = str(info.value)
    assert "NoSuchLayer" in message and "custom_objects" in message


def test_bomb_check_uses_declared_sizes():
    info = zipfile.ZipInfo("model.weights.h5")
    info.file_size, info.compress_size = 5 * 1024 ** 3, 5 * 1024 ** 3
    with pytest.raises(safe_io.UnsafeFileError):
        safe_io._check_member(info)
    info.file_size, info.compress_size = 10 * 1024 ** 2, 10 * 1024
    with pytest.raises(safe_io.UnsafeFileError):
        safe_io._check_member(info)
    info.file_size, info.compress_size = 2000, 10  # small members may compress very well
    safe_io._check_member(info)


def test_safe_zip_reads_members(tmp_path):
    path = corpus.write_keras_zip(str(tmp_path / "ok.keras"), {"a": 1})
    with safe_io.SafeZipReader(path) as archive:
        assert archive.names() == ["metadata.json", "config.json", "model.weights.h5"]
        assert archive.read("config.json") == b'{"a": 1}'
        with pytest.raises(safe_io.CorruptFileError, match="no member"):
            archive.read("assets/x")


def test_safe_h5_reads_plain_datasets(tmp_path):
    import h5py
    import numpy as np

    path = str(tmp_path / "ok.weights.h5")
    with h5py.File(path, "w") as h5:
        h5.create_group("vars").create_dataset("0", data=np.arange(6, dtype="f4").reshape(2, 3))
    with safe_io.SafeH5File(path) as h5:
        value = safe_io.read_dataset(h5.file["vars/0"], path)
    np.testing.assert_array_equal(value, np.arange(6, dtype="f4").reshape(2, 3))


def test_deserialize_refuses_lambda_in_safe_mode():
    with pytest.raises(ValueError, match="safe_mode=False"):
        deserialize_keras_object(corpus.lambda_payload())
    fn = deserialize_keras_object(corpus.lambda_payload(), safe_mode=False)
    assert fn(2.0) == 3.0
