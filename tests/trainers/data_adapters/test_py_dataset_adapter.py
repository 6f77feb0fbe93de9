import threading
import time

import numpy as np
import pytest

from cornu.trainers.data_adapters import PyDataset, PyDatasetAdapter, get_data_adapter
from cornu.utils import PyDataset as UtilsPyDataset
from cornu.utils import Sequence


class Numbers(PyDataset):
    def __init__(self, count=5, batch_size=3, delay=0.0, **kwargs):
        super().__init__(**kwargs)
        self.count, self.batch_size, self.delay = count, batch_size, delay
        self.epochs_ended = 0
        self.threads = set()

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        if self.delay:
            time.sleep(self.delay * ((self.count - index) % 3))
        self.threads.add(threading.get_ident())
        x = np.full((self.batch_size, 2), index, "float32")
        return x, np.full((self.batch_size,), index)

    def on_epoch_end(self):
        self.epochs_ended += 1


def test_utils_exports_the_same_class():
    assert UtilsPyDataset is PyDataset and Sequence is PyDataset


def test_serial_iteration_in_order_and_epoch_hook():
    dataset = Numbers()
    adapter = get_data_adapter(dataset)
    assert isinstance(adapter, PyDatasetAdapter) and adapter.num_batches == 5
    batches = list(adapter.get_numpy_iterator())
    assert [int(b[1][0]) for b in batches] == [0, 1, 2, 3, 4]
    assert batches[0][0].shape == (3, 2)
    adapter.on_epoch_end()
    assert dataset.epochs_ended == 1


def test_threaded_workers_keep_order_and_use_several_threads():
    dataset = Numbers(count=12, delay=0.01, workers=3, max_queue_size=4)
    assert (dataset.workers, dataset.max_queue_size, dataset.use_multiprocessing) == (3, 4, False)
    batches = list(get_data_adapter(dataset).get_numpy_iterator())
    assert [int(b[1][0]) for b in batches] == list(range(12))
    assert len(dataset.threads) > 1


def test_threaded_early_stop_does_not_hang():
    dataset = Numbers(count=50, delay=0.001, workers=2)
    iterator = get_data_adapter(dataset).get_numpy_iterator()
    assert int(next(iterator)[1][0]) == 0
    iterator.close()


def test_shuffle_permutes_batch_order():
    import random

    random.seed(1)
    adapter = get_data_adapter(Numbers(count=20), shuffle=True)
    order = [int(b[1][0]) for b in adapter.get_numpy_iterator()]
    assert sorted(order) == list(range(20)) and order != list(range(20))


def test_endless_dataset_stops_on_index_error():
    class Endless(PyDataset):
        def __getitem__(self, index):
            if index >= 4:
                raise IndexError(index)
            return np.zeros((2, 1)), np.zeros(2)

    dataset = Endless()
    assert dataset.num_batches is None
    adapter = get_data_adapter(dataset)
    assert adapter.num_batches is None
    assert len(list(adapter.get_numpy_iterator())) == 4
    assert len(list(dataset)) == 4


def test_direct_iteration_over_len():
    assert [int(y[0]) for _, y in Numbers(count=3)] == [0, 1, 2]


def test_class_weight_on_py_dataset():
    batches = list(get_data_adapter(Numbers(count=2), class_weight={1: 4.0}).get_numpy_iterator())
    np.testing.assert_allclose(batches[1][2], [4.0] * 3)
    np.testing.assert_allclose(batches[0][2], [1.0] * 3)


def test_errors():
    with pytest.raises(ValueError, match="empty"):
        get_data_adapter(Numbers(count=0))
    with pytest.raises(ValueError, match="`y` argument is not supported.*PyDataset"):
        get_data_adapter(Numbers(), y=np.zeros(3))
    with pytest.raises(ValueError, match="workers"):
        Numbers(workers=0)
    with pytest.raises(NotImplementedError, match="__getitem__"):
        PyDataset()[0]


def test_missing_super_init_warns_and_uses_defaults():
    class NoSuper(PyDataset):
        def __init__(self):
            pass

        def __len__(self):
            return 1

        def __getitem__(self, index):
            return np.zeros((1, 1))

    with pytest.warns(UserWarning, match="super"):
        batches = list(get_data_adapter(NoSuper()).get_numpy_iterator())
    assert len(batches) == 1
