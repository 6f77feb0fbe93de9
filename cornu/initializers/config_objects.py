"""Serialize/deserialize small config objects (initializers, regularizers, constraints).

The serialized form is Keras 3's object dict:
`{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {...},
"registered_name": None}`. Custom classes keep their Python module and class name;
lookup on load goes custom_objects -> the family table -> the global registry of
`cornu.saving` (when that package is present).
"""
import importlib
import inspect


def serialize_object(obj, public_module, table):
    """Return the Keras 3 dict for `obj` (None stays None, strings stay strings).

    Args:
        obj: the object to serialize; must have `get_config()`.
        public_module: e.g. `"keras.initializers"`, used for built-in classes.
        table: mapping of public class name -> class for this family.

    Returns:
        A JSON-compatible dict, or `obj` unchanged for `None`/`str`.

    Example:
        >>> serialize_object(Zeros(), "keras.initializers", {"Zeros": Zeros})["class_name"]
        'Zeros'
    """
    if obj is None or isinstance(obj, str):
        return obj
    cls = type(obj)
    class_name = cls.__name__
    if table.get(class_name) is cls:
        module, registered_name = public_module, None
    else:
        module = None if cls.__module__ == "__main__" else cls.__module__
        registered_name = _registered_name(cls) or class_name
    return {
        "module": module,
        "class_name": class_name,
        "config": _plain(obj.get_config()),
        "registered_name": registered_name,
    }


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        return value.item()
    return value


def _saving_registry():
    try:
        return importlib.import_module("cornu.saving.object_registration")
    except ImportError:
        return None


def _registered_name(cls):
    registry = _saving_registry()
    if registry is None or not hasattr(registry, "get_registered_name"):
        return None
    name = registry.get_registered_name(cls)
    return None if name == cls.__name__ else name


def _lookup_custom(name, custom_objects):
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    registry = _saving_registry()
    if registry is not None and hasattr(registry, "get_registered_object"):
        return registry.get_registered_object(name, custom_objects)
    return None


def deserialize_object(config, table, kind, custom_objects=None, base_class=None):
    """Rebuild an object from its Keras 3 dict, a legacy `{"class_name", "config"}` dict,
    or a name string (`"glorot_uniform"`, `"GlorotUniform"`).

    Args:
        config: the serialized form.
        table: mapping of every accepted name (classes and aliases) -> class or factory.
        kind: family name used in error messages, e.g. `"initializer"`.
        custom_objects: optional extra name -> class mapping.
        base_class: if given, a looked-up custom class must be a subclass of it.

    Returns:
        A new instance.
    """
    if isinstance(config, str):
        target = _lookup_custom(config, custom_objects) or table.get(config)
        if target is None:
            raise ValueError(
                f"Unknown {kind}: {config!r}. Known {kind}s: {sorted(table)}. Pass custom "
                f"classes with `custom_objects` or register them.")
        return target() if isinstance(target, type) or callable(target) else target
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"Could not interpret {kind} config: expected a string or a dict with "
            f"'class_name' and 'config', received {config!r}.")
    class_name = config["class_name"]
    inner = dict(config.get("config") or {})
    registered = config.get("registered_name")
    target = None
    for name in (registered, class_name):
        if name:
            target = _lookup_custom(name, custom_objects)
            if target is not None:
                break
    if target is None:
        target = table.get(class_name)
    if target is None:
        raise ValueError(
            f"Unknown {kind} class {class_name!r}. Known {kind}s: {sorted(table)}. Pass custom "
            f"classes with `custom_objects` or register them.")
    if base_class is not None and isinstance(target, type) and not issubclass(target, base_class):
        raise TypeError(
            f"{class_name!r} resolved to {target!r}, which is not a {base_class.__name__}.")
    if hasattr(target, "from_config"):
        return target.from_config(inner)
    return target(**inner)


def get_object(identifier, deserialize, kind, expected):
    """The shared `get` of the config-object families (initializers, regularizers, constraints).

    Args:
        identifier: None, a name, a serialized dict, a class or a callable instance.
        deserialize: the family's `deserialize(config)`.
        kind: family name for the error message, e.g. `"regularizer"`.
        expected: how the family's base class reads in the error, e.g. `"a Regularizer"`.

    Returns:
        None, a new instance (names, dicts, classes) or `identifier` itself (callables).

    Example:
        >>> get_object("l2", regularizers.deserialize, "regularizer", "a Regularizer").l2
        0.01
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(
        f"Could not interpret {kind} identifier: {identifier!r} "
        f"(expected None, a name, a dict, {expected} or a callable).")
