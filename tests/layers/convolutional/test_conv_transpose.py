"""Conv1D/2D/3DTranspose against a scatter-based NumPy reference, on both engines."""
import numpy as np
import pytest

from cornu import layers
from tests.helpers.layer_test import run_layer_test
from tests.layers.convolutional import conv_reference as ref


def _reference(layer, x):
    data = ref.to_channels_last(x, layer.data_format)
    out = ref.conv_transpose(data, layer.kernel.numpy(), layer.strides, layer.padding,
                             layer.dilation_rate, layer.output_padding)
    if layer.use_bias:
        out = out + layer.bias.numpy()
    return ref.from_channels_last(out, layer.data_format)


@pytest.mark.parametrize("cls, kwargs, input_shape, output_shape", [
    (layers.Conv1DTranspose, {"filters": 3, "kernel_size": 3, "strides": 2}, (2, 4, 2),
     (2, 9, 3)),
    (layers.Conv1DTranspose, {"filters": 2, "kernel_size": 2, "strides": 3}, (1, 3, 2),
     (1, 9, 2)),
    (layers.Conv2DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"},
     (2, 3, 4, 3), (2, 6, 8, 2)),
    (layers.Conv2DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2,
                              "output_padding": 1}, (1, 3, 3, 2), (1, 8, 8, 2)),
    (layers.Conv2DTranspose, {"filters": 2, "kernel_size": 2, "dilation_rate": 2,
                              "data_format": "channels_first"}, (1, 3, 3, 4), (1, 2, 5, 6)),
    (layers.Conv3DTranspose, {"filters": 2, "kernel_size": 2, "strides": 2}, (1, 2, 2, 2, 1),
     (1, 4, 4, 4, 2)),
])
def test_conv_transpose_matches_reference(cls, kwargs, input_shape, output_shape):
    layer = run_layer_test(cls, kwargs, input_shape=input_shape,
                           expected_output_shape=output_shape, reference_fn=_reference,
                           expected_num_trainable_weights=2, atol=1e-4)
    channels = input_shape[1] if kwargs.get("data_format") == "channels_first" else \
        input_shape[-1]
    assert tuple(layer.kernel.shape) == layer.kernel_size + (kwargs["filters"], channels)


def test_conv_transpose_config_and_errors():
    layer = layers.Conv2DTranspose(4, 3, strides=2, output_padding=1)
    config = layer.get_config()
    assert config["output_padding"] == (1, 1) and config["strides"] == (2, 2)
    assert layers.Conv2DTranspose.from_config(config).output_padding == (1, 1)
    with pytest.raises(ValueError, match="output_padding"):
        layers.Conv2DTranspose(4, 3, strides=1, output_padding=1)
    with pytest.raises(ValueError, match="padding"):
        layers.Conv1DTranspose(4, 3, padding="causal")
    with pytest.raises(ValueError, match="rank 4"):
        layers.Conv2DTranspose(2, 3)(np.ones((1, 4, 4), "float32"))
