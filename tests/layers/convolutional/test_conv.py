"""Conv1D / Conv2D / Conv3D against a direct NumPy convolution, on both engines."""
import numpy as np
import pytest

import cornu
from cornu import layers
from tests.helpers.layer_test import run_layer_test
from tests.layers.convolutional import conv_reference as ref


def _reference(layer, x):
    kernel = layer.kernel.numpy()
    data = ref.to_channels_last(x, layer.data_format)
    if layer.padding == "causal":
        left = layer.dilation_rate[0] * (layer.kernel_size[0] - 1)
        data = ref.pad_spatial(data, [(left, 0)])
        padding = "valid"
    else:
        padding = layer.padding
    out = ref.conv(data, kernel, layer.strides, padding, layer.dilation_rate, layer.groups)
    if layer.use_bias:
        out = out + layer.bias.numpy()
    if layer.activation is not None and layer.activation.__name__ == "relu":
        out = np.maximum(out, 0)
    return ref.from_channels_last(out, layer.data_format)


@pytest.mark.parametrize("kwargs, input_shape, output_shape", [
    ({"filters": 3, "kernel_size": 3}, (2, 7, 4), (2, 5, 3)),
    ({"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 7, 4), (2, 4, 3)),
    ({"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (2, 6, 2),
     (2, 6, 2)),
    ({"filters": 4, "kernel_size": 2, "groups": 2, "use_bias": False}, (1, 5, 4), (1, 4, 4)),
    ({"filters": 3, "kernel_size": 3, "data_format": "channels_first", "padding": "same"},
     (2, 4, 6), (2, 3, 6)),
])
def test_conv1d(kwargs, input_shape, output_shape):
    layer = run_layer_test(
        layers.Conv1D, kwargs, input_shape=input_shape, expected_output_shape=output_shape,
        reference_fn=_reference,
        expected_num_trainable_weights=1 if kwargs.get("use_bias") is False else 2,
        expected_num_non_trainable_weights=0, atol=1e-4)
    channels = input_shape[1] if kwargs.get("data_format") == "channels_first" else \
        input_shape[-1]
    assert tuple(layer.kernel.shape) == (*layer.kernel_size,
                                         channels // layer.groups, kwargs["filters"])


@pytest.mark.parametrize("kwargs, input_shape, output_shape", [
    ({"filters": 4, "kernel_size": (3, 2)}, (2, 6, 5, 3), (2, 4, 4, 4)),
    ({"filters": 2, "kernel_size": 3, "strides": (2, 1), "padding": "same",
      "activation": "relu"}, (2, 5, 6, 3), (2, 3, 6, 2)),
    ({"filters": 2, "kernel_size": 3, "dilation_rate": 2}, (1, 7, 7, 2), (1, 3, 3, 2)),
    ({"filters": 4, "kernel_size": 3, "strides": 2, "data_format": "channels_first"},
     (2, 3, 7, 7), (2, 4, 3, 3)),
])
def test_conv2d(kwargs, input_shape, output_shape):
    run_layer_test(layers.Conv2D, kwargs, input_shape=input_shape,
                   expected_output_shape=output_shape, reference_fn=_reference,
                   expected_num_trainable_weights=2, atol=1e-4)


def test_conv3d_same_padding_with_strides():
    run_layer_test(layers.Conv3D, {"filters": 2, "kernel_size": 2, "strides": 2,
                                   "padding": "same"},
                   input_shape=(1, 3, 4, 5, 2), expected_output_shape=(1, 2, 2, 3, 2),
                   reference_fn=_reference, expected_num_trainable_weights=2, atol=1e-4)


def test_conv_weight_names_and_config():
    layer = layers.Conv2D(8, 3, name="c")
    layer.build((None, 9, 9, 3))
    assert [w.path for w in layer.weights] == ["c/kernel", "c/bias"]
    config = layer.get_config()
    for key in ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint"):
        assert key in config, key
    assert config["kernel_size"] == (3, 3) and config["strides"] == (1, 1)
    assert layers.Convolution2D is layers.Conv2D


def test_conv_kernel_regularizer_adds_loss():
    layer = layers.Conv1D(2, 2, kernel_regularizer="l2")
    layer(np.ones((1, 4, 3), "float32"))
    assert len(layer.losses) == 1
    expected = 0.01 * np.sum(layer.kernel.numpy() ** 2)
    np.testing.assert_allclose(cornu.ops.convert_to_numpy(layer.losses[0]), expected,
                               rtol=1e-5)


@pytest.mark.parametrize("kwargs, message", [
    ({"filters": 0, "kernel_size": 3}, "filters"),
    ({"filters": 2, "kernel_size": (3, 3, 3)}, "kernel_size"),
    ({"filters": 2, "kernel_size": 3, "padding": "causal"}, "padding"),
    ({"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, "dilation_rate"),
    ({"filters": 3, "kernel_size": 3, "groups": 2}, "groups"),
    ({"filters": 2, "kernel_size": 3, "data_format": "channels_middle"}, "data_format"),
])
def test_conv2d_argument_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        layers.Conv2D(**kwargs)


def test_conv_input_errors_name_the_layer():
    layer = layers.Conv2D(2, 3, name="edge")
    with pytest.raises(ValueError, match="edge"):
        layer(np.ones((2, 5, 5), "float32"))
    grouped = layers.Conv2D(4, 1, groups=2, name="grouped")
    with pytest.raises(ValueError, match="divisible"):
        grouped(np.ones((1, 3, 3, 3), "float32"))
    small = layers.Conv2D(2, 5, name="small")
    with pytest.raises(ValueError, match="small"):
        small(cornu.Input((3, 3, 1)))
