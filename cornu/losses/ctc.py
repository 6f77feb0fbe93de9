"""Connectionist Temporal Classification loss (blank label 0, padded targets)."""
from cornu import config
from cornu import ops
from cornu.losses.wrapper import BuiltinLossWrapper

# Finite stand-in for log(0): keeps log-sum-exp and its gradient free of NaN.
_LOG_ZERO = -1e30


def _shift_right(x, steps):
    batch = ops.shape(x)[0]
    pad = ops.full((batch, steps), _LOG_ZERO, dtype=ops.dtype(x))
    return ops.concatenate([pad, x[:, :-steps]], axis=1)


def ctc_log_likelihood(labels, logits, label_length, logit_length, blank_index=0):
    """Negative log-likelihood of `labels` under per-frame `logits` (forward algorithm).

    Args:
        labels: int tensor `(batch, max_label_length)`, padded.
        logits: `(batch, frames, classes)` unnormalised scores.
        label_length: int tensor `(batch,)`, true label lengths.
        logit_length: int tensor `(batch,)`, true frame counts.
        blank_index: the blank class.

    Returns:
        Per-sample losses `(batch,)`.
    """
    log_probs = ops.log_softmax(logits, axis=-1)
    batch, frames = logits.shape[0], logits.shape[1]
    labels = ops.cast(labels, "int32")
    max_label = labels.shape[1]
    blanks = ops.full(ops.shape(labels), blank_index, dtype="int32")
    extended = ops.reshape(ops.stack([blanks, labels], axis=-1), (batch, 2 * max_label))
    extended = ops.concatenate(
        [extended, ops.full((batch, 1), blank_index, dtype="int32")], axis=1)
    states = 2 * max_label + 1
    index = ops.broadcast_to(ops.expand_dims(extended, 1), (batch, frames, states))
    emissions = ops.take_along_axis(log_probs, index, axis=2)

    previous_two = ops.concatenate(
        [ops.full((batch, 2), -1, dtype="int32"), extended[:, :-2]], axis=1)
    can_skip = ops.logical_and(ops.not_equal(extended, blank_index),
                               ops.not_equal(extended, previous_two))

    positions = ops.arange(states)
    start_mask = ops.expand_dims(positions < 2, 0)
    alpha = ops.where(start_mask, emissions[:, 0, :], _LOG_ZERO)
    logit_length = ops.cast(logit_length, "int32")
    for frame in range(1, frames):
        stay = alpha
        step = _shift_right(alpha, 1)
        skip = ops.where(can_skip, _shift_right(alpha, 2), _LOG_ZERO)
        updated = ops.logsumexp(ops.stack([stay, step, skip], axis=0), axis=0)
        updated = updated + emissions[:, frame, :]
        active = ops.expand_dims(frame < logit_length, -1)
        alpha = ops.where(active, updated, alpha)

    label_length = ops.cast(label_length, "int32")
    last = ops.expand_dims(2 * label_length, -1)
    before_last = ops.maximum(last - 1, 0)
    end_blank = ops.take_along_axis(alpha, last, axis=1)[:, 0]
    end_label = ops.take_along_axis(alpha, before_last, axis=1)[:, 0]
    end_label = ops.where(label_length > 0, end_label, _LOG_ZERO)
    return -ops.logsumexp(ops.stack([end_blank, end_label], axis=0), axis=0)


def ctc(y_true, y_pred):
    """CTC loss for padded integer targets (0 is both padding and the blank class).

    Args:
        y_true: `(batch, max_label_length)` integer labels, padded with 0.
        y_pred: `(batch, frames, num_classes)` logits.

    Returns:
        Per-sample losses `(batch,)`.

    Example:
        >>> ctc([[1, 2]], logits_of_shape_1x5x3)
    """
    y_true = ops.convert_to_tensor(y_true)
    y_pred = ops.convert_to_tensor(y_pred)
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
    frames = ops.full((y_pred.shape[0],), y_pred.shape[1], dtype="int32")
    return ctc_log_likelihood(labels, y_pred, label_length, frames, blank_index=0)


class CTC(BuiltinLossWrapper):
    """CTC loss. See `ctc`."""

    def __init__(self, reduction="sum_over_batch_size", name="ctc", dtype=None):
        super().__init__(ctc, reduction=reduction, name=name, dtype=dtype)
