"""Adapter for in-memory data: NumPy arrays, tensors, pandas objects and nests of them."""
import math

import numpy as np

from cornu.trainers.data_adapters import data_adapter_utils as utils
from cornu.trainers.data_adapters.data_adapter import DataAdapter

_DEFAULT_BATCH_SIZE = 32
_VALID_SHUFFLE = (True, False, "batch")


def can_adapt(x):
    """True when `x` is an array-like leaf or a list/tuple/dict nest of them."""
    if x is None:
        return False
    if utils.is_array_leaf(x) or utils.is_structure_of_scalars(x):
        return True
    if isinstance(x, (list, tuple, dict)):
        leaves = utils.flatten(x)
        return bool(leaves) and all(
            leaf is None or utils.is_array_leaf(leaf) or utils.is_structure_of_scalars(leaf)
            for leaf in leaves) and any(leaf is not None for leaf in leaves)
    return False


def _convert_part(part, cast_floats=True):
    if part is None:
        return None
    if utils.is_structure_of_scalars(part):
        return utils.to_numpy_leaf(np.asarray(part), cast_floats)
    return utils.map_structure(lambda leaf: utils.to_numpy_leaf(leaf, cast_floats), part)


def _check_cardinality(parts):
    sizes = {}
    for label, part in parts:
        if part is None:
            continue
        leaves = [leaf for leaf in utils.flatten(part) if leaf is not None]
        for leaf in leaves:
            if np.ndim(leaf) == 0:
                raise ValueError(
                    f"Each array in `{label}` needs a leading sample dimension; received a "
                    f"scalar of shape {np.shape(leaf)}.")
        sizes[label] = [utils.num_samples(leaf) for leaf in leaves]
    distinct = {size for values in sizes.values() for size in values}
    if len(distinct) > 1:
        detail = "\n".join(f"'{label}' sizes: {', '.join(map(str, values))}"
                           for label, values in sizes.items())
        raise ValueError(
            "Data cardinality is ambiguous: all arrays must hold the same number of samples "
            f"(first dimension).\n{detail}")
    if not distinct:
        raise ValueError("Received no input arrays: `x` holds only None.")
    total = distinct.pop()
    if total == 0:
        raise ValueError(
            "The input data is empty: `x` has 0 samples. Pass at least one sample.")
    return total


class ArrayDataAdapter(DataAdapter):
    """Batches in-memory arrays, reshuffling once per epoch.

    Args:
        x: array-like or list/tuple/dict of array-likes.
        y: targets with the same number of samples, or None.
        sample_weight: per-sample weights, or None.
        batch_size: samples per batch; defaults to 32 (or to `ceil(n / steps)` when
            `steps` is given).
        steps: batches per epoch requested by the caller, used to infer `batch_size`.
        shuffle: True (new permutation per epoch), False, or "batch" (shuffle within
            each batch-sized chunk).
        class_weight: optional `{class: weight}` turned into sample weights.

    Example:
        >>> adapter = ArrayDataAdapter(np.zeros((10, 3)), np.ones((10,)), batch_size=4)
        >>> adapter.num_batches, adapter.partial_batch_size
        (3, 2)
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None,
                 shuffle=False, class_weight=None):
        if shuffle not in _VALID_SHUFFLE:
            raise ValueError(
                f"`shuffle` must be True, False or 'batch'; received {shuffle!r}.")
        x = _convert_part(x)
        y = _convert_part(y)
        sample_weight = _convert_part(sample_weight)
        self._num_samples = _check_cardinality(
            (("x", x), ("y", y), ("sample_weight", sample_weight)))
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError(
                    "You cannot use `class_weight` and `sample_weight` at the same time.")
            if y is None:
                raise ValueError("`class_weight` needs targets `y`, but `y` is None.")
            sample_weight = utils.class_weight_to_sample_weights(y, class_weight)
        self._batch = utils.pack_x_y_sample_weight(x, y, sample_weight)
        if not isinstance(self._batch, tuple):
            self._batch = (self._batch,)
        if batch_size is None:
            batch_size = (math.ceil(self._num_samples / steps) if steps
                          else _DEFAULT_BATCH_SIZE)
        if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
            raise ValueError(f"`batch_size` must be a positive integer; received {batch_size!r}.")
        self.batch_size = int(batch_size)
        self._shuffle = shuffle
        self.num_batches = math.ceil(self._num_samples / self.batch_size)
        remainder = self._num_samples % self.batch_size
        self.has_partial_batch = remainder > 0
        self.partial_batch_size = remainder or None

    @property
    def num_samples(self):
        return self._num_samples

    def _epoch_index_slices(self):
        order = None
        if self._shuffle is True:
            order = np.random.permutation(self._num_samples)
        for start in range(0, self._num_samples, self.batch_size):
            stop = min(start + self.batch_size, self._num_samples)
            if order is not None:
                yield order[start:stop]
            elif self._shuffle == "batch":
                yield np.random.permutation(stop - start) + start
            else:
                yield slice(start, stop)

    def get_numpy_iterator(self):
        batch = self._batch
        for index in self._epoch_index_slices():
            yield utils.map_structure(
                lambda leaf, index=index: None if leaf is None else leaf[index], batch)
