"""The closed registry of built-in classes and functions, and their canonical Keras names.

Loading never imports a module named by a file: a `(module, class_name)` pair is
looked up in the fixed table of cornu namespaces below, and the object found must
be a class or function defined inside cornu. Saving writes the first Keras export
name of a class (`keras.layers.Dense`), so Keras 3 can read cornu files.
"""
import importlib
import inspect

# Keras export namespace -> cornu namespace, in the order Keras's first export names win.
NAMESPACES = (
    ("keras.layers", "cornu.layers"),
    ("keras.models", "cornu.models"),
    ("keras.initializers", "cornu.initializers"),
    ("keras.losses", "cornu.losses"),
    ("keras.metrics", "cornu.metrics"),
    ("keras.optimizers", "cornu.optimizers"),
    ("keras.optimizers.schedules", "cornu.optimizers.schedules"),
    ("keras.regularizers", "cornu.regularizers"),
    ("keras.constraints", "cornu.constraints"),
    ("keras.activations", "cornu.activations"),
    ("keras.dtype_policies", "cornu.dtype_policies"),
    ("keras.random", "cornu.random"),
)

# Classes whose first Keras export is the top-level `keras` namespace.
TOP_LEVEL_NAMES = (
    "Sequential", "Model", "Layer", "DTypePolicy", "Loss", "Metric", "Optimizer", "Initializer",
    "Regularizer", "InputSpec", "Operation", "Quantizer", "Variable", "KerasTensor",
)

# Namespaces searched, in this order, for a `builtins` function entry.
FUNCTION_NAMESPACES = ("activations", "constraints", "initializers", "losses", "metrics",
                       "optimizers", "regularizers")

# Non-modeling helpers that live in modeling namespaces: never reachable from a file.
BLOCKED_NAMES = frozenset({
    "get", "serialize", "deserialize", "load_model", "save_model", "model_from_json",
    "clone_model", "load_weights", "save_weights", "set_random_seed",
})

FUNCTIONAL_ENTRY = ("keras.src.models.functional", "Functional", "Functional")

_namespace_cache = {}
_canonical_cache = {}


def _namespace(module_name):
    if module_name not in _namespace_cache:
        try:
            _namespace_cache[module_name] = importlib.import_module(module_name)
        except ImportError:
            # A namespace not written yet simply has no members.
            return None
    return _namespace_cache[module_name]


def _is_cornu_object(obj):
    module = getattr(obj, "__module__", None) or ""
    return module == "cornu" or module.startswith("cornu.")


def _lookup(namespace_module, name, want_class):
    if not name or name.startswith("_") or name in BLOCKED_NAMES:
        return None
    namespace = _namespace(namespace_module)
    if namespace is None:
        return None
    obj = getattr(namespace, name, None)
    if not _is_cornu_object(obj):
        return None
    if want_class:
        return obj if inspect.isclass(obj) and hasattr(obj, "from_config") else None
    return obj if callable(obj) and not inspect.isclass(obj) else None


def find_builtin_class(module, class_name):
    """Resolve a serialized `(module, class_name)` to a cornu class, or `None`.

    Accepts `keras`, `keras.<namespace>`, `keras.src.*` (searched by class name, which
    covers `keras.src.models.functional.Functional` and the torch-backend optimizer
    modules), `cornu.*` and legacy entries with no module.
    """
    if module == "keras" or module == "cornu":
        if class_name in TOP_LEVEL_NAMES:
            return _lookup("cornu", class_name, want_class=True)
        return None
    for keras_module, cornu_module in NAMESPACES:
        if module in (keras_module, cornu_module):
            return _lookup(cornu_module, class_name, want_class=True)
    searchable = (module is None or module.startswith("keras.src.")
                  or module.startswith("cornu."))
    if not searchable:
        return None
    if class_name in TOP_LEVEL_NAMES or class_name == "Functional":
        found = _lookup("cornu", class_name, want_class=True)
        if found is not None:
            return found
    for _, cornu_module in NAMESPACES:
        found = _lookup(cornu_module, class_name, want_class=True)
        if found is not None:
            return found
    return None


def find_builtin_function(name, module=None):
    """Resolve a serialized function name (e.g. `"relu"`, `"mean_squared_error"`), or `None`."""
    for keras_module, cornu_module in NAMESPACES:
        if module in (keras_module, cornu_module):
            found = _lookup(cornu_module, name, want_class=False)
            if found is not None:
                return found
    for short in FUNCTION_NAMESPACES:
        found = _lookup(f"cornu.{short}", name, want_class=False)
        if found is not None:
            return found
    return None


def canonical_class_name(cls):
    """`(module, class_name, registered_name)` Keras would write for a built-in class.

    Returns `None` when `cls` is not a public cornu class.
    """
    if cls in _canonical_cache:
        return _canonical_cache[cls]
    result = None
    name = cls.__name__
    if name == "Functional" and _lookup("cornu", "Functional", True) is cls:
        result = FUNCTIONAL_ENTRY
    elif name in TOP_LEVEL_NAMES and _lookup("cornu", name, True) is cls:
        result = ("keras", name, None)
    else:
        for keras_module, cornu_module in NAMESPACES:
            if _lookup(cornu_module, name, True) is cls:
                result = (keras_module, name, None)
                break
    _canonical_cache[cls] = result
    return result


def function_name(fn):
    """The public name a built-in cornu function is saved under, or `None`."""
    name = getattr(fn, "__name__", None)
    if not name or not _is_cornu_object(fn):
        return None
    return name if find_builtin_function(name) is fn else None
