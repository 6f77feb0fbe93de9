"""Core ops: conversion and dtype helpers (more are added by the ops family modules)."""
from cornu import backend
from cornu.backend import engine
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.ops.dispatch import op


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """Convert an array-like (or a Variable) to a tensor of the engine."""
    return engine.core.convert_to_tensor(x, dtype=dtype)


def convert_to_numpy(x):
    """Convert a tensor (or Variable) to a NumPy array."""
    if isinstance(x, KerasTensor):
        raise TypeError("A symbolic KerasTensor has no value to convert to NumPy.")
    return engine.core.convert_to_numpy(x)


def is_tensor(x):
    return engine.core.is_tensor(x)


@op
def cast(x, dtype):
    """Cast `x` to `dtype`."""
    return engine.core.cast(x, standardize_dtype(dtype))


def shape(x):
    """The shape of `x` as a tuple (`None` for unknown symbolic dims)."""
    if isinstance(x, (KerasTensor, backend.Variable)):
        return tuple(x.shape)
    return tuple(x.shape) if hasattr(x, "shape") else tuple(convert_to_tensor(x).shape)


def dtype(x):
    return standardize_dtype(x.dtype)
