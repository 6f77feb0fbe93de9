"""`KerasTensor`: a symbolic tensor (shape with `None` dims + dtype) used to build graphs."""
from cornu.backend.common.dtypes import standardize_dtype


def _ops():
    from cornu import ops  # ops sit above the backend; resolved at call time only

    return ops


class KerasTensor:
    """Symbolic placeholder: has a shape and a dtype, never a value.

    `_keras_history` is `(operation, node_index, tensor_index)` once the tensor is
    produced by an operation call; it links the Functional graph together.
    """

    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, name=None,
                 record_history=True):
        self._shape = tuple(None if d is None else int(d) for d in shape)
        self._dtype = standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.name = name
        self._keras_history = None
        self._keras_mask = None

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def ndim(self):
        return len(self._shape)

    def reshape(self, newshape):
        return _ops().reshape(self, newshape)

    def squeeze(self, axis=None):
        return _ops().squeeze(self, axis=axis)

    def __repr__(self):
        return f"<KerasTensor shape={self._shape}, dtype={self._dtype}, name={self.name}>"

    def __iter__(self):
        raise TypeError("A symbolic KerasTensor cannot be iterated; index it or use ops.")

    def __bool__(self):
        raise TypeError(
            "A symbolic KerasTensor has no value, so it cannot be used as a Python bool "
            "(e.g. in `if`). Use `cornu.ops.cond` or `ops.where` instead.")

    def __array__(self, *args, **kwargs):
        raise TypeError(
            "A symbolic KerasTensor has no value: it cannot be converted to a NumPy array. "
            "Build a Model from it and call `predict()` instead.")

    def __len__(self):
        if not self._shape or self._shape[0] is None:
            raise TypeError(f"len() of a KerasTensor with shape {self._shape} is unknown.")
        return self._shape[0]

    def __hash__(self):
        return id(self)

    # Arithmetic dispatches to cornu.ops, which records graph nodes.
    def __add__(self, other): return _ops().add(self, other)
    def __radd__(self, other): return _ops().add(other, self)
    def __sub__(self, other): return _ops().subtract(self, other)
    def __rsub__(self, other): return _ops().subtract(other, self)
    def __mul__(self, other): return _ops().multiply(self, other)
    def __rmul__(self, other): return _ops().multiply(other, self)
    def __truediv__(self, other): return _ops().true_divide(self, other)
    def __rtruediv__(self, other): return _ops().true_divide(other, self)
    def __floordiv__(self, other): return _ops().floor_divide(self, other)
    def __rfloordiv__(self, other): return _ops().floor_divide(other, self)
    def __mod__(self, other): return _ops().mod(self, other)
    def __rmod__(self, other): return _ops().mod(other, self)
    def __pow__(self, other): return _ops().power(self, other)
    def __rpow__(self, other): return _ops().power(other, self)
    def __matmul__(self, other): return _ops().matmul(self, other)
    def __rmatmul__(self, other): return _ops().matmul(other, self)
    def __neg__(self): return _ops().negative(self)
    def __pos__(self): return self
    def __abs__(self): return _ops().absolute(self)
    def __invert__(self): return _ops().logical_not(self)
    def __and__(self, other): return _ops().logical_and(self, other)
    def __or__(self, other): return _ops().logical_or(self, other)
    def __xor__(self, other): return _ops().logical_xor(self, other)
    def __lt__(self, other): return _ops().less(self, other)
    def __le__(self, other): return _ops().less_equal(self, other)
    def __gt__(self, other): return _ops().greater(self, other)
    def __ge__(self, other): return _ops().greater_equal(self, other)
    def __getitem__(self, key): return _ops().get_item(self, key)

    @property
    def T(self):
        return _ops().transpose(self)


def is_keras_tensor(value):
    return isinstance(value, KerasTensor)


def any_symbolic(args, kwargs=None):
    """True if a KerasTensor appears in args/kwargs (two container levels deep)."""
    for value in args:
        if isinstance(value, KerasTensor):
            return True
        if isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, KerasTensor):
                    return True
                if isinstance(item, (list, tuple)) and any(isinstance(i, KerasTensor) for i in item):
                    return True
        elif isinstance(value, dict):
            if any(isinstance(item, KerasTensor) for item in value.values()):
                return True
    if kwargs:
        return any_symbolic(tuple(kwargs.values()))
    return False
