"""Global configuration: backend choice, default float type, epsilon, image layout."""
import json
import os

_VALID_BACKENDS = ("torch", "jax")
_VALID_FLOATX = ("bfloat16", "float16", "float32", "float64")
_VALID_DATA_FORMATS = ("channels_last", "channels_first")


def _read_user_config():
    path = os.path.join(os.path.expanduser("~"), ".cornu", "cornu.json")
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_user_config = _read_user_config()
_backend = os.environ.get("CORNU_BACKEND") or _user_config.get("backend", "torch")
if _backend not in _VALID_BACKENDS:
    raise ValueError(
        f"CORNU_BACKEND must be one of {_VALID_BACKENDS}, received {_backend!r}.")
_floatx = _user_config.get("floatx", "float32")
_epsilon = float(_user_config.get("epsilon", 1e-7))
_image_data_format = _user_config.get("image_data_format", "channels_last")
_unsafe_deserialization = False


def backend():
    """Name of the engine in use: `"torch"` or `"jax"`."""
    return _backend


def floatx():
    """Default float dtype name, e.g. `"float32"`."""
    return _floatx


def set_floatx(value):
    global _floatx
    value = str(value)
    if value not in _VALID_FLOATX:
        raise ValueError(f"floatx must be one of {_VALID_FLOATX}, received {value!r}.")
    _floatx = value


def epsilon():
    """Fuzz factor used in numeric expressions."""
    return _epsilon


def set_epsilon(value):
    global _epsilon
    _epsilon = float(value)


def image_data_format():
    """`"channels_last"` or `"channels_first"`."""
    return _image_data_format


def set_image_data_format(data_format):
    global _image_data_format
    data_format = str(data_format).lower()
    if data_format not in _VALID_DATA_FORMATS:
        raise ValueError(
            f"data_format must be one of {_VALID_DATA_FORMATS}, received {data_format!r}.")
    _image_data_format = data_format


def standardize_data_format(data_format):
    if data_format is None:
        return image_data_format()
    data_format = str(data_format).lower()
    if data_format not in _VALID_DATA_FORMATS:
        raise ValueError(
            f"data_format must be one of {_VALID_DATA_FORMATS}, received {data_format!r}.")
    return data_format


def enable_unsafe_deserialization():
    """Allow loading `Lambda` layers with Python bytecode (only for trusted files)."""
    global _unsafe_deserialization
    _unsafe_deserialization = True


def unsafe_deserialization_enabled():
    return _unsafe_deserialization


def dtype_policy():
    """The global dtype policy (see `cornu.dtype_policies`)."""
    from cornu import dtype_policies

    return dtype_policies.dtype_policy()


def set_dtype_policy(policy):
    """Set the global dtype policy, e.g. `"mixed_float16"`."""
    from cornu import dtype_policies

    dtype_policies.set_dtype_policy(policy)
