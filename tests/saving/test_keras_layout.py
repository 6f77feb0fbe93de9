"""Files cornu writes match what Keras 3.15.1 wrote for the same model.

Each Keras sample is loaded and saved again by cornu; the HDF5 weight layout
(group paths, `name` attributes, dataset shapes and dtypes) must be identical, and
config.json equal up to documented, Keras-loadable differences:
- optimizers use their public export name (`keras.optimizers.Adam`) instead of the
  torch-backend module Keras records (`keras.src.backend.torch.optimizers.torch_adam`);
- `shared_object_id` values are arbitrary ids;
- custom classes record the module they were defined in (Keras wrote `null` for `__main__`);
- `build_config` is compared where both files have one (Keras omits it for some layers
  that were never built explicitly, and writes `{"input_shape": null}` for Functional);
- `jit_compile` is the value resolved for the engine that saved: a file written on JAX
  says `true` (JAX's default), and cornu on torch reads that as "auto" (eager), not as a
  request for torch.compile, so it writes `false` back.
"""
import io
import json
import os
import zipfile

import h5py
import pytest

from cornu.saving import saving_api

from . import custom_classes  # noqa: F401  (registers cornu_test>Scale / Block)

INTEROP = "/work/shared/interop/keras-3.15.1"
FILES = ["sequential_2layer.keras", "sequential_1layer_jax_backend.keras",
         "functional_2input.keras", "functional_shared_dict.keras", "cnn_bn_dropout.keras",
         "custom_and_lambda.keras", "nested_subclassed.keras", "rnn_attention.keras"]


def _read(path):
    with zipfile.ZipFile(path) as archive:
        names = [info.filename for info in archive.infolist()]
        config = json.loads(archive.read("config.json"))
        metadata = json.loads(archive.read("metadata.json"))
        weights = archive.read("model.weights.h5")
    layout = {}
    with h5py.File(io.BytesIO(weights), "r") as h5:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                layout[name] = (obj.shape, obj.dtype.str)
            else:
                layout[name] = obj.attrs.get("name")

        h5.visititems(visit)
    return names, metadata, config, layout


def _normalize(value, other):
    """Drop the documented differences from `value` (compared against `other`)."""
    if isinstance(value, list) and isinstance(other, list) and len(value) == len(other):
        return [_normalize(v, o) for v, o in zip(value, other)]
    if not isinstance(value, dict):
        return value
    other = other if isinstance(other, dict) else {}
    result = {}
    for key, item in value.items():
        if key == "shared_object_id" or key == "code":
            continue
        if key == "build_config" and key not in other:
            continue
        if key == "jit_compile":
            continue
        result[key] = _normalize(item, other.get(key))
    module = result.get("module")
    if isinstance(module, str) and ".optimizers." in module and module.startswith("keras.src"):
        result["module"], result["registered_name"] = "keras.optimizers", None
    if isinstance(result.get("registered_name"), str) and ">" in result["registered_name"]:
        result["module"] = None
    return result


@pytest.mark.parametrize("name", FILES)
def test_resaved_file_matches_keras(tmp_path, name):
    original = os.path.join(INTEROP, name)
    model = saving_api.load_model(original, safe_mode=False)
    resaved = str(tmp_path / "resaved.keras")
    model.save(resaved)
    keras_names, keras_meta, keras_config, keras_layout = _read(original)
    names, meta, config, layout = _read(resaved)
    assert names == keras_names
    assert meta["keras_version"] == keras_meta["keras_version"]
    assert layout == keras_layout
    assert _normalize(config, keras_config) == _normalize(keras_config, config)
