"""SeparableConv1D/2D against depthwise-then-pointwise NumPy convolutions, both engines."""
import numpy as np
import pytest

from cornu import layers
from tests.helpers.layer_test import run_layer_test
from tests.layers.convolutional import conv_reference as ref


def _reference(layer, x):
    data = ref.to_channels_last(x, layer.data_format)
    depthwise = layer.depthwise_kernel.numpy()
    channels = data.shape[-1]
    grouped = depthwise.reshape(depthwise.shape[:-2] + (1, channels * layer.depth_multiplier))
    mid = ref.conv(data, grouped, layer.strides, layer.padding, layer.dilation_rate,
                   groups=channels)
    out = ref.conv(mid, layer.pointwise_kernel.numpy(), (1,) * layer.rank, "valid",
                   (1,) * layer.rank)
    if layer.use_bias:
        out = out + layer.bias.numpy()
    return ref.from_channels_last(out, layer.data_format)


@pytest.mark.parametrize("cls, kwargs, input_shape, output_shape", [
    (layers.SeparableConv1D, {"filters": 4, "kernel_size": 3, "depth_multiplier": 2},
     (2, 6, 3), (2, 4, 4)),
    (layers.SeparableConv2D, {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"},
     (1, 5, 6, 2), (1, 3, 3, 3)),
    (layers.SeparableConv2D, {"filters": 2, "kernel_size": 2,
                              "data_format": "channels_first"}, (1, 3, 4, 4), (1, 2, 3, 3)),
])
def test_separable_matches_reference(cls, kwargs, input_shape, output_shape):
    layer = run_layer_test(cls, kwargs, input_shape=input_shape,
                           expected_output_shape=output_shape, reference_fn=_reference,
                           expected_num_trainable_weights=3, atol=1e-4)
    channels = input_shape[1] if kwargs.get("data_format") == "channels_first" else \
        input_shape[-1]
    multiplier = kwargs.get("depth_multiplier", 1)
    assert tuple(layer.depthwise_kernel.shape) == layer.kernel_size + (channels, multiplier)
    assert tuple(layer.pointwise_kernel.shape) == (1,) * layer.rank + (
        channels * multiplier, kwargs["filters"])
    assert [w.path.split("/")[-1] for w in layer.weights] == [
        "depthwise_kernel", "pointwise_kernel", "bias"]


def test_separable_alias_and_errors():
    assert layers.SeparableConvolution2D is layers.SeparableConv2D
    with pytest.raises(ValueError, match="filters"):
        layers.SeparableConv2D(0, 3)
    with pytest.raises(ValueError, match="rank 4"):
        layers.SeparableConv2D(2, 3)(np.ones((1, 4, 4), "float32"))
