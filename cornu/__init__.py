"""cornu: a Keras-3-compatible deep-learning library on PyTorch and JAX.

    import cornu as keras

Public names are explicit re-exports resolved on first access (so `import cornu`
stays fast and a subpackage loads only when used).
"""
import importlib

__version__ = "0.1.0"

_SUBPACKAGES = (
    "activations", "applications", "backend", "callbacks", "config", "constraints",
    "datasets", "distribution", "dtype_policies", "export", "initializers", "layers",
    "legacy", "losses", "metrics", "mixed_precision", "models", "ops", "optimizers",
    "preprocessing", "random", "regularizers", "saving", "trainers", "tree", "utils",
    "visualization",
)

_NAMES = {
    "Variable": ("cornu.backend", "Variable"),
    "KerasTensor": ("cornu.backend", "KerasTensor"),
    "name_scope": ("cornu.backend", "name_scope"),
    "StatelessScope": ("cornu.backend", "StatelessScope"),
    "Operation": ("cornu.ops.operation", "Operation"),
    "Layer": ("cornu.layers.layer", "Layer"),
    "InputSpec": ("cornu.layers.input_spec", "InputSpec"),
    "Input": ("cornu.layers.core.input_layer", "Input"),
    "Model": ("cornu.models.model", "Model"),
    "Sequential": ("cornu.models.sequential", "Sequential"),
    "Functional": ("cornu.models.functional", "Functional"),
    "Loss": ("cornu.losses.loss", "Loss"),
    "Metric": ("cornu.metrics.metric", "Metric"),
    "Optimizer": ("cornu.optimizers.optimizer", "Optimizer"),
    "Initializer": ("cornu.initializers.initializer", "Initializer"),
    "Regularizer": ("cornu.regularizers", "Regularizer"),
    "Constraint": ("cornu.constraints", "Constraint"),
    "DTypePolicy": ("cornu.dtype_policies", "DTypePolicy"),
    "SeedGenerator": ("cornu.random", "SeedGenerator"),
    "device": ("cornu.utils.device", "device"),
}

__all__ = list(_SUBPACKAGES) + list(_NAMES)


def __getattr__(name):
    if name in _SUBPACKAGES:
        module = importlib.import_module(f"cornu.{name}")
        globals()[name] = module
        return module
    if name in _NAMES:
        module_name, attribute = _NAMES[name]
        value = getattr(importlib.import_module(module_name), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'cornu' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
