"""Turning loss/metric objects and functions into configs and back (`get`, `serialize`)."""
import inspect


def registered_custom_object(name, custom_objects=None):
    """Look `name` up in `custom_objects`, then in the project-wide registry if present."""
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    try:
        from cornu.saving import object_registration
    except ImportError:
        return None
    lookup = getattr(object_registration, "get_registered_object", None)
    if lookup is None:
        return None
    try:
        return lookup(name, custom_objects=custom_objects)
    except TypeError:
        return lookup(name)


def serialize_function(fn, module):
    """Config of a plain function: `{"module", "class_name": "function", "config": name}`."""
    name = getattr(fn, "__name__", None)
    if name is None:
        return serialize_object(fn, module)
    return {"module": module, "class_name": "function", "config": name,
            "registered_name": name}


def deserialize_function(config, lookup=None, custom_objects=None):
    """Inverse of `serialize_function` (also accepts a bare name or a callable)."""
    if callable(config):
        return config
    name = config["config"] if isinstance(config, dict) else config
    found = registered_custom_object(name, custom_objects)
    if found is None and lookup is not None:
        found = lookup.get(name)
    if found is None:
        from cornu import losses, metrics

        # Module attributes first: there `binary_accuracy` is the function, not the class.
        for module in (metrics, losses):
            candidate = getattr(module, name, None)
            if inspect.isfunction(candidate):
                found = candidate
                break
    if found is None:
        raise ValueError(
            f"Unknown function {name!r}. Pass it in `custom_objects` or register it.")
    return found


def serialize_object(obj, module):
    """Keras-style config dict of a loss/metric object or function."""
    if obj is None:
        return None
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return serialize_function(obj, module)
    if not hasattr(obj, "get_config"):
        raise TypeError(
            f"Cannot serialize {obj!r} of type {type(obj).__name__}: it has no get_config().")
    return {"module": module, "class_name": type(obj).__name__, "config": obj.get_config(),
            "registered_name": type(obj).__name__}


def deserialize_object(config, lookup, kind, custom_objects=None):
    """Rebuild an object from `serialize_object`'s output (or a bare name).

    Args:
        config: a dict with `class_name` and `config`, or a name string.
        lookup: dict of known names to classes/functions.
        kind: `"loss"` or `"metric"`, for error messages.
        custom_objects: extra names to classes/functions.

    Returns:
        The object (an instance for classes, the function for functions).
    """
    if isinstance(config, str):
        found = registered_custom_object(config, custom_objects) or lookup.get(config)
        if found is None:
            raise ValueError(f"Unknown {kind}: {config!r}. Known names include "
                             f"{sorted(k for k in lookup if k.islower())[:12]}...")
        return found
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Could not deserialize {kind} from {config!r}: expected a dict with "
                         f"'class_name' and 'config'.")
    class_name = config["class_name"]
    if class_name == "function":
        return deserialize_function(config, lookup, custom_objects)
    registered = config.get("registered_name") or class_name
    cls = (registered_custom_object(registered, custom_objects)
           or registered_custom_object(class_name, custom_objects)
           or lookup.get(class_name))
    if cls is None:
        raise ValueError(
            f"Unknown {kind} class {class_name!r}. Pass it in `custom_objects` or register it.")
    inner = config.get("config") or {}
    return cls.from_config(inner) if hasattr(cls, "from_config") else cls(**inner)


def get_callable(identifier, lookup, deserialize, kind, examples):
    """The shared `get` of losses and metrics: a name, a config dict, a class or a callable.

    Args:
        identifier: None, a name in `lookup`, a dict for `deserialize`, a class or a callable.
        lookup: dict of known names to classes/functions.
        deserialize: the family's `deserialize(config)`.
        kind: `"loss"` or `"metric"`, for error messages.
        examples: what to suggest for an unknown name, e.g. `"'mse', a cornu.losses.Loss
            instance"`.

    Returns:
        None, a callable, or a new instance of a named class (built with its defaults).

    Example:
        >>> get_callable("mse", ALL_OBJECTS_DICT, deserialize, "loss", "'mse'")
        <function mean_squared_error ...>
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = lookup.get(identifier)
        if obj is None:
            raise ValueError(
                f"Could not interpret {kind} identifier: {identifier!r}. Use a name such as "
                f"{examples} or a function f(y_true, y_pred).")
    else:
        obj = identifier
    if inspect.isclass(obj):
        obj = obj()
    if not callable(obj):
        raise ValueError(f"Could not interpret {kind} identifier: {identifier!r} "
                         f"(type {type(identifier).__name__}); it is not callable.")
    return obj
