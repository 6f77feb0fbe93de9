"""The engine facade. Only `cornu/backend/<engine>/` imports torch or jax.

`engine` is the selected engine package; its modules (`core`, `numpy`, `nn`,
`math`, `linalg`, `image`, `random`, `rnn`, `trainer`, `optimizers`) have the same
names in both engines. The Keras-2 `K` functions (`cornu.backend.mean`, ...) are
resolved lazily from `cornu.legacy.k_functions` because they are written with
`cornu.ops`, which sits above this package.
"""
import importlib

from cornu import config
from cornu.backend.common import naming, state
from cornu.backend.common.dtypes import is_float_dtype, is_int_dtype, result_type, standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor, any_symbolic, is_keras_tensor
from cornu.backend.common.naming import name_scope
from cornu.backend.common.state import StatelessScope, SymbolicScope

if config.backend() == "torch":
    from cornu.backend import torch as engine
else:
    from cornu.backend import jax as engine

Variable = engine.core.Variable
convert_to_tensor = engine.core.convert_to_tensor
convert_to_numpy = engine.core.convert_to_numpy
is_tensor = engine.core.is_tensor
cast = engine.core.cast
compute_output_spec = engine.core.compute_output_spec


def backend():
    """Name of the engine in use: `"torch"` or `"jax"`."""
    return config.backend()


floatx = config.floatx
set_floatx = config.set_floatx
epsilon = config.epsilon
set_epsilon = config.set_epsilon
image_data_format = config.image_data_format
set_image_data_format = config.set_image_data_format


def clear_session():
    """Reset auto-generated names (`dense`, `dense_1`, ...)."""
    naming.reset_names()


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    k_functions = importlib.import_module("cornu.legacy.k_functions")
    try:
        return getattr(k_functions, name)
    except AttributeError:
        raise AttributeError(f"module 'cornu.backend' has no attribute {name!r}") from None
