"""`cornu.activations`: activation functions by name and as functions."""
import types

from cornu.activations.activations import (  # noqa: F401
    ALIASES, ALL_ACTIVATIONS, celu, elu, exponential, gelu, glu, hard_shrink, hard_sigmoid,
    hard_silu, hard_swish, hard_tanh, leaky_relu, linear, log_sigmoid, log_softmax, mish, relu,
    relu6, selu, sigmoid, silu, soft_shrink, softmax, softplus, softsign, sparse_plus,
    sparse_sigmoid, sparsemax, squareplus, swish, tanh, tanh_shrink, threshold)

_BY_NAME = {**ALL_ACTIVATIONS, **ALIASES}


def serialize(activation):
    """Name of an activation function (`"relu"`), as Keras writes it in layer configs.

    Args:
        activation: a function (built-in or custom) or a callable object with `get_config`.

    Returns:
        The function's name, or a serialized dict for callable objects.

    Example:
        >>> serialize(relu)
        'relu'
    """
    if activation is None:
        return "linear"
    if isinstance(activation, str):
        return activation
    if isinstance(activation, (types.FunctionType, types.BuiltinFunctionType)):
        registered = _registered_name(activation)
        return registered or activation.__name__
    if hasattr(activation, "get_config"):
        cls = type(activation)
        return {
            "module": None if cls.__module__ == "__main__" else cls.__module__,
            "class_name": cls.__name__,
            "config": activation.get_config(),
            "registered_name": _registered_name(cls) or cls.__name__,
        }
    name = getattr(activation, "__name__", None)
    if name is None:
        raise ValueError(f"Cannot serialize activation {activation!r}: it has no name.")
    return name


def _registered_name(obj):
    try:
        from cornu.saving import object_registration
    except ImportError:
        return None
    getter = getattr(object_registration, "get_registered_name", None)
    if getter is None:
        return None
    name = getter(obj)
    return None if name == getattr(obj, "__name__", None) else name


def deserialize(config, custom_objects=None):
    """Inverse of `serialize`: a name (or serialized dict) -> the activation function.

    Args:
        config: a name such as `"relu"`, or a dict written by `serialize`.
        custom_objects: optional mapping of extra names to functions.

    Returns:
        The activation callable.
    """
    if isinstance(config, dict):
        if config.get("class_name") == "function" or config.get("module") == "builtins":
            return deserialize(config.get("config"), custom_objects)
        from cornu.initializers.config_objects import deserialize_object
        return deserialize_object(config, {}, "activation", custom_objects)
    if not isinstance(config, str):
        raise TypeError(f"Activation config must be a string or dict, received {config!r}.")
    if custom_objects and config in custom_objects:
        return custom_objects[config]
    if config in _BY_NAME:
        return _BY_NAME[config]
    try:
        from cornu.saving import object_registration
        found = object_registration.get_registered_object(config, custom_objects)
    except (ImportError, AttributeError):
        found = None
    if found is not None:
        return found
    raise ValueError(
        f"Unknown activation function: {config!r}. Known activations: {sorted(_BY_NAME)}.")


def get(identifier):
    """Resolve an activation from `None` (linear), a name, a dict or a callable.

    Args:
        identifier: `None`, `"relu"`, a serialized dict, or any callable.

    Returns:
        A callable activation.

    Example:
        >>> get("relu") is relu
        True
    """
    if identifier is None:
        return linear
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(
        f"Could not interpret activation function identifier: {identifier!r} "
        f"(expected None, a name, a dict or a callable).")
