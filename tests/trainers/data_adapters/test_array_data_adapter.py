import numpy as np
import pandas as pd
import pytest

from cornu.trainers.data_adapters import ArrayDataAdapter, get_data_adapter


def _rows(batches, part=0):
    return np.concatenate([batch[part] for batch in batches])


@pytest.mark.parametrize("n, batch_size, expected", [(10, 4, (3, True, 2)), (8, 4, (2, False, None)),
                                                     (3, 32, (1, True, 3))])
def test_batch_counts_and_partial_batch(n, batch_size, expected):
    x = np.arange(n * 2, dtype="float32").reshape(n, 2)
    adapter = get_data_adapter(x, np.arange(n), batch_size=batch_size)
    assert isinstance(adapter, ArrayDataAdapter)
    assert (adapter.num_batches, adapter.has_partial_batch, adapter.partial_batch_size) == expected
    assert adapter.batch_size == batch_size
    batches = list(adapter.get_numpy_iterator())
    assert len(batches) == expected[0]
    np.testing.assert_array_equal(_rows(batches), x)
    np.testing.assert_array_equal(_rows(batches, 1), np.arange(n))


def test_default_batch_size_is_32_and_steps_infer_it():
    assert get_data_adapter(np.zeros((100, 1))).batch_size == 32
    adapter = get_data_adapter(np.zeros((100, 1)), steps_per_epoch=4)
    assert adapter.batch_size == 25 and adapter.num_batches == 4


def test_x_only_batches_are_one_element_tuples():
    batches = list(get_data_adapter(np.ones((5, 2)), batch_size=2).get_numpy_iterator())
    assert all(isinstance(batch, tuple) and len(batch) == 1 for batch in batches)


def test_shuffle_true_is_a_new_permutation_per_epoch_and_seeded():
    x = np.arange(50)
    adapter = get_data_adapter(x, x * 10, batch_size=8, shuffle=True)
    np.random.seed(3)
    first = list(adapter.get_numpy_iterator())
    second = list(adapter.get_numpy_iterator())
    np.random.seed(3)
    replay = list(adapter.get_numpy_iterator())
    order_1, order_2 = _rows(first), _rows(second)
    assert sorted(order_1.tolist()) == list(range(50))
    assert not np.array_equal(order_1, order_2)
    np.testing.assert_array_equal(order_1, _rows(replay))
    np.testing.assert_array_equal(_rows(first, 1), order_1 * 10)


def test_shuffle_batch_keeps_chunk_membership():
    x = np.arange(20)
    np.random.seed(0)
    batches = list(get_data_adapter(x, batch_size=5, shuffle="batch").get_numpy_iterator())
    for index, (chunk,) in enumerate(batches):
        assert sorted(chunk.tolist()) == list(range(index * 5, index * 5 + 5))
    assert not np.array_equal(_rows(batches), x)


def test_no_shuffle_keeps_order():
    x = np.arange(7)
    batches = list(get_data_adapter(x, batch_size=3, shuffle=False).get_numpy_iterator())
    np.testing.assert_array_equal(_rows(batches), x)


def test_nested_dict_and_list_inputs_keep_structure():
    x = {"pixels": np.arange(12.0).reshape(6, 2), "ids": np.arange(6)}
    y = [np.arange(6), np.arange(6) * 2]
    batches = list(get_data_adapter(x, y, batch_size=4).get_numpy_iterator())
    x_batch, y_batch = batches[0]
    assert set(x_batch) == {"pixels", "ids"} and x_batch["pixels"].shape == (4, 2)
    assert x_batch["pixels"].dtype == np.float32
    assert isinstance(y_batch, list) and y_batch[1].tolist() == [0, 2, 4, 6]


def test_pandas_frame_and_series():
    frame = pd.DataFrame(np.arange(10.0).reshape(5, 2), columns=["a", "b"])
    series = pd.Series(np.arange(5))
    batches = list(get_data_adapter(frame, series, batch_size=2).get_numpy_iterator())
    assert isinstance(batches[0][0], np.ndarray) and batches[0][0].dtype == np.float32
    np.testing.assert_array_equal(_rows(batches), frame.to_numpy())
    np.testing.assert_array_equal(_rows(batches, 1), np.arange(5))


def test_python_scalar_lists_and_tensors_are_accepted():
    from cornu import backend

    x = backend.convert_to_tensor(np.ones((4, 3), "float32"))
    batches = list(get_data_adapter(x, [0, 1, 0, 1], batch_size=4).get_numpy_iterator())
    assert isinstance(batches[0][0], np.ndarray) and batches[0][1].tolist() == [0, 1, 0, 1]


def test_class_weight_becomes_sample_weight():
    y = np.array([0, 1, 1, 0])
    batches = list(get_data_adapter(np.zeros((4, 1)), y, batch_size=4,
                                    class_weight={0: 0.5, 1: 2.0}).get_numpy_iterator())
    assert len(batches[0]) == 3
    np.testing.assert_allclose(batches[0][2], [0.5, 2.0, 2.0, 0.5])


def test_sample_weight_is_sliced_with_the_data():
    batches = list(get_data_adapter(np.zeros((3, 1)), np.zeros(3), sample_weight=np.arange(3.0),
                                    batch_size=2).get_numpy_iterator())
    np.testing.assert_allclose(batches[1][2], [2.0])


def test_length_mismatch_names_both_sizes():
    with pytest.raises(ValueError, match=r"(?s)'x' sizes: 10.*'y' sizes: 9"):
        get_data_adapter(np.zeros((10, 2)), np.zeros(9))


def test_empty_data_error():
    with pytest.raises(ValueError, match="0 samples"):
        get_data_adapter(np.zeros((0, 2)), np.zeros(0))


def test_bad_arguments():
    with pytest.raises(ValueError, match="`shuffle` must be"):
        get_data_adapter(np.zeros((4, 1)), shuffle="yes")
    with pytest.raises(ValueError, match="batch_size"):
        get_data_adapter(np.zeros((4, 1)), batch_size=0)
    with pytest.raises(ValueError, match="class_weight` and `sample_weight"):
        get_data_adapter(np.zeros((4, 1)), np.zeros(4), sample_weight=np.ones(4),
                         class_weight={0: 1.0})
    with pytest.raises(ValueError, match="scalar"):
        get_data_adapter(np.float32(3.0))
