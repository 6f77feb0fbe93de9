import numpy as np
import pytest

import cornu as keras
from cornu import layers, ops


def test_deferred_build_then_weights():
    model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10)])
    assert not model.built and model.weights == []
    model.build((None, 3))
    assert model.built and len(model.weights) == 4
    assert model.count_params() == 906
    assert model.output_shape == (None, 10)


def test_input_first_builds_immediately_and_add_pop():
    model = keras.Sequential(name="seq")
    model.add(keras.Input(shape=(4,)))
    model.add(layers.Dense(8, name="a"))
    assert model.built and model.output_shape == (None, 8)
    model.add(layers.Dense(2, name="b"))
    assert model.output_shape == (None, 2)
    assert [l.name for l in model.layers] == ["a", "b"]
    popped = model.pop()
    assert popped.name == "b" and model.output_shape == (None, 8)


def test_built_on_first_call_and_matches_numpy():
    dense = layers.Dense(3)
    model = keras.Sequential([dense])
    x = np.random.rand(2, 5).astype("float32")
    out = ops.convert_to_numpy(model(x))
    kernel, bias = dense.get_weights()
    np.testing.assert_allclose(out, x @ kernel + bias, rtol=1e-5)
    assert model.built


def test_input_shape_argument_on_first_layer():
    model = keras.Sequential([layers.Dense(4, input_shape=(7,)), layers.Dense(1)])
    assert model.built and model.input_shape == (None, 7)


def test_incompatible_layer_names_layer_and_shapes():
    model = keras.Sequential([keras.Input(shape=(3, 4)), layers.Flatten(name="flat")])
    with pytest.raises(ValueError) as error:
        model.add(layers.Reshape((5, 5), name="bad_reshape"))
    message = str(error.value)
    assert "bad_reshape" in message and "flat" in message and "(None, 12)" in message


def test_duplicate_names_and_non_layers_rejected():
    model = keras.Sequential([layers.Dense(2, name="same")])
    with pytest.raises(ValueError, match="unique names"):
        model.add(layers.Dense(2, name="same"))
    with pytest.raises(TypeError, match="Layer instance"):
        model.add("dense")


def test_config_round_trip():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(4, activation="relu"),
                              layers.Dense(2)], name="seq2")
    config = model.get_config()
    assert config["name"] == "seq2" and config["build_input_shape"] == [None, 3]
    assert config["layers"][0]["class_name"] == "InputLayer"
    clone = keras.Sequential.from_config(config)
    clone.set_weights(model.get_weights())
    x = np.random.rand(3, 3).astype("float32")
    np.testing.assert_allclose(ops.convert_to_numpy(clone(x)), ops.convert_to_numpy(model(x)),
                               rtol=1e-6)
