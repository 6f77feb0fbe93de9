"""The HDF5 variable store: Keras 3 weight paths (`<attribute path>/vars/<i>`) both ways.

Paths come from a walk of the object graph (KERAS_FORMAT.md §3.5): Sequential and
Functional visit `layers` first, then every attribute in sorted `dir()` order
(public names before `_private` ones), skipping attributes that a bare reference
object of the same kind already has; list/tuple/dict attributes are containers
whose items are named `snake_case(ClassName)` (`_1`, `_2` for repeats); an object
reached twice is stored only at its first path.
"""
import re
import warnings

import numpy as np

from cornu.saving import safe_io

# Internal attributes Keras never walks into on models (they hold the same layers).
_EXTRA_SKIPPED = frozenset({"_functional", "_stack", "operations", "_operations", "_layers_by_depth",
                            "_nodes_by_depth", "_inbound_nodes", "_outbound_nodes"})

_skipset_cache = {}


def _layer_class():
    from cornu.layers.layer import Layer

    return Layer


def _optimizer_class():
    try:
        from cornu.optimizers.optimizer import Optimizer
    except ImportError:
        return None
    return Optimizer


def _graph_model_classes():
    classes = []
    for module_name, class_name in (("cornu.models.sequential", "Sequential"),
                                    ("cornu.models.functional", "Functional")):
        try:
            module = __import__(module_name, fromlist=[class_name])
            classes.append(getattr(module, class_name))
        except (ImportError, AttributeError):
            continue
    return tuple(classes)


def saveable_kind(obj):
    """`"layer"`, `"optimizer"` or `None` (only layers and optimizers own stored variables)."""
    if isinstance(obj, _layer_class()):
        return "layer"
    optimizer_class = _optimizer_class()
    if optimizer_class is not None and isinstance(obj, optimizer_class):
        return "optimizer"
    return None


def _layer_skipset():
    if "layer" not in _skipset_cache:
        Layer = _layer_class()
        reference = Layer(name="cornu_reference_layer")
        _skipset_cache["layer"] = frozenset(dir(reference)) | _EXTRA_SKIPPED
    return _skipset_cache["layer"]


def _attribute_children(obj):
    graph_classes = _graph_model_classes()
    if graph_classes and isinstance(obj, graph_classes):
        yield "layers", list(obj.layers)
    skip = _layer_skipset()
    names = sorted(dir(obj), key=lambda name: (name.startswith("_"), name))
    for name in names:
        if name.startswith("__") or name in skip:
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # properties that need a called/compiled object
            continue
        yield name, value


def own_variables(obj):
    """Variables stored for `obj` itself, in Keras order."""
    if saveable_kind(obj) == "optimizer":
        return list(obj.variables)
    listed = list(getattr(obj, "_trainable_variables", ())) + list(
        getattr(obj, "_non_trainable_variables", ()))
    collect = getattr(obj, "_own_variables", None)
    if not callable(collect):
        return listed
    extras = [v for v in collect()[len(listed):] if all(v is not known for known in listed)]
    if extras:
        # Attribute scans also see caches of other objects' variables (a model's variable
        # lists, its optimizer): those are stored at their owner's path, not here.
        foreign = set()
        flatten = getattr(obj, "_flatten_layers", None)
        if callable(flatten):
            for layer in flatten(include_self=False, recursive=True):
                foreign.update(id(v) for v in getattr(layer, "weights", ()))
        seed_states = getattr(obj, "_seed_state_variables", None)
        if callable(seed_states):
            # Keras never stores random seed state.
            foreign.update(id(v) for v in seed_states())
        optimizer = getattr(obj, "optimizer", None)
        if optimizer is not None and hasattr(optimizer, "variables"):
            foreign.update(id(v) for v in optimizer.variables)
        extras = [v for v in extras if id(v) not in foreign]
    return listed + extras


class WeightsWalk:
    """Visit every saveable object of `root` with its weight path, in Keras order.

    Args:
        root: the model (or layer) whose variables are stored.
        visit: callable `visit(obj, path)`; `path` is `""` for the root.

    Example:
        >>> WeightsWalk(model, lambda obj, path: print(path or "/")).run()
    """

    def __init__(self, root, visit):
        self.root = root
        self.visit = visit
        self._visited = set()

    def run(self):
        self._walk_object(self.root, "")

    def _walk_object(self, obj, path):
        if id(obj) in self._visited:
            return
        self._visited.add(id(obj))
        self.visit(obj, path)
        if saveable_kind(obj) != "layer":
            return
        for name, child in _attribute_children(obj):
            self._walk_child(child, _join(path, name), set())

    def _walk_child(self, child, path, open_containers):
        if saveable_kind(child) is not None:
            self._walk_object(child, path)
        elif isinstance(child, (list, tuple, dict)) and id(child) not in open_containers:
            self._walk_container(child, path, open_containers | {id(child)})

    def _walk_container(self, container, path, open_containers):
        items = container.values() if isinstance(container, dict) else container
        used = {}
        for item in list(items):
            if saveable_kind(item) is not None:
                base = container_item_name(type(item).__name__)
            elif isinstance(item, (list, tuple, dict)):
                base = "container"
            else:
                continue
            count = used.get(base)
            used[base] = 0 if count is None else count + 1
            name = base if count is None else f"{base}_{count + 1}"
            self._walk_child(item, _join(path, name), open_containers)


def container_item_name(class_name):
    """Keras's snake case for container items: a digit does not start a new word (`conv2d`)."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _join(path, name):
    return f"{path}/{name}" if path else name


def _vars_path(path):
    return _join(path, "vars")


# ----------------------------------------------------------------------- writing


class VariablesWriter:
    """Write-side entry for one object: `entry[str(i)] = array`."""

    def __init__(self, group):
        self._group = group

    def __setitem__(self, key, value):
        array = value if isinstance(value, np.ndarray) else _to_numpy(value)
        marked_bfloat16 = array.dtype.name == "bfloat16"
        if marked_bfloat16:
            array = array.view("uint16")
        dataset = self._group.create_dataset(str(key), data=array)
        if marked_bfloat16:
            dataset.attrs["dtype"] = "bfloat16"


def _to_numpy(value):
    from cornu import ops

    return np.asarray(ops.convert_to_numpy(value))


def save_own_variables(obj, store):
    """Default hook: store `obj`'s own variables as `"0"`, `"1"`, ..."""
    for index, variable in enumerate(own_variables(obj)):
        store[str(index)] = _to_numpy(variable)


def write_weights(root, h5_group):
    """Write all variables of `root` into an open, writable HDF5 group (file root)."""

    def visit(obj, path):
        group = h5_group.create_group(_vars_path(path))
        name = getattr(obj, "name", None)
        if isinstance(name, str):
            group.attrs["name"] = name
        hook = getattr(obj, "save_own_variables", None)
        entry = VariablesWriter(group)
        if callable(hook) and getattr(hook, "__func__", None) is not _layer_default_hook("save"):
            hook(entry)
        else:
            save_own_variables(obj, entry)

    WeightsWalk(root, visit).run()


def _layer_default_hook(kind):
    # The base Layer may forward to the functions here; treat that as "not overridden".
    Layer = _layer_class()
    return getattr(Layer, f"{kind}_own_variables", None)


# ----------------------------------------------------------------------- reading


class VariablesReader:
    """Read-side entry for one object: `entry["0"]` is a NumPy array, `len(entry.keys())`."""

    def __init__(self, group, description):
        self._group = group
        self._description = description

    def keys(self):
        if self._group is None:
            return []
        return sorted(self._group.keys(), key=lambda key: (len(key), key))

    def __len__(self):
        return len(self.keys())

    def __contains__(self, key):
        return self._group is not None and str(key) in self._group

    def __getitem__(self, key):
        if self._group is None or str(key) not in self._group:
            raise KeyError(f"{self._description}: no stored variable {key!r}.")
        dataset = self._group[str(key)]
        return safe_io.read_dataset(dataset, self._description)

    def items(self):
        return [(key, self[key]) for key in self.keys()]


def _describe_variable(variable):
    return getattr(variable, "path", None) or getattr(variable, "name", "variable")


def load_own_variables(obj, store, path="/"):
    """Default hook: assign stored arrays to `obj`'s own variables, checking count and shapes."""
    variables = own_variables(obj)
    keys = store.keys()
    label = f"{type(obj).__name__} {getattr(obj, 'name', '?')!r} at path {path!r}"
    if len(keys) != len(variables):
        expected = [f"{_describe_variable(v)} {tuple(v.shape)}" for v in variables]
        raise ValueError(
            f"{label} expects {len(variables)} variables {expected}, but the file has "
            f"{len(keys)} at '{_vars_path(path.strip('/'))}'.")
    arrays = [store[str(index)] for index in range(len(variables))]
    for index, (variable, array) in enumerate(zip(variables, arrays)):
        if tuple(variable.shape) != tuple(np.shape(array)):
            raise ValueError(
                f"{label}: variable {index} ({_describe_variable(variable)}) expects shape "
                f"{tuple(variable.shape)}, found {tuple(np.shape(array))} at "
                f"'{_vars_path(path.strip('/'))}/{index}'.")
    for variable, array in zip(variables, arrays):
        variable.assign(np.asarray(array).astype(np.dtype(_numpy_dtype(variable)), copy=False))


def _numpy_dtype(variable):
    dtype = variable.dtype
    if dtype == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return dtype


def _maybe_build_optimizer(optimizer, stored_count, root):
    if len(own_variables(optimizer)) == stored_count or getattr(optimizer, "built", True):
        return
    trainable = getattr(root, "trainable_variables", None)
    if trainable:
        optimizer.build(trainable)


def read_weights(root, h5_group, description, skip_mismatch=False):
    """Assign every variable of `root` from an open, already checked HDF5 group.

    Args:
        root: model or layer to fill.
        h5_group: the file root (`h5py.File`) or a group that holds the layout.
        description: file name used in messages.
        skip_mismatch: warn instead of raising when an object does not match.

    Raises:
        ValueError: listing every object that could not be loaded (first one first).
    """
    failures = []

    def visit(obj, path):
        vars_path = _vars_path(path)
        group = h5_group[vars_path] if vars_path in h5_group else None
        entry = VariablesReader(group, f"{description}:{vars_path}")
        kind = saveable_kind(obj)
        try:
            if kind == "optimizer":
                _maybe_build_optimizer(obj, len(entry), root)
                if len(entry) != len(own_variables(obj)):
                    warnings.warn(
                        f"Skipping optimizer state for {getattr(obj, 'name', 'optimizer')!r}: it "
                        f"has {len(own_variables(obj))} variables but the file has "
                        f"{len(entry)} at '{vars_path}'.", stacklevel=4)
                    return
            hook = getattr(obj, "load_own_variables", None)
            if callable(hook) and getattr(hook, "__func__", None) is not _layer_default_hook(
                    "load"):
                hook(entry)
            else:
                load_own_variables(obj, entry, path or "/")
        except safe_io.CorruptFileError:
            raise
        except (ValueError, KeyError, TypeError) as error:
            failures.append((path or "/", obj, error))

    WeightsWalk(root, visit).run()
    if not failures:
        return
    lines = [f"  - {path}: {error}" for path, _, error in failures]
    message = (f"{len(failures)} object(s) in {description!r} could not be loaded into "
               f"{type(root).__name__} {getattr(root, 'name', '')!r}; first mismatch at "
               f"{failures[0][0]!r}:\n" + "\n".join(lines))
    if skip_mismatch:
        warnings.warn(message + "\nThose objects were skipped (skip_mismatch=True).",
                      stacklevel=3)
        return
    raise ValueError(message)
