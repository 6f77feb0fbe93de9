"""Hinge losses for maximum-margin classifiers: hinge, squared hinge, categorical hinge."""
from cornu import config
from cornu import ops
from cornu.losses.loss import as_tensor, squeeze_or_expand_to_same_rank
from cornu.losses.wrapper import BuiltinLossWrapper


def _prepare(y_true, y_pred):
    y_pred = as_tensor(y_pred)
    if "float" not in ops.dtype(y_pred):
        y_pred = ops.cast(y_pred, config.floatx())
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def convert_binary_labels_to_hinge(y_true):
    """Map 0/1 labels to -1/1; labels already in {-1, 1} (or anything else) are kept.

    The choice is made for the whole batch with `where`, so it needs no host sync.
    """
    is_binary = ops.all(ops.logical_or(ops.equal(y_true, 0.0), ops.equal(y_true, 1.0)))
    return ops.where(is_binary, 2.0 * y_true - 1.0, y_true)


def hinge(y_true, y_pred):
    """Mean of `max(1 - y_true * y_pred, 0)` over the last axis (0/1 labels become -1/1).

    Example:
        >>> hinge([[1.0]], [[0.3]])  # -> [0.7]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return ops.mean(ops.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    """Mean of `max(1 - y_true * y_pred, 0) ** 2` over the last axis.

    Example:
        >>> squared_hinge([[1.0]], [[0.3]])  # -> [0.49]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return ops.mean(ops.square(ops.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """`max(max_wrong - correct + 1, 0)` for one-hot targets.

    Example:
        >>> categorical_hinge([[0.0, 1.0]], [[0.2, 0.9]])  # -> [0.3]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    positive = ops.sum(y_true * y_pred, axis=-1)
    negative = ops.max((1.0 - y_true) * y_pred, axis=-1)
    return ops.maximum(negative - positive + 1.0, 0.0)


class Hinge(BuiltinLossWrapper):
    """Hinge loss. See `hinge`."""

    def __init__(self, reduction="sum_over_batch_size", name="hinge", dtype=None):
        super().__init__(hinge, reduction=reduction, name=name, dtype=dtype)


class SquaredHinge(BuiltinLossWrapper):
    """Squared hinge loss. See `squared_hinge`."""

    def __init__(self, reduction="sum_over_batch_size", name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, reduction=reduction, name=name, dtype=dtype)


class CategoricalHinge(BuiltinLossWrapper):
    """Categorical hinge loss. See `categorical_hinge`."""

    def __init__(self, reduction="sum_over_batch_size", name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, reduction=reduction, name=name, dtype=dtype)
