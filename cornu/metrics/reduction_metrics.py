"""Metrics that reduce values over batches: `Sum`, `Mean`, and `MeanMetricWrapper`."""
from cornu import ops
from cornu.losses.loss import apply_mask, get_keras_mask, squeeze_or_expand_to_same_rank
from cornu.metrics.metric import Metric


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Weight `values` and reduce them to one value per sample.

    Returns:
        `(values, sample_weight)`: values of shape `(batch,)` (or scalar) and the
        weights reduced to the same shape (or `None`).
    """
    mask = get_keras_mask(values)
    values = ops.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_rank, value_rank = len(sample_weight.shape), len(values.shape)
        if value_rank > weight_rank:
            values = reduce_fn(values, axis=tuple(range(weight_rank, value_rank)))
        try:
            sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        except (ValueError, RuntimeError, TypeError) as error:
            raise ValueError(
                f"`sample_weight` of shape {tuple(sample_weight.shape)} cannot be broadcast to "
                f"the metric values of shape {tuple(values.shape)}.") from error
        values = values * sample_weight
        if weight_rank > 1:
            sample_weight = reduce_fn(sample_weight, axis=tuple(range(1, weight_rank)))
    if len(values.shape) > 1:
        values = reduce_fn(values, axis=tuple(range(1, len(values.shape))))
    return values, sample_weight


def _is_plain_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_unmasked_scalar(values):
    return (getattr(values, "shape", None) is not None and len(values.shape) == 0
            and get_keras_mask(values) is None)


class Sum(Metric):
    """Running (weighted) sum of the values seen.

    Example:
        >>> metric = Sum()
        >>> metric.update_state([1.0, 3.0, 5.0])
        >>> float(metric.result())
        9.0
    """

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", dtype=self.dtype, name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, ops.sum, self.dtype)
        self.total.assign_add(ops.sum(values))

    def result(self):
        return ops.convert_to_tensor(self.total.value)


class Mean(Metric):
    """Running (weighted) mean of the values seen.

    Example:
        >>> metric = Mean()
        >>> metric.update_state([1.0, 3.0, 5.0, 7.0])
        >>> float(metric.result())
        4.0
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", dtype=self.dtype, name="total")
        self.count = self.add_variable((), "zeros", dtype=self.dtype, name="count")

    def update_state(self, values, sample_weight=None):
        if _is_plain_number(sample_weight) and _is_unmasked_scalar(values):
            # The trainer's loss tracker, once per step: a batch mean weighted by batch size.
            self.total.assign_add(ops.cast(values, self.dtype) * sample_weight)
            self.count.assign_add(sample_weight)
            return
        values, sample_weight = reduce_to_samplewise_values(
            values, sample_weight, ops.mean, self.dtype)
        self.total.assign_add(ops.sum(values))
        if sample_weight is not None:
            count = ops.sum(sample_weight)
        elif len(values.shape) >= 1:
            count = ops.shape(values)[0]
        else:
            count = 1
        self.count.assign_add(ops.cast(count, self.dtype))

    def result(self):
        return ops.divide_no_nan(self.total.value, self.count.value)


class MeanMetricWrapper(Mean):
    """Mean of `fn(y_true, y_pred, **kwargs)` over all samples seen.

    Args:
        fn: per-sample metric function.
        name: metric name.
        dtype: dtype of the state.
        **kwargs: passed to `fn` on every update.

    Example:
        >>> metric = MeanMetricWrapper(lambda t, p: ops.abs(t - p), name="l1")
        >>> metric.update_state([1.0, 2.0], [2.0, 2.0])
        >>> float(metric.result())
        0.5
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        if not callable(fn):
            raise TypeError(
                f"MeanMetricWrapper: `fn` must be callable, received {fn!r} "
                f"of type {type(fn).__name__}.")
        super().__init__(name=name or getattr(fn, "__name__", None), dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs
        from cornu import losses

        if fn in losses.ALL_OBJECTS or type(fn) in losses.ALL_OBJECTS:
            self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = get_keras_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if sample_weight is not None and mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=self.dtype, reduction="sum")
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype}
        config.update(self._fn_kwargs)
        if type(self) is MeanMetricWrapper:
            from cornu.losses.serialization import serialize_function

            config["fn"] = serialize_function(self._fn, "cornu.metrics")
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if cls is MeanMetricWrapper and "fn" in config:
            from cornu.losses.serialization import deserialize_function

            config["fn"] = deserialize_function(config["fn"])
        return cls(**config)
