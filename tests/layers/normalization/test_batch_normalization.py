import numpy as np
import pytest

from cornu import backend, layers, ops
from tests.helpers.layer_test import run_layer_test

RNG = np.random.default_rng(0)
X = (RNG.normal(size=(64, 3)) * 2.0 + 4.0).astype("float32")


def _np(x):
    return ops.convert_to_numpy(x)


def test_batch_normalization_layer_test():
    def reference(layer, data):
        gamma, beta, mean, var = layer.get_weights()
        return (data - mean) / np.sqrt(var + 1e-3) * gamma + beta

    # The gradient check trains the layer (moving statistics change), so the config round
    # trip runs on a separate, untrained instance.
    run_layer_test(layers.BatchNormalization, {}, input_data=X[:8], reference_fn=reference,
                   expected_num_trainable_weights=2, expected_num_non_trainable_weights=2,
                   supports_masking=True, check_config=False)
    run_layer_test(layers.BatchNormalization, {"momentum": 0.5, "center": False},
                   input_data=X[:8], expected_num_trainable_weights=1,
                   reference_fn=lambda layer, data: data / np.sqrt(1 + 1e-3),
                   run_training_check=False)


def test_training_uses_batch_statistics_and_updates_moving():
    bn = layers.BatchNormalization(momentum=0.9)
    out = _np(bn(X, training=True))
    expected = (X - X.mean(0)) / np.sqrt(X.var(0) + 1e-3)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(_np(bn.moving_mean), 0.1 * X.mean(0), rtol=1e-5)
    np.testing.assert_allclose(_np(bn.moving_variance), 0.9 + 0.1 * X.var(0), rtol=1e-5)
    inference = _np(bn(X, training=False))
    np.testing.assert_allclose(
        inference, (X - _np(bn.moving_mean)) / np.sqrt(_np(bn.moving_variance) + 1e-3),
        rtol=1e-4, atol=1e-4)
    assert [v.name for v in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [v.trainable for v in bn.weights] == [True, True, False, False]


def test_frozen_layer_uses_moving_statistics():
    bn = layers.BatchNormalization()
    bn(X, training=True)
    bn.trainable = False
    before = _np(bn.moving_mean)
    out = _np(bn(X, training=True))
    np.testing.assert_array_equal(_np(bn.moving_mean), before)
    np.testing.assert_allclose(
        out, (X - before) / np.sqrt(_np(bn.moving_variance) + 1e-3), rtol=1e-4, atol=1e-4)


def test_updates_recorded_in_stateless_scope():
    bn = layers.BatchNormalization()
    bn.build((None, 3))
    mapping = [(v, v.value) for v in bn.weights]
    with backend.StatelessScope(mapping) as scope:
        bn(X, training=True)
    np.testing.assert_array_equal(_np(bn.moving_mean), np.zeros(3))
    np.testing.assert_allclose(_np(scope.updated_value(bn.moving_mean)), 0.01 * X.mean(0),
                               rtol=1e-5)


def test_channels_first_axis_and_mask():
    x = RNG.normal(size=(4, 2, 5)).astype("float32")
    bn = layers.BatchNormalization(axis=1, center=False, scale=False)
    out = _np(bn(x, training=True))
    mean = x.mean(axis=(0, 2), keepdims=True)
    var = x.var(axis=(0, 2), keepdims=True)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)
    assert len(bn.weights) == 2
    seq = RNG.normal(size=(2, 3, 4)).astype("float32")
    mask = np.array([[True, True, False], [True, False, False]])
    bn = layers.BatchNormalization(momentum=0.0)
    bn(seq, training=True, mask=mask)
    np.testing.assert_allclose(_np(bn.moving_mean), seq[mask].mean(0), rtol=1e-5)


def test_config_keys_match_keras():
    config = layers.BatchNormalization().get_config()
    assert list(config)[3:] == [
        "axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
        "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
        "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
        "synchronized", "renorm", "renorm_clipping", "renorm_momentum"]
    assert config["momentum"] == 0.99 and config["epsilon"] == 0.001
    with pytest.raises(ValueError, match="axis"):
        layers.BatchNormalization(axis=3)(X)
