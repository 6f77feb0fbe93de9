"""Global max/average pooling (1D/2D/3D, keepdims, masks), on both engines."""
import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


@pytest.mark.parametrize("cls, reduce, rank", [
    (layers.GlobalMaxPooling1D, np.max, 1), (layers.GlobalAveragePooling1D, np.mean, 1),
    (layers.GlobalMaxPooling2D, np.max, 2), (layers.GlobalAveragePooling2D, np.mean, 2),
    (layers.GlobalMaxPooling3D, np.max, 3), (layers.GlobalAveragePooling3D, np.mean, 3),
])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("keepdims", [False, True])
def test_global_pooling(cls, reduce, rank, data_format, keepdims):
    shape = (2,) + (3,) * rank + (4,) if data_format == "channels_last" else \
        (2, 4) + (3,) * rank
    axes = tuple(range(1, rank + 1)) if data_format == "channels_last" else \
        tuple(range(2, rank + 2))
    expected_shape = tuple(1 if i in axes else d for i, d in enumerate(shape)) if keepdims \
        else (2, 4)
    run_layer_test(cls, {"data_format": data_format, "keepdims": keepdims},
                   input_shape=shape, expected_output_shape=expected_shape,
                   reference_fn=lambda layer, x: reduce(x, axis=axes, keepdims=keepdims),
                   expected_num_trainable_weights=0)


def test_global_average_pooling1d_ignores_masked_steps():
    x = np.arange(12, dtype="float32").reshape(2, 3, 2)
    mask = np.array([[True, True, False], [True, False, False]])
    out = layers.GlobalAveragePooling1D()(x, mask=mask)
    expected = np.stack([x[0, :2].mean(0), x[1, :1].mean(0)])
    np.testing.assert_allclose(ops.convert_to_numpy(out), expected, rtol=1e-6)


def test_global_pooling_masked_by_embedding():
    embedded = layers.Embedding(5, 2, mask_zero=True)
    pooled = layers.GlobalAveragePooling1D()
    tokens = np.array([[1, 2, 0, 0]])
    vectors = ops.convert_to_numpy(embedded(tokens))
    out = ops.convert_to_numpy(pooled(embedded(tokens)))
    np.testing.assert_allclose(out, vectors[:, :2].mean(1), rtol=1e-6)


def test_global_pooling_aliases_and_errors():
    assert layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D
    with pytest.raises(ValueError, match="data_format"):
        layers.GlobalMaxPooling2D(data_format="nhwc")
