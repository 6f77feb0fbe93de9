"""Accuracy metrics: exact match, binary, categorical, sparse and top-k variants."""
from cornu import config
from cornu import ops
from cornu.losses.loss import as_tensor, squeeze_or_expand_to_same_rank
from cornu.metrics.reduction_metrics import MeanMetricWrapper


def _matches(a, b):
    return ops.cast(ops.equal(a, b), config.floatx())


def accuracy(y_true, y_pred):
    """1.0 where `y_true == y_pred`, averaged over the last axis.

    Example:
        >>> accuracy([[1], [2]], [[1], [3]])  # -> [1.0, 0.0]
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true, dtype=ops.dtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return ops.mean(_matches(y_true, y_pred), axis=-1)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Share of predictions on the right side of `threshold`, over the last axis.

    Example:
        >>> binary_accuracy([[1.0], [0.0]], [[0.8], [0.7]])  # -> [1.0, 0.0]
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true, dtype=ops.dtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    predicted = ops.cast(ops.greater(y_pred, threshold), ops.dtype(y_true))
    return ops.mean(_matches(y_true, predicted), axis=-1)


def categorical_accuracy(y_true, y_pred):
    """1.0 where `argmax(y_true) == argmax(y_pred)` (one-hot targets).

    Example:
        >>> categorical_accuracy([[0, 1]], [[0.3, 0.7]])  # -> [1.0]
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) - 1 or (
            len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1
            and (y_pred.shape[-1] or 0) > 1):
        raise ValueError(
            f"CategoricalAccuracy expects one-hot targets shaped like the predictions "
            f"{tuple(y_pred.shape)}, received targets of shape {tuple(y_true.shape)}, which "
            f"look like integer labels. Use SparseCategoricalAccuracy "
            f"('sparse_categorical_accuracy') for integer labels.")
    true_ids = ops.argmax(y_true, axis=-1)
    pred_ids = ops.argmax(y_pred, axis=-1)
    return _matches(true_ids, ops.cast(pred_ids, ops.dtype(true_ids)))


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the integer label equals `argmax(y_pred)`.

    Example:
        >>> sparse_categorical_accuracy([1, 0], [[0.2, 0.8], [0.1, 0.9]])  # -> [1.0, 0.0]
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true)
    original_shape = tuple(y_true.shape)
    reshape_back = False
    if len(y_true.shape) == len(y_pred.shape) and len(y_true.shape) > 0:
        if y_true.shape[-1] == 1:
            y_true = ops.squeeze(y_true, axis=-1)
            reshape_back = True
        elif tuple(y_true.shape) == tuple(y_pred.shape) and (y_pred.shape[-1] or 0) > 1:
            raise ValueError(
                f"SparseCategoricalAccuracy expects integer labels of shape "
                f"{tuple(y_pred.shape)[:-1]}, received targets of shape {original_shape}, "
                f"the same as the predictions: they look one-hot. Use CategoricalAccuracy "
                f"('categorical_accuracy') for one-hot targets.")
    pred_ids = ops.argmax(y_pred, axis=-1)
    if "float" in ops.dtype(y_true):
        pred_ids = ops.cast(pred_ids, ops.dtype(y_true))
    else:
        y_true = ops.cast(y_true, "int32")
        pred_ids = ops.cast(pred_ids, "int32")
    matches = _matches(y_true, pred_ids)
    if reshape_back:
        matches = ops.reshape(matches, original_shape)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = ops.squeeze(matches, axis=-1)
    return matches


def _in_top_k(target_ids, scores, k):
    """True where the target's score is among the `k` largest (ties count as in)."""
    target_scores = ops.take_along_axis(scores, ops.expand_dims(target_ids, -1), axis=-1)
    higher = ops.sum(ops.cast(ops.greater(scores, target_scores), "int32"), axis=-1)
    return ops.less(higher, k)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the one-hot target's class is among the `k` highest predictions.

    Example:
        >>> top_k_categorical_accuracy([[0, 0, 1]], [[0.5, 0.3, 0.2]], k=2)  # -> [0.0]
    """
    y_pred = as_tensor(y_pred)
    true_ids = ops.cast(ops.argmax(as_tensor(y_true), axis=-1), "int32")
    return sparse_top_k_categorical_accuracy(true_ids, y_pred, k=k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the `k` highest predictions.

    Args:
        y_true: integer labels.
        y_pred: scores `(..., num_classes)`, or with `from_sorted_ids=True` class
            ids sorted by decreasing score.
        k: how many top entries count.
        from_sorted_ids: see `y_pred`.

    Returns:
        Per-sample 0/1 values shaped like `y_true` (trailing 1 removed).

    Example:
        >>> sparse_top_k_categorical_accuracy([2], [[0.5, 0.3, 0.2]], k=3)  # -> [1.0]
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, axis=-1)
    out_shape = tuple(y_true.shape)
    labels = ops.reshape(ops.cast(y_true, "int32"), (-1,))
    scores = ops.reshape(y_pred, (-1, y_pred.shape[-1]))
    if from_sorted_ids:
        top_ids = ops.cast(scores[:, :k], "int32")
        hit = ops.any(ops.equal(top_ids, ops.expand_dims(labels, -1)), axis=-1)
    else:
        hit = _in_top_k(labels, scores, k)
    return ops.reshape(ops.cast(hit, config.floatx()), out_shape)


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels. See `accuracy`."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)
        self._direction = "up"


class BinaryAccuracy(MeanMetricWrapper):
    """How often thresholded predictions match binary labels. See `binary_accuracy`."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self._direction = "up"


class CategoricalAccuracy(MeanMetricWrapper):
    """How often `argmax` matches one-hot labels. See `categorical_accuracy`."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often `argmax` matches integer labels. See `sparse_categorical_accuracy`."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot target is in the top `k`. See `top_k_categorical_accuracy`."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self._direction = "up"


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer target is in the top `k`. See `sparse_top_k_categorical_accuracy`."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None,
                 from_sorted_ids=False):
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self._direction = "up"

    def get_config(self):
        config = super().get_config()
        if not config.get("from_sorted_ids"):
            config.pop("from_sorted_ids", None)
        return config
