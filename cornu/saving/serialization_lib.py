"""`serialize_keras_object` / `deserialize_keras_object`: the Keras 3 JSON object schema.

Every object becomes `{"module", "class_name", "config", "registered_name"}` (plus
`build_config`, `compile_config`, `shared_object_id` where relevant). Classes are
resolved only through the closed registry (built-ins, registered objects,
`custom_objects`); nothing named by a file is imported or executed.
"""
import base64
import builtins
import contextlib
import inspect
import types
import warnings

import numpy as np

from cornu import config as cornu_config
from cornu.saving import builtin_objects, object_registration

_safe_mode_stack = []
_sharing_stack = []
_loading_stack = []

# Config keys that would let a file change how it is itself loaded.
_FORBIDDEN_CONFIG_KEYS = ("safe_mode", "enable_unsafe_deserialization", "custom_objects")


class SafeModeScope:
    """Set the safe-mode flag seen by nested deserialization (e.g. `Lambda.from_config`)."""

    def __init__(self, safe_mode=True):
        self.safe_mode = safe_mode

    def __enter__(self):
        _safe_mode_stack.append(self.safe_mode)
        return self

    def __exit__(self, *exc):
        _safe_mode_stack.pop()


def in_safe_mode():
    """True unless the innermost scope or `cornu.config` allows unsafe deserialization."""
    if cornu_config.unsafe_deserialization_enabled():
        return False
    for value in reversed(_safe_mode_stack):
        if value is not None:
            return bool(value)
    return True


class ObjectSharingScope:
    """While active, an object serialized twice is marked with a `shared_object_id`."""

    def __enter__(self):
        _sharing_stack.append(_SharingState())
        return self

    def __exit__(self, *exc):
        _sharing_stack.pop()


class _SharingState:
    """Entries produced for each object, including copies made while nesting configs.

    `get_config()` results are re-serialized by the caller, which copies the entry of a
    nested object; every copy is tracked so a later occurrence can tag them all.
    """

    def __init__(self):
        self.entries = {}
        self.owner_of_dict = {}

    def record(self, obj_id, entry):
        self.entries.setdefault(obj_id, []).append(entry)
        self.owner_of_dict[id(entry)] = obj_id

    def tag(self, obj_id):
        for entry in self.entries[obj_id]:
            entry["shared_object_id"] = obj_id


class SharedObjectLoadingScope:
    """While active, configs with the same `shared_object_id` deserialize to one object."""

    def __enter__(self):
        _loading_stack.append({})
        return self

    def __exit__(self, *exc):
        _loading_stack.pop()


# ---------------------------------------------------------------------- serialize


def _serialize_lambda(fn):
    import marshal

    warnings.warn(
        "Saving a Python lambda: it is stored as bytecode and loads only with "
        "safe_mode=False, in the same Python version.", stacklevel=3)
    code = base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii")
    defaults = list(fn.__defaults__) if fn.__defaults__ else None
    closure = ([cell.cell_contents for cell in fn.__closure__] if fn.__closure__ else None)
    return {"class_name": "__lambda__",
            "config": {"code": code, "defaults": defaults, "closure": closure}}


def serialize_function(fn):
    """Serialized entry of a function: built-in name, registered name, or lambda bytecode."""
    if getattr(fn, "__name__", None) == "<lambda>":
        return _serialize_lambda(fn)
    if object_registration.is_registered(fn):
        name = object_registration.get_registered_name(fn)
    else:
        name = builtin_objects.function_name(fn) or getattr(fn, "__name__", None)
    if name is None:
        raise TypeError(f"Cannot serialize {fn!r}: it has no name.")
    return {"module": "builtins", "class_name": "function", "config": name,
            "registered_name": "function"}


def _serialize_tensor_like(value, class_name):
    array = np.asarray(value)
    dtype = array.dtype.name
    if dtype == "bfloat16":
        array = array.astype("float32")
    return {"class_name": class_name, "config": {"value": array.tolist(), "dtype": dtype}}


def _class_entry(cls):
    if object_registration.is_registered(cls):
        module = cls.__module__
        return (None if module == "__main__" else module, cls.__name__,
                object_registration.get_registered_name(cls))
    canonical = builtin_objects.canonical_class_name(cls)
    if canonical is not None:
        return canonical
    module = cls.__module__
    return (None if module == "__main__" else module, cls.__name__, cls.__name__)


def _serialize_object(obj):
    if not hasattr(obj, "get_config"):
        raise TypeError(
            f"Cannot serialize object {obj!r} of type {type(obj).__name__}: it has no "
            "get_config() method.")
    sharing = _sharing_stack[-1] if _sharing_stack else None
    if sharing is not None and id(obj) in sharing.entries:
        sharing.tag(id(obj))
        repeat = dict(sharing.entries[id(obj)][0])
        sharing.record(id(obj), repeat)
        return repeat
    try:
        inner = obj.get_config()
    except NotImplementedError:
        raise NotImplementedError(
            f"{type(obj).__name__}.get_config() is not implemented; define it to make the "
            "object serializable.") from None
    module, class_name, registered_name = _class_entry(type(obj))
    result = {"module": module, "class_name": class_name,
              "config": serialize_keras_object(inner), "registered_name": registered_name}
    if hasattr(obj, "get_build_config"):
        build_config = obj.get_build_config()
        if build_config is not None:
            result["build_config"] = serialize_keras_object(build_config)
    if hasattr(obj, "get_compile_config"):
        compile_config = obj.get_compile_config()
        optimizer = getattr(obj, "optimizer", None)
        if (isinstance(compile_config, dict) and isinstance(compile_config.get("optimizer"), str)
                and optimizer is not None and hasattr(optimizer, "get_config")):
            # Keras records the optimizer object (with its settings), even if compile()
            # received a name such as "adam".
            compile_config = {**compile_config,
                              "optimizer": serialize_keras_object(optimizer)}
        if compile_config is not None:
            result["compile_config"] = serialize_keras_object(compile_config)
    if sharing is not None:
        sharing.record(id(obj), result)
    return result


def serialize_keras_object(obj):
    """Turn a cornu object (or nested plain values) into JSON-ready data.

    Args:
        obj: a layer/model/optimizer/loss/metric/initializer..., a function, a NumPy
            array or tensor, or nested lists/tuples/dicts of those and plain values.

    Returns:
        JSON-serializable data in the Keras 3 schema.

    Example:
        >>> serialize_keras_object(cornu.layers.Dense(2))["class_name"]
        'Dense'
    """
    from cornu import backend

    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (np.bool_,)):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(item) for item in obj]
    if isinstance(obj, dict):
        copied = {str(key): serialize_keras_object(value) for key, value in obj.items()}
        sharing = _sharing_stack[-1] if _sharing_stack else None
        if sharing is not None and id(obj) in sharing.owner_of_dict:
            sharing.record(sharing.owner_of_dict[id(obj)], copied)
        return copied
    if isinstance(obj, slice):
        return {"class_name": "__slice__", "config": {
            "start": serialize_keras_object(obj.start), "stop": serialize_keras_object(obj.stop),
            "step": serialize_keras_object(obj.step)}}
    if obj is Ellipsis:
        return {"class_name": "__ellipsis__", "config": {}}
    if isinstance(obj, backend.KerasTensor):
        history = getattr(obj, "_keras_history", None)
        keras_history = None
        if history is not None:
            keras_history = [history[0].name, history[1], history[2]]
        return {"class_name": "__keras_tensor__", "config": {
            "shape": list(obj.shape), "dtype": obj.dtype, "keras_history": keras_history}}
    if isinstance(obj, np.ndarray):
        return _serialize_tensor_like(obj, "__numpy__")
    if isinstance(obj, np.dtype):
        return obj.name
    if backend.is_tensor(obj):
        return _serialize_tensor_like(backend.convert_to_numpy(obj), "__tensor__")
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return serialize_function(obj)
    if inspect.isclass(obj):
        module, class_name, registered_name = _class_entry(obj)
        return {"module": module, "class_name": class_name, "config": None,
                "registered_name": registered_name}
    return _serialize_object(obj)


# -------------------------------------------------------------------- deserialize


def _not_found_error(class_name, module, registered_name):
    where = f" (module {module!r})" if module else ""
    shown = registered_name if registered_name and ">" in str(registered_name) else class_name
    return TypeError(
        f"Could not locate class {shown!r}{where}. cornu only loads built-in classes and "
        "classes you register: decorate the class with "
        "`@cornu.saving.register_keras_serializable(package=...)`, or pass it via "
        f"`custom_objects={{{class_name!r}: {class_name}}}` / `cornu.saving.custom_object_scope`. "
        "Modules named in a file are never imported.")


def _resolve_user_object(names, custom_objects, module_objects):
    for name in names:
        if not isinstance(name, str):
            continue
        found = object_registration.get_registered_object(name, custom_objects)
        if found is not None:
            return found
    if module_objects:
        for name in names:
            candidate = module_objects.get(name) if isinstance(name, str) else None
            if candidate is not None and builtin_objects._is_cornu_object(candidate):
                return candidate
    return None


def _resolve_function(name, module, custom_objects, module_objects):
    if not isinstance(name, str):
        raise TypeError(f"A serialized function needs a string name, received {name!r}.")
    found = _resolve_user_object([name], custom_objects, module_objects)
    if found is None:
        found = builtin_objects.find_builtin_function(name, module)
    if found is None and ">" in name:
        found = builtin_objects.find_builtin_function(name.split(">")[-1], module)
    if found is None:
        raise TypeError(
            f"Could not locate function {name!r}. Register it with "
            "`@cornu.saving.register_keras_serializable()` or pass it in `custom_objects`.")
    return found


def _resolve_class(entry, custom_objects, module_objects):
    class_name = entry.get("class_name")
    module = entry.get("module")
    registered_name = entry.get("registered_name")
    if not isinstance(class_name, str):
        raise TypeError(f"A serialized object needs a string 'class_name', received {class_name!r}.")
    if module is not None and not isinstance(module, str):
        raise TypeError(f"Serialized 'module' must be a string or null, received {module!r}.")
    found = _resolve_user_object([registered_name, class_name], custom_objects, module_objects)
    if found is None:
        found = builtin_objects.find_builtin_class(module, class_name)
    if found is None:
        raise _not_found_error(class_name, module, registered_name)
    if not inspect.isclass(found) and not callable(found):
        raise TypeError(f"{class_name!r} resolved to {found!r}, which is not a class.")
    return found


def _check_no_forbidden_keys(inner, class_name):
    if isinstance(inner, dict):
        for key in _FORBIDDEN_CONFIG_KEYS:
            if key in inner:
                raise ValueError(
                    f"The config of {class_name!r} contains {key!r}: a file may not change how "
                    "it is loaded. Refusing to deserialize it.")


def _lambda_from_payload(payload):
    if in_safe_mode():
        raise ValueError(
            "Refusing to deserialize a Python lambda (`__lambda__`): it would run bytecode "
            "stored in the file. If you trust the file, pass `safe_mode=False` to "
            "`load_model` or call `cornu.config.enable_unsafe_deserialization()`.")
    import marshal

    if not isinstance(payload, dict):
        raise ValueError(f"Malformed `__lambda__` payload: {type(payload).__name__}.")
    if "value" in payload and "code" not in payload:
        value = payload["value"]
        code, defaults, closure = (value + [None, None])[:3] if isinstance(value, list) else (
            value, None, None)
    else:
        code, defaults, closure = payload.get("code"), payload.get("defaults"), payload.get(
            "closure")
    try:
        raw = base64.b64decode(code.encode("ascii") if isinstance(code, str) else code)
        code_object = marshal.loads(raw)
    except Exception as error:
        raise ValueError(f"The `__lambda__` payload cannot be decoded: {error}") from None
    if not isinstance(code_object, types.CodeType):
        raise ValueError("The `__lambda__` payload is not Python bytecode.")
    import cornu

    namespace = {"__builtins__": builtins, "keras": cornu, "cornu": cornu, "ops": cornu.ops,
                 "np": np}
    closure_cells = None
    if closure:
        closure_cells = tuple(types.CellType(value) for value in closure)
    return types.FunctionType(code_object, namespace, code_object.co_name,
                              tuple(defaults) if defaults else None, closure_cells)


def _special_entry(class_name, inner, custom_objects, safe_mode, kwargs):
    from cornu import backend, ops

    if class_name == "__keras_tensor__":
        tensor = backend.KerasTensor(tuple(inner["shape"]), dtype=inner.get("dtype", "float32"))
        tensor._pending_keras_history = inner.get("keras_history")
        return tensor
    if class_name in ("__numpy__", "__tensor__"):
        array = np.array(inner["value"], dtype=inner.get("dtype"))
        return array if class_name == "__numpy__" else ops.convert_to_tensor(array)
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name == "__slice__":
        return slice(*(deserialize_keras_object(inner.get(key), custom_objects, safe_mode,
                                                **kwargs) for key in ("start", "stop", "step")))
    if class_name == "__ellipsis__":
        return Ellipsis
    if class_name == "__lambda__":
        return _lambda_from_payload(inner)
    if class_name == "__typespec__":
        raise TypeError("`__typespec__` entries are TensorFlow-only and cannot be loaded.")
    raise TypeError(f"Unknown special class_name {class_name!r}.")


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """Rebuild an object from its serialized form, using only the closed registry.

    Args:
        config: output of `serialize_keras_object` (or a legacy `{"class_name", "config"}`).
        custom_objects: optional dict of extra classes/functions by name.
        safe_mode: refuse `__lambda__` bytecode payloads (default True).
        **kwargs: `module_objects` (extra names to search), `printable_module_name`.

    Returns:
        The rebuilt object (built and compiled when the config says so).

    Example:
        >>> layer = deserialize_keras_object(serialize_keras_object(Dense(2)))
    """
    module_objects = kwargs.get("module_objects")
    if safe_mode is not None and not isinstance(safe_mode, bool):
        raise TypeError(f"`safe_mode` must be a bool or None, received {safe_mode!r}.")
    # An enclosing scope (set by load_model) decides for nested calls such as
    # Lambda.from_config, so a config cannot loosen what the caller chose.
    scoped = _safe_mode_stack[-1] if _safe_mode_stack else None
    effective_safe = scoped if scoped is not None else (True if safe_mode is None else safe_mode)
    if cornu_config.unsafe_deserialization_enabled():
        effective_safe = False
    if config is None or isinstance(config, (bool, int, float)):
        return config
    if isinstance(config, str):
        if module_objects is not None or custom_objects:
            found = _resolve_user_object([config], custom_objects, module_objects)
            if found is not None:
                return found
        return config
    if isinstance(config, (list, tuple)):
        return [deserialize_keras_object(item, custom_objects, safe_mode, **kwargs)
                for item in config]
    if not isinstance(config, dict):
        raise TypeError(
            f"Cannot deserialize a value of type {type(config).__name__}: expected a dict, "
            "list, string or plain value.")
    if "class_name" not in config or "config" not in config:
        return {key: deserialize_keras_object(value, custom_objects, safe_mode, **kwargs)
                for key, value in config.items()}

    class_name = config["class_name"]
    inner = config["config"]
    module = config.get("module")
    with SafeModeScope(effective_safe), object_registration.CustomObjectScope(
            custom_objects or {}):
        if isinstance(class_name, str) and class_name.startswith("__") and class_name.endswith(
                "__"):
            return _special_entry(class_name, inner, custom_objects, effective_safe, kwargs)
        if class_name == "function":
            return _resolve_function(inner, module, custom_objects, module_objects)
        _check_no_forbidden_keys(inner, class_name)
        shared_id = config.get("shared_object_id")
        if not isinstance(shared_id, (int, str)) or isinstance(shared_id, bool):
            shared_id = None  # odd ids from foreign writers are ignored, not trusted
        loading = _loading_stack[-1] if _loading_stack else None
        if loading is not None and shared_id is not None and shared_id in loading:
            return loading[shared_id]
        cls = _resolve_class(config, custom_objects, module_objects)
        if not inspect.isclass(cls):
            # A registered function under a class entry (legacy style).
            return cls
        if inner is None:
            return cls
        if not hasattr(cls, "from_config"):
            raise TypeError(f"Class {cls.__name__!r} has no from_config(); cannot rebuild it.")
        try:
            instance = cls.from_config(inner)
        except TypeError as error:
            raise TypeError(
                f"{cls.__name__}.from_config() could not rebuild the object from its config: "
                f"{error}. Custom classes must accept every key their get_config() returns."
            ) from error
        build_config = config.get("build_config")
        if build_config and hasattr(instance, "build_from_config") and not getattr(
                instance, "built", False):
            instance.build_from_config(build_config)
            _remember_build_config(instance, build_config)
        compile_config = config.get("compile_config")
        if (compile_config and kwargs.get("compile", True) is not False
                and hasattr(instance, "compile_from_config")):
            instance.compile_from_config(compile_config)
        if loading is not None and shared_id is not None:
            loading[shared_id] = instance
        return instance


def _remember_build_config(instance, build_config):
    # A layer built from its config was never called, so it would otherwise save
    # without `build_config` and Keras could not rebuild it before loading weights.
    if getattr(instance, "_build_shapes_dict", False) is not None:
        return
    if "shapes_dict" in build_config:
        instance._build_shapes_dict = dict(build_config["shapes_dict"])
    elif "input_shape" in build_config:
        instance._build_shapes_dict = {"input_shape": build_config["input_shape"]}


@contextlib.contextmanager
def loading_scope(custom_objects=None, safe_mode=True):
    """Scopes active during a whole `load_model` call (registry, safe mode, sharing)."""
    with object_registration.CustomObjectScope(custom_objects or {}), SafeModeScope(
            safe_mode), SharedObjectLoadingScope():
        yield
