"""`AUC`: area under the ROC or precision-recall curve, from thresholded confusion counts."""
from cornu import config
from cornu import ops
from cornu.metrics.confusion_utils import confusion_counts, evenly_spaced_thresholds
from cornu.metrics.metric import Metric

_CURVES = ("ROC", "PR")
_SUMMATIONS = ("interpolation", "minoring", "majoring")


class AUC(Metric):
    """Approximate area under the ROC or PR curve with a Riemann sum over thresholds.

    Args:
        num_thresholds: number of evenly spaced thresholds (> 1).
        curve: `"ROC"` or `"PR"`.
        summation_method: `"interpolation"` (trapezoids; Davis-Goadrich
            interpolation for PR), `"minoring"` or `"majoring"`.
        name: metric name.
        dtype: state dtype.
        thresholds: explicit thresholds in [0, 1] (overrides `num_thresholds`).
        multi_label: keep one curve per label (last axis) and average the AUCs.
        num_labels: number of labels with `multi_label` (else found on first update).
        label_weights: per-label weights.
        from_logits: apply a sigmoid to predictions first.

    Example:
        >>> m = AUC(num_thresholds=3)
        >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
        >>> float(m.result())
        0.75
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        super().__init__(name=name, dtype=dtype)
        curve_name = str(curve).upper()
        if curve_name not in _CURVES:
            raise ValueError(f"AUC: `curve` must be one of {_CURVES}, received curve={curve!r}.")
        method = str(summation_method).lower()
        if method not in _SUMMATIONS:
            raise ValueError(f"AUC: `summation_method` must be one of {_SUMMATIONS}, received "
                             f"summation_method={summation_method!r}.")
        self.curve = curve_name
        self.summation_method = method
        epsilon = config.epsilon()
        if thresholds is not None:
            inner = sorted(float(t) for t in thresholds)
            if any(not 0.0 <= t <= 1.0 for t in inner):
                raise ValueError(f"AUC: every threshold must be in [0, 1], received "
                                 f"thresholds={thresholds!r}.")
            self.num_thresholds = len(inner) + 2
            self._thresholds = [0.0 - epsilon] + inner + [1.0 + epsilon]
            self._thresholds_distributed_evenly = _is_evenly_spaced(inner)
        else:
            if num_thresholds is None or int(num_thresholds) <= 1:
                raise ValueError(f"AUC: `num_thresholds` must be > 1, received "
                                 f"num_thresholds={num_thresholds!r}.")
            self.num_thresholds = int(num_thresholds)
            self._thresholds = evenly_spaced_thresholds(self.num_thresholds, True, epsilon)
            self._thresholds_distributed_evenly = True
        self.multi_label = bool(multi_label)
        self.num_labels = num_labels
        self.from_logits = from_logits
        if label_weights is not None:
            self.label_weights = ops.convert_to_tensor(label_weights, dtype=self.dtype)
        else:
            self.label_weights = None
        self._built = False
        if not self.multi_label:
            self._build(None)
        elif num_labels is not None:
            self._build(int(num_labels))
        self._direction = "up"

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, num_labels):
        shape = (self.num_thresholds,) if num_labels is None else (self.num_thresholds,
                                                                     num_labels)
        if num_labels is not None:
            self.num_labels = num_labels
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            if len(y_pred.shape) != 2 or y_pred.shape[-1] is None:
                raise ValueError(
                    f"AUC(multi_label=True) expects predictions of shape (batch, num_labels), "
                    f"received shape {tuple(y_pred.shape)}.")
            self._build(int(y_pred.shape[-1]))
        if self.from_logits:
            y_pred = ops.sigmoid(y_pred)
        counts = confusion_counts(
            y_true, y_pred, self._thresholds, self.dtype, sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights)
        self.true_positives.assign_add(counts["tp"])
        self.false_positives.assign_add(counts["fp"])
        self.true_negatives.assign_add(counts["tn"])
        self.false_negatives.assign_add(counts["fn"])

    def _average_labels(self, per_label):
        if not self.multi_label:
            return ops.sum(per_label)
        by_label = ops.sum(per_label, axis=0)
        if self.label_weights is None:
            return ops.mean(by_label)
        return ops.divide_no_nan(ops.sum(by_label * self.label_weights),
                                 ops.sum(self.label_weights))

    def _interpolated_pr_auc(self, tp, fp, fn):
        """Davis & Goadrich (2006): interpolate counts, not precision, between thresholds."""
        count = self.num_thresholds
        delta_tp = tp[:count - 1] - tp[1:]
        predicted_pos = tp + fp
        delta_pos = predicted_pos[:count - 1] - predicted_pos[1:]
        slope = ops.divide_no_nan(delta_tp, ops.maximum(delta_pos, 0.0))
        intercept = tp[1:] - slope * predicted_pos[1:]
        both_positive = ops.logical_and(predicted_pos[:count - 1] > 0, predicted_pos[1:] > 0)
        ratio = ops.where(
            both_positive,
            ops.divide_no_nan(predicted_pos[:count - 1], ops.maximum(predicted_pos[1:], 0.0)),
            ops.ones_like(predicted_pos[1:]))
        increment = ops.divide_no_nan(slope * (delta_tp + intercept * ops.log(ratio)),
                                      ops.maximum(tp[1:] + fn[1:], 0.0))
        return self._average_labels(increment)

    def result(self):
        if not self._built:
            return ops.convert_to_tensor(0.0, dtype=self.dtype)
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolated_pr_auc(tp, fp, fn)
        recall = ops.divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x_axis = ops.divide_no_nan(fp, fp + tn)
            y_axis = recall
        else:
            x_axis = recall
            y_axis = ops.divide_no_nan(tp, tp + fp)
        count = self.num_thresholds
        left, right = y_axis[:count - 1], y_axis[1:]
        if self.summation_method == "interpolation":
            heights = (left + right) / 2.0
        elif self.summation_method == "minoring":
            heights = ops.minimum(left, right)
        else:
            heights = ops.maximum(left, right)
        return self._average_labels((x_axis[:count - 1] - x_axis[1:]) * heights)

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        label_weights = self.label_weights
        if label_weights is not None:
            label_weights = [float(w) for w in ops.convert_to_numpy(label_weights)]
        config = {
            "num_thresholds": self.num_thresholds, "curve": self.curve,
            "summation_method": self.summation_method, "multi_label": self.multi_label,
            "num_labels": self.num_labels, "label_weights": label_weights,
            "from_logits": self.from_logits,
        }
        if not self._thresholds_distributed_evenly:
            config["thresholds"] = self.thresholds[1:-1]
        return {**config, **super().get_config()}


def _is_evenly_spaced(thresholds):
    count = len(thresholds) + 2
    if count < 3:
        return False
    expected = [(i + 1) / (count - 1) for i in range(count - 2)]
    return all(abs(a - b) < 1e-6 for a, b in zip(thresholds, expected))
