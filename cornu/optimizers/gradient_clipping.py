"""Gradient clipping by per-tensor norm and by global norm (NaN-propagating like Keras)."""
from cornu import backend, ops


def clip_by_norm(values, clip_norm, axes=None):
    """Rescale `values` so that their L2 norm is at most `clip_norm`.

    Args:
        values: a gradient tensor.
        clip_norm: maximum norm (a positive float).
        axes: axes over which the norm is computed (all by default).

    Returns:
        The clipped tensor, same shape and dtype.

    Example:
        >>> clip_by_norm(ops.convert_to_tensor([3.0, 4.0]), 1.0)  # -> [0.6, 0.8]
    """
    squared_sum = ops.sum(ops.square(values), axis=axes, keepdims=True)
    positive = squared_sum > 0
    # The where-sqrt-where pattern keeps the gradient of sqrt finite at zero.
    safe_sum = ops.where(positive, squared_sum, ops.ones_like(squared_sum))
    norm = ops.where(positive, ops.sqrt(safe_sum), squared_sum)
    clip = backend.cast(clip_norm, backend.standardize_dtype(values.dtype))
    return values * clip / ops.maximum(norm, clip)


def global_norm(values_list):
    """L2 norm of all tensors in `values_list` taken together (`None` entries skipped)."""
    total = None
    for values in values_list:
        if values is None:
            continue
        part = ops.sum(ops.square(backend.cast(values, "float32")))
        total = part if total is None else total + part
    return ops.sqrt(total)


def clip_by_global_norm(values_list, clip_norm, use_norm=None):
    """Scale every tensor by `clip_norm / max(global_norm, clip_norm)`.

    Args:
        values_list: list of gradient tensors (`None` entries pass through).
        clip_norm: maximum global norm.
        use_norm: a precomputed global norm.

    Returns:
        The list of clipped tensors.
    """
    if use_norm is None:
        use_norm = global_norm(values_list)
    # `use_norm - use_norm` is 0 for finite norms and NaN otherwise, so NaN/Inf propagate.
    scale = clip_norm * ops.minimum(1.0 / use_norm, 1.0 / clip_norm) + (use_norm - use_norm)
    return [None if v is None else v * backend.cast(scale, backend.standardize_dtype(v.dtype))
            for v in values_list]
