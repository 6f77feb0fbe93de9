"""F-scores: `FBetaScore` and `F1Score` over per-class confusion counts."""
from cornu import config
from cornu import ops
from cornu.metrics.metric import Metric

_AVERAGES = (None, "micro", "macro", "weighted")


class FBetaScore(Metric):
    """Weighted harmonic mean of precision and recall, per class or averaged.

    Args:
        average: `None` (one score per class), `"micro"`, `"macro"` or `"weighted"`.
        beta: weight of recall relative to precision.
        threshold: predictions above it are positive; `None` marks the top
            score of each sample as the positive one.
        name: metric name.
        dtype: state dtype.

    Example:
        >>> m = FBetaScore(beta=2.0, threshold=0.5)
        >>> m.update_state([[1, 0], [0, 1]], [[0.9, 0.2], [0.6, 0.7]])
    """

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        metric = type(self).__name__
        if average not in _AVERAGES:
            raise ValueError(f"{metric}: `average` must be one of {_AVERAGES}, received "
                             f"average={average!r}.")
        if not isinstance(beta, (int, float)) or isinstance(beta, bool) or beta <= 0.0:
            raise ValueError(f"{metric}: `beta` must be a positive float, received "
                             f"beta={beta!r}.")
        if threshold is not None and (not isinstance(threshold, (int, float))
                                      or not 0.0 < threshold <= 1.0):
            raise ValueError(f"{metric}: `threshold` must be a float in (0, 1], received "
                             f"threshold={threshold!r}.")
        self.average = average
        self.beta = float(beta)
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False
        self._direction = "up"

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                f"{type(self).__name__} expects 2D inputs of shape (batch, num_classes), "
                f"received y_true.shape={tuple(y_true_shape)}, "
                f"y_pred.shape={tuple(y_pred_shape)}.")
        if y_pred_shape[-1] is None or y_true_shape[-1] != y_pred_shape[-1]:
            raise ValueError(
                f"{type(self).__name__}: y_true and y_pred need the same known number of "
                f"classes, received y_true.shape={tuple(y_true_shape)}, "
                f"y_pred.shape={tuple(y_pred_shape)}.")
        shape = () if self.average == "micro" else (int(y_pred_shape[-1]),)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self.intermediate_weights = self.add_variable(shape, "zeros",
                                                      name="intermediate_weights")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        if self.threshold is None:
            top = ops.max(y_pred, axis=-1, keepdims=True)
            # An all-zero row must not turn into all-positive predictions.
            predicted = ops.logical_and(ops.greater_equal(y_pred, top),
                                        ops.greater(ops.abs(y_pred), 1e-9))
        else:
            predicted = ops.greater(y_pred, self.threshold)
        predicted = ops.cast(predicted, self.dtype)
        weights = None
        if sample_weight is not None:
            weights = ops.expand_dims(ops.convert_to_tensor(sample_weight, dtype=self.dtype), 1)

        def weighted_sum(values):
            if weights is not None:
                values = values * weights
            return ops.sum(values, axis=self.axis)

        self.true_positives.assign_add(weighted_sum(predicted * y_true))
        self.false_positives.assign_add(weighted_sum(predicted * (1.0 - y_true)))
        self.false_negatives.assign_add(weighted_sum((1.0 - predicted) * y_true))
        self.intermediate_weights.assign_add(weighted_sum(y_true))

    def result(self):
        if not self._built:
            return ops.convert_to_tensor(0.0, dtype=self.dtype)
        epsilon = config.epsilon()
        tp = self.true_positives.value
        precision = tp / (tp + self.false_positives.value + epsilon)
        recall = tp / (tp + self.false_negatives.value + epsilon)
        beta_squared = self.beta ** 2
        score = (1.0 + beta_squared) * (precision * recall) / (
            beta_squared * precision + recall + epsilon)
        if self.average == "weighted":
            weights = self.intermediate_weights.value
            return ops.sum(score * weights / (ops.sum(weights) + epsilon))
        if self.average is not None:
            return ops.mean(score)
        return score

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        return {"average": self.average, "beta": self.beta, "threshold": self.threshold,
                **super().get_config()}


class F1Score(FBetaScore):
    """F1 score: `FBetaScore` with `beta=1`.

    Example:
        >>> m = F1Score(average="macro")
        >>> m.update_state([[1, 0], [0, 1]], [[0.9, 0.1], [0.6, 0.4]])
    """

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config.pop("beta")
        return config
