"""Keras-2 style `.h5` files: `model_config` + `model_weights` + `optimizer_weights`."""
import json
import os
import warnings

import numpy as np

from cornu.saving import atomic, safe_io, serialization_lib, weights_store

_ENTRY_KEYS_TO_DROP = ("module", "registered_name", "build_config", "compile_config",
                       "shared_object_id")


def _h5py():
    import h5py

    return h5py


def _legacy_entry(entry):
    """A Keras-3 object entry in the legacy form: no `module`/`registered_name`."""
    if not isinstance(entry, dict):
        return entry
    result = {key: value for key, value in entry.items() if key not in _ENTRY_KEYS_TO_DROP}
    inner = result.get("config")
    if isinstance(inner, dict) and isinstance(inner.get("layers"), list):
        inner = dict(inner)
        inner["layers"] = [_legacy_entry(layer) for layer in inner["layers"]]
        result["config"] = inner
    return result


def _layer_weights(layer):
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _weight_name(owner, variable, used):
    path = getattr(variable, "path", None) or ""
    name = path if "/" in path else f"{owner}/{getattr(variable, 'name', 'variable')}"
    candidate, index = name, 1
    while candidate in used:
        candidate, index = f"{name}_{index}", index + 1
    used.add(candidate)
    return candidate


def _write_group_weights(group, variables, owner):
    used = set()
    names = []
    for variable in variables:
        name = _weight_name(owner, variable, used)
        names.append(name)
        array = np.asarray(weights_store._to_numpy(variable))
        if array.dtype.name == "bfloat16":
            array = array.astype("float32")
        group.create_dataset(name, data=array)
    group.attrs["weight_names"] = np.array([n.encode("utf-8") for n in names], dtype="S")
    return names


def _training_config(model):
    if not getattr(model, "compiled", False) or not hasattr(model, "get_compile_config"):
        return None
    compile_config = serialization_lib.serialize_keras_object(model.get_compile_config())
    if not compile_config:
        return None
    result = {key: value for key, value in compile_config.items() if key != "optimizer"}
    optimizer = compile_config.get("optimizer")
    if not isinstance(optimizer, dict) and getattr(model, "optimizer", None) is not None:
        optimizer = serialization_lib.serialize_keras_object(model.optimizer)
    if isinstance(optimizer, dict):
        result["optimizer_config"] = {"class_name": optimizer.get("class_name"),
                                      "config": optimizer.get("config")}
    else:
        result["optimizer_config"] = optimizer
    return result


def save_model(model, filepath, include_optimizer=True):
    """Write `model` as a legacy Keras-2 style HDF5 file (atomically).

    Args:
        model: the model.
        filepath: destination (`.h5` / `.hdf5`).
        include_optimizer: also store the compile settings and optimizer state.

    Example:
        >>> save_model(model, "model.h5")
    """
    from cornu import backend

    from cornu.saving.keras_archive import KERAS_VERSION

    with serialization_lib.ObjectSharingScope():
        model_config = _legacy_entry(serialization_lib.serialize_keras_object(model))
    with atomic.atomic_write_path(filepath) as temp_path:
        with _h5py().File(temp_path, "w") as h5:
            h5.attrs["backend"] = backend.backend()
            h5.attrs["keras_version"] = KERAS_VERSION
            h5.attrs["model_config"] = json.dumps(model_config)
            weights_group = h5.create_group("model_weights")
            weights_group.attrs["backend"] = backend.backend()
            weights_group.attrs["keras_version"] = KERAS_VERSION
            layers = list(model.layers)
            weights_group.attrs["layer_names"] = np.array(
                [layer.name.encode("utf-8") for layer in layers], dtype="S")
            for layer in layers:
                _write_group_weights(weights_group.create_group(layer.name),
                                     _layer_weights(layer), layer.name)
            weights_group.create_group("top_level_model_weights").attrs["weight_names"] = (
                np.array([], dtype="S"))
            training_config = _training_config(model) if include_optimizer else None
            if training_config is not None:
                h5.attrs["training_config"] = json.dumps(training_config)
                optimizer = getattr(model, "optimizer", None)
                if optimizer is not None and getattr(optimizer, "variables", None):
                    _write_group_weights(h5.create_group("optimizer_weights"),
                                         list(optimizer.variables), optimizer.name)


def _attr_text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def _attr_names(group):
    if "weight_names" in group.attrs:
        return [_attr_text(n) for n in group.attrs["weight_names"]]
    if "layer_names" in group.attrs:
        return [_attr_text(n) for n in group.attrs["layer_names"]]
    return []


def _read_arrays(group, names, description):
    arrays = []
    for name in names:
        if name not in group:
            raise safe_io.CorruptFileError(f"{description}: weight {name!r} is listed but missing.")
        arrays.append(safe_io.read_dataset(group[name], description))
    return arrays


def _assign(variables, arrays, label):
    if len(variables) != len(arrays):
        raise ValueError(
            f"{label} expects {len(variables)} weights, but the file has {len(arrays)}.")
    for index, (variable, array) in enumerate(zip(variables, arrays)):
        if tuple(variable.shape) != tuple(np.shape(array)):
            raise ValueError(
                f"{label}: weight {index} ({getattr(variable, 'path', variable.name)}) expects "
                f"shape {tuple(variable.shape)}, found {tuple(np.shape(array))}.")
    for variable, array in zip(variables, arrays):
        variable.assign(np.asarray(array))


def _load_model_weights(model, weights_group, description, by_name=False, skip_mismatch=False):
    layer_names = [name for name in _attr_names(weights_group) if name in weights_group]
    stored = []
    for name in layer_names:
        group = weights_group[name]
        stored.append((name, _read_arrays(group, _attr_names(group), description)))
    if by_name:
        by_layer = {layer.name: layer for layer in _all_layers(model)}
        for name, arrays in stored:
            layer = by_layer.get(name)
            if layer is None:
                continue
            try:
                _assign(_layer_weights(layer), arrays, f"Layer {name!r}")
            except ValueError as error:
                if not skip_mismatch:
                    raise
                warnings.warn(f"Skipping layer {name!r}: {error}", stacklevel=3)
        return
    targets = [layer for layer in model.layers if _layer_weights(layer)]
    stored = [(name, arrays) for name, arrays in stored if arrays]
    if len(targets) != len(stored):
        raise ValueError(
            f"{description!r} holds weights for {len(stored)} layers "
            f"({[name for name, _ in stored]}), but model {model.name!r} has {len(targets)} "
            f"layers with weights ({[layer.name for layer in targets]}).")
    for layer, (name, arrays) in zip(targets, stored):
        try:
            _assign(_layer_weights(layer), arrays, f"Layer {layer.name!r} (file layer {name!r})")
        except ValueError as error:
            if not skip_mismatch:
                raise
            warnings.warn(f"Skipping layer {layer.name!r}: {error}", stacklevel=3)


def _all_layers(model):
    found = []
    pending = list(model.layers)
    while pending:
        layer = pending.pop(0)
        found.append(layer)
        pending.extend(getattr(layer, "layers", []) or [])
    return found


def load_weights(model, filepath, by_name=False, skip_mismatch=False):
    """Load weights from a legacy `.h5` file (full model file or weights-only).

    Args:
        model: target model.
        filepath: the `.h5` file.
        by_name: match layers by name instead of by order.
        skip_mismatch: with `by_name`, warn and skip layers whose shapes differ.
    """
    description = os.fspath(filepath)
    with safe_io.SafeH5File(filepath) as h5:
        group = h5.file["model_weights"] if "model_weights" in h5.file else h5.file
        _load_model_weights(model, group, description, by_name=by_name,
                            skip_mismatch=skip_mismatch)


def _compile_from_training_config(model, training_config, custom_objects):
    optimizer_config = training_config.get("optimizer_config")
    optimizer = serialization_lib.deserialize_keras_object(optimizer_config, custom_objects)
    kwargs = {}
    for key in ("loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
                "steps_per_execution", "jit_compile"):
        if key in training_config and training_config[key] is not None:
            kwargs[key] = serialization_lib.deserialize_keras_object(training_config[key],
                                                                     custom_objects)
    model.compile(optimizer=optimizer, **kwargs)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Rebuild a model from a legacy `.h5` file (structure, weights, optimizer state).

    Args:
        filepath: the `.h5` file.
        custom_objects: extra classes/functions by name.
        compile: replay `training_config` when present.
        safe_mode: refuse Python bytecode in the config.

    Returns:
        The model.

    Example:
        >>> model = load_model("model.h5")
    """
    from cornu.saving.keras_archive import parse_json

    description = os.fspath(filepath)
    with safe_io.SafeH5File(filepath) as h5:
        if "model_config" not in h5.file.attrs:
            raise ValueError(
                f"{description!r} has no model_config: it holds weights only. Build the model "
                "and call `model.load_weights(...)` instead.")
        raw = h5.file.attrs["model_config"]
        config = parse_json(raw if isinstance(raw, bytes) else str(raw).encode("utf-8"),
                            f"model_config in {description!r}")
        training_config = None
        if compile and "training_config" in h5.file.attrs:
            raw = h5.file.attrs["training_config"]
            training_config = parse_json(
                raw if isinstance(raw, bytes) else str(raw).encode("utf-8"),
                f"training_config in {description!r}")
        with serialization_lib.loading_scope(custom_objects, safe_mode):
            model = serialization_lib.deserialize_keras_object(
                config, custom_objects=custom_objects, safe_mode=safe_mode)
            if training_config:
                _compile_from_training_config(model, training_config, custom_objects)
        weights_group = h5.file["model_weights"] if "model_weights" in h5.file else h5.file
        _load_model_weights(model, weights_group, description)
        if training_config and "optimizer_weights" in h5.file:
            _load_optimizer_weights(model, h5.file["optimizer_weights"], description)
    return model


def _load_optimizer_weights(model, group, description):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return
    arrays = _read_arrays(group, _attr_names(group), description)
    if not getattr(optimizer, "built", True):
        optimizer.build(model.trainable_variables)
    variables = list(optimizer.variables)
    if len(variables) != len(arrays):
        warnings.warn(
            f"Skipping optimizer state from {description!r}: the optimizer has "
            f"{len(variables)} variables, the file {len(arrays)}.", stacklevel=3)
        return
    _assign(variables, arrays, f"Optimizer {optimizer.name!r}")
