"""Engine-neutral factories that turn an engine's raw binary kernels into Keras-style ops.

The engines differ only in which exception a failed broadcast raises and what its message
says; the conversion, the error we raise instead and the naming are the same, so they live here.
"""


def broadcast_error(op_name, x1, x2):
    """The ValueError raised when two operands cannot be broadcast together.

    Args:
        op_name: op name used in the message.
        x1: first operand (anything with `.shape`).
        x2: second operand.

    Returns:
        A `ValueError` (not raised).

    Example:
        >>> raise broadcast_error("add", a, b)
    """
    return ValueError(
        f"`{op_name}`: operands could not be broadcast together, received shapes "
        f"{tuple(x1.shape)} and {tuple(x2.shape)}.")


def binary_op(engine_fn, prepare, failure_types, failure_marker):
    """Wrap `engine_fn(x1, x2)` so bad broadcasts raise `broadcast_error`, not engine noise.

    Args:
        engine_fn: the engine's binary kernel; its `__name__` names the op.
        prepare: `(x1, x2) -> (x1, x2)` converting inputs to tensors of a common dtype.
        failure_types: exception type(s) the engine raises for a failed broadcast.
        failure_marker: substring of the engine's message that identifies a broadcast failure.

    Returns:
        A function `apply(x1, x2)` named like `engine_fn`.

    Example:
        >>> add = binary_op(torch.add, promote, RuntimeError, "size of tensor")
    """
    def apply(x1, x2):
        x1, x2 = prepare(x1, x2)
        try:
            return engine_fn(x1, x2)
        except failure_types as error:
            if x1.shape != x2.shape and failure_marker in str(error):
                raise broadcast_error(engine_fn.__name__, x1, x2) from None
            raise

    apply.__name__ = engine_fn.__name__
    return apply


def unary_op(engine_fn, prepare):
    """Wrap `engine_fn(x)` to first apply `prepare(x)`, keeping the kernel's name.

    Args:
        engine_fn: the engine's unary kernel.
        prepare: `x -> tensor` conversion (e.g. to a float dtype).

    Returns:
        A function `apply(x)` named like `engine_fn`.

    Example:
        >>> sqrt = unary_op(jnp.sqrt, to_float)
    """
    def apply(x):
        return engine_fn(prepare(x))

    apply.__name__ = engine_fn.__name__
    return apply


def check_where_operands(x1, x2):
    """Check `where` got both branches or neither.

    Args:
        x1: first branch or None.
        x2: second branch or None.

    Returns:
        True when both are None (the `nonzero` form), False when both are given.

    Example:
        >>> check_where_operands(None, None)
        True
    """
    if x1 is None and x2 is None:
        return True
    if x1 is None or x2 is None:
        raise ValueError("`where` needs both `x1` and `x2`, or neither of them.")
    return False


def check_select_lengths(condlist, choicelist):
    """Check `select` got as many conditions as choices.

    Args:
        condlist: sequence of conditions.
        choicelist: sequence of choices.

    Returns:
        None.

    Example:
        >>> check_select_lengths([c1, c2], [a, b])
    """
    if len(condlist) != len(choicelist):
        raise ValueError(
            f"`select`: condlist and choicelist must have the same length, received "
            f"{len(condlist)} and {len(choicelist)}.")
