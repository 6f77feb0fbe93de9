"""Cropping1D/2D/3D: values are NumPy slices, on both engines."""
import pytest

import cornu
from cornu import layers
from tests.helpers.layer_test import run_layer_test


@pytest.mark.parametrize("cls, kwargs, input_shape, index", [
    (layers.Cropping1D, {"cropping": (1, 2)}, (2, 6, 3), (slice(None), slice(1, 4))),
    (layers.Cropping1D, {}, (1, 4, 2), (slice(None), slice(1, 3))),
    (layers.Cropping2D, {"cropping": ((1, 0), (2, 1))}, (2, 4, 5, 2),
     (slice(None), slice(1, 4), slice(2, 4))),
    (layers.Cropping2D, {"cropping": 1, "data_format": "channels_first"}, (1, 2, 4, 4),
     (slice(None), slice(None), slice(1, 3), slice(1, 3))),
    (layers.Cropping3D, {"cropping": (1, 0, 1)}, (1, 4, 3, 4, 1),
     (slice(None), slice(1, 3), slice(0, 3), slice(1, 3))),
])
def test_cropping(cls, kwargs, input_shape, index):
    run_layer_test(cls, kwargs, input_shape=input_shape,
                   reference_fn=lambda layer, x: x[index],
                   expected_output_shape=None, expected_num_trainable_weights=0)


def test_cropping_shapes_config_and_errors():
    layer = layers.Cropping2D(((1, 2), (0, 1)))
    assert layer(cornu.Input((None, 6, 3))).shape == (None, None, 5, 3)
    assert layer.get_config()["cropping"] == ((1, 2), (0, 1))
    assert layers.Cropping1D().get_config()["cropping"] == (1, 1)
    with pytest.raises(ValueError, match="cropping"):
        layers.Cropping2D(cropping=(1, 2, 3))
    with pytest.raises(ValueError, match="removes all"):
        layers.Cropping1D((2, 2))(cornu.Input((4, 1)))
