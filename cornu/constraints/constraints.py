"""Weight constraints: projections applied to a variable after each optimizer update."""
from cornu import config, ops


class Constraint:
    """Base class: subclasses implement `__call__(w)` returning the projected weight.

    Example:
        >>> class Clip(Constraint):
        ...     def __call__(self, w):
        ...         return cornu.ops.clip(w, -1.0, 1.0)
    """

    def __call__(self, w):
        return w

    def get_config(self):
        """Constructor arguments as a JSON-compatible dict."""
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


class MaxNorm(Constraint):
    """Rescales slices along `axis` whose L2 norm exceeds `max_value`.

    Args:
        max_value: the largest allowed norm.
        axis: axis (or axes) along which norms are computed; 0 for a Dense kernel
            constrains each unit's incoming weight vector.

    Example:
        >>> MaxNorm(2.0)(w)
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, 0, self.max_value)
        return ops.multiply(w, ops.divide(desired, ops.add(config.epsilon(), norms)))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Sets negative weights to zero.

    Example:
        >>> NonNeg()(w)
    """

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.multiply(w, ops.cast(ops.greater_equal(w, 0.0), ops.dtype(w)))


class UnitNorm(Constraint):
    """Rescales slices along `axis` to unit L2 norm.

    Args:
        axis: axis (or axes) along which norms are computed.

    Example:
        >>> UnitNorm(axis=0)(w)
    """

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.divide(w, ops.add(config.epsilon(), _norms(w, self.axis)))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves slice norms into `[min_value, max_value]` at speed `rate` (1.0: exactly).

    Args:
        min_value: smallest allowed norm.
        max_value: largest allowed norm.
        rate: `norm <- rate * clip(norm) + (1 - rate) * norm`.
        axis: axis (or axes) along which norms are computed.

    Example:
        >>> MinMaxNorm(0.5, 1.0)(w)
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        clipped = ops.clip(norms, self.min_value, self.max_value)
        desired = ops.add(ops.multiply(self.rate, clipped),
                          ops.multiply(1.0 - self.rate, norms))
        return ops.multiply(w, ops.divide(desired, ops.add(config.epsilon(), norms)))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}
