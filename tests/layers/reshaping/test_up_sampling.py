"""UpSampling1D/2D/3D: nearest equals `np.repeat`, bilinear matches a NumPy reference."""
import numpy as np
import pytest

from cornu import layers
from tests.helpers.layer_test import run_layer_test


def _repeat(axes_and_factors):
    def reference(layer, x):
        for axis, factor in axes_and_factors:
            x = np.repeat(x, factor, axis=axis)
        return x
    return reference


@pytest.mark.parametrize("cls, kwargs, input_shape, repeats", [
    (layers.UpSampling1D, {"size": 3}, (2, 3, 2), [(1, 3)]),
    (layers.UpSampling2D, {"size": (2, 3)}, (1, 2, 3, 2), [(1, 2), (2, 3)]),
    (layers.UpSampling2D, {"data_format": "channels_first"}, (1, 2, 2, 3), [(2, 2), (3, 2)]),
    (layers.UpSampling3D, {"size": (1, 2, 2)}, (1, 2, 2, 2, 1), [(2, 2), (3, 2)]),
])
def test_up_sampling_nearest(cls, kwargs, input_shape, repeats):
    run_layer_test(cls, kwargs, input_shape=input_shape, reference_fn=_repeat(repeats),
                   expected_num_trainable_weights=0)


def _bilinear_reference(x, out_h, out_w):
    """Half-pixel-center bilinear resize of (b, h, w, c)."""
    _, h, w, _ = x.shape

    def coords(out_size, in_size):
        src = (np.arange(out_size) + 0.5) * in_size / out_size - 0.5
        src = np.clip(src, 0, in_size - 1)
        low = np.floor(src).astype(int)
        high = np.minimum(low + 1, in_size - 1)
        return low, high, src - low

    y0, y1, wy = coords(out_h, h)
    x0, x1, wx = coords(out_w, w)
    top = x[:, y0][:, :, x0] * (1 - wx)[None, None, :, None] + \
        x[:, y0][:, :, x1] * wx[None, None, :, None]
    bottom = x[:, y1][:, :, x0] * (1 - wx)[None, None, :, None] + \
        x[:, y1][:, :, x1] * wx[None, None, :, None]
    return top * (1 - wy)[None, :, None, None] + bottom * wy[None, :, None, None]


def test_up_sampling2d_bilinear():
    run_layer_test(layers.UpSampling2D, {"size": 2, "interpolation": "bilinear"},
                   input_shape=(1, 3, 4, 2), expected_output_shape=(1, 6, 8, 2),
                   reference_fn=lambda layer, x: _bilinear_reference(x, 6, 8), atol=1e-5)


def test_up_sampling_config_and_errors():
    config = layers.UpSampling2D(size=3, interpolation="bilinear").get_config()
    assert config["size"] == (3, 3) and config["interpolation"] == "bilinear"
    assert layers.UpSampling1D(4).get_config()["size"] == 4
    with pytest.raises(ValueError, match="interpolation"):
        layers.UpSampling2D(interpolation="area")
    with pytest.raises(ValueError, match="size"):
        layers.UpSampling3D(size=(2, 2))
