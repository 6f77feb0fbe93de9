"""Normalization: fixed statistics, adapt (arrays and batches), invert, weights."""
import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


def test_normalization_with_given_statistics():
    mean, variance = np.array([1.0, 2.0, 3.0]), np.array([4.0, 1.0, 0.25])
    run_layer_test(layers.Normalization, {"mean": mean.tolist(), "variance": variance.tolist()},
                   input_shape=(4, 3), expected_output_shape=(4, 3),
                   reference_fn=lambda layer, x: (x - mean) / np.sqrt(variance),
                   expected_num_trainable_weights=0, expected_num_non_trainable_weights=0)


def test_normalization_invert_undoes_normalization():
    forward = layers.Normalization(mean=2.0, variance=9.0)
    inverse = layers.Normalization(mean=2.0, variance=9.0, invert=True)
    x = np.array([[1.0], [5.0]], "float32")
    np.testing.assert_allclose(ops.convert_to_numpy(inverse(forward(x))), x, rtol=1e-6)


def test_adapt_matches_numpy_statistics_and_weights():
    rng = np.random.default_rng(0)
    data = (rng.normal(size=(50, 3)) * [1.0, 2.0, 3.0] + [4.0, 5.0, 6.0]).astype("float32")
    layer = layers.Normalization()
    layer.adapt(data)
    np.testing.assert_allclose(layer.adapt_mean.numpy(), data.mean(0), rtol=1e-5)
    np.testing.assert_allclose(layer.adapt_variance.numpy(), data.var(0), rtol=1e-5)
    assert [w.path.split("/")[-1] for w in layer.weights] == ["mean", "variance", "count"]
    assert layer.count_params() == 7 and not layer.trainable_weights
    out = ops.convert_to_numpy(layer(data))
    np.testing.assert_allclose(out.mean(0), 0.0, atol=1e-5)
    np.testing.assert_allclose(out.std(0), 1.0, atol=1e-4)


def test_adapt_over_batches_equals_adapt_over_array():
    data = np.random.default_rng(1).normal(size=(30, 2, 4)).astype("float32")
    whole = layers.Normalization(axis=(1, 2))
    whole.adapt(data)
    batched = layers.Normalization(axis=(1, 2))
    batched.adapt(iter([data[:7], data[7:20], data[20:]]))
    np.testing.assert_allclose(batched.adapt_mean.numpy(), whole.adapt_mean.numpy(), rtol=1e-5)
    np.testing.assert_allclose(batched.adapt_variance.numpy(), whole.adapt_variance.numpy(),
                               rtol=1e-4)
    scalar = layers.Normalization(axis=None)
    scalar.adapt(data)
    np.testing.assert_allclose(scalar.adapt_mean.numpy(), data.mean(), rtol=1e-5)


def test_normalization_config_and_errors():
    config = layers.Normalization(axis=-1, mean=[0.0], variance=[1.0]).get_config()
    assert config["axis"] == (-1,) and config["mean"] == [0.0] and config["invert"] is False
    with pytest.raises(ValueError, match="both `mean` and `variance`"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="axis 3 is out of range"):
        layers.Normalization(axis=3)(np.ones((2, 2), "float32"))
    fixed = layers.Normalization(mean=0.0, variance=1.0)
    with pytest.raises(ValueError, match="adapt"):
        fixed.adapt(np.ones((2, 1)))
