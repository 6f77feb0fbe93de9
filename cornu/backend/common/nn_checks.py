"""Engine-neutral argument checks shared by the torch and JAX `nn` modules.

These helpers only read `.ndim` / `.shape` and plain Python values, so both engines raise
the same messages for the same user mistakes.
"""


def normalize_tuple(value, rank, name):
    """Expand an int to a `rank`-tuple, or validate a sequence of `rank` ints.

    Args:
        value: int or sequence of ints (e.g. `strides`).
        rank: number of spatial dimensions.
        name: argument name used in the error message.

    Returns:
        A tuple of `rank` Python ints.

    Example:
        >>> normalize_tuple(2, 3, "strides")
        (2, 2, 2)
    """
    if isinstance(value, int):
        return (value,) * rank
    value = tuple(int(v) for v in value)
    if len(value) != rank:
        raise ValueError(f"`{name}` must be an int or a tuple of {rank} ints, received {value}.")
    return value


def check_padding(padding):
    """Lower-case `padding` and check it is 'valid' or 'same'.

    Args:
        padding: padding mode string.

    Returns:
        The lower-cased padding string.

    Example:
        >>> check_padding("SAME")
        'same'
    """
    padding = padding.lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"`padding` must be 'valid' or 'same', received {padding!r}.")
    return padding


def check_conv_inputs(op_name, inputs, kernel):
    """Check that a convolution gets rank 3-5 inputs and a kernel of the same rank.

    Args:
        op_name: op name used in the error message.
        inputs: engine tensor of shape `(batch, *spatial, channels)` (or channels-first).
        kernel: engine tensor of shape `(*spatial, in, out)`.

    Returns:
        None.

    Example:
        >>> check_conv_inputs("conv", x, kernel)  # raises ValueError on a rank mismatch
    """
    if inputs.ndim < 3 or inputs.ndim > 5:
        raise ValueError(
            f"`{op_name}` expects inputs of rank 3, 4 or 5 (batch, *spatial, channels), "
            f"received shape {tuple(inputs.shape)}.")
    if kernel.ndim != inputs.ndim:
        raise ValueError(
            f"`{op_name}`: kernel rank must equal the input rank {inputs.ndim}, received "
            f"kernel shape {tuple(kernel.shape)}.")


def check_conv_groups(channels, kernel):
    """Check the input channels split evenly into groups of the kernel's input channels.

    Args:
        channels: number of input channels.
        kernel: engine tensor of shape `(*spatial, in_per_group, out)`.

    Returns:
        The number of groups (`channels // in_per_group`).

    Example:
        >>> check_conv_groups(6, kernel_with_in_3)
        2
    """
    in_per_group = kernel.shape[-2]
    if channels % in_per_group:
        raise ValueError(
            f"`conv`: input channels ({channels}) must be a multiple of the kernel's input "
            f"channels ({in_per_group}); kernel shape {tuple(kernel.shape)}.")
    return channels // in_per_group


def pool_window(inputs, pool_size, strides):
    """Validate pooling inputs and expand `pool_size` / `strides` to per-axis tuples.

    Args:
        inputs: engine tensor of rank 3, 4 or 5.
        pool_size: int or tuple of ints.
        strides: int, tuple of ints, or None (defaults to `pool_size`).

    Returns:
        `(pool_size, strides)` as tuples of `inputs.ndim - 2` ints.

    Example:
        >>> pool_window(x_of_rank_4, 2, None)
        ((2, 2), (2, 2))
    """
    rank = inputs.ndim - 2
    if rank not in (1, 2, 3):
        raise ValueError(
            f"Pooling expects inputs of rank 3, 4 or 5, received shape {tuple(inputs.shape)}.")
    pool_size = normalize_tuple(pool_size, rank, "pool_size")
    strides = pool_size if strides is None else normalize_tuple(strides, rank, "strides")
    return pool_size, strides


def check_same_shape(op_name, target, output):
    """Check a loss's `target` and `output` have identical shapes.

    Args:
        op_name: op name used in the error message.
        target: engine tensor.
        output: engine tensor.

    Returns:
        None.

    Example:
        >>> check_same_shape("binary_crossentropy", y_true, y_pred)
    """
    if tuple(target.shape) != tuple(output.shape):
        raise ValueError(
            f"`{op_name}`: target and output must have the same shape, received "
            f"{tuple(target.shape)} and {tuple(output.shape)}.")


def check_sparse_target(target, output):
    """Check sparse labels match the output shape without its (last) class axis.

    Args:
        target: engine tensor of integer labels.
        output: engine tensor whose last axis holds the classes.

    Returns:
        None.

    Example:
        >>> check_sparse_target(labels_of_shape_b, probs_of_shape_b_c)
    """
    if tuple(target.shape) != tuple(output.shape[:-1]):
        raise ValueError(
            "`sparse_categorical_crossentropy`: target shape must equal the output shape "
            f"without the class axis; received target {tuple(target.shape)} and output "
            f"{tuple(output.shape)}.")


def check_attention_query(query):
    """Check `dot_product_attention` gets a 4D (batch, length, heads, dim) query.

    Args:
        query: engine tensor.

    Returns:
        None.

    Example:
        >>> check_attention_query(q_of_rank_4)
    """
    if query.ndim != 4:
        raise ValueError("`dot_product_attention` expects 4D (batch, length, heads, dim) "
                         f"query, received shape {tuple(query.shape)}.")


def check_psnr_shapes(x1, x2):
    """Check both `psnr` images have the same shape.

    Args:
        x1: engine tensor.
        x2: engine tensor.

    Returns:
        None.

    Example:
        >>> check_psnr_shapes(a, b)
    """
    if tuple(x1.shape) != tuple(x2.shape):
        raise ValueError(f"`psnr`: shapes must match, received {tuple(x1.shape)} and "
                         f"{tuple(x2.shape)}.")
