"""Shared machinery of threshold-based metrics: thresholds parsing and confusion counting."""
from cornu import ops
from cornu.losses.loss import squeeze_or_expand_to_same_rank

# Scores outside the top k are pushed here so they never exceed a threshold.
NEG_INF = -1e10


def parse_thresholds(thresholds, default_threshold=0.5, metric_name="metric"):
    """Thresholds as a list of floats; `None` gives `[default_threshold]`.

    Raises:
        ValueError: a threshold outside [0, 1].
    """
    if thresholds is None:
        return [default_threshold]
    values = list(thresholds) if isinstance(thresholds, (list, tuple)) else [thresholds]
    for value in values:
        if value is None or not 0.0 <= float(value) <= 1.0:
            raise ValueError(
                f"{metric_name}: every threshold must be in [0, 1], received "
                f"thresholds={thresholds!r}.")
    return [float(v) for v in values]


def evenly_spaced_thresholds(num_thresholds, with_epsilon_ends=True, epsilon=1e-7):
    """`num_thresholds` thresholds from ~0 to ~1 (ends nudged by epsilon to catch 0 and 1)."""
    inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    if with_epsilon_ends:
        return [0.0 - epsilon] + inner + [1.0 + epsilon]
    return [0.0] + inner + [1.0]


def class_indicator(indices, num_classes, dtype):
    """One-hot encoding built by comparison with `arange` (out-of-range ids give zeros).

    Unlike some engines' `one_hot`, it never checks the ids on the host, so metric
    updates stay free of device-to-host syncs.
    """
    indices = ops.expand_dims(ops.cast(indices, "int32"), -1)
    return ops.cast(ops.equal(indices, ops.arange(num_classes, dtype="int32")), dtype)


def filter_top_k(scores, k):
    """Keep the `k` largest scores of the last axis; set the rest to `NEG_INF`."""
    _, top_indices = ops.top_k(scores, k)
    in_top = ops.sum(class_indicator(top_indices, scores.shape[-1], ops.dtype(scores)), axis=-2)
    return scores * in_top + NEG_INF * (1.0 - in_top)


def _broadcast_weights(weights, target, dtype):
    weights = ops.cast(weights, dtype)
    while len(weights.shape) < len(target.shape):
        weights = ops.expand_dims(weights, -1)
    return ops.broadcast_to(weights, ops.shape(target))


def confusion_counts(y_true, y_pred, thresholds, dtype, top_k=None, class_id=None,
                     sample_weight=None, multi_label=False, label_weights=None):
    """Weighted true/false positive/negative counts per threshold.

    A prediction is positive at threshold `t` when `y_pred > t`.

    Args:
        y_true: labels (nonzero means positive).
        y_pred: scores in [0, 1].
        thresholds: list of floats (length T).
        dtype: dtype of the counts.
        top_k: only the `top_k` highest scores of each sample may be positive.
        class_id: restrict to this class of the last axis.
        sample_weight: per-sample (or per-entry) weights.
        multi_label: keep the last axis (labels) separate instead of flattening.
        label_weights: per-label weights (flattened mode only).

    Returns:
        Dict with `tp`, `fp`, `tn`, `fn`, each of shape `(T,)` (or `(T, L)`).
    """
    y_pred = ops.cast(y_pred, dtype)
    y_true = ops.cast(y_true, dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id]
        y_pred = y_pred[..., class_id]
    weights = None
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
        if class_id is not None and len(sample_weight.shape) == len(y_pred.shape) + 1:
            sample_weight = sample_weight[..., class_id]
        weights = _broadcast_weights(sample_weight, y_pred, dtype)
    if label_weights is not None and not multi_label:
        label_weights = ops.broadcast_to(ops.convert_to_tensor(label_weights, dtype=dtype),
                                         ops.shape(y_pred))
        weights = label_weights if weights is None else weights * label_weights
    positive = ops.cast(ops.not_equal(y_true, 0.0), dtype)
    if weights is None:
        weights = ops.ones_like(y_pred)
    threshold_tensor = ops.convert_to_tensor(thresholds, dtype=dtype)
    if multi_label:
        num_labels = y_pred.shape[-1]
        scores = ops.reshape(y_pred, (-1, num_labels))
        positive = ops.reshape(positive, (-1, num_labels))
        weights = ops.reshape(weights, (-1, num_labels))
        above = ops.cast(ops.greater(ops.expand_dims(scores, 0),
                                     ops.reshape(threshold_tensor, (-1, 1, 1))), dtype)
        weighted_pos = positive * weights
        weighted_neg = (1.0 - positive) * weights
        tp = ops.sum(above * ops.expand_dims(weighted_pos, 0), axis=1)
        fp = ops.sum(above * ops.expand_dims(weighted_neg, 0), axis=1)
        total_pos = ops.sum(weighted_pos, axis=0)
        total_neg = ops.sum(weighted_neg, axis=0)
    else:
        scores = ops.reshape(y_pred, (-1,))
        weighted_pos = ops.reshape(positive * weights, (-1,))
        weighted_neg = ops.reshape((1.0 - positive) * weights, (-1,))
        above = ops.cast(ops.greater(ops.expand_dims(scores, 0),
                                     ops.expand_dims(threshold_tensor, 1)), dtype)
        # Elementwise sums, not matmul: GPU matmuls may round float32 inputs (TF32).
        tp = ops.sum(above * ops.expand_dims(weighted_pos, 0), axis=1)
        fp = ops.sum(above * ops.expand_dims(weighted_neg, 0), axis=1)
        total_pos = ops.sum(weighted_pos)
        total_neg = ops.sum(weighted_neg)
    return {"tp": tp, "fp": fp, "fn": total_pos - tp, "tn": total_neg - fp}
