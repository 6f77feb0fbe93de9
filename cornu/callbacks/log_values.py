"""Turning backend scalars found in `logs` into Python numbers.

The trainer may hand callbacks scalar tensors; reading one forces a device sync,
so conversion happens only when a callback that needs numbers is about to run.
"""
import numpy as np

from cornu import backend


def to_python_value(value):
    """Convert a tensor, Variable or NumPy value to a Python number (or ndarray).

    Args:
        value: anything found in a `logs` dict.

    Returns:
        A `float`/`int` for single-element numbers, an `np.ndarray` for larger
        tensors, and any other object unchanged.

    Example:

        to_python_value(np.float32(0.5))  # 0.5
    """
    if isinstance(value, (bool, int, float, str, bytes)) or value is None:
        return value
    if isinstance(value, dict):
        return {key: to_python_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        items = [to_python_value(item) for item in value]
        if hasattr(value, "_fields"):  # namedtuple: fields are positional arguments
            return type(value)(*items)
        return type(value)(items)
    if backend.is_tensor(value) or isinstance(value, backend.Variable):
        value = backend.convert_to_numpy(value)
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.size == 1 and array.dtype.kind in "fiub":
            item = array.reshape(-1)[0].item()
            return float(item) if array.dtype.kind == "f" else item
        return array
    return value


def pythonify_logs(logs):
    """Convert every value of `logs` in place (so later writers see the same dict).

    Args:
        logs: a dict or None.

    Returns:
        The same dict (a new empty dict when `logs` is None).
    """
    if logs is None:
        return {}
    for key, value in list(logs.items()):
        logs[key] = to_python_value(value)
    return logs


def to_float(value):
    """A Python float from a number, scalar tensor or Variable (NaN if not numeric)."""
    value = to_python_value(value)
    if isinstance(value, np.ndarray):
        return float(np.mean(value)) if value.size else float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
