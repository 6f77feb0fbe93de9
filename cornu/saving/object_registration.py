"""Registering custom classes/functions for (de)serialization, and custom-object scopes."""
import inspect

_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = {}
_SCOPE_STACK = []


class CustomObjectScope:
    """Make extra classes/functions visible to deserialization inside a `with` block.

    Args:
        *custom_objects: dicts mapping names (class names or `"package>Name"`) to objects.

    Example:
        >>> with CustomObjectScope({"Scale": Scale}):
        ...     model = cornu.saving.load_model("m.keras")
    """

    def __init__(self, *custom_objects):
        merged = {}
        for mapping in custom_objects:
            if mapping is None:
                continue
            if not isinstance(mapping, dict):
                raise TypeError(
                    "CustomObjectScope: each argument must be a dict of name -> object, "
                    f"received {type(mapping).__name__}.")
            merged.update(mapping)
        self.custom_objects = merged

    def __enter__(self):
        _SCOPE_STACK.append(self.custom_objects)
        return self

    def __exit__(self, *exc):
        _SCOPE_STACK.pop()


custom_object_scope = CustomObjectScope


def get_custom_objects():
    """The global `name -> object` dict filled by `register_keras_serializable`."""
    return _GLOBAL_CUSTOM_OBJECTS


def scoped_custom_objects():
    """Merged objects of all active `custom_object_scope` blocks (innermost wins)."""
    merged = {}
    for mapping in _SCOPE_STACK:
        merged.update(mapping)
    return merged


def register_keras_serializable(package="Custom", name=None):
    """Decorator registering a class or function under `"package>name"`.

    Args:
        package: namespace of the registration (default `"Custom"`).
        name: registration name (default: the object's `__name__`).

    Returns:
        A decorator that returns the object unchanged.

    Example:
        >>> @register_keras_serializable(package="my_pkg")
        ... class Scale(cornu.layers.Layer):
        ...     ...
    """
    if not isinstance(package, str) or ">" in package:
        raise ValueError(
            f"register_keras_serializable: `package` must be a string without '>', "
            f"received {package!r}.")

    def decorator(obj):
        object_name = name if name is not None else getattr(obj, "__name__", None)
        if not isinstance(object_name, str) or not object_name:
            raise ValueError(
                f"register_keras_serializable: cannot infer a name for {obj!r}; pass `name=`.")
        if inspect.isclass(obj) and not hasattr(obj, "get_config"):
            raise ValueError(
                f"Cannot register class {obj.__name__!r}: it has no get_config() method.")
        registered_name = f"{package}>{object_name}"
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = obj
        _GLOBAL_CUSTOM_NAMES[obj] = registered_name
        return obj

    return decorator


def get_registered_name(obj):
    """`"package>Name"` if `obj` was registered, else its `__name__`."""
    try:
        registered = _GLOBAL_CUSTOM_NAMES.get(obj)
    except TypeError:  # unhashable object
        registered = None
    if registered is not None:
        return registered
    return getattr(obj, "__name__", type(obj).__name__)


def is_registered(obj):
    try:
        return obj in _GLOBAL_CUSTOM_NAMES
    except TypeError:
        return False


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Find a class/function by name in scopes, the global registry, then the given dicts.

    Args:
        name: a class name or a `"package>Name"` registered name.
        custom_objects: optional dict searched after the registry.
        module_objects: optional dict searched last.

    Returns:
        The object, or `None` when no source knows the name.

    Example:
        >>> get_registered_object("my_pkg>Scale")
    """
    scoped = scoped_custom_objects()
    if name in scoped:
        return scoped[name]
    if name in _GLOBAL_CUSTOM_OBJECTS:
        return _GLOBAL_CUSTOM_OBJECTS[name]
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None
