import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


X = np.random.default_rng(0).normal(size=(200, 50)).astype("float32")


def test_gaussian_noise():
    layer = layers.GaussianNoise(0.5, seed=1)
    noise = _np(layer(X, training=True)) - X
    assert abs(noise.mean()) < 0.02 and abs(noise.std() - 0.5) < 0.02
    np.testing.assert_array_equal(_np(layer(X, training=False)), X)
    run_layer_test(layers.GaussianNoise, {"stddev": 0.3, "seed": 1}, input_data=X[:3],
                   expected_output=X[:3], supports_masking=True, run_training_check=False)
    with pytest.raises(ValueError, match="stddev"):
        layers.GaussianNoise(-1.0)


def test_gaussian_dropout():
    ones = np.ones((200, 50), "float32")
    layer = layers.GaussianDropout(0.2, seed=1)
    out = _np(layer(ones, training=True))
    assert abs(out.mean() - 1.0) < 0.02 and abs(out.std() - np.sqrt(0.2 / 0.8)) < 0.02
    np.testing.assert_array_equal(_np(layer(ones, training=False)), ones)
    run_layer_test(layers.GaussianDropout, {"rate": 0.1, "seed": 2}, input_data=ones[:2],
                   expected_output=ones[:2], run_training_check=False)


def test_alpha_dropout_keeps_mean_and_variance():
    layer = layers.AlphaDropout(0.2, seed=3)
    out = _np(layer(X, training=True))
    assert abs(out.mean() - X.mean()) < 0.05 and abs(out.std() - X.std()) < 0.05
    assert not np.allclose(out, X)
    np.testing.assert_array_equal(_np(layer(X, training=False)), X)
    run_layer_test(layers.AlphaDropout, {"rate": 0.1, "seed": 2}, input_data=X[:2],
                   expected_output=X[:2], run_training_check=False)


def test_activity_regularization_adds_loss():
    layer = layers.ActivityRegularization(l1=0.1, l2=0.01)
    x = np.array([[1.0, -2.0]], "float32")
    np.testing.assert_array_equal(_np(layer(x)), x)
    assert len(layer.losses) == 1
    assert float(_np(layer.losses[0])) == pytest.approx(0.1 * 3 + 0.01 * 5, rel=1e-5)
    config = layer.get_config()
    assert config["l1"] == 0.1 and config["l2"] == 0.01 and "activity_regularizer" not in config
    run_layer_test(layers.ActivityRegularization, {"l1": 0.1}, input_data=x, expected_output=x,
                   run_training_check=False)
