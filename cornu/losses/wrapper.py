"""`LossFunctionWrapper`: a `Loss` object around a function `fn(y_true, y_pred, **kwargs)`."""
from cornu.losses.loss import Loss, squeeze_or_expand_to_same_rank


def _align_ranks(y_true, y_pred):
    if isinstance(y_true, dict) and isinstance(y_pred, dict):
        pairs = {key: _align_ranks(y_true[key], y_pred[key]) for key in y_true}
        return ({key: pair[0] for key, pair in pairs.items()},
                {key: pair[1] for key, pair in pairs.items()})
    if isinstance(y_true, (list, tuple)) and isinstance(y_pred, (list, tuple)):
        pairs = [_align_ranks(t, p) for t, p in zip(y_true, y_pred)]
        return type(y_true)(p[0] for p in pairs), type(y_pred)(p[1] for p in pairs)
    if hasattr(y_true, "shape") and hasattr(y_pred, "shape"):
        return squeeze_or_expand_to_same_rank(y_true, y_pred)
    return y_true, y_pred


class LossFunctionWrapper(Loss):
    """Wrap a per-sample loss function into a `Loss` object.

    Args:
        fn: `fn(y_true, y_pred, **kwargs)` returning per-sample losses.
        reduction: reduction applied by `Loss.__call__`.
        name: name of the loss.
        dtype: dtype to compute in.
        **kwargs: extra keyword arguments passed to `fn` on every call.

    Example:
        >>> loss = LossFunctionWrapper(lambda t, p: ops.abs(t - p), name="l1")
        >>> float(loss([1.0, 2.0], [2.0, 2.0]))
        0.5
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        if not callable(fn):
            raise TypeError(
                f"LossFunctionWrapper: `fn` must be callable, received {fn!r} "
                f"of type {type(fn).__name__}.")
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = _align_ranks(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        from cornu.losses.serialization import serialize_function

        config = super().get_config()
        config["fn"] = serialize_function(self.fn, "cornu.losses")
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        from cornu.losses.serialization import deserialize_function

        config = dict(config)
        if "fn" in config:
            config["fn"] = deserialize_function(config["fn"])
        return cls(**config)


class BuiltinLossWrapper(LossFunctionWrapper):
    """Base of the built-in loss classes: config holds their own arguments, not `fn`."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(fn, reduction=reduction, name=name, dtype=dtype, **kwargs)

    def get_config(self):
        config = Loss.get_config(self)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)
