"""Max/Average pooling 1D/2D/3D against a direct NumPy window loop, on both engines."""
import numpy as np
import pytest

import cornu
from cornu import layers
from tests.helpers.layer_test import run_layer_test
from tests.layers.convolutional import conv_reference as ref


def _reference(mode):
    def reference(layer, x):
        data = ref.to_channels_last(x, layer.data_format)
        out = ref.pool(data, layer.pool_size, layer.strides, layer.padding, mode)
        return ref.from_channels_last(out, layer.data_format)
    return reference


@pytest.mark.parametrize("cls, mode, kwargs, input_shape, output_shape", [
    (layers.MaxPooling1D, "max", {}, (2, 7, 3), (2, 3, 3)),
    (layers.MaxPooling1D, "max", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 7, 3),
     (2, 4, 3)),
    (layers.AveragePooling1D, "average", {"pool_size": 3, "strides": 1, "padding": "same"},
     (1, 5, 2), (1, 5, 2)),
    (layers.MaxPooling2D, "max", {"pool_size": (2, 3)}, (2, 5, 7, 2), (2, 2, 2, 2)),
    (layers.MaxPooling2D, "max", {"pool_size": 3, "strides": 2, "padding": "same",
                                  "data_format": "channels_first"}, (1, 2, 5, 6), (1, 2, 3, 3)),
    (layers.AveragePooling2D, "average", {"pool_size": 3, "strides": 2, "padding": "same"},
     (2, 5, 6, 2), (2, 3, 3, 2)),
    (layers.AveragePooling2D, "average", {"data_format": "channels_first"}, (1, 3, 4, 5),
     (1, 3, 2, 2)),
    (layers.MaxPooling3D, "max", {}, (1, 4, 4, 5, 2), (1, 2, 2, 2, 2)),
    (layers.AveragePooling3D, "average", {"pool_size": 2, "padding": "same"}, (1, 3, 4, 3, 1),
     (1, 2, 2, 2, 1)),
])
def test_pooling_matches_reference(cls, mode, kwargs, input_shape, output_shape):
    run_layer_test(cls, kwargs, input_shape=input_shape, expected_output_shape=output_shape,
                   reference_fn=_reference(mode), expected_num_trainable_weights=0,
                   expected_num_non_trainable_weights=0, atol=1e-5)


def test_pooling_config_defaults_and_aliases():
    config = layers.MaxPooling2D().get_config()
    assert config["pool_size"] == (2, 2) and config["strides"] == (2, 2)
    assert config["padding"] == "valid" and config["data_format"] == "channels_last"
    assert layers.MaxPool2D is layers.MaxPooling2D
    assert layers.AvgPool1D is layers.AveragePooling1D


def test_pooling_errors():
    with pytest.raises(ValueError, match="padding"):
        layers.MaxPooling2D(padding="full")
    with pytest.raises(ValueError, match="pool_size"):
        layers.AveragePooling2D(pool_size=(2, 2, 2))
    with pytest.raises(ValueError, match="smaller than pool_size"):
        layers.MaxPooling2D(pool_size=4)(cornu.Input((3, 3, 1)))
    with pytest.raises(ValueError):
        layers.MaxPooling2D()(np.ones((2, 4, 4), "float32"))
