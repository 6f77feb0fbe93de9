import numpy as np
import pytest

from cornu.trainers.data_adapters import data_adapter_utils as utils
from cornu.trainers.data_adapters import pack_x_y_sample_weight, unpack_x_y_sample_weight


def test_unpack_fills_missing_parts_with_none():
    x, y, w = np.zeros(2), np.ones(2), np.full(2, 0.5)
    assert unpack_x_y_sample_weight(x)[0] is x
    assert unpack_x_y_sample_weight((x,)) == (x, None, None)
    assert unpack_x_y_sample_weight((x, y)) == (x, y, None)
    assert unpack_x_y_sample_weight([x, y, w]) == (x, y, w)
    data = {"a": x}
    assert unpack_x_y_sample_weight(data) == (data, None, None)


def test_unpack_rejects_four_elements_with_clear_message():
    with pytest.raises(ValueError, match="tuple of 4 elements"):
        unpack_x_y_sample_weight((1, 2, 3, 4))


def test_pack_follows_keras_rules():
    x, y, w = np.zeros(2), np.ones(2), np.full(2, 0.5)
    assert pack_x_y_sample_weight(x) is x
    assert pack_x_y_sample_weight((x, y)) == ((x, y),)
    assert pack_x_y_sample_weight(x, y) == (x, y)
    assert pack_x_y_sample_weight(x, y, w) == (x, y, w)
    for packed in [pack_x_y_sample_weight(x, y, w), pack_x_y_sample_weight([x, x])]:
        assert unpack_x_y_sample_weight(packed)[0] is not None


def test_utils_namespace_reexports_pack_helpers():
    import cornu

    assert cornu.utils.pack_x_y_sample_weight is pack_x_y_sample_weight
    assert cornu.utils.unpack_x_y_sample_weight is unpack_x_y_sample_weight


@pytest.mark.parametrize("labels", [
    np.array([0, 1, 2, 1]),
    np.array([[0], [1], [2], [1]]),
    np.eye(3)[[0, 1, 2, 1]],
])
def test_class_weight_to_sample_weights(labels):
    weights = utils.class_weight_to_sample_weights(labels, {0: 1.0, 1: 3.0, 2: 0.5})
    np.testing.assert_allclose(weights, [1.0, 3.0, 0.5, 3.0])
    assert weights.dtype == np.float32


def test_class_weight_missing_class_defaults_to_one():
    weights = utils.class_weight_to_sample_weights(np.array([0, 4, 1]), {1: 2.0})
    np.testing.assert_allclose(weights, [1.0, 1.0, 2.0])


def test_class_weight_errors():
    with pytest.raises(TypeError, match="must be a dict"):
        utils.class_weight_to_sample_weights(np.array([0]), [1.0])
    with pytest.raises(ValueError, match="single output"):
        utils.class_weight_to_sample_weights({"a": np.array([0])}, {0: 1.0})


def test_to_numpy_leaf_casts_float64_to_floatx_and_keeps_ints():
    assert utils.to_numpy_leaf(np.zeros(3)).dtype == np.float32
    assert utils.to_numpy_leaf(np.zeros(3, "int64")).dtype == np.int64
    assert utils.to_numpy_leaf([1.0, 2.0]).dtype == np.float32
    with pytest.raises(TypeError, match="dtype object"):
        utils.to_numpy_leaf(np.array([[1], [1, 2]], dtype=object))


def test_torch_dataloader_detection_without_importing_torch():
    DataLoader = type("DataLoader", (), {"__module__": "torch.utils.data.dataloader"})
    Sub = type("MyLoader", (DataLoader,), {"__module__": "user"})
    assert utils.is_torch_dataloader(DataLoader())
    assert utils.is_torch_dataloader(Sub())
    assert not utils.is_torch_dataloader([1, 2])
