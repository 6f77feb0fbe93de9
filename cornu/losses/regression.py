"""Regression losses: squared/absolute/percentage/log errors, Huber, log-cosh, cosine."""
import math

from cornu import config
from cornu import ops
from cornu.losses.loss import as_tensor, squeeze_or_expand_to_same_rank
from cornu.losses.wrapper import BuiltinLossWrapper


def _prepare(y_true, y_pred):
    y_pred = as_tensor(y_pred)
    if not _is_float(y_pred):
        y_pred = ops.cast(y_pred, config.floatx())
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _is_float(x):
    return "float" in ops.dtype(x)


def mean_squared_error(y_true, y_pred):
    """Mean of `(y_true - y_pred) ** 2` over the last axis.

    Args:
        y_true: targets, shape `(batch, d0, .. dN)`.
        y_pred: predictions, same shape.

    Returns:
        Per-sample losses of shape `(batch, d0, .. dN-1)`.

    Example:
        >>> mean_squared_error([[3.0]], [[1.0]])  # -> [4.0]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return ops.mean(ops.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """Mean of `abs(y_true - y_pred)` over the last axis.

    Example:
        >>> mean_absolute_error([[1.0, 2.0]], [[2.0, 2.0]])  # -> [0.5]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return ops.mean(ops.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """`100 * mean(abs((y_true - y_pred) / y_true))` over the last axis (|y_true| >= epsilon).

    Example:
        >>> mean_absolute_percentage_error([[2.0]], [[1.0]])  # -> [50.0]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    denominator = ops.maximum(ops.abs(y_true), config.epsilon())
    return 100.0 * ops.mean(ops.abs((y_true - y_pred) / denominator), axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """Mean of `(log(1 + y_true) - log(1 + y_pred)) ** 2` (inputs floored at epsilon).

    Example:
        >>> mean_squared_logarithmic_error([[10.0]], [[5.0]])
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    log_pred = ops.log(ops.maximum(y_pred, config.epsilon()) + 1.0)
    log_true = ops.log(ops.maximum(y_true, config.epsilon()) + 1.0)
    return ops.mean(ops.square(log_pred - log_true), axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Huber loss: quadratic for errors up to `delta`, linear beyond.

    Args:
        y_true: targets.
        y_pred: predictions.
        delta: the error size where the loss turns linear.

    Returns:
        Per-sample mean over the last axis.

    Example:
        >>> huber([[0.0]], [[3.0]], delta=1.0)  # -> [2.5]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    error = y_pred - y_true
    abs_error = ops.abs(error)
    quadratic = 0.5 * ops.square(error)
    linear = delta * abs_error - 0.5 * delta * delta
    return ops.mean(ops.where(abs_error <= delta, quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """Mean of `log(cosh(y_pred - y_true))` over the last axis, computed stably.

    Example:
        >>> log_cosh([[0.0]], [[0.0]])  # -> [0.0]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    error = y_pred - y_true
    # log(cosh(x)) = x + softplus(-2x) - log(2) never overflows, unlike cosh.
    return ops.mean(error + ops.softplus(-2.0 * error) - math.log(2.0), axis=-1)


def l2_normalize(x, axis=-1):
    """`x / ||x||_2` along `axis`; all-zero vectors stay zero."""
    squared_norm = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return x / ops.sqrt(ops.maximum(squared_norm, 1e-12))


def cosine_similarity(y_true, y_pred, axis=-1):
    """Negative cosine similarity: -1 for the same direction, 1 for opposite ones.

    Args:
        y_true: targets.
        y_pred: predictions.
        axis: the axis holding the vectors.

    Returns:
        Per-sample losses.

    Example:
        >>> cosine_similarity([[1.0, 0.0]], [[2.0, 0.0]])  # -> [-1.0]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return -ops.sum(l2_normalize(y_true, axis) * l2_normalize(y_pred, axis), axis=axis)


class MeanSquaredError(BuiltinLossWrapper):
    """Mean of squares of errors. See `mean_squared_error`."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsoluteError(BuiltinLossWrapper):
    """Mean of absolute errors. See `mean_absolute_error`."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsolutePercentageError(BuiltinLossWrapper):
    """Mean absolute percentage error. See `mean_absolute_percentage_error`."""

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, reduction=reduction, name=name,
                         dtype=dtype)


class MeanSquaredLogarithmicError(BuiltinLossWrapper):
    """Mean squared logarithmic error. See `mean_squared_logarithmic_error`."""

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, reduction=reduction, name=name,
                         dtype=dtype)


class Huber(BuiltinLossWrapper):
    """Huber loss with threshold `delta` (default 1.0). See `huber`."""

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss",
                 dtype=None):
        super().__init__(huber, reduction=reduction, name=name, dtype=dtype, delta=delta)


class LogCosh(BuiltinLossWrapper):
    """Logarithm of the hyperbolic cosine of the error. See `log_cosh`."""

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, reduction=reduction, name=name, dtype=dtype)


class CosineSimilarity(BuiltinLossWrapper):
    """Negative cosine similarity along `axis`. See `cosine_similarity`."""

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity",
                 dtype=None):
        super().__init__(cosine_similarity, reduction=reduction, name=name, dtype=dtype,
                         axis=axis)
