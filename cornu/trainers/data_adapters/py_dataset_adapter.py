"""Adapter for `PyDataset`: ordered batch loading on a thread pool, epoch hooks."""
import collections
import concurrent.futures
import random

from cornu.trainers.data_adapters import data_adapter_utils as utils
from cornu.trainers.data_adapters.data_adapter import DataAdapter
from cornu.trainers.data_adapters.py_dataset import PyDataset


def can_adapt(x):
    return isinstance(x, PyDataset)


class PyDatasetAdapter(DataAdapter):
    """Iterates a `PyDataset` batch by batch, loading ahead with `workers` threads.

    Args:
        x: the `PyDataset`.
        class_weight: optional `{class: weight}` applied to each batch.
        shuffle: when True, the order of batch indices is shuffled every epoch
            (the samples inside a batch are the dataset's business).

    Example:
        >>> adapter = PyDatasetAdapter(my_dataset, shuffle=True)
        >>> for batch in adapter.get_numpy_iterator():
        ...     pass
    """

    def __init__(self, x, class_weight=None, shuffle=False):
        self.py_dataset = x
        self._class_weight = class_weight
        self._shuffle = shuffle
        self.num_batches = _num_batches(x)
        if self.num_batches == 0:
            raise ValueError(
                f"The PyDataset {type(x).__name__} is empty: `len()` returned 0 batches.")

    def _indices(self):
        if self.num_batches is None:
            return None
        indices = list(range(self.num_batches))
        if self._shuffle is True:
            random.shuffle(indices)
        return indices

    def _load(self, index):
        batch = self.py_dataset[index]
        if self._class_weight is not None:
            batch = utils.apply_class_weight(batch, self._class_weight)
        batch = utils.batch_to_numpy(batch)
        return batch if isinstance(batch, tuple) else (batch,)

    def get_numpy_iterator(self):
        indices = self._indices()
        index_stream = iter(indices) if indices is not None else _count()
        workers = self.py_dataset.workers
        if workers <= 1:
            yield from self._serial(index_stream)
        else:
            yield from self._threaded(index_stream, workers)

    def _serial(self, index_stream):
        for index in index_stream:
            try:
                batch = self._load(index)
            except IndexError:
                if self.num_batches is None:
                    return
                raise
            yield batch

    def _threaded(self, index_stream, workers):
        ahead = max(self.py_dataset.max_queue_size, workers)
        pending = collections.deque()
        with concurrent.futures.ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix="cornu_py_dataset") as pool:
            try:
                for index in index_stream:
                    pending.append(pool.submit(self._load, index))
                    if len(pending) >= ahead:
                        batch = self._next_result(pending)
                        if batch is None:
                            return
                        yield batch
                while pending:
                    batch = self._next_result(pending)
                    if batch is None:
                        return
                    yield batch
            finally:
                # Early exit (a steps limit, an error): drop queued loads so on_epoch_end
                # never runs while a worker still reads the dataset.
                for future in pending:
                    future.cancel()

    def _next_result(self, pending):
        future = pending.popleft()
        try:
            return future.result()
        except IndexError:
            if self.num_batches is None:
                return None
            raise

    def on_epoch_begin(self):
        self.py_dataset.on_epoch_begin()

    def on_epoch_end(self):
        self.py_dataset.on_epoch_end()


def _num_batches(dataset):
    try:
        return dataset.num_batches
    except TypeError:
        return None


def _count():
    index = 0
    while True:
        yield index
        index += 1
