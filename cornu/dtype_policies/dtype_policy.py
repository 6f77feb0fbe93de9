"""`DTypePolicy`: the compute and variable dtypes of a layer, and the global default policy."""
from cornu import config
from cornu.backend.common.dtypes import FLOAT_TYPES, standardize_dtype

_MIXED = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}
_global_policy = [None]


class DTypePolicy:
    """Dtypes a layer computes in and stores its variables in.

    `"float32"`-style names use one dtype for both; `"mixed_float16"` and
    `"mixed_bfloat16"` compute in 16 bits while keeping float32 variables.

    Args:
        name: a dtype name or a mixed policy name; `None` takes the global policy's name.

    Example:
        >>> policy = DTypePolicy("mixed_float16")
        >>> policy.compute_dtype, policy.variable_dtype
        ('float16', 'float32')
    """

    def __init__(self, name=None):
        if name is None:
            name = dtype_policy().name
        if not isinstance(name, str):
            raise TypeError(
                f"DTypePolicy `name` must be a string, received {name!r} of type "
                f"{type(name).__name__}.")
        self._name = name
        self._compute_dtype, self._variable_dtype = _parse(name)

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._compute_dtype

    @property
    def variable_dtype(self):
        return self._variable_dtype

    @property
    def quantization_mode(self):
        return None

    def convert_input(self, x, autocast, dtype):
        """Cast floating inputs to `dtype` when `autocast` is on (non-floats pass through)."""
        from cornu import backend

        dtype = standardize_dtype(dtype)
        if not hasattr(x, "dtype"):
            return backend.convert_to_tensor(x, dtype=dtype)
        current = standardize_dtype(x.dtype)
        if autocast and current in FLOAT_TYPES and current != dtype:
            return backend.cast(x, dtype)
        return x

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __eq__(self, other):
        return isinstance(other, DTypePolicy) and type(other) is type(self) and \
            other.name == self.name

    def __hash__(self):
        return hash((type(self).__name__, self._name))

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


FloatDTypePolicy = DTypePolicy


def _parse(name):
    if name in _MIXED:
        return _MIXED[name], "float32"
    try:
        dtype = standardize_dtype(name)
    except ValueError:
        raise ValueError(
            f"Cannot convert {name!r} to a DTypePolicy. Use a dtype name such as 'float32' "
            f"or one of {sorted(_MIXED)}.") from None
    return dtype, dtype


def dtype_policy():
    """The global policy used by layers created without `dtype` (defaults to floatx)."""
    policy = _global_policy[0]
    if policy is None:
        return DTypePolicy(config.floatx())
    return policy


def set_dtype_policy(policy):
    """Set the global policy: a `DTypePolicy`, a policy name, or `None` to reset to floatx.

    Example:
        >>> set_dtype_policy("mixed_float16")
    """
    if policy is None:
        _global_policy[0] = None
        return
    if isinstance(policy, str):
        policy = DTypePolicy(policy)
    if not isinstance(policy, DTypePolicy):
        raise ValueError(
            f"set_dtype_policy expects a DTypePolicy or a policy name, received {policy!r}.")
    _global_policy[0] = policy
