"""Parse the `(before, after)` amounts used by cropping and zero-padding layers."""


def standardize_pairs(value, rank, arg_name, layer_name):
    """Int, tuple of `rank` ints, or tuple of `rank` `(before, after)` pairs -> pairs.

    Args:
        value: the user's argument.
        rank: number of spatial dimensions.
        arg_name / layer_name: for error messages.
    Returns:
        A tuple of `rank` `(before, after)` tuples of non-negative ints.
    Example: `standardize_pairs(1, 2, "padding", "ZeroPadding2D")` -> `((1, 1), (1, 1))`.
    """
    error = ValueError(
        f"{layer_name}: `{arg_name}` must be an int, a tuple of {rank} ints, or a tuple of "
        f"{rank} (before, after) int pairs; received {value!r}.")

    def as_int(v):
        if not isinstance(v, int) or isinstance(v, bool):
            raise error
        if v < 0:
            raise ValueError(f"{layer_name}: `{arg_name}` values must be >= 0, received "
                             f"{value!r}.")
        return v

    if isinstance(value, int) and not isinstance(value, bool):
        amount = as_int(value)
        return tuple((amount, amount) for _ in range(rank))
    if not isinstance(value, (list, tuple)):
        raise error
    if rank == 1 and len(value) == 2 and all(isinstance(v, int) for v in value):
        return ((as_int(value[0]), as_int(value[1])),)
    if len(value) != rank:
        raise error
    pairs = []
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool):
            pairs.append((as_int(item), as_int(item)))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            pairs.append((as_int(item[0]), as_int(item[1])))
        else:
            raise error
    return tuple(pairs)
