"""Distribution losses: Kullback-Leibler divergence and Poisson."""
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


def kl_divergence(y_true, y_pred):
    """`sum(y_true * log(y_true / y_pred))` over the last axis (both clipped to [eps, 1]).

    Example:
        >>> kl_divergence([[0.5, 0.5]], [[0.5, 0.5]])  # -> [0.0]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    epsilon = config.epsilon()
    y_true = ops.clip(y_true, epsilon, 1.0)
    y_pred = ops.clip(y_pred, epsilon, 1.0)
    return ops.sum(y_true * ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """Mean of `y_pred - y_true * log(y_pred + eps)` over the last axis.

    Example:
        >>> poisson([[1.0]], [[1.0]])  # -> [1.0]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return ops.mean(y_pred - y_true * ops.log(y_pred + config.epsilon()), axis=-1)


class KLDivergence(BuiltinLossWrapper):
    """Kullback-Leibler divergence. See `kl_divergence`."""

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, reduction=reduction, name=name, dtype=dtype)


class Poisson(BuiltinLossWrapper):
    """Poisson loss. See `poisson`."""

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, reduction=reduction, name=name, dtype=dtype)
