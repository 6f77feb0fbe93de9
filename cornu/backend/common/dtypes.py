"""Engine-neutral dtype names and Keras-3 style type promotion."""
import numpy as np

from cornu import config

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64")
ALLOWED_DTYPES = FLOAT_TYPES + INT_TYPES + ("bool", "complex64", "complex128", "string")

_ALIASES = {
    "float": None,  # resolved to floatx at call time
    "int": "int64",
    "double": "float64",
    "half": "float16",
    "bool_": "bool",
    "boolean": "bool",
    "uint": "uint64",
}


# Engine dtype objects (torch.float32, np.dtype) -> name; they are hashable and few, and
# this lookup sits on every op's hot path.
_OBJECT_NAMES = {}


def standardize_dtype(dtype):
    """Return the canonical string name of any dtype-like value (numpy, torch, jax, str, type)."""
    try:
        cached = _OBJECT_NAMES.get(dtype)
    except TypeError:  # unhashable
        cached = None
    if cached is not None:
        return cached
    name = _standardize_uncached(dtype)
    if dtype is not None and not isinstance(dtype, str) and dtype not in (float, int, bool):
        try:
            _OBJECT_NAMES[dtype] = name
        except TypeError:
            pass
    return name


def _standardize_uncached(dtype):
    if dtype is None:
        return config.floatx()
    if isinstance(dtype, str):
        name = dtype
    elif dtype is float:
        return config.floatx()
    elif dtype is int:
        return "int64"
    elif dtype is bool:
        return "bool"
    elif isinstance(dtype, type) and issubclass(dtype, np.generic):
        name = np.dtype(dtype).name  # np.float32 and friends
    elif hasattr(dtype, "name") and isinstance(getattr(dtype, "name"), str):
        name = dtype.name  # numpy / jax / ml_dtypes dtypes, policies
    else:
        name = str(dtype)
    if name.startswith("torch."):
        name = name[len("torch."):]
    if name in _ALIASES:
        alias = _ALIASES[name]
        name = config.floatx() if alias is None else alias
    if name not in ALLOWED_DTYPES:
        try:
            name = np.dtype(name).name
        except TypeError:
            pass
    if name not in ALLOWED_DTYPES:
        raise ValueError(f"Invalid dtype: {dtype!r}. Expected one of {ALLOWED_DTYPES}.")
    return name


def is_float_dtype(dtype):
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int_dtype(dtype):
    return standardize_dtype(dtype) in INT_TYPES


# Promotion lattice in the JAX style Keras 3 uses: integers never promote to
# float64 on their own, and Python scalars are "weak" (they adopt the tensor's kind).
_FLOAT_RANK = {"bfloat16": 1, "float16": 1, "float32": 2, "float64": 3}


def result_type(*dtypes):
    """Promote dtype names (Python `int`/`float`/`bool` types are weak scalars)."""
    strong = []
    weak = []
    for item in dtypes:
        if item in (int, float, bool, complex):
            weak.append(item)
        elif item is None:
            continue
        else:
            strong.append(standardize_dtype(item))
    if not strong:
        if float in weak:
            return config.floatx()
        if int in weak:
            return "int32"
        return "bool" if weak else config.floatx()
    result = strong[0]
    for other in strong[1:]:
        result = _promote_pair(result, other)
    if float in weak and result not in FLOAT_TYPES and not result.startswith("complex"):
        result = config.floatx()
    elif int in weak and result == "bool":
        result = "int32"
    return result


def _promote_pair(a, b):
    if a == b:
        return a
    if a.startswith("complex") or b.startswith("complex"):
        return "complex128" if "complex128" in (a, b) or "float64" in (a, b) else "complex64"
    if a == "bool":
        return b
    if b == "bool":
        return a
    a_float, b_float = a in FLOAT_TYPES, b in FLOAT_TYPES
    if a_float and b_float:
        if {a, b} == {"bfloat16", "float16"}:
            return "float32"
        return a if _FLOAT_RANK[a] >= _FLOAT_RANK[b] else b
    if a_float:
        return a
    if b_float:
        return b
    promoted = np.promote_types(a, b).name
    if promoted == "float64":  # uint64 with a signed int: stay integer like JAX does
        return "int64"
    return promoted
