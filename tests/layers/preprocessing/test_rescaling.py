"""Rescaling: `x * scale + offset`, scalar and per-channel, on both engines."""
import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


def test_rescaling_scalar():
    run_layer_test(layers.Rescaling, {"scale": 1.0 / 255, "offset": -0.5},
                   input_shape=(2, 3, 3), expected_output_shape=(2, 3, 3),
                   reference_fn=lambda layer, x: x / 255 - 0.5,
                   expected_num_trainable_weights=0)


def test_rescaling_per_channel_and_integer_inputs():
    layer = layers.Rescaling([1.0, 0.5, 0.25], offset=[0.0, 1.0, 2.0])
    images = np.full((1, 2, 2, 3), 4, dtype="uint8")
    out = ops.convert_to_numpy(layer(images))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out[0, 0, 0], [4.0, 3.0, 3.0])
    assert layer.get_config()["scale"] == [1.0, 0.5, 0.25]


def test_rescaling_rejects_bad_scale():
    with pytest.raises(ValueError, match="scale"):
        layers.Rescaling("big")
