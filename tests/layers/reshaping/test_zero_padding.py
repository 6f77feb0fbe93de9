"""ZeroPadding1D/2D/3D: values equal `np.pad`, on both engines."""
import numpy as np
import pytest

import cornu
from cornu import layers
from tests.helpers.layer_test import run_layer_test


@pytest.mark.parametrize("cls, kwargs, input_shape, widths", [
    (layers.ZeroPadding1D, {"padding": (1, 2)}, (2, 3, 2), [(0, 0), (1, 2), (0, 0)]),
    (layers.ZeroPadding2D, {}, (1, 2, 3, 2), [(0, 0), (1, 1), (1, 1), (0, 0)]),
    (layers.ZeroPadding2D, {"padding": ((1, 0), (0, 2)), "data_format": "channels_first"},
     (1, 2, 3, 3), [(0, 0), (0, 0), (1, 0), (0, 2)]),
    (layers.ZeroPadding3D, {"padding": (1, 0, 2)}, (1, 2, 2, 2, 1),
     [(0, 0), (1, 1), (0, 0), (2, 2), (0, 0)]),
])
def test_zero_padding(cls, kwargs, input_shape, widths):
    run_layer_test(cls, kwargs, input_shape=input_shape,
                   expected_output_shape=tuple(d + a + b for d, (a, b) in zip(input_shape,
                                                                               widths)),
                   reference_fn=lambda layer, x: np.pad(x, widths),
                   expected_num_trainable_weights=0)


def test_zero_padding_config_and_errors():
    assert layers.ZeroPadding2D(2).get_config()["padding"] == ((2, 2), (2, 2))
    assert layers.ZeroPadding1D(3).get_config()["padding"] == (3, 3)
    assert layers.ZeroPadding2D(1)(cornu.Input((None, 4, 2))).shape == (None, None, 6, 2)
    with pytest.raises(ValueError, match="padding"):
        layers.ZeroPadding2D(padding=-1)
