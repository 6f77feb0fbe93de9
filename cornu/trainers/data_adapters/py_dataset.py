"""`PyDataset`: the base class for Python datasets that produce whole batches by index."""
import warnings


class PyDataset:
    """Base class for datasets that return one batch per integer index.

    Subclasses implement `__getitem__(index)` (returning `x`, `(x, y)` or
    `(x, y, sample_weight)`) and usually `__len__` (batches per epoch; leave it out
    for an endless dataset and pass `steps_per_epoch`). `on_epoch_end` runs after
    every epoch, e.g. to reshuffle.

    Args:
        workers: number of threads that load batches ahead of the model (1 = in
            the training thread's pool of one).
        use_multiprocessing: accepted for Keras compatibility; batches are always
            loaded by a thread pool, which shares memory with the dataset.
        max_queue_size: maximum number of batches loaded ahead.

    Example:
        >>> class Squares(PyDataset):
        ...     def __init__(self, **kwargs):
        ...         super().__init__(**kwargs)
        ...     def __len__(self):
        ...         return 4
        ...     def __getitem__(self, index):
        ...         x = np.full((8, 1), index, "float32")
        ...         return x, x ** 2
        >>> model.fit(Squares(workers=2), epochs=2)
    """

    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        if not isinstance(workers, int) or workers < 1:
            raise ValueError(f"`workers` must be an integer >= 1; received {workers!r}.")
        if not isinstance(max_queue_size, int) or max_queue_size < 1:
            raise ValueError(
                f"`max_queue_size` must be an integer >= 1; received {max_queue_size!r}.")
        self._workers = workers
        self._use_multiprocessing = bool(use_multiprocessing)
        self._max_queue_size = max_queue_size

    def _warn_if_super_not_called(self):
        if not hasattr(self, "_workers"):
            warnings.warn(
                f"{type(self).__name__} should call `super().__init__(**kwargs)` in its "
                "constructor; using workers=1, use_multiprocessing=False, max_queue_size=10.",
                stacklevel=3)

    @property
    def workers(self):
        self._warn_if_super_not_called()
        return getattr(self, "_workers", 1)

    @workers.setter
    def workers(self, value):
        self._workers = value

    @property
    def use_multiprocessing(self):
        self._warn_if_super_not_called()
        return getattr(self, "_use_multiprocessing", False)

    @use_multiprocessing.setter
    def use_multiprocessing(self, value):
        self._use_multiprocessing = value

    @property
    def max_queue_size(self):
        self._warn_if_super_not_called()
        return getattr(self, "_max_queue_size", 10)

    @max_queue_size.setter
    def max_queue_size(self, value):
        self._max_queue_size = value

    def __getitem__(self, index):
        """Return batch number `index`."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__getitem__(self, index)`.")

    @property
    def num_batches(self):
        """Batches per epoch (`len(self)`), or None for an endless dataset."""
        if not hasattr(type(self), "__len__"):
            return None
        return len(self)

    def __iter__(self):
        count = self.num_batches
        index = 0
        while count is None or index < count:
            try:
                batch = self[index]
            except IndexError:
                if count is None:
                    return
                raise
            yield batch
            index += 1

    def on_epoch_begin(self):
        """Called before each epoch."""

    def on_epoch_end(self):
        """Called after each epoch."""


Sequence = PyDataset
