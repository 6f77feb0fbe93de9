"""Overlap losses for segmentation masks: Dice and Tversky."""
from cornu import config
from cornu import ops
from cornu.losses.loss import as_tensor
from cornu.losses.wrapper import BuiltinLossWrapper


def _prepare(y_true, y_pred):
    y_pred = as_tensor(y_pred)
    if "float" not in ops.dtype(y_pred):
        y_pred = ops.cast(y_pred, config.floatx())
    return ops.cast(y_true, ops.dtype(y_pred)), y_pred


def dice(y_true, y_pred, axis=None):
    """`1 - 2 * |y_true * y_pred| / (|y_true| + |y_pred|)`, summed over `axis`.

    Args:
        y_true: target masks.
        y_pred: predicted masks.
        axis: axes summed over (`None`: all, giving one scalar).

    Returns:
        The loss, reduced over `axis`.

    Example:
        >>> dice([[1.0, 0.0]], [[1.0, 0.0]])  # -> ~0.0
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    intersection = ops.sum(y_true * y_pred, axis=axis)
    total = ops.sum(y_true, axis=axis) + ops.sum(y_pred, axis=axis)
    return 1.0 - (2.0 * intersection) / (total + config.epsilon())


def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """`1 - TP / (TP + alpha * FN + beta * FP)` over `axis`; alpha = beta = 0.5 is Dice.

    Args:
        y_true: target masks.
        y_pred: predicted masks.
        alpha: weight of false negatives.
        beta: weight of false positives.
        axis: axes summed over (`None`: all).

    Returns:
        The loss, reduced over `axis`.

    Example:
        >>> tversky([[1.0, 0.0]], [[0.5, 0.5]], alpha=0.7, beta=0.3)
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    true_positives = ops.sum(y_true * y_pred, axis=axis)
    false_negatives = ops.sum(y_true * (1.0 - y_pred), axis=axis)
    false_positives = ops.sum((1.0 - y_true) * y_pred, axis=axis)
    denominator = (true_positives + alpha * false_negatives + beta * false_positives
                   + config.epsilon())
    return 1.0 - true_positives / denominator


class Dice(BuiltinLossWrapper):
    """Dice loss. See `dice`."""

    def __init__(self, reduction="sum_over_batch_size", name="dice", axis=None, dtype=None):
        super().__init__(dice, reduction=reduction, name=name, dtype=dtype, axis=axis)
        self.axis = axis


class Tversky(BuiltinLossWrapper):
    """Tversky loss. See `tversky`."""

    def __init__(self, alpha=0.5, beta=0.5, reduction="sum_over_batch_size", name="tversky",
                 axis=None, dtype=None):
        super().__init__(tversky, reduction=reduction, name=name, dtype=dtype, alpha=alpha,
                         beta=beta, axis=axis)
        self.alpha = alpha
        self.beta = beta
        self.axis = axis
