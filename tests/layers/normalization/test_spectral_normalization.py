import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test

RNG = np.random.default_rng(11)
X = RNG.normal(size=(4, 3)).astype("float32")


def _power_iteration(kernel, vector_u, iterations):
    weights = kernel.reshape(-1, kernel.shape[-1])
    u = vector_u
    for _ in range(iterations):
        v = u @ weights.T
        v = v / np.linalg.norm(v)
        u = v @ weights
        u = u / np.linalg.norm(u)
    sigma = (v @ weights @ u.T).item()
    return u, kernel / sigma


def test_inference_uses_the_stored_kernel():
    def reference(layer, data):
        kernel, bias = layer.layer.get_weights()
        return data @ kernel + bias

    layer = run_layer_test(
        layers.SpectralNormalization,
        {"layer": layers.Dense(5, bias_initializer="ones"), "power_iterations": 2},
        input_data=X, expected_output_shape=(4, 5), reference_fn=reference,
        expected_num_trainable_weights=2, expected_num_non_trainable_weights=1,
        run_training_check=False)
    assert [w.name for w in layer.weights] == ["kernel", "vector_u", "bias"]
    assert tuple(layer.vector_u.shape) == (1, 5) and not layer.vector_u.trainable


@pytest.mark.parametrize("power_iterations", [1, 3])
def test_training_call_normalizes_kernel_like_numpy(power_iterations):
    layer = layers.SpectralNormalization(layers.Dense(5), power_iterations=power_iterations)
    layer.build((None, 3))
    kernel = layer.layer.get_weights()[0]
    vector_u = ops.convert_to_numpy(layer.vector_u.value).astype(np.float64)
    output = ops.convert_to_numpy(layer(X, training=True))
    expected_u, expected_kernel = _power_iteration(kernel.astype(np.float64), vector_u,
                                                   power_iterations)
    np.testing.assert_allclose(layer.layer.get_weights()[0], expected_kernel, atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(layer.vector_u.value), expected_u,
                               atol=1e-5)
    np.testing.assert_allclose(output, X @ expected_kernel, atol=1e-5)


def test_many_training_calls_bring_sigma_to_one_and_wrap_conv():
    # Seeded: power iteration converges at a rate set by the kernel's spectral gap.
    conv = layers.Conv2D(4, 3, kernel_initializer=cornu.initializers.RandomNormal(stddev=2.0,
                                                                                  seed=3))
    layer = layers.SpectralNormalization(conv, power_iterations=10)
    images = RNG.normal(size=(2, 6, 6, 2)).astype("float32")
    for _ in range(10):
        layer(images, training=True)
    kernel = conv.get_weights()[0].reshape(-1, 4)
    assert abs(np.linalg.svd(kernel, compute_uv=False)[0] - 1.0) < 1e-3
    assert tuple(layer(images).shape) == (2, 4, 4, 4)


def test_gradients_flow_in_training_mode():
    layer = layers.SpectralNormalization(layers.Dense(2))
    model = cornu.Sequential([cornu.Input((3,)), layer])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(X, np.ones((4, 2), "float32"), epochs=2, batch_size=4, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))


def test_config_and_errors():
    layer = layers.SpectralNormalization(layers.Dense(2), power_iterations=4)
    config = layer.get_config()
    assert config["power_iterations"] == 4 and config["layer"]["class_name"] == "Dense"
    assert layers.SpectralNormalization.from_config(config).power_iterations == 4
    with pytest.raises(ValueError, match="power_iterations"):
        layers.SpectralNormalization(layers.Dense(2), power_iterations=0)
    with pytest.raises(ValueError, match="kernel"):
        layers.SpectralNormalization(layers.Dropout(0.1))(X)
