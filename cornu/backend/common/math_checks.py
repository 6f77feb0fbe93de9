"""Engine-neutral argument checks shared by the engines' `math`, `linalg` and indexing ops."""


def check_segment_ids(segment_ids, data):
    """Check `segment_ids` is 1D with one id per row of `data`.

    Args:
        segment_ids: engine tensor of ids.
        data: engine tensor being reduced by segment.

    Returns:
        None.

    Example:
        >>> check_segment_ids(ids_of_shape_4, data_of_shape_4_2)
    """
    if segment_ids.ndim != 1 or segment_ids.shape[0] != data.shape[0]:
        raise ValueError(
            f"segment_ids must be 1D with one id per row of data; received segment_ids of "
            f"shape {tuple(segment_ids.shape)} for data of shape {tuple(data.shape)}.")


def check_top_k(x, k):
    """Check `k` does not exceed the size of the last axis of `x`.

    Args:
        x: engine tensor.
        k: number of top entries requested.

    Returns:
        None.

    Example:
        >>> check_top_k(x_of_shape_2_5, 3)
    """
    if k > x.shape[-1]:
        raise ValueError(f"`top_k`: k={k} is larger than the last axis ({x.shape[-1]}) of an "
                         f"input with shape {tuple(x.shape)}.")


def check_square_matrices(op_name, x):
    """Check `x` is a (batch of) square matrices `(..., n, n)`.

    Args:
        op_name: op name used in the error message.
        x: engine tensor.

    Returns:
        None.

    Example:
        >>> check_square_matrices("inv", x_of_shape_3_3)
    """
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(f"`{op_name}` expects square matrices (..., n, n), received shape "
                         f"{tuple(x.shape)}.")


def check_qr_mode(mode):
    """Check `qr`'s mode is 'reduced' or 'complete'.

    Args:
        mode: requested mode.

    Returns:
        None.

    Example:
        >>> check_qr_mode("reduced")
    """
    if mode not in ("reduced", "complete"):
        raise ValueError(f"`qr`: mode must be 'reduced' or 'complete', received {mode!r}.")


def check_searchsorted_side(side):
    """Check `searchsorted`'s side is 'left' or 'right'.

    Args:
        side: requested side.

    Returns:
        None.

    Example:
        >>> check_searchsorted_side("left")
    """
    if side not in ("left", "right"):
        raise ValueError(f"`searchsorted`: side must be 'left' or 'right', received {side!r}.")


def check_sorted_sequence(sorted_sequence):
    """Check `searchsorted`'s `sorted_sequence` is 1D.

    Args:
        sorted_sequence: engine tensor.

    Returns:
        None.

    Example:
        >>> check_sorted_sequence(seq_of_shape_5)
    """
    if sorted_sequence.ndim != 1:
        raise ValueError("`searchsorted` expects a 1D `sorted_sequence`, received shape "
                         f"{tuple(sorted_sequence.shape)}.")
