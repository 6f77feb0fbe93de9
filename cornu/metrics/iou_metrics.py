"""Intersection-over-union metrics from an accumulated confusion matrix."""
from cornu import config
from cornu import ops
from cornu.metrics.confusion_utils import class_indicator
from cornu.metrics.metric import Metric


def confusion_matrix(labels, predictions, num_classes, weights, dtype):
    """`(num_classes, num_classes)` matrix: rows are true classes, columns predicted ones.

    Computed as one-hot products, so it stays on the device (no host sync).
    """
    true_hot = class_indicator(labels, num_classes, dtype)
    pred_hot = class_indicator(predictions, num_classes, dtype)
    weighted_true = true_hot * ops.expand_dims(ops.cast(weights, dtype), -1)
    return ops.sum(ops.expand_dims(weighted_true, 2) * ops.expand_dims(pred_hot, 1), axis=0)


class _IoUBase(Metric):
    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype)
        if not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(f"{type(self).__name__}: `num_classes` must be a positive integer, "
                             f"received num_classes={num_classes!r}.")
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable((num_classes, num_classes), "zeros",
                                          name="total_confusion_matrix")
        self._direction = "up"

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        y_true = ops.reshape(ops.convert_to_tensor(y_true, dtype=self.dtype), (-1,))
        y_pred = ops.reshape(ops.convert_to_tensor(y_pred, dtype=self.dtype), (-1,))
        if sample_weight is None:
            weights = ops.ones_like(y_true)
        else:
            weights = ops.reshape(ops.convert_to_tensor(sample_weight, dtype=self.dtype), (-1,))
            weights = ops.broadcast_to(weights, ops.shape(y_true))
        if self.ignore_class is not None:
            valid = ops.cast(ops.not_equal(y_true, float(self.ignore_class)), self.dtype)
            y_true = y_true * valid
            y_pred = y_pred * valid
            weights = weights * valid
        current = confusion_matrix(y_true, y_pred, self.num_classes, weights, self.dtype)
        self.total_cm.assign_add(current)

    def get_config(self):
        return {"num_classes": self.num_classes, "ignore_class": self.ignore_class,
                "sparse_y_true": self.sparse_y_true, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis, **super().get_config()}


class IoU(_IoUBase):
    """Mean IoU over `target_class_ids`: `tp / (tp + fp + fn)` per class.

    Args:
        num_classes: number of classes.
        target_class_ids: classes whose IoU is averaged.
        name: metric name.
        dtype: state dtype.
        ignore_class: label excluded from the counts.
        sparse_y_true: labels are class ids (else one-hot / scores, argmax taken).
        sparse_y_pred: predictions are class ids (else scores, argmax taken).
        axis: class axis for the argmax.

    Example:
        >>> m = IoU(num_classes=2, target_class_ids=[0])
        >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
        >>> float(m.result())  # 1 / (1 + 1 + 1)
        0.33333334
    """

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis)
        target_class_ids = list(target_class_ids)
        if max(target_class_ids, default=0) >= num_classes or min(target_class_ids,
                                                                   default=0) < 0:
            raise ValueError(
                f"{type(self).__name__}: every entry of `target_class_ids` must be in "
                f"[0, {num_classes}), received target_class_ids={target_class_ids!r}.")
        self.target_class_ids = target_class_ids

    def result(self):
        matrix = self.total_cm.value
        predicted = ops.sum(matrix, axis=0)
        actual = ops.sum(matrix, axis=1)
        true_positives = ops.diagonal(matrix)
        denominator = predicted + actual - true_positives
        ids = ops.convert_to_tensor(self.target_class_ids, dtype="int32")
        true_positives = ops.take(true_positives, ids, axis=0)
        denominator = ops.take(denominator, ids, axis=0)
        num_valid = ops.sum(ops.cast(ops.greater(denominator, 1e-9), self.dtype))
        iou = true_positives / (denominator + config.epsilon())
        return ops.sum(iou) / (num_valid + config.epsilon())

    def get_config(self):
        config = super().get_config()
        config["target_class_ids"] = self.target_class_ids
        return config


class MeanIoU(IoU):
    """IoU averaged over all `num_classes` classes.

    Example:
        >>> m = MeanIoU(num_classes=2); m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
        >>> float(m.result())
        0.33333334
    """

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, list(range(num_classes)), name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config = super().get_config()
        config.pop("target_class_ids")
        return config


class BinaryIoU(IoU):
    """IoU for binary masks: scores above `threshold` are class 1.

    Example:
        >>> m = BinaryIoU(target_class_ids=[1], threshold=0.5)
        >>> m.update_state([0, 1, 1], [0.2, 0.7, 0.4])
    """

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(2, list(target_class_ids), name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_pred = ops.cast(ops.greater(y_pred, self.threshold), self.dtype)
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold,
                "name": self.name, "dtype": self.dtype}


class OneHotIoU(IoU):
    """IoU for one-hot labels and per-class scores (argmax taken on both)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes, target_class_ids, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config = super().get_config()
        config.pop("sparse_y_true")
        return config


class OneHotMeanIoU(MeanIoU):
    """Mean IoU for one-hot labels and per-class scores."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config = super().get_config()
        config.pop("sparse_y_true")
        return config
