"""Cross-entropy losses: binary, categorical, sparse categorical and their focal variants."""
from cornu import config
from cornu import ops
from cornu.losses.loss import as_tensor
from cornu.losses.wrapper import BuiltinLossWrapper


def _as_float_pair(y_true, y_pred):
    y_pred = as_tensor(y_pred)
    if "float" not in ops.dtype(y_pred):
        y_pred = ops.cast(y_pred, config.floatx())
    return ops.cast(y_true, ops.dtype(y_pred)), y_pred


def _shape_text(x):
    return tuple(x.shape)


def check_one_hot_targets(y_true, y_pred, loss_name="CategoricalCrossentropy", axis=-1):
    """Raise a clear `ValueError` when targets are not one-hot like the predictions.

    Integer class ids (`(n,)` or `(n, 1)` against `(n, k)` predictions) name
    `SparseCategoricalCrossentropy` as the fix.
    """
    true_rank, pred_rank = len(y_true.shape), len(y_pred.shape)
    classes = y_pred.shape[axis] if pred_rank else None
    looks_sparse = true_rank == pred_rank - 1 or (
        true_rank == pred_rank and true_rank > 0 and y_true.shape[-1] == 1
        and classes is not None and classes > 1)
    if looks_sparse:
        raise ValueError(
            f"{loss_name} expects one-hot encoded targets with the same shape as the "
            f"predictions {_shape_text(y_pred)}, but received targets of shape "
            f"{_shape_text(y_true)}, which look like integer class labels. Use "
            f"SparseCategoricalCrossentropy (loss='sparse_categorical_crossentropy') for "
            f"integer labels, or one-hot encode the targets.")
    if true_rank != pred_rank or any(
            a is not None and b is not None and a != b for a, b in zip(y_true.shape, y_pred.shape)):
        raise ValueError(
            f"{loss_name}: targets and predictions must have the same shape, received "
            f"y_true.shape={_shape_text(y_true)} and y_pred.shape={_shape_text(y_pred)}.")


def check_sparse_targets(y_true, y_pred, loss_name="SparseCategoricalCrossentropy"):
    """Raise a clear `ValueError` when sparse (integer) targets are actually one-hot."""
    true_rank, pred_rank = len(y_true.shape), len(y_pred.shape)
    if true_rank == pred_rank - 1:
        return
    if true_rank == pred_rank and true_rank > 0 and y_true.shape[-1] in (1, None):
        return
    if true_rank == pred_rank and tuple(y_true.shape) == tuple(y_pred.shape):
        raise ValueError(
            f"{loss_name} expects integer class labels of shape {_shape_text(y_pred)[:-1]} "
            f"(or with a trailing 1), but received targets of shape {_shape_text(y_true)}, "
            f"the same shape as the predictions: they look one-hot encoded. Use "
            f"CategoricalCrossentropy (loss='categorical_crossentropy') for one-hot targets, "
            f"or pass the class ids (argmax).")
    raise ValueError(
        f"{loss_name} expects integer labels with one axis less than the predictions (or a "
        f"trailing axis of size 1); received y_true.shape={_shape_text(y_true)} and "
        f"y_pred.shape={_shape_text(y_pred)}.")


def _binary_crossentropy_elementwise(target, output, from_logits):
    if from_logits:
        # max(x, 0) - x * z + log(1 + exp(-|x|)): exact and overflow-free.
        return ops.maximum(output, 0.0) - output * target + ops.softplus(-ops.abs(output))
    epsilon = config.epsilon()
    output = ops.clip(output, epsilon, 1.0 - epsilon)
    return -(target * ops.log(output) + (1.0 - target) * ops.log(1.0 - output))


def _log_probabilities(output, from_logits, axis):
    if from_logits:
        return ops.log_softmax(output, axis=axis)
    epsilon = config.epsilon()
    output = output / ops.sum(output, axis=axis, keepdims=True)
    return ops.log(ops.clip(output, epsilon, 1.0 - epsilon))


def _validate_axis(axis, loss_name):
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(f"{loss_name}: `axis` must be an integer, received axis={axis!r}.")


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy averaged over `axis`.

    Args:
        y_true: 0/1 targets.
        y_pred: probabilities, or logits when `from_logits=True`.
        from_logits: whether `y_pred` are logits.
        label_smoothing: in [0, 1]; targets become `y * (1 - s) + 0.5 * s`.
        axis: axis to average over.

    Returns:
        Per-sample losses.

    Example:
        >>> binary_crossentropy([[1.0]], [[0.5]])  # -> [0.6931]
    """
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return ops.mean(_binary_crossentropy_elementwise(y_true, y_pred, from_logits), axis=axis)


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25,
                              gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy scaled by `(1 - p_t) ** gamma` to focus on hard examples.

    Args:
        y_true: 0/1 targets.
        y_pred: probabilities (or logits with `from_logits=True`).
        apply_class_balancing: weight positives by `alpha`, negatives by `1 - alpha`.
        alpha: class balance weight.
        gamma: focusing parameter.
        from_logits: whether `y_pred` are logits.
        label_smoothing: as in `binary_crossentropy`.
        axis: axis to average over.

    Returns:
        Per-sample losses.

    Example:
        >>> binary_focal_crossentropy([[1.0]], [[0.9]], gamma=2.0)
    """
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = _binary_crossentropy_elementwise(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1.0 - y_true) * (1.0 - y_pred)
    focal = ops.power(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        focal = (y_true * alpha + (1.0 - y_true) * (1.0 - alpha)) * focal
    return ops.mean(focal, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Cross-entropy between one-hot targets and class probabilities along `axis`.

    Args:
        y_true: one-hot targets, same shape as `y_pred`.
        y_pred: probabilities (renormalised), or logits with `from_logits=True`.
        from_logits: whether `y_pred` are logits.
        label_smoothing: targets become `y * (1 - s) + s / num_classes`.
        axis: the class axis.

    Returns:
        Per-sample losses.

    Raises:
        ValueError: integer labels given (use `sparse_categorical_crossentropy`).

    Example:
        >>> categorical_crossentropy([[0.0, 1.0]], [[0.5, 0.5]])  # -> [0.6931]
    """
    _validate_axis(axis, "categorical_crossentropy")
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    check_one_hot_targets(y_true, y_pred, "CategoricalCrossentropy", axis=axis)
    if label_smoothing:
        num_classes = ops.cast(ops.shape(y_true)[axis], ops.dtype(y_pred))
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / num_classes
    return -ops.sum(y_true * _log_probabilities(y_pred, from_logits, axis), axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """Categorical cross-entropy scaled by `alpha * (1 - p) ** gamma` per class.

    Args:
        y_true: one-hot targets.
        y_pred: probabilities (or logits with `from_logits=True`).
        alpha: weighting factor.
        gamma: focusing parameter.
        from_logits: whether `y_pred` are logits.
        label_smoothing: as in `categorical_crossentropy`.
        axis: the class axis.

    Returns:
        Per-sample losses.

    Example:
        >>> categorical_focal_crossentropy([[0.0, 1.0]], [[0.1, 0.9]])
    """
    _validate_axis(axis, "categorical_focal_crossentropy")
    y_true, y_pred = _as_float_pair(y_true, y_pred)
    check_one_hot_targets(y_true, y_pred, "CategoricalFocalCrossentropy", axis=axis)
    if label_smoothing:
        num_classes = ops.cast(ops.shape(y_true)[axis], ops.dtype(y_pred))
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / num_classes
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    epsilon = config.epsilon()
    output = y_pred / ops.sum(y_pred, axis=axis, keepdims=True)
    output = ops.clip(output, epsilon, 1.0 - epsilon)
    focal = alpha * ops.power(1.0 - output, gamma) * (-y_true * ops.log(output))
    return ops.sum(focal, axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None,
                                    axis=-1):
    """Cross-entropy between integer class ids and class probabilities.

    Args:
        y_true: integer labels, shape `y_pred.shape[:-1]` (or with a trailing 1).
        y_pred: probabilities, or logits with `from_logits=True`.
        from_logits: whether `y_pred` are logits.
        ignore_class: a label whose entries get zero loss (e.g. padding).
        axis: the class axis of `y_pred`.

    Returns:
        Per-sample losses.

    Raises:
        ValueError: one-hot targets given (use `categorical_crossentropy`).

    Example:
        >>> sparse_categorical_crossentropy([1], [[0.5, 0.5]])  # -> [0.6931]
    """
    _validate_axis(axis, "sparse_categorical_crossentropy")
    y_pred = as_tensor(y_pred)
    if "float" not in ops.dtype(y_pred):
        y_pred = ops.cast(y_pred, config.floatx())
    y_true = as_tensor(y_true)
    if axis not in (-1, len(y_pred.shape) - 1):
        y_pred = ops.moveaxis(y_pred, axis, -1)
    check_sparse_targets(y_true, y_pred)
    if len(y_true.shape) == len(y_pred.shape):
        y_true = ops.squeeze(y_true, axis=-1)
    if ignore_class is None:
        # One fused engine op (a single kernel on torch).
        return ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits)
    labels = ops.cast(y_true, "int32")
    valid = ops.not_equal(labels, int(ignore_class))
    losses = ops.sparse_categorical_crossentropy(ops.where(valid, labels, 0), y_pred,
                                                 from_logits=from_logits)
    return ops.where(valid, losses, 0.0)


class BinaryCrossentropy(BuiltinLossWrapper):
    """Binary cross-entropy. See `binary_crossentropy`.

    Example:
        >>> BinaryCrossentropy(from_logits=True)([[1.0]], [[0.0]])  # -> 0.6931
    """

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class BinaryFocalCrossentropy(BuiltinLossWrapper):
    """Focal binary cross-entropy. See `binary_focal_crossentropy`."""

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_focal_crossentropy", dtype=None):
        super().__init__(binary_focal_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma


class CategoricalCrossentropy(BuiltinLossWrapper):
    """Categorical cross-entropy for one-hot targets. See `categorical_crossentropy`."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class CategoricalFocalCrossentropy(BuiltinLossWrapper):
    """Focal categorical cross-entropy. See `categorical_focal_crossentropy`."""

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_focal_crossentropy",
                 dtype=None):
        super().__init__(categorical_focal_crossentropy, reduction=reduction, name=name,
                         dtype=dtype, alpha=alpha, gamma=gamma, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.alpha = alpha
        self.gamma = gamma


class SparseCategoricalCrossentropy(BuiltinLossWrapper):
    """Cross-entropy for integer class labels. See `sparse_categorical_crossentropy`.

    With `ignore_class`, entries with that label are excluded from the mean.
    """

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size",
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, reduction=reduction, name=name,
                         dtype=dtype, from_logits=from_logits, ignore_class=ignore_class)
        self.from_logits = from_logits
        self.ignore_class = ignore_class

    def _output_mask(self, y_true, y_pred):
        if self.ignore_class is None:
            return None
        labels = y_true
        if len(labels.shape) == len(y_pred.shape) and labels.shape[-1] == 1:
            labels = ops.squeeze(labels, axis=-1)
        return ops.not_equal(ops.cast(labels, "int32"), int(self.ignore_class))
