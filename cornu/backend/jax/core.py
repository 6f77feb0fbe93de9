"""JAX engine core: Variable storage, conversion, casting and symbolic shape inference."""
import jax
import jax.numpy as jnp
import numpy as np
import optree

from cornu.backend.common import state
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.backend.common.variables import VariableBase

SUPPORTS_SPARSE_TENSORS = False


def to_jax_dtype(dtype):
    name = standardize_dtype(dtype)
    return jnp.bfloat16 if name == "bfloat16" else np.dtype(name)


class Variable(VariableBase):
    def __init__(self, *args, **kwargs):
        # Weights created while a layer is traced (eval_shape) still get concrete values.
        with jax.ensure_compile_time_eval():
            super().__init__(*args, **kwargs)

    def _is_abstract(self, value):
        return isinstance(value, jax.core.Tracer)

    def _initialize(self, value):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # replaced by the clearer one below
            self._value = jnp.array(convert_to_tensor(value, dtype=self._dtype))
        stored = standardize_dtype(self._value.dtype)
        if stored != self._dtype:
            # Without jax_enable_x64, JAX stores 64-bit values in 32 bits; say so once and
            # report the dtype actually held rather than the one asked for.
            warnings.warn(
                f"Variable {self.name!r}: JAX stores dtype {self._dtype} as {stored} unless "
                "`jax.config.update('jax_enable_x64', True)` is set before creating it.",
                stacklevel=4)
            self._dtype = stored

    def _convert(self, value):
        return convert_to_tensor(value, dtype=self._dtype)

    def _direct_assign(self, value):
        self._value = value

    def __jax_array__(self):
        return self.value


jax.tree_util.register_pytree_node(
    Variable, lambda v: ((v.value,), None), lambda _, children: children[0])


def is_tensor(x):
    return isinstance(x, (jax.Array, jax.core.Tracer))


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if isinstance(x, Variable):
        x = x.value
    elif isinstance(x, KerasTensor):
        raise TypeError(
            "A symbolic KerasTensor cannot be converted to a concrete tensor. It only has "
            "a value inside a Model: build `cornu.Model(inputs, outputs)` and call it.")
    if dtype is not None:
        target = to_jax_dtype(dtype)
        if is_tensor(x) and x.dtype == target:
            return x
        return jnp.asarray(x, dtype=target)
    if is_tensor(x):
        return x
    if isinstance(x, bool):
        return jnp.asarray(x, dtype=bool)
    if isinstance(x, int):
        return jnp.asarray(x, dtype="int32")
    if isinstance(x, float):
        from cornu import config
        return jnp.asarray(x, dtype=to_jax_dtype(config.floatx()))
    if isinstance(x, (list, tuple)):
        array = np.asarray(x)
        if array.dtype == np.float64:
            from cornu import config
            return jnp.asarray(array, dtype=to_jax_dtype(config.floatx()))
        if array.dtype == np.int64:
            return jnp.asarray(array, dtype="int32")
        return jnp.asarray(array)
    array = np.asarray(x)
    if array.dtype.kind in "UO":
        raise TypeError(f"Cannot convert an array of dtype {array.dtype} to a tensor.")
    return jnp.asarray(array)


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    array = np.asarray(x)
    if array.dtype == jnp.bfloat16:
        return array.astype("float32")
    return array


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def shape(x):
    return tuple(x.shape)


def standardize_tensor_dtype(x):
    return standardize_dtype(x.dtype)


def _has_none_dims(args, kwargs):
    leaves = optree.tree_leaves((args, kwargs), is_leaf=lambda x: isinstance(x, KerasTensor))
    return any(isinstance(x, KerasTensor) and None in x.shape for x in leaves)


def compute_output_spec(fn, *args, **kwargs):
    """Trace `fn` with `jax.eval_shape`; `None` dims are found by tracing two sizes."""
    is_kt = lambda x: isinstance(x, KerasTensor)  # noqa: E731
    leaves, treedef = optree.tree_flatten((args, kwargs), is_leaf=is_kt, none_is_leaf=True)
    positions = [i for i, leaf in enumerate(leaves) if is_kt(leaf)]

    def run(fill):
        structs = [
            jax.ShapeDtypeStruct(tuple(fill if d is None else d for d in leaves[i].shape),
                                 to_jax_dtype(leaves[i].dtype))
            for i in positions
        ]

        def wrapped(*tensors):
            filled = list(leaves)
            for index, tensor in zip(positions, tensors):
                filled[index] = tensor
            c_args, c_kwargs = optree.tree_unflatten(treedef, filled)
            return fn(*c_args, **c_kwargs)

        with state.SymbolicScope():
            return jax.eval_shape(wrapped, *structs)

    first = run(83)
    second = run(89) if _has_none_dims(args, kwargs) else first

    def to_spec(a, b):
        if a is None or not hasattr(a, "shape") or not hasattr(a, "dtype"):
            return a
        dims = tuple(da if da == db else None for da, db in zip(a.shape, b.shape))
        return KerasTensor(dims, dtype=standardize_dtype(a.dtype))

    return jax.tree_util.tree_map(to_spec, first, second)
