"""Resizing and CenterCrop: shapes, values vs NumPy, aspect-ratio options, both engines."""
import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


def test_resizing_nearest_doubles_pixels():
    run_layer_test(layers.Resizing, {"height": 4, "width": 6, "interpolation": "nearest"},
                   input_shape=(2, 2, 3, 1), expected_output_shape=(2, 4, 6, 1),
                   reference_fn=lambda layer, x: np.repeat(np.repeat(x, 2, 1), 2, 2),
                   expected_num_trainable_weights=0)


def test_resizing_bilinear_constant_image_and_symbolic_shape():
    layer = layers.Resizing(5, 7)
    out = ops.convert_to_numpy(layer(np.full((1, 3, 4, 2), 7.0, "float32")))
    np.testing.assert_allclose(out, 7.0, rtol=1e-6)
    assert layer(cornu.Input((None, None, 3))).shape == (None, 5, 7, 3)
    channels_first = layers.Resizing(2, 2, data_format="channels_first")
    assert tuple(channels_first(np.ones((1, 3, 4, 4), "float32")).shape) == (1, 3, 2, 2)


def test_resizing_crop_to_aspect_ratio_keeps_center():
    image = np.arange(24, dtype="float32").reshape(1, 4, 6, 1)
    out = layers.Resizing(4, 4, interpolation="nearest", crop_to_aspect_ratio=True)(image)
    np.testing.assert_array_equal(ops.convert_to_numpy(out), image[:, :, 1:5])


def test_center_crop_values_and_upscaling():
    image = np.arange(36, dtype="float32").reshape(1, 6, 6, 1)
    run_layer_test(layers.CenterCrop, {"height": 2, "width": 4}, input_data=image,
                   expected_output_shape=(1, 2, 4, 1),
                   reference_fn=lambda layer, x: x[:, 2:4, 1:5],
                   expected_num_trainable_weights=0)
    small = layers.CenterCrop(8, 8)(np.ones((1, 4, 6, 1), "float32"))
    assert tuple(small.shape) == (1, 8, 8, 1)


def test_errors():
    with pytest.raises(ValueError, match="height"):
        layers.Resizing(0, 3)
    with pytest.raises(ValueError, match="interpolation"):
        layers.Resizing(3, 3, interpolation="cubic")
    with pytest.raises(ValueError, match="3D image or a 4D batch"):
        layers.CenterCrop(2, 2)(np.ones((4, 4), "float32"))
