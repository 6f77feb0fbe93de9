"""How every public op is written once.

    @op
    def add(x1, x2):
        return engine.numpy.add(x1, x2)

The function body is the eager path. When any argument is a `KerasTensor`, the
decorator instead records a graph node whose output spec comes from running the
same body on abstract values (torch meta tensors / `jax.eval_shape`).
`passthrough("numpy", "add")` builds the same thing for a backend function of the
same signature.
"""
import functools

from cornu.backend import engine
from cornu.backend.common.keras_tensor import any_symbolic
from cornu.ops.operation import FunctionOperation


def op(fn=None, *, name=None):
    if fn is None:
        return functools.partial(op, name=name)
    op_name = name or fn.__name__

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if any_symbolic(args, kwargs):
            return FunctionOperation(fn, op_name).symbolic_call(*args, **kwargs)
        return fn(*args, **kwargs)

    wrapper.eager = fn
    return wrapper


def passthrough(module, name, public_name=None, doc=None):
    """An op that calls `engine.<module>.<name>` with the same arguments."""
    impl = getattr(getattr(engine, module), name)

    def fn(*args, **kwargs):
        return impl(*args, **kwargs)

    fn.__name__ = public_name or name
    fn.__qualname__ = fn.__name__
    fn.__doc__ = doc or getattr(impl, "__doc__", None)
    return op(fn)
