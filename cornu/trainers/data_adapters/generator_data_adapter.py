"""Adapter for Python generators, iterators and other iterables of ready-made batches."""
import itertools

from cornu.trainers.data_adapters import data_adapter_utils as utils
from cornu.trainers.data_adapters.data_adapter import DataAdapter


def is_one_shot_iterator(x):
    """True for generators and iterators (objects whose `iter()` returns themselves)."""
    return hasattr(x, "__next__") and hasattr(x, "__iter__")


def can_adapt(x):
    return hasattr(x, "__iter__") and not isinstance(x, (str, bytes, list, tuple, dict))


class GeneratorDataAdapter(DataAdapter):
    """Yields the batches of a generator or iterable, converted to NumPy.

    A generator is consumed across epochs (each epoch continues where the last one
    stopped, as with Keras); any other iterable is re-iterated from the start every
    epoch. The first batch is read up front so that an empty source or a badly shaped
    batch fails before training starts.

    Args:
        x: generator, iterator or iterable yielding `x`, `(x, y)` or `(x, y, sample_weight)`.
        class_weight: optional `{class: weight}` applied to each batch.
        steps: batches per epoch the caller will draw, or None.
        epochs: number of epochs the caller will run, used to refuse a one-shot
            generator without `steps` for more than one epoch.

    Example:
        >>> def batches():
        ...     while True:
        ...         yield np.zeros((4, 3)), np.zeros((4,))
        >>> adapter = GeneratorDataAdapter(batches(), steps=10)
    """

    def __init__(self, x, class_weight=None, steps=None, epochs=None):
        self._source = x
        self._class_weight = class_weight
        self.is_one_shot = is_one_shot_iterator(x)
        if self.is_one_shot and steps is None and epochs is not None and epochs > 1:
            raise ValueError(
                f"A Python generator or iterator ({utils.type_name(x)}) can be read only "
                f"once and its length is unknown, so `steps_per_epoch` is required to train "
                f"for epochs={epochs}. Pass `steps_per_epoch=<batches per epoch>`, or wrap "
                "the data in a `cornu.utils.PyDataset` that defines `__len__`.")
        self.steps = steps
        length = None
        if not self.is_one_shot and hasattr(x, "__len__"):
            try:
                length = len(x)
            except TypeError:
                length = None
        self.num_batches = length
        self._pending = None
        first = self._peek()
        self.batch_size = _leading_size(first)

    def _peek(self):
        iterator = iter(self._source)
        try:
            first = next(iterator)
        except StopIteration:
            raise ValueError(
                f"The data source {utils.type_name(self._source)} yielded no batches. "
                "Pass a generator/iterable that produces at least one batch.") from None
        utils.unpack_x_y_sample_weight(first)
        if self.is_one_shot:
            self._pending = first
        return first

    def _raw_iterator(self):
        if self.is_one_shot:
            if self._pending is not None:
                first, self._pending = self._pending, None
                return itertools.chain((first,), self._source)
            return self._source
        return iter(self._source)

    def get_numpy_iterator(self):
        for batch in self._raw_iterator():
            yield self._prepare(batch)

    def _prepare(self, batch):
        if self._class_weight is not None:
            batch = utils.apply_class_weight(batch, self._class_weight)
        batch = utils.batch_to_numpy(batch)
        return batch if isinstance(batch, tuple) else (batch,)


def _leading_size(batch):
    x, _, _ = utils.unpack_x_y_sample_weight(batch)
    for leaf in utils.flatten(x):
        shape = getattr(leaf, "shape", None)
        if shape is not None and len(shape) > 0:
            return int(shape[0])
    return None
