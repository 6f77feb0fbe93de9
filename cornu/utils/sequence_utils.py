"""`pad_sequences`: make variable-length integer sequences rectangular."""
import numpy as np

_SIDES = ("pre", "post")


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre",
                  value=0.0):
    """Pad (or cut) sequences to a common length.

    Args:
        sequences: list of sequences (lists or arrays; items may be vectors).
        maxlen: target length; defaults to the longest sequence.
        dtype: output dtype.
        padding: "pre" or "post": where to add `value`.
        truncating: "pre" or "post": which end to drop from long sequences.
        value: padding value.

    Returns:
        array of shape `(len(sequences), maxlen) + item_shape`.

    Example:
        >>> pad_sequences([[1, 2], [3]], maxlen=3)
        array([[0, 1, 2],
               [0, 0, 3]], dtype=int32)
    """
    if not hasattr(sequences, "__len__"):
        raise ValueError(f"`sequences` must be iterable with a length; received "
                         f"{type(sequences).__name__}.")
    for label, side in (("padding", padding), ("truncating", truncating)):
        if side not in _SIDES:
            raise ValueError(f"`{label}` must be 'pre' or 'post'; received {side!r}.")
    lengths, item_shape = [], None
    for position, sequence in enumerate(sequences):
        if not hasattr(sequence, "__len__"):
            raise ValueError(
                f"`sequences` must be a list of iterables; item {position} is a "
                f"{type(sequence).__name__}.")
        lengths.append(len(sequence))
        if item_shape is None and len(sequence):
            item_shape = np.asarray(sequence).shape[1:]
    item_shape = item_shape if item_shape is not None else ()
    if maxlen is None:
        maxlen = max(lengths, default=0)
    kind = np.dtype(dtype).kind
    if kind in "iu" and isinstance(value, str):
        raise ValueError(f"`dtype` {dtype} cannot hold the string padding value {value!r}.")
    output = np.full((len(sequences), maxlen) + tuple(item_shape), value, dtype=dtype)
    for row, sequence in enumerate(sequences):
        if not len(sequence) or maxlen == 0:
            continue
        kept = sequence[-maxlen:] if truncating == "pre" else sequence[:maxlen]
        kept = np.asarray(kept, dtype=dtype)
        if kept.shape[1:] != tuple(item_shape):
            raise ValueError(
                f"Sequence {row} has items of shape {kept.shape[1:]}, expected "
                f"{tuple(item_shape)} like the first non-empty sequence.")
        if padding == "post":
            output[row, :len(kept)] = kept
        else:
            output[row, maxlen - len(kept):] = kept
    return output
