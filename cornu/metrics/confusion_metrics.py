"""Threshold metrics: TP/FP/TN/FN counts, Precision, Recall, and X-at-Y metrics."""
from cornu import ops
from cornu.metrics.confusion_utils import (
    NEG_INF, confusion_counts, evenly_spaced_thresholds, parse_thresholds)
from cornu.metrics.metric import Metric


class _ConfusionCount(Metric):
    """Accumulates one entry of the confusion matrix per threshold."""

    _count_key = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = parse_thresholds(thresholds, 0.5, type(self).__name__)
        self.accumulator = self.add_variable((len(self.thresholds),), "zeros",
                                             name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = confusion_counts(y_true, y_pred, self.thresholds, self.dtype,
                                  sample_weight=sample_weight)
        self.accumulator.assign_add(counts[self._count_key])

    def result(self):
        value = self.accumulator.value
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {"thresholds": self.init_thresholds, **super().get_config()}


class TruePositives(_ConfusionCount):
    """Weighted number of true positives (per threshold; default 0.5).

    Example:
        >>> m = TruePositives(); m.update_state([0, 1, 1, 1], [1, 0, 1, 1]); float(m.result())
        2.0
    """

    _count_key = "tp"


class FalsePositives(_ConfusionCount):
    """Weighted number of false positives (per threshold; default 0.5)."""

    _count_key = "fp"


class TrueNegatives(_ConfusionCount):
    """Weighted number of true negatives (per threshold; default 0.5)."""

    _count_key = "tn"


class FalseNegatives(_ConfusionCount):
    """Weighted number of false negatives (per threshold; default 0.5)."""

    _count_key = "fn"


class _PrecisionRecallBase(Metric):
    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else NEG_INF
        self.thresholds = parse_thresholds(thresholds, default, type(self).__name__)
        self._direction = "up"

    def _counts(self, y_true, y_pred, sample_weight):
        return confusion_counts(y_true, y_pred, self.thresholds, self.dtype, top_k=self.top_k,
                                class_id=self.class_id, sample_weight=sample_weight)

    def _single(self, value):
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {"thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id, **super().get_config()}


class Precision(_PrecisionRecallBase):
    """`tp / (tp + fp)` at each threshold (default 0.5), optionally for `class_id`/`top_k`.

    Args:
        thresholds: float or list of floats in [0, 1].
        top_k: only the top-k scores of each sample count as positive.
        class_id: the class (last-axis index) to measure.
        name: metric name.
        dtype: state dtype.

    Example:
        >>> m = Precision(); m.update_state([0, 1, 1, 1], [1, 0, 1, 1]); float(m.result())
        0.6666667
    """

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(thresholds, top_k, class_id, name=name, dtype=dtype)
        size = (len(self.thresholds),)
        self.true_positives = self.add_variable(size, "zeros", name="true_positives")
        self.false_positives = self.add_variable(size, "zeros", name="false_positives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = self._counts(y_true, y_pred, sample_weight)
        self.true_positives.assign_add(counts["tp"])
        self.false_positives.assign_add(counts["fp"])

    def result(self):
        tp = self.true_positives.value
        return self._single(ops.divide_no_nan(tp, tp + self.false_positives.value))


class Recall(_PrecisionRecallBase):
    """`tp / (tp + fn)` at each threshold (default 0.5), optionally for `class_id`/`top_k`.

    Example:
        >>> m = Recall(); m.update_state([0, 1, 1, 1], [1, 0, 1, 1]); float(m.result())
        0.6666667
    """

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(thresholds, top_k, class_id, name=name, dtype=dtype)
        size = (len(self.thresholds),)
        self.true_positives = self.add_variable(size, "zeros", name="true_positives")
        self.false_negatives = self.add_variable(size, "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = self._counts(y_true, y_pred, sample_weight)
        self.true_positives.assign_add(counts["tp"])
        self.false_negatives.assign_add(counts["fn"])

    def result(self):
        tp = self.true_positives.value
        return self._single(ops.divide_no_nan(tp, tp + self.false_negatives.value))


class _SensitivitySpecificityBase(Metric):
    """Counts at `num_thresholds` evenly spaced thresholds; subclasses pick a curve point."""

    _value_name = "value"

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        metric = type(self).__name__
        if num_thresholds is None or int(num_thresholds) <= 0:
            raise ValueError(f"{metric}: `num_thresholds` must be > 0, received "
                             f"num_thresholds={num_thresholds!r}.")
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"{metric}: `{self._value_name}` must be in [0, 1], received "
                             f"{self._value_name}={value!r}.")
        self.value = float(value)
        self.class_id = class_id
        self.num_thresholds = int(num_thresholds)
        if self.num_thresholds == 1:
            self.thresholds = [0.5]
        else:
            self.thresholds = evenly_spaced_thresholds(self.num_thresholds,
                                                       with_epsilon_ends=False)
        size = (self.num_thresholds,)
        self.true_positives = self.add_variable(size, "zeros", name="true_positives")
        self.false_positives = self.add_variable(size, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(size, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(size, "zeros", name="false_negatives")
        self._direction = "up"

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = confusion_counts(y_true, y_pred, self.thresholds, self.dtype,
                                  class_id=self.class_id, sample_weight=sample_weight)
        self.true_positives.assign_add(counts["tp"])
        self.false_positives.assign_add(counts["fp"])
        self.true_negatives.assign_add(counts["tn"])
        self.false_negatives.assign_add(counts["fn"])

    def _rates(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        return {
            "sensitivity": ops.divide_no_nan(tp, tp + fn),
            "specificity": ops.divide_no_nan(tn, tn + fp),
            "precision": ops.divide_no_nan(tp, tp + fp),
        }

    def _max_where_at_least(self, constrained, dependent):
        """Largest `dependent` among thresholds where `constrained >= value` (0 if none)."""
        feasible = ops.greater_equal(constrained, self.value)
        return ops.max(ops.where(feasible, dependent, ops.zeros_like(dependent)))

    def get_config(self):
        return {"num_thresholds": self.num_thresholds, "class_id": self.class_id,
                self._value_name: self.value, **super().get_config()}


class SensitivityAtSpecificity(_SensitivitySpecificityBase):
    """Best sensitivity (recall) among thresholds whose specificity is >= `specificity`."""

    _value_name = "specificity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._max_where_at_least(rates["specificity"], rates["sensitivity"])


class SpecificityAtSensitivity(_SensitivitySpecificityBase):
    """Best specificity among thresholds whose sensitivity is >= `sensitivity`."""

    _value_name = "sensitivity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._max_where_at_least(rates["sensitivity"], rates["specificity"])


class PrecisionAtRecall(_SensitivitySpecificityBase):
    """Best precision among thresholds whose recall is >= `recall`."""

    _value_name = "recall"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._max_where_at_least(rates["sensitivity"], rates["precision"])


class RecallAtPrecision(_SensitivitySpecificityBase):
    """Best recall among thresholds whose precision is >= `precision`."""

    _value_name = "precision"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds, class_id, name=name, dtype=dtype)

    def result(self):
        rates = self._rates()
        return self._max_where_at_least(rates["precision"], rates["sensitivity"])
