"""Shared logic of callbacks that watch one logged quantity (`monitor`)."""
import warnings

import numpy as np

from cornu.callbacks.log_values import to_float

# Substrings of metric names where larger is better, for `mode="auto"`.
_INCREASING_NAME_PARTS = ("acc", "auc", "precision", "recall", "fmeasure", "f1", "iou")
_VALID_MODES = ("auto", "min", "max")


def resolve_mode(callback_name, monitor, mode):
    """Decide whether `monitor` should be minimised or maximised.

    Args:
        callback_name: used in the warning for an unknown mode.
        monitor: the logged quantity, e.g. `"val_accuracy"`.
        mode: `"auto"`, `"min"` or `"max"`; anything else warns and falls back to auto.

    Returns:
        `"min"` or `"max"`.

    Example:

        resolve_mode("EarlyStopping", "val_accuracy", "auto")  # "max"
    """
    if mode not in _VALID_MODES:
        warnings.warn(
            f"{callback_name} mode {mode!r} is unknown (expected one of {_VALID_MODES}); "
            "falling back to 'auto'.", stacklevel=3)
        mode = "auto"
    if mode != "auto":
        return mode
    name = monitor[4:] if monitor.startswith("val_") else monitor
    if name.endswith("loss"):
        return "min"
    if any(part in name for part in _INCREASING_NAME_PARTS):
        return "max"
    return "min"


def initial_best(direction):
    """The worst possible value for a direction (`inf` for min, `-inf` for max)."""
    return np.inf if direction == "min" else -np.inf


def read_monitor(callback_name, monitor, logs, what="monitoring"):
    """The monitored value from `logs` as a float, or None (with a warning) if absent.

    Args:
        callback_name: named in the warning.
        monitor: the key to read.
        logs: the epoch (or batch) logs.
        what: the activity named in the warning.

    Returns:
        A float or None.
    """
    logs = logs or {}
    if monitor not in logs:
        warnings.warn(
            f"{callback_name} is {what} `{monitor}`, which is not available in the logs. "
            f"Available keys are: {sorted(logs)}.", stacklevel=3)
        return None
    return to_float(logs[monitor])
