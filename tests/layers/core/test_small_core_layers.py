import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test

X = np.array([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]], "float32")


def _np(x):
    return ops.convert_to_numpy(x)


def test_identity():
    run_layer_test(layers.Identity, {}, input_data=X, expected_output=X, supports_masking=True,
                   run_training_check=False)


def test_masking():
    run_layer_test(layers.Masking, {"mask_value": 0.0}, input_data=X, expected_output=X,
                   supports_masking=True, run_training_check=False)
    layer = layers.Masking(mask_value=3.0)
    data = np.array([[[3.0, 3.0], [1.0, 3.0]]], "float32")
    out = layer(data)
    np.testing.assert_array_equal(_np(out), [[[0.0, 0.0], [1.0, 3.0]]])
    np.testing.assert_array_equal(_np(layer.compute_mask(ops.convert_to_tensor(data))),
                                  [[False, True]])
    assert layer.get_config()["mask_value"] == 3.0


def test_lambda_function_arguments_and_shapes():
    run_layer_test(layers.Lambda, {"function": lambda t: t * 2.0}, input_data=X,
                   expected_output=X * 2.0, run_training_check=False, check_config=False)
    scaled = layers.Lambda(lambda t, factor: t * factor, arguments={"factor": 3.0})
    np.testing.assert_array_equal(_np(scaled(X)), X * 3.0)
    out = layers.Lambda(lambda t: t[:, :1])(cornu.Input(shape=(4, 2)))
    assert tuple(out.shape) == (None, 1, 2)
    fixed = layers.Lambda(lambda t: ops.sum(t, axis=-1), output_shape=(3,))
    assert tuple(fixed(cornu.Input(shape=(3, 2))).shape) == (None, 3)
    assert fixed.compute_output_shape((None, 3, 2)) == (None, 3)


def test_lambda_receives_training_and_mask():
    seen = {}

    def fn(t, mask=None, training=None):
        seen["training"] = training
        seen["mask"] = mask
        return t

    layer = layers.Lambda(fn)
    layer(X, training=True)
    assert seen["training"] is True
    layer(X, training=False)
    assert seen["training"] is False
    mask_layer = layers.Lambda(lambda t: t, mask=lambda t, m: ops.ones_like(t[..., 0], "bool"))
    assert mask_layer.supports_masking
    np.testing.assert_array_equal(
        _np(mask_layer.compute_mask(ops.convert_to_tensor(X))), [[True, True, True]])


def test_lambda_config_round_trip_requires_unsafe_mode():
    from cornu.saving import serialization_lib

    layer = layers.Lambda(lambda t: t + 1.0, name="plus_one")
    config = layer.get_config()
    assert config["function"]["class_name"] == "__lambda__"
    assert set(config["function"]["config"]) == {"code", "defaults", "closure"}
    assert config["arguments"] == {}
    with pytest.raises(ValueError, match="safe_mode"):
        layers.Lambda.from_config(config)
    with serialization_lib.SafeModeScope(False):
        restored = layers.Lambda.from_config(config)
    np.testing.assert_array_equal(_np(restored(X)), X + 1.0)


def test_lambda_named_function_round_trip():
    layer = layers.Lambda(cornu.activations.relu)
    config = layer.get_config()
    assert config["function"]["config"] == "relu"
    restored = layers.Lambda.from_config(config)
    np.testing.assert_array_equal(_np(restored(X - 1.0)), np.maximum(X - 1.0, 0))


def test_lambda_rejects_non_callable():
    with pytest.raises(TypeError, match="callable"):
        layers.Lambda(3)


def test_wrapper_tracks_inner_layer():
    class Twice(layers.Wrapper):
        def call(self, inputs):
            return self.layer(self.layer(inputs))

    inner = layers.Dense(2, kernel_initializer="identity", use_bias=False)
    wrapper = Twice(inner)
    out = wrapper(np.array([[1.0, 2.0]], "float32"))
    np.testing.assert_allclose(_np(out), [[1.0, 2.0]])
    assert len(wrapper.weights) == 1 and wrapper.weights[0] is inner.kernel
    config = wrapper.get_config()
    assert config["layer"]["class_name"] == "Dense"
    restored = Twice.from_config(config)
    assert isinstance(restored.layer, layers.Dense) and restored.layer.units == 2
    with pytest.raises(ValueError, match="Layer instance"):
        Twice("dense")
