"""Engine-neutral part of `cornu.Variable`; each engine subclasses it in its `core` module."""
import numpy as np

from cornu.backend.common import naming, state
from cornu.backend.common.dtypes import standardize_dtype


_FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")


def _ops():
    from cornu import ops

    return ops


class VariableBase:
    """A mutable tensor owned by a layer, metric, optimizer or seed generator.

    Args:
        initializer: an initial value (array-like) or a callable `f(shape, dtype)`.
        shape: required when `initializer` is callable.
        dtype: defaults to floatx, or the initial value's dtype.
        trainable: whether gradients update it.
        name: short name; `path` prefixes the enclosing name scope.
    """

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None):
        name = name or "variable"
        if not isinstance(name, str) or "/" in name:
            raise ValueError(f"Variable name must be a string without '/', received {name!r}.")
        self.name = name
        scope = naming.current_path()
        self.path = f"{scope}/{name}" if scope else name
        self._trainable = bool(trainable)
        self._version = 0
        self.autocast = autocast
        self.aggregation = aggregation
        self.synchronization = synchronization
        if callable(initializer):
            if shape is None:
                raise ValueError(
                    f"Variable {name!r}: `shape` is required when the initializer is callable.")
            self._dtype = standardize_dtype(dtype)
            shape = tuple(int(d) for d in shape)
            value = initializer(shape, dtype=self._dtype)
        else:
            value = initializer
            if dtype is None:
                if hasattr(value, "dtype"):
                    dtype = value.dtype
                elif isinstance(value, (bool, np.bool_)):
                    dtype = "bool"
                elif isinstance(value, int):
                    dtype = "int32"
            self._dtype = standardize_dtype(dtype)
        self._initialize(value)
        if shape is not None and tuple(self.shape) != tuple(shape):
            raise ValueError(
                f"Variable {name!r}: initial value has shape {tuple(self.shape)}, "
                f"expected {tuple(shape)}.")

    # --- engine hooks ---------------------------------------------------------
    def _initialize(self, value):
        raise NotImplementedError

    def _convert(self, value):
        raise NotImplementedError

    def _direct_assign(self, value):
        raise NotImplementedError

    def _is_abstract(self, value):
        return False

    def _stored_value(self):
        return self._value

    # --- public API -------------------------------------------------------------
    @property
    def value(self):
        value = self._current_value()
        read_dtype = self.read_dtype
        if read_dtype != self._dtype:
            value = _ops().cast(value, read_dtype)
        return value

    @property
    def read_dtype(self):
        """The dtype `value` has here: the compute dtype inside a mixed-precision call."""
        if state._autocast_stack and self.autocast and self._dtype in _FLOAT_DTYPES:
            target = state._autocast_stack[-1]
            if target is not None:
                return target
        return self._dtype

    def _current_value(self):
        if state._stateless_stack:
            substituted = state._stateless_stack[-1].get_current_value(self)
            if substituted is not None:
                return substituted
            if state._capture_stack:
                state._capture_stack[-1][id(self)] = self
        return self._stored_value()

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return tuple(self._value.shape)

    @property
    def ndim(self):
        return len(self._value.shape)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    def assign(self, value):
        value = self._convert(value)
        if tuple(value.shape) != self.shape:
            raise ValueError(
                f"Cannot assign a value of shape {tuple(value.shape)} to variable "
                f"{self.path!r} of shape {self.shape}.")
        if state._stateless_stack:
            state._stateless_stack[-1].add_update(self, value)
        elif not (state._symbolic_depth[0] and self._is_abstract(value)):
            # While shapes are traced, abstract values (meta tensors, tracers) are dropped;
            # concrete ones (e.g. a seed advanced while creating weights) are kept.
            self._direct_assign(value)
            self._version += 1
            state.assign_count[0] += 1
        return value

    def assign_add(self, value):
        return self.assign(self._current_value() + self._convert(value))

    def assign_sub(self, value):
        return self.assign(self._current_value() - self._convert(value))

    def numpy(self):
        return _ops().convert_to_numpy(self._current_value())

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def __repr__(self):
        return (f"<Variable path={self.path}, shape={self.shape}, dtype={self.dtype}, "
                f"trainable={self.trainable}>")

    def __len__(self):
        return self.shape[0]

    def __bool__(self):
        return bool(self.numpy())

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __hash__(self):
        return id(self)

    def __getitem__(self, key):
        return self.value[key]

    def __add__(self, other): return _ops().add(self, other)
    def __radd__(self, other): return _ops().add(other, self)
    def __sub__(self, other): return _ops().subtract(self, other)
    def __rsub__(self, other): return _ops().subtract(other, self)
    def __mul__(self, other): return _ops().multiply(self, other)
    def __rmul__(self, other): return _ops().multiply(other, self)
    def __truediv__(self, other): return _ops().true_divide(self, other)
    def __rtruediv__(self, other): return _ops().true_divide(other, self)
    def __pow__(self, other): return _ops().power(self, other)
    def __rpow__(self, other): return _ops().power(other, self)
    def __matmul__(self, other): return _ops().matmul(self, other)
    def __rmatmul__(self, other): return _ops().matmul(other, self)
    def __neg__(self): return _ops().negative(self)
    def __abs__(self): return _ops().absolute(self)
    def __lt__(self, other): return _ops().less(self, other)
    def __le__(self, other): return _ops().less_equal(self, other)
    def __gt__(self, other): return _ops().greater(self, other)
    def __ge__(self, other): return _ops().greater_equal(self, other)

    @property
    def T(self):
        return _ops().transpose(self)
