"""DepthwiseConv1D/2D against a per-channel NumPy convolution, on both engines."""
import numpy as np
import pytest

from cornu import layers
from tests.helpers.layer_test import run_layer_test
from tests.layers.convolutional import conv_reference as ref


def _reference(layer, x):
    data = ref.to_channels_last(x, layer.data_format)
    kernel = layer.kernel.numpy()
    outputs = []
    # Each input channel is convolved on its own with its `depth_multiplier` filters.
    for channel in range(data.shape[-1]):
        outputs.append(ref.conv(data[..., channel:channel + 1], kernel[..., channel:channel + 1, :],
                                layer.strides, layer.padding, layer.dilation_rate))
    out = np.concatenate(outputs, axis=-1)
    if layer.use_bias:
        out = out + layer.bias.numpy()
    return ref.from_channels_last(out, layer.data_format)


@pytest.mark.parametrize("cls, kwargs, input_shape, output_shape", [
    (layers.DepthwiseConv1D, {"kernel_size": 3, "depth_multiplier": 2}, (2, 6, 3), (2, 4, 6)),
    (layers.DepthwiseConv2D, {"kernel_size": 3, "strides": 2, "padding": "same"},
     (2, 5, 5, 3), (2, 3, 3, 3)),
    (layers.DepthwiseConv2D, {"kernel_size": 2, "depth_multiplier": 2, "dilation_rate": 2,
                              "data_format": "channels_first"}, (1, 2, 5, 5), (1, 4, 3, 3)),
])
def test_depthwise_matches_reference(cls, kwargs, input_shape, output_shape):
    layer = run_layer_test(cls, kwargs, input_shape=input_shape,
                           expected_output_shape=output_shape, reference_fn=_reference,
                           expected_num_trainable_weights=2, atol=1e-4)
    channels = input_shape[1] if kwargs.get("data_format") == "channels_first" else \
        input_shape[-1]
    assert tuple(layer.kernel.shape) == layer.kernel_size + (
        channels, kwargs.get("depth_multiplier", 1))
    assert layer.kernel.path.endswith("/kernel")


def test_depthwise_config_keys_and_errors():
    config = layers.DepthwiseConv2D(3, depth_multiplier=2).get_config()
    for key in ("depth_multiplier", "depthwise_initializer", "depthwise_regularizer",
                "depthwise_constraint", "kernel_size", "strides", "padding"):
        assert key in config
    with pytest.raises(ValueError, match="depth_multiplier"):
        layers.DepthwiseConv2D(3, depth_multiplier=0)
