"""The interface every data adapter implements for fit / evaluate / predict."""


class DataAdapter:
    """Turns one kind of user data into per-epoch iterators of NumPy batches.

    Subclasses set the attributes below and implement `get_numpy_iterator`.

    Attributes:
        num_batches: batches per epoch, or None when the source does not know.
        batch_size: samples per full batch, or None when unknown.
        has_partial_batch: whether the last batch of an epoch is smaller.
        partial_batch_size: size of that last batch, or None.
        is_one_shot: True when the source can be iterated only once (a generator).

    Example:
        >>> adapter = get_data_adapter(x, y, batch_size=32)
        >>> for x_batch, y_batch in adapter.get_numpy_iterator():
        ...     pass
        >>> adapter.on_epoch_end()
    """

    num_batches = None
    batch_size = None
    has_partial_batch = None
    partial_batch_size = None
    is_one_shot = False

    def get_numpy_iterator(self):
        """Return a fresh iterator over one epoch of batches with NumPy leaves."""
        raise NotImplementedError

    def on_epoch_begin(self):
        """Hook called by the trainer before an epoch starts."""

    def on_epoch_end(self):
        """Hook called by the trainer after an epoch ends."""
