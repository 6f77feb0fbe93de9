"""Weight regularizers: penalties added to the loss (`layer.losses`)."""
import math

from cornu import ops


def _non_negative_float(value, name, owner):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"{owner}: `{name}` must be a non-negative number, received {value!r}.") from None
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise ValueError(
            f"{owner}: `{name}` must be a finite non-negative number, received {value!r}.")
    return number


class Regularizer:
    """Base class: subclasses implement `__call__(x)` returning a scalar penalty.

    Example:
        >>> class SumSquares(Regularizer):
        ...     def __call__(self, x):
        ...         return 0.1 * cornu.ops.sum(cornu.ops.square(x))
    """

    def __call__(self, x):
        return 0.0

    def get_config(self):
        """Constructor arguments as a JSON-compatible dict."""
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config().")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1(Regularizer):
    """`l1 * sum(abs(x))`.

    Args:
        l1: the penalty factor.

    Example:
        >>> L1(0.1)(cornu.ops.convert_to_tensor([1.0, -2.0]))  # 0.3
    """

    def __init__(self, l1=0.01):
        self.l1 = _non_negative_float(l1, "l1", "L1")

    def __call__(self, x):
        return ops.multiply(self.l1, ops.sum(ops.absolute(x)))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """`l2 * sum(square(x))`.

    Args:
        l2: the penalty factor.

    Example:
        >>> L2(0.1)(cornu.ops.convert_to_tensor([1.0, -2.0]))  # 0.5
    """

    def __init__(self, l2=0.01):
        self.l2 = _non_negative_float(l2, "l2", "L2")

    def __call__(self, x):
        return ops.multiply(self.l2, ops.sum(ops.square(x)))

    def get_config(self):
        return {"l2": self.l2}


class L1L2(Regularizer):
    """`l1 * sum(abs(x)) + l2 * sum(square(x))`.

    Args:
        l1: the L1 factor.
        l2: the L2 factor.

    Example:
        >>> L1L2(l1=0.1, l2=0.1)(cornu.ops.convert_to_tensor([1.0, -2.0]))  # 0.8
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _non_negative_float(0.0 if l1 is None else l1, "l1", "L1L2")
        self.l2 = _non_negative_float(0.0 if l2 is None else l2, "l2", "L1L2")

    def __call__(self, x):
        penalty = ops.convert_to_tensor(0.0, dtype=ops.dtype(x) if hasattr(x, "dtype") else None)
        if self.l1:
            penalty = ops.add(penalty, ops.multiply(self.l1, ops.sum(ops.absolute(x))))
        if self.l2:
            penalty = ops.add(penalty, ops.multiply(self.l2, ops.sum(ops.square(x))))
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Pushes the rows (or columns) of a 2D weight towards being mutually orthogonal.

    The penalty is `factor * mean(|<u_i, u_j>|) / 2` over pairs `i < j` of the
    L2-normalized rows (`mode="rows"`) or columns (`mode="columns"`).

    Args:
        factor: the penalty factor.
        mode: `"rows"` or `"columns"`.

    Example:
        >>> OrthogonalRegularizer(factor=0.01)(kernel_2d)
    """

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = _non_negative_float(factor, "factor", "OrthogonalRegularizer")
        if mode not in ("rows", "columns"):
            raise ValueError(
                f"OrthogonalRegularizer: `mode` must be 'rows' or 'columns', received {mode!r}.")
        self.mode = mode

    def __call__(self, x):
        if len(x.shape) != 2:
            raise ValueError(
                f"OrthogonalRegularizer needs a 2D weight, received shape {tuple(x.shape)}.")
        if self.mode == "rows":
            unit = _l2_normalize(x, axis=1)
            product = ops.matmul(unit, ops.transpose(unit))
        else:
            unit = _l2_normalize(x, axis=0)
            product = ops.matmul(ops.transpose(unit), unit)
        size = int(product.shape[0])
        if size < 2:
            return ops.zeros((), dtype=ops.dtype(x))
        off_diagonal = ops.multiply(product, ops.subtract(1.0, ops.eye(size, dtype=ops.dtype(x))))
        pairs = size * (size - 1) / 2.0
        return ops.multiply(self.factor * 0.5 / pairs, ops.sum(ops.absolute(off_diagonal)))

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}


def _l2_normalize(x, axis):
    squared = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return ops.multiply(x, ops.rsqrt(ops.maximum(squared, 1e-12)))
