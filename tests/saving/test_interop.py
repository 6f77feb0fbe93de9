"""Files written by real Keras 3.15.1 load in cornu and reproduce the stored outputs."""
import os

import h5py
import numpy as np
import pytest

import cornu
from cornu.saving import saving_api

from . import custom_classes

INTEROP = "/work/shared/interop/keras-3.15.1"
ATOL = 1e-5


def _file(name):
    return os.path.join(INTEROP, name)


def _stored_weights(name, member="model.weights.h5"):
    """Read `{vars path: [arrays]}` straight from a Keras file (the reference values)."""
    import io
    import zipfile

    if name.endswith(".keras"):
        data = zipfile.ZipFile(_file(name)).read(member)
        h5 = h5py.File(io.BytesIO(data), "r")
    else:
        h5 = h5py.File(_file(name), "r")
    found = {}

    def visit(path, obj):
        if isinstance(obj, h5py.Group) and path.endswith("vars"):
            found[path] = [obj[str(i)][()] for i in range(len(obj))]
            found[f"name:{obj.attrs.get('name')}"] = found[path]

    h5.visititems(visit)
    h5.close()
    return found


def _predict(model, x):
    # A direct call keeps these checks eager (predict() would jit-compile on each backend).
    return np.asarray(cornu.ops.convert_to_numpy(model(x, training=False)))


def test_sequential_2layer_outputs_and_optimizer_state():
    model = saving_api.load_model(_file("sequential_2layer.keras"))
    x = np.load(_file("sequential_2layer_input.npy"))
    np.testing.assert_allclose(_predict(model, x), np.load(_file("sequential_2layer_output.npy")),
                               atol=ATOL)
    assert model.name == "seq2" and [l.name for l in model.layers] == ["dense", "dense_1"]
    stored = _stored_weights("sequential_2layer.keras")["optimizer/vars"]
    variables = model.optimizer.variables
    assert len(variables) == len(stored) == 10
    for variable, array in zip(variables, stored):
        np.testing.assert_allclose(cornu.ops.convert_to_numpy(variable), array, atol=0)


def test_sequential_2layer_weights_file():
    model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(4, activation="relu"),
                              cornu.layers.Dense(2)])
    model.load_weights(_file("sequential_2layer.weights.h5"))
    x = np.load(_file("sequential_2layer_input.npy"))
    np.testing.assert_allclose(_predict(model, x), np.load(_file("sequential_2layer_output.npy")),
                               atol=ATOL)


@pytest.mark.parametrize("compile", [True, False])
def test_sequential_2layer_legacy_h5(compile):
    model = saving_api.load_model(_file("sequential_2layer_legacy.h5"), compile=compile)
    x = np.load(_file("sequential_2layer_input.npy"))
    np.testing.assert_allclose(_predict(model, x), np.load(_file("sequential_2layer_output.npy")),
                               atol=ATOL)
    assert bool(getattr(model, "compiled", False)) == compile


def test_legacy_h5_load_weights_by_name():
    model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(4, activation="relu",
                                                                    name="dense"),
                              cornu.layers.Dense(2, name="dense_1")])
    model.load_weights(_file("sequential_2layer_legacy.h5"), by_name=True)
    x = np.load(_file("sequential_2layer_input.npy"))
    np.testing.assert_allclose(_predict(model, x), np.load(_file("sequential_2layer_output.npy")),
                               atol=ATOL)


def test_sequential_saved_under_jax_backend():
    model = saving_api.load_model(_file("sequential_1layer_jax_backend.keras"))
    kernel, bias = _stored_weights("sequential_1layer_jax_backend.keras")["layers/dense/vars"]
    x = np.linspace(-1, 1, 6, dtype="float32").reshape(2, 3)
    # Called directly: the file asks for jit_compile, which predict() would honour slowly.
    got = cornu.ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(got, x @ kernel + bias, atol=ATOL)
    assert type(model.optimizer).__name__ == "Adam"


def test_functional_2input():
    model = saving_api.load_model(_file("functional_2input.keras"))
    io = np.load(_file("functional_2input_io.npz"))
    np.testing.assert_allclose(_predict(model, [io["in_a"], io["in_b"]]), io["out"], atol=ATOL)


def test_functional_shared_dict():
    model = saving_api.load_model(_file("functional_shared_dict.keras"))
    weights = _stored_weights("functional_shared_dict.keras")
    shared = model.get_layer("shared_dense")
    assert len(shared._inbound_nodes) >= 2
    rng = np.random.default_rng(0)
    inputs = {name: rng.normal(size=(4,) + tuple(t.shape[1:])).astype("float32")
              for name, t in zip(model.input_names, model.inputs)} if hasattr(
        model, "input_names") else None
    outputs = model(inputs, training=False)
    assert set(outputs) == {"prob", "reg"}
    kernel, bias = weights["name:shared_dense"]
    np.testing.assert_allclose(cornu.ops.convert_to_numpy(shared.kernel), kernel, atol=0)
    np.testing.assert_allclose(cornu.ops.convert_to_numpy(shared.bias), bias, atol=0)
    assert model.compiled


def test_cnn_bn_dropout():
    model = saving_api.load_model(_file("cnn_bn_dropout.keras"))
    io = np.load(_file("cnn_bn_dropout_io.npz"))
    np.testing.assert_allclose(_predict(model, io["x"]), io["out"], atol=ATOL)


def test_rnn_attention():
    model = saving_api.load_model(_file("rnn_attention.keras"))
    io = np.load(_file("rnn_attention_io.npz"))
    np.testing.assert_allclose(_predict(model, io["x"]), io["out"], atol=ATOL)


def test_custom_and_lambda_needs_unsafe_mode():
    with pytest.raises(ValueError, match="lambda"):
        saving_api.load_model(_file("custom_and_lambda.keras"))
    model = saving_api.load_model(_file("custom_and_lambda.keras"), safe_mode=False)
    np.testing.assert_allclose(_predict(model, np.ones((1, 3), "float32")), 4.0, atol=ATOL)
    assert isinstance(model.layers[0], custom_classes.Scale) and model.layers[0].factor == 3.0


def test_nested_subclassed_weights_land_on_attributes():
    model = saving_api.load_model(_file("nested_subclassed.keras"))
    block = model.layers[0]
    assert isinstance(block, custom_classes.Block) and block.units == 3
    stored = _stored_weights("nested_subclassed.keras")
    expected = {"dense": block.proj, "dense_1": block.stack[0], "dense_2": block.stack[1],
                "dense_3": block._hidden}
    for key, layer in expected.items():
        kernel, bias = stored[f"layers/block/layers/{key}/vars"]
        np.testing.assert_allclose(cornu.ops.convert_to_numpy(layer.kernel), kernel, atol=0)
        np.testing.assert_allclose(cornu.ops.convert_to_numpy(layer.bias), bias, atol=0)
    x = np.linspace(-1, 1, 10, dtype="float32").reshape(2, 5)
    assert _predict(model, x).shape == (2, 1)
