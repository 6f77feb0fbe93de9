"""`EpochIterator`: batches for one epoch at a time, honouring `steps_per_epoch`.

With `steps_per_epoch` and a data source of unknown or larger length, one
iterator keeps running across epochs (Keras semantics for generators).
"""
from cornu.trainers import data_adapters


class EpochIterator:
    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                 shuffle=False, class_weight=None, single_batch=False, epochs=None):
        if single_batch:
            batch_size = _num_samples(x) or batch_size
        self.adapter = data_adapters.get_data_adapter(
            x, y, sample_weight=sample_weight, batch_size=batch_size,
            steps_per_epoch=steps_per_epoch, shuffle=shuffle, class_weight=class_weight,
            epochs=epochs)
        self.steps_per_epoch = steps_per_epoch
        self._iterator = None
        self._peeked = None

    @property
    def num_batches(self):
        if self.steps_per_epoch is not None:
            return self.steps_per_epoch
        return self.adapter.num_batches

    def peek(self):
        """The first batch, kept so the epoch still yields it."""
        if self._peeked is None:
            if self._iterator is None:
                self._iterator = iter(self.adapter.get_numpy_iterator())
            try:
                self._peeked = next(self._iterator)
            except StopIteration:
                raise ValueError("The data yielded no batch: it is empty.") from None
        return self._peeked

    def _next_batch(self):
        if self._peeked is not None:
            batch, self._peeked = self._peeked, None
            return batch
        if self._iterator is None:
            self._iterator = iter(self.adapter.get_numpy_iterator())
        return next(self._iterator)

    def enumerate_epoch(self):
        """Yield `(step_index, batch)` for one epoch."""
        on_begin = getattr(self.adapter, "on_epoch_begin", None)
        if on_begin is not None:
            on_begin()
        step = 0
        while self.steps_per_epoch is None or step < self.steps_per_epoch:
            try:
                batch = self._next_batch()
            except StopIteration:
                self._iterator = None
                if self.steps_per_epoch is not None and step == 0:
                    raise ValueError("The data yielded no batch: it is empty.") from None
                if self.steps_per_epoch is not None:
                    # Arrays / PyDatasets restart; a finished generator ends the epoch.
                    try:
                        batch = self._next_batch()
                    except StopIteration:
                        self._iterator = None
                        break
                else:
                    break
            yield step, batch
            step += 1
        if self.steps_per_epoch is None:
            self._iterator = None
        self.adapter.on_epoch_end()


def _num_samples(x):
    import optree

    for leaf in optree.tree_leaves(x):
        if hasattr(leaf, "shape") and len(leaf.shape):
            return int(leaf.shape[0])
    return None
