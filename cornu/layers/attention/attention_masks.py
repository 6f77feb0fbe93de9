"""Attention masks shared by the attention layers: padding, causal and sliding-window masks.

Masks are boolean, True where a query position may attend to a key position.
"""
from cornu import ops


def causal_mask(query_length, key_length):
    """`(1, query_length, key_length)` lower-triangular mask (position i sees j <= i)."""
    rows = ops.expand_dims(ops.arange(query_length), 1)
    cols = ops.expand_dims(ops.arange(key_length), 0)
    return ops.expand_dims(ops.greater_equal(rows, cols), 0)


def sliding_window_mask(query_length, key_length, window):
    """`(1, query_length, key_length)` band mask: `|i - j| < window`."""
    rows = ops.expand_dims(ops.arange(query_length), 1)
    cols = ops.expand_dims(ops.arange(key_length), 0)
    return ops.expand_dims(ops.less(ops.abs(ops.subtract(rows, cols)), window), 0)


def _combine(first, second):
    if first is None:
        return second
    if second is None:
        return first
    return ops.logical_and(first, second)


def compute_attention_mask(query, value, query_mask=None, value_mask=None, key_mask=None,
                           attention_mask=None, use_causal_mask=False, sliding_window=None):
    """Combine the padding masks, causal mask and explicit mask into one `(B, T, S)` mask.

    Args:
        query: `(B, T, ...)` query tensor.
        value: `(B, S, ...)` value tensor.
        query_mask: `(B, T)` boolean or None.
        value_mask / key_mask: `(B, S)` boolean or None.
        attention_mask: explicit `(B, T, S)` mask or None.
        use_causal_mask: add a causal mask.
        sliding_window: restrict attention to `|i - j| < sliding_window`.

    Returns:
        A boolean mask, or None when there is nothing to mask.

    Example:
        >>> compute_attention_mask(q, v, use_causal_mask=True).shape  # (1, T, S)
    """
    combined = None
    if query_mask is not None:
        combined = ops.expand_dims(ops.cast(query_mask, "bool"), -1)
    if value_mask is not None:
        combined = _combine(combined, ops.expand_dims(ops.cast(value_mask, "bool"), -2))
    if key_mask is not None:
        combined = _combine(combined, ops.expand_dims(ops.cast(key_mask, "bool"), -2))
    query_length, value_length = query.shape[1], value.shape[1]
    if use_causal_mask:
        combined = _combine(combined, causal_mask(query_length, value_length))
    if sliding_window is not None:
        combined = _combine(combined,
                            sliding_window_mask(query_length, value_length, sliding_window))
    if combined is None:
        return None if attention_mask is None else ops.cast(attention_mask, "bool")
    if attention_mask is not None:
        combined = ops.logical_and(ops.cast(attention_mask, "bool"), combined)
    return combined


def tensor_mask(tensor):
    """The Keras mask carried by `tensor` (from Embedding / Masking), or None."""
    from cornu.layers.layer import get_mask

    return None if tensor is None else get_mask(tensor)


def padding_masks(query, value, key, query_mask=None, value_mask=None, key_mask=None):
    """`(query_mask, value_mask, key_mask)`: the explicit ones, else the tensors' own.

    Read before the tensors are converted or projected, which drops their masks. The key's
    own mask is only looked up when the key is a separate tensor.
    """
    query_mask = tensor_mask(query) if query_mask is None else query_mask
    value_mask = tensor_mask(value) if value_mask is None else value_mask
    if key is not value and key_mask is None:
        key_mask = tensor_mask(key)
    return query_mask, value_mask, key_mask
