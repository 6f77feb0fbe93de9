"""Connectionist Temporal Classification loss (blank label 0, padded targets)."""
from cornu import config
from cornu import ops
from cornu.losses.loss import as_tensor
from cornu.losses.wrapper import BuiltinLossWrapper


def ctc(y_true, y_pred):
    """CTC loss for padded integer targets (0 is both padding and the blank class).

    Args:
        y_true: `(batch, max_label_length)` integer labels, padded with 0.
        y_pred: `(batch, frames, num_classes)` logits.

    Returns:
        Per-sample negative log-likelihoods `(batch,)`.

    Example:
        >>> ctc([[1, 2]], ops.zeros((1, 5, 3)))  # every frame uniform over 3 classes
    """
    y_true = as_tensor(y_true)
    y_pred = as_tensor(y_pred)
    if len(y_true.shape) != 2:
        raise ValueError(
            f"CTC: y_true must have shape (batch_size, max_label_length), received "
            f"y_true.shape={tuple(y_true.shape)}.")
    if len(y_pred.shape) != 3:
        raise ValueError(
            f"CTC: y_pred must have shape (batch_size, frames, num_classes), received "
            f"y_pred.shape={tuple(y_pred.shape)}.")
    if "float" not in ops.dtype(y_pred):
        y_pred = ops.cast(y_pred, config.floatx())
    labels = ops.cast(y_true, "int32")
    label_length = ops.sum(ops.cast(ops.not_equal(labels, 0), "int32"), axis=-1)
    frames = ops.full((ops.shape(y_pred)[0],), ops.shape(y_pred)[1], dtype="int32")
    return ops.ctc_loss(labels, y_pred, label_length, frames, mask_index=0)


class CTC(BuiltinLossWrapper):
    """CTC loss. See `ctc`."""

    def __init__(self, reduction="sum_over_batch_size", name="ctc", dtype=None):
        super().__init__(ctc, reduction=reduction, name=name, dtype=dtype)
