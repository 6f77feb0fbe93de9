"""Regression metrics: error means, RMSE, cosine similarity, log-cosh and R^2."""
from cornu import ops
from cornu.losses.loss import as_tensor, squeeze_or_expand_to_same_rank
from cornu.losses.regression import (
    l2_normalize, log_cosh, mean_absolute_error, mean_absolute_percentage_error,
    mean_squared_error, mean_squared_logarithmic_error)
from cornu.metrics.metric import Metric
from cornu.metrics.reduction_metrics import Mean, MeanMetricWrapper


def cosine_similarity(y_true, y_pred, axis=-1):
    """Cosine of the angle between targets and predictions along `axis` (1 = same direction).

    Example:
        >>> cosine_similarity([[1.0, 0.0]], [[3.0, 0.0]])  # -> [1.0]
    """
    y_pred = as_tensor(y_pred)
    y_true = as_tensor(y_true, dtype=ops.dtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return ops.sum(l2_normalize(y_true, axis) * l2_normalize(y_pred, axis), axis=axis)


class MeanSquaredError(MeanMetricWrapper):
    """Mean of squared errors over all samples seen."""

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, name=name, dtype=dtype)
        self._direction = "down"


class MeanAbsoluteError(MeanMetricWrapper):
    """Mean of absolute errors over all samples seen."""

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, name=name, dtype=dtype)
        self._direction = "down"


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Mean absolute percentage error over all samples seen."""

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, name=name, dtype=dtype)
        self._direction = "down"


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Mean squared logarithmic error over all samples seen."""

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, name=name, dtype=dtype)
        self._direction = "down"


class LogCoshError(MeanMetricWrapper):
    """Mean of `log(cosh(error))` over all samples seen."""

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(log_cosh, name=name, dtype=dtype)
        self._direction = "down"


class CosineSimilarity(MeanMetricWrapper):
    """Mean cosine similarity between targets and predictions along `axis`."""

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name=name, dtype=dtype, axis=axis)
        self._direction = "up"


class RootMeanSquaredError(Mean):
    """Square root of the mean squared error over all samples seen.

    Example:
        >>> m = RootMeanSquaredError(); m.update_state([[0.0], [0.0]], [[3.0], [4.0]])
        >>> float(m.result())  # sqrt((9 + 16) / 2)
        3.535534
    """

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_tensor(y_true, dtype=self.dtype)
        y_pred = as_tensor(y_pred, dtype=self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        super().update_state(ops.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self):
        return ops.sqrt(super().result())


_AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")


class R2Score(Metric):
    """Coefficient of determination, per output or aggregated.

    Args:
        class_aggregation: `"uniform_average"` (default), `"variance_weighted_average"`
            or `None` (one score per output).
        num_regressors: number of regressors for the adjusted R^2 (0: plain R^2).
        name: metric name.
        dtype: state dtype.

    Example:
        >>> m = R2Score(); m.update_state([[1.0], [2.0], [3.0]], [[1.0], [2.0], [4.0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score",
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        if class_aggregation not in _AGGREGATIONS:
            raise ValueError(f"R2Score: `class_aggregation` must be one of {_AGGREGATIONS}, "
                             f"received class_aggregation={class_aggregation!r}.")
        if not isinstance(num_regressors, int) or num_regressors < 0:
            raise ValueError(f"R2Score: `num_regressors` must be an integer >= 0, received "
                             f"num_regressors={num_regressors!r}.")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable((), "zeros", dtype="int32", name="num_samples")
        self._built = False
        self._direction = "up"

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                f"R2Score expects 2D inputs of shape (batch_size, output_dim), received "
                f"y_true.shape={tuple(y_true_shape)}, y_pred.shape={tuple(y_pred_shape)}.")
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(
                f"R2Score needs a known last dimension, received "
                f"y_true.shape={tuple(y_true_shape)}, y_pred.shape={tuple(y_pred_shape)}.")
        outputs = (int(y_pred_shape[-1]),)
        self.squared_sum = self.add_variable(outputs, "zeros", name="squared_sum")
        self.sum = self.add_variable(outputs, "zeros", name="sum")
        self.total_mse = self.add_variable(outputs, "zeros", name="residual")
        self.count = self.add_variable(outputs, "zeros", name="count")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = as_tensor(y_true, dtype=self.dtype)
        y_pred = as_tensor(y_pred, dtype=self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        if sample_weight is None:
            sample_weight = 1.0
        sample_weight = as_tensor(sample_weight, dtype=self.dtype)
        if len(sample_weight.shape) == 1:
            sample_weight = ops.expand_dims(sample_weight, axis=1)
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(y_true))
        weighted_true = y_true * sample_weight
        self.sum.assign_add(ops.sum(weighted_true, axis=0))
        self.squared_sum.assign_add(ops.sum(y_true * weighted_true, axis=0))
        self.total_mse.assign_add(ops.sum(ops.square(y_true - y_pred) * sample_weight, axis=0))
        self.count.assign_add(ops.sum(sample_weight, axis=0))
        self.num_samples.assign_add(ops.cast(ops.size(y_true), "int32"))

    def result(self):
        if not self._built:
            return as_tensor(0.0, dtype=self.dtype)
        mean = self.sum.value / self.count.value
        total = self.squared_sum.value - self.sum.value * mean
        raw_scores = 1.0 - self.total_mse.value / total
        raw_scores = ops.where(ops.isinf(raw_scores), ops.zeros_like(raw_scores), raw_scores)
        if self.class_aggregation == "uniform_average":
            score = ops.mean(raw_scores)
        elif self.class_aggregation == "variance_weighted_average":
            score = ops.sum(total * raw_scores) / ops.sum(total)
        else:
            score = raw_scores
        if self.num_regressors:
            samples = ops.cast(self.num_samples.value, self.dtype)
            regressors = float(self.num_regressors)
            adjusted = 1.0 - (1.0 - score) * (samples - 1.0) / (samples - regressors - 1.0)
            # Adjusted R^2 is undefined unless samples > regressors + 1; keep plain R^2 then.
            score = ops.where(samples - 1.0 > regressors, adjusted, score)
        return score

    def reset_state(self):
        if self._built:
            super().reset_state()
        else:
            self.num_samples.assign(ops.zeros((), dtype="int32"))

    def get_config(self):
        return {"class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors, **super().get_config()}

