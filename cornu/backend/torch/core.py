"""Torch engine core: Variable storage, conversion, casting and symbolic shape inference."""
import numpy as np
import optree
import torch

from cornu.backend.common import state
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.backend.common.variables import VariableBase

SUPPORTS_SPARSE_TENSORS = False

TORCH_DTYPES = {
    "float16": torch.float16, "float32": torch.float32, "float64": torch.float64,
    "bfloat16": torch.bfloat16, "uint8": torch.uint8, "uint16": torch.uint16,
    "uint32": torch.uint32, "uint64": torch.uint64, "int8": torch.int8,
    "int16": torch.int16, "int32": torch.int32, "int64": torch.int64,
    "bool": torch.bool, "complex64": torch.complex64, "complex128": torch.complex128,
}


def to_torch_dtype(dtype):
    if isinstance(dtype, torch.dtype):
        return dtype
    return TORCH_DTYPES[standardize_dtype(dtype)]


def get_device():
    return "cuda" if torch.cuda.is_available() else "cpu"


_DEVICE = get_device()


class Variable(VariableBase):
    def _initialize(self, value):
        tensor = convert_to_tensor(value, dtype=self._dtype)
        requires_grad = self._trainable and tensor.is_floating_point()
        self._value = torch.nn.Parameter(tensor.detach().clone(), requires_grad=requires_grad)

    def _convert(self, value):
        return convert_to_tensor(value, dtype=self._dtype)

    def _is_abstract(self, value):
        return value.device.type == "meta"

    def _stored_value(self):
        if _meta_tracing[0]:
            # Shape inference runs on the meta device; weights join it without copying data.
            return self._value.detach().to("meta")
        return self._value

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    @VariableBase.trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        if self._value.is_floating_point():
            self._value.requires_grad_(self._trainable)

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        args, kwargs = optree.tree_map(
            lambda x: x.value if isinstance(x, Variable) else x, (args, kwargs or {}),
            is_leaf=lambda x: isinstance(x, Variable), none_is_leaf=True)
        return func(*args, **kwargs)


def is_tensor(x):
    return torch.is_tensor(x)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if isinstance(x, Variable):
        x = x.value
        return x if dtype is None else x.to(to_torch_dtype(dtype))
    if torch.is_tensor(x):
        if dtype is None:
            return x
        target = to_torch_dtype(dtype)
        return x if x.dtype == target else x.to(target)
    if isinstance(x, KerasTensor):
        raise TypeError(
            "A symbolic KerasTensor cannot be converted to a concrete tensor. It only has "
            "a value inside a Model: build `cornu.Model(inputs, outputs)` and call it.")
    if dtype is None:
        if isinstance(x, bool):
            dtype = "bool"
        elif isinstance(x, int):
            dtype = "int32"
        elif isinstance(x, float):
            from cornu import config
            dtype = config.floatx()
        elif isinstance(x, (list, tuple)):
            array = np.asarray(x)
            if array.dtype == np.float64:
                from cornu import config
                dtype = config.floatx()
            elif array.dtype == np.int64:
                dtype = "int32"
            x = array
    if isinstance(x, np.ndarray) or np.isscalar(x) or isinstance(x, np.generic):
        array = np.asarray(x)
        if dtype is not None and standardize_dtype(dtype) == "bfloat16":
            # NumPy has no bfloat16: go through float32 (added by the ops engineer).
            return convert_to_tensor(array.astype("float32"), dtype="float32").to(torch.bfloat16)
        if dtype is not None:
            array = array.astype(standardize_dtype(dtype), copy=False)
        elif array.dtype.kind == "U" or array.dtype.kind == "O":
            raise TypeError(f"Cannot convert an array of dtype {array.dtype} to a tensor.")
        if not array.flags.writeable or not array.flags.c_contiguous:
            array = np.ascontiguousarray(array).copy()
        tensor = torch.from_numpy(array)
        return tensor.to(_DEVICE) if _DEVICE != "cpu" else tensor
    if hasattr(x, "__array__"):
        return convert_to_tensor(np.asarray(x), dtype=dtype)
    return torch.as_tensor(x, dtype=None if dtype is None else to_torch_dtype(dtype),
                           device=_DEVICE)


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if torch.is_tensor(x):
        x = x.detach()
        if x.device.type != "cpu":
            x = x.cpu()
        if x.dtype == torch.bfloat16:
            return x.float().numpy()
        return x.numpy()
    return np.asarray(x)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def shape(x):
    return tuple(x.shape)


def standardize_tensor_dtype(x):
    return standardize_dtype(x.dtype)


def _symbolic_to_tensor(spec, fill, device):
    shape = tuple(fill if d is None else d for d in spec.shape)
    return torch.zeros(shape, dtype=to_torch_dtype(spec.dtype), device=device)


_meta_tracing = [False]


def _run_abstract(fn, args, kwargs, fill, device):
    def to_concrete(x):
        if isinstance(x, KerasTensor):
            return _symbolic_to_tensor(x, fill, device)
        return x

    c_args, c_kwargs = optree.tree_map(
        to_concrete, (args, kwargs), is_leaf=lambda x: isinstance(x, KerasTensor),
        none_is_leaf=True)
    previous = _meta_tracing[0]
    _meta_tracing[0] = device == "meta"
    try:
        with state.SymbolicScope(), torch.no_grad():
            return fn(*c_args, **c_kwargs)
    finally:
        _meta_tracing[0] = previous


def _has_none_dims(args, kwargs):
    leaves = optree.tree_leaves((args, kwargs), is_leaf=lambda x: isinstance(x, KerasTensor))
    return any(isinstance(x, KerasTensor) and None in x.shape for x in leaves)


def compute_output_spec(fn, *args, **kwargs):
    """Run `fn` on abstract tensors (meta device, CPU zeros as fallback) -> KerasTensor specs.

    `None` dimensions are filled with two different sizes; output dims that differ
    between the two runs are reported as `None`.
    """
    def run(fill):
        try:
            return _run_abstract(fn, args, kwargs, fill, "meta")
        except (NotImplementedError, RuntimeError, TypeError, ValueError):
            # Some kernels have no meta implementation; small real tensors are exact.
            return _run_abstract(fn, args, kwargs, fill, "cpu")

    first = run(83)
    second = run(89) if _has_none_dims(args, kwargs) else first

    def to_spec(a, b):
        if a is None:
            return None
        if not torch.is_tensor(a):
            return a
        dims = tuple(da if da == db else None for da, db in zip(a.shape, b.shape))
        return KerasTensor(dims, dtype=standardize_dtype(a.dtype))

    return optree.tree_map(to_spec, first, second, none_is_leaf=True)
