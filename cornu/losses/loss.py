"""`Loss`: the base class of every loss object, and the reduction helpers it uses."""
from cornu import config
from cornu import ops
from cornu.backend.common import naming
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.backend.common.dtypes import standardize_dtype

REDUCTIONS = ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", None, "none")


def standardize_reduction(reduction):
    """Validate a reduction name and return it unchanged.

    Args:
        reduction: one of `"sum_over_batch_size"`, `"sum"`, `"mean"`,
            `"mean_with_sample_weight"`, `"none"` or `None`.

    Returns:
        The same value.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"Invalid value for argument `reduction`: expected one of {REDUCTIONS}, "
            f"received reduction={reduction!r}.")
    return reduction


def resolve_compute_dtype(dtype):
    """The float dtype a loss or metric computes in (`None` means floatx).

    Accepts dtype names, dtype objects and dtype policies (their `compute_dtype`).
    """
    if dtype is None:
        return config.floatx()
    compute_dtype = getattr(dtype, "compute_dtype", None)
    if compute_dtype is not None:
        return standardize_dtype(compute_dtype)
    if isinstance(dtype, str) and dtype.startswith("mixed_"):
        return standardize_dtype(dtype[len("mixed_"):])
    return standardize_dtype(dtype)


def as_tensor(x, dtype=None):
    """`ops.convert_to_tensor` that also lets symbolic `KerasTensor`s through (cast if needed).

    Example:
        >>> as_tensor([1, 2], dtype="float32")
    """
    if isinstance(x, KerasTensor):
        if dtype is None or x.dtype == standardize_dtype(dtype):
            return x
        return ops.cast(x, dtype)
    return ops.convert_to_tensor(x, dtype=dtype)


def _rank(x):
    return len(x.shape)


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Make two tensors the same rank when they differ by a trailing axis of size 1.

    Args:
        x1: first tensor.
        x2: second tensor.
        expand_rank_1: when the lower-rank tensor is rank 1, expand it instead
            of squeezing the other one.

    Returns:
        `(x1, x2)`, possibly reshaped.

    Example:
        >>> a, b = squeeze_or_expand_to_same_rank(ops.ones((4,)), ops.ones((4, 1)))
        >>> a.shape
        (4, 1)
    """
    rank1, rank2 = _rank(x1), _rank(x2)
    if rank1 == rank2:
        return x1, x2
    if rank1 == rank2 + 1 and x1.shape[-1] == 1:
        if rank2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    if rank2 == rank1 + 1 and x2.shape[-1] == 1:
        if rank1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def _element_count(x, dtype):
    count = 1
    for dim in x.shape:
        if dim is None:  # symbolic batch size: count at run time
            return ops.cast(ops.sum(ops.ones_like(x, dtype=dtype)), dtype)
        count *= int(dim)
    return ops.cast(count, dtype)


def get_keras_mask(x):
    """The `_keras_mask` a masking layer attached to `x`, or `None`."""
    return getattr(x, "_keras_mask", None)


def apply_mask(sample_weight, mask, dtype, reduction):
    """Fold a boolean mask into the sample weights.

    For averaging reductions the valid entries are re-weighted by
    `total / valid` so the mean is taken over unmasked entries only.
    """
    if mask is None:
        return sample_weight
    mask = ops.cast(mask, dtype)
    if reduction in ("mean", "sum_over_batch_size"):
        total = _element_count(mask, dtype)
        valid = ops.sum(mask)
        mask = mask * (total / (valid + config.epsilon()))
    if sample_weight is None:
        return mask
    sample_weight = ops.cast(sample_weight, dtype)
    mask, sample_weight = squeeze_or_expand_to_same_rank(mask, sample_weight)
    return sample_weight * mask


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """Reduce (already weighted) per-entry losses to what `reduction` asks for."""
    if reduction in (None, "none") or tuple(values.shape) in ((), (0,)):
        return values
    averaged = reduction in ("sum_over_batch_size", "mean") or (
        reduction == "mean_with_sample_weight" and sample_weight is None)
    if averaged and 0 not in tuple(values.shape):
        # The mean: one op in place of sum, count and divide (it is on every training step).
        return ops.mean(values)
    total = ops.sum(values)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = ops.cast(ops.sum(sample_weight), total.dtype)
    else:
        divisor = _element_count(values, total.dtype)
    return ops.divide_no_nan(total, divisor)


def reduce_weighted_values(values, sample_weight=None, mask=None,
                           reduction="sum_over_batch_size", dtype=None):
    """Weight per-entry losses by `sample_weight` (and `mask`), then reduce.

    Args:
        values: per-sample (or per-entry) losses.
        sample_weight: optional weights broadcastable to `values` after a rank fix.
        mask: optional boolean mask of valid entries.
        reduction: see `standardize_reduction`.
        dtype: dtype to compute in.

    Returns:
        The reduced loss (a scalar unless `reduction` is `"none"`).
    """
    reduction = standardize_reduction(reduction)
    dtype = dtype or config.floatx()
    values = as_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = as_tensor(sample_weight, dtype=dtype)
    sample_weight = apply_mask(sample_weight, mask, dtype, reduction)
    if sample_weight is not None:
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        try:
            values = values * sample_weight
        except (ValueError, RuntimeError, TypeError) as error:
            raise ValueError(
                f"`sample_weight` of shape {tuple(sample_weight.shape)} cannot be broadcast "
                f"to the per-sample losses of shape {tuple(values.shape)}.") from error
    return reduce_values(values, sample_weight, reduction)


class Loss:
    """Base class of loss objects: `loss(y_true, y_pred, sample_weight=None)`.

    Subclasses implement `call(y_true, y_pred)` returning per-sample losses;
    `__call__` converts inputs, applies `sample_weight` and the reduction.

    Args:
        name: name of the loss (snake-case class name by default).
        reduction: `"sum_over_batch_size"` (default), `"sum"`, `"mean"`,
            `"mean_with_sample_weight"`, `"none"` or `None`.
        dtype: dtype to compute in (floatx by default).

    Example:
        >>> class Absolute(Loss):
        ...     def call(self, y_true, y_pred):
        ...         return ops.mean(ops.abs(y_true - y_pred), axis=-1)
        >>> float(Absolute()([[1.0, 2.0]], [[1.5, 2.5]]))
        0.5
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or naming.uniquify(naming.to_snake_case(type(self).__name__))
        self.reduction = standardize_reduction(reduction)
        self._dtype_argument = dtype
        self._dtype = resolve_compute_dtype(dtype)

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        mask = get_keras_mask(y_pred)
        y_pred = _convert_structure(y_pred, self._dtype)
        y_true = _convert_structure(y_true, self._dtype)
        losses = self.call(y_true, y_pred)
        loss_mask = get_keras_mask(losses)
        if loss_mask is None:
            loss_mask = self._output_mask(y_true, y_pred)
        if mask is not None and loss_mask is not None:
            mask = ops.logical_and(ops.cast(mask, "bool"), ops.cast(loss_mask, "bool"))
        elif loss_mask is not None:
            mask = loss_mask
        return reduce_weighted_values(losses, sample_weight=sample_weight, mask=mask,
                                      reduction=self.reduction, dtype=self._dtype)

    def _output_mask(self, y_true, y_pred):
        """Entries of the per-sample losses to leave out of the reduction (`None`: all)."""
        return None

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must implement `call(y_true, y_pred)`.")

    def get_config(self):
        config_dict = {"name": self.name, "reduction": self.reduction}
        if self._dtype_argument is not None:
            config_dict["dtype"] = self._dtype_argument
        return config_dict

    @classmethod
    def from_config(cls, config_dict):
        return cls(**config_dict)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _convert_structure(value, dtype):
    """Convert a tensor, or a dict/list of tensors (multi-part targets), to `dtype`."""
    if isinstance(value, dict):
        return {key: _convert_structure(v, dtype) for key, v in value.items()}
    if isinstance(value, (list, tuple)) and value and all(
            getattr(v, "shape", None) not in (None, ()) for v in value):
        return type(value)(_convert_structure(v, dtype) for v in value)
    return as_tensor(value, dtype=dtype)
