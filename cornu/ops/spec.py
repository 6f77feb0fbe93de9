"""Helpers for defining public ops on top of `cornu.ops.dispatch`.

`engine_op` wraps an engine function of the same signature (keeping its signature
for `inspect`), and `op_with_spec` covers the few ops whose output shape depends
on tensor values, so it cannot be found by tracing.
"""
import functools
import inspect

from cornu.backend import engine
from cornu.backend.common.keras_tensor import KerasTensor, any_symbolic
from cornu.ops.dispatch import passthrough
from cornu.ops.operation import FunctionOperation


def engine_op(module, name, doc, public_name=None):
    """Public op calling `engine.<module>.<name>`; `doc` becomes its docstring."""
    wrapper = passthrough(module, name, public_name=public_name, doc=doc)
    try:
        wrapper.__signature__ = inspect.signature(getattr(getattr(engine, module), name))
    except (TypeError, ValueError):
        pass
    return wrapper


class _SpecOperation(FunctionOperation):
    def __init__(self, fn, name, spec_fn):
        super().__init__(fn, name)
        self.spec_fn = spec_fn

    def compute_output_spec(self, *args, **kwargs):
        return self.spec_fn(*args, **kwargs)


def op_with_spec(spec_fn):
    """Like `dispatch.op`, but symbolic calls get their output spec from `spec_fn`."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if any_symbolic(args, kwargs):
                return _SpecOperation(fn, fn.__name__, spec_fn).symbolic_call(*args, **kwargs)
            return fn(*args, **kwargs)

        wrapper.eager = fn
        return wrapper

    return decorate


def symbolic(shape, dtype):
    return KerasTensor(shape, dtype=dtype)
