import numpy as np
import pytest

from cornu import initializers, layers, ops
from tests.helpers.layer_test import run_layer_test

RNG = np.random.default_rng(0)


def test_layer_normalization():
    x = RNG.normal(size=(3, 4, 6)).astype("float32") * 3 + 1

    def reference(layer, data):
        gamma, beta = layer.get_weights()
        mean = data.mean(-1, keepdims=True)
        var = data.var(-1, keepdims=True)
        return (data - mean) / np.sqrt(var + 1e-3) * gamma + beta

    run_layer_test(layers.LayerNormalization, {"beta_initializer": initializers.Constant(0.5),
                                               "gamma_initializer": initializers.Constant(2.0)},
                   input_data=x, reference_fn=reference, expected_num_trainable_weights=2,
                   supports_masking=True)
    multi = layers.LayerNormalization(axis=[1, 2], center=False, scale=False)
    out = ops.convert_to_numpy(multi(x))
    mean = x.mean(axis=(1, 2), keepdims=True)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(x.var(axis=(1, 2), keepdims=True)
                                                         + 1e-3), rtol=1e-4, atol=1e-5)
    assert layers.LayerNormalization().get_config()["axis"] == [-1]
    layer = layers.LayerNormalization()
    layer(x)
    assert [v.name for v in layer.weights] == ["gamma", "beta"]


def test_layer_normalization_rms_scaling():
    x = RNG.normal(size=(2, 5)).astype("float32")
    layer = layers.LayerNormalization(rms_scaling=True)
    out = ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(out, x / np.sqrt((x ** 2).mean(-1, keepdims=True) + 1e-3),
                               rtol=1e-5)
    assert len(layer.weights) == 1


def test_group_normalization():
    x = RNG.normal(size=(2, 3, 4)).astype("float32")

    def reference(layer, data):
        gamma, beta = layer.get_weights()
        grouped = data.reshape(2, 3, 2, 2)
        mean = grouped.mean(axis=(1, 3), keepdims=True)
        var = grouped.var(axis=(1, 3), keepdims=True)
        return ((grouped - mean) / np.sqrt(var + 1e-3)).reshape(2, 3, 4) * gamma + beta

    run_layer_test(layers.GroupNormalization, {"groups": 2}, input_data=x,
                   reference_fn=reference, expected_num_trainable_weights=2,
                   supports_masking=True)
    with pytest.raises(ValueError, match="divisor"):
        layers.GroupNormalization(groups=3)(x)
    with pytest.raises(ValueError, match="more than"):
        layers.GroupNormalization(groups=8)(x)
    config = layers.GroupNormalization(groups=2).get_config()
    assert config["groups"] == 2 and config["axis"] == -1


def test_unit_normalization():
    x = np.array([[3.0, 4.0], [0.0, 0.0]], "float32")
    run_layer_test(layers.UnitNormalization, {}, input_data=x,
                   expected_output=np.array([[0.6, 0.8], [0.0, 0.0]]), supports_masking=True,
                   run_training_check=False)
    y = RNG.normal(size=(2, 3, 4)).astype("float32")
    out = ops.convert_to_numpy(layers.UnitNormalization(axis=[1, 2])(y))
    np.testing.assert_allclose(np.sqrt((out ** 2).sum(axis=(1, 2))), [1.0, 1.0], rtol=1e-5)
    with pytest.raises(TypeError, match="axis"):
        layers.UnitNormalization(axis="last")


@pytest.mark.parametrize("cls, kwargs", [
    (layers.BatchNormalization, {}),
    (layers.LayerNormalization, {}),
    (layers.GroupNormalization, {"groups": 2}),
])
def test_mixed_precision_keeps_float32_weights(cls, kwargs):
    x = RNG.normal(size=(4, 4)).astype("float32")
    layer = cls(dtype="mixed_float16", **kwargs)
    out = layer(x, training=True) if cls is layers.BatchNormalization else layer(x)
    assert ops.dtype(out) == "float16"
    assert all(v.dtype == "float32" for v in layer.weights)
    reference = cls(**kwargs)
    expected = reference(x, training=True) if cls is layers.BatchNormalization else reference(x)
    np.testing.assert_allclose(ops.convert_to_numpy(out).astype("float32"),
                               ops.convert_to_numpy(expected), atol=1e-2)


def test_wrong_feature_size_after_build_names_the_layer():
    layer = layers.BatchNormalization(name="bn_features")
    layer(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match="bn_features.*axis -1.*3"):
        layer(np.ones((2, 5), "float32"))
    norm = layers.LayerNormalization(name="ln_features")
    norm(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match="ln_features"):
        norm(np.ones((2, 5), "float32"))


@pytest.mark.parametrize("axis", [-1, [1, 2], 1])
def test_layer_normalization_fused_and_general_paths_match_numpy(axis):
    rng = np.random.default_rng(3)
    x = rng.normal(2.0, 3.0, size=(4, 5, 6)).astype("float32")
    layer = layers.LayerNormalization(axis=axis, epsilon=1e-3)
    layer.build(x.shape)
    axes = tuple(sorted(a % 3 for a in ([axis] if isinstance(axis, int) else axis)))
    param_shape = tuple(x.shape[a] for a in axes)
    gamma = rng.normal(size=param_shape).astype("float32")
    beta = rng.normal(size=param_shape).astype("float32")
    layer.set_weights([gamma, beta])
    broadcast = [1, 1, 1]
    for a in axes:
        broadcast[a] = x.shape[a]
    mean = x.mean(axis=axes, keepdims=True)
    expected = (x - mean) / np.sqrt(x.var(axis=axes, keepdims=True) + 1e-3)
    expected = expected * gamma.reshape(broadcast) + beta.reshape(broadcast)
    np.testing.assert_allclose(ops.convert_to_numpy(layer(x)), expected, rtol=1e-4, atol=1e-4)
