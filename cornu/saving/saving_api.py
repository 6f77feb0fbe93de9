"""Public entry points: `save_model`, `load_model`, `save_weights`, `load_weights`.

The format is chosen by the file name: `.keras` (Keras 3 archive), `.h5`/`.hdf5`
(legacy Keras-2 file), `.weights.h5` (variables only).
"""
import os
import warnings

from cornu.saving import keras_archive, legacy_h5, safe_io, weights_store

_ZIP_MAGIC = b"PK\x03\x04"
_H5_MAGIC = b"\x89HDF\r\n\x1a\n"


class SavedFileNotFoundError(FileNotFoundError, ValueError):
    """The path given to a loading function does not exist."""


def _path(filepath, argument="filepath"):
    try:
        return os.fspath(filepath)
    except TypeError:
        raise TypeError(
            f"`{argument}` must be a str or os.PathLike, received {type(filepath).__name__}."
        ) from None


def _is_legacy_h5(path):
    return path.endswith((".h5", ".hdf5")) and not path.endswith(".weights.h5")


def _sniff(path):
    try:
        with open(path, "rb") as handle:
            return handle.read(8)
    except OSError:
        return b""


def _check_overwrite(path, overwrite):
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"{path!r} already exists and overwrite=False.")


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    """Save a whole model: architecture, weights and compile state.

    Args:
        model: the model.
        filepath: `.keras` (Keras 3 archive) or `.h5` (legacy); any path with `zipped=False`
            writes an unzipped archive folder.
        overwrite: replace an existing file (default True).
        zipped: zip the archive (default: True for `.keras`).
        **kwargs: `include_optimizer` (legacy `.h5` only).

    Example:
        >>> cornu.saving.save_model(model, "model.keras")
    """
    path = _path(filepath)
    include_optimizer = kwargs.pop("include_optimizer", True)
    if "save_format" in kwargs:
        raise ValueError(
            "`save_format` is no longer supported: the format follows the file name "
            f"(.keras or .h5). Received save_format={kwargs['save_format']!r}.")
    if kwargs:
        raise TypeError(f"save_model() got unexpected keyword arguments {sorted(kwargs)}.")
    _check_overwrite(path, overwrite)
    if _is_legacy_h5(path):
        if zipped:
            raise ValueError(f"`zipped=True` does not apply to a legacy .h5 file: {path!r}.")
        warnings.warn(
            "Saving in the legacy HDF5 format (.h5). The native `.keras` format is "
            "recommended.", stacklevel=2)
        legacy_h5.save_model(model, path, include_optimizer=include_optimizer)
        return
    if zipped is None:
        zipped = True
    if zipped and not path.endswith(".keras"):
        raise ValueError(
            "Invalid filepath extension for saving. Use `.keras` for the native format or "
            f"`.h5` for the legacy one (or zipped=False for a folder). Received: filepath={path!r}")
    keras_archive.save_model(model, path, zipped=bool(zipped))


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Load a model saved by cornu or Keras 3 (`.keras`, archive folder or legacy `.h5`).

    Args:
        filepath: path of the file.
        custom_objects: dict of custom classes/functions by name.
        compile: restore the compile state (default True).
        safe_mode: refuse Python bytecode in the file (default True).

    Returns:
        The model.

    Example:
        >>> model = cornu.saving.load_model("model.keras")
    """
    path = _path(filepath)
    if custom_objects is not None and not isinstance(custom_objects, dict):
        raise TypeError(
            f"`custom_objects` must be a dict, received {type(custom_objects).__name__}.")
    if not os.path.exists(path):
        raise SavedFileNotFoundError(f"File not found: filepath={path!r}.")
    if os.path.isdir(path):
        return keras_archive.load_model(path, custom_objects, compile, safe_mode)
    if path.endswith(".weights.h5") or path.endswith(".weights.json"):
        raise ValueError(
            f"{path!r} holds weights only. Build the model, then call "
            "`model.load_weights(filepath)`.")
    magic = _sniff(path)
    if path.endswith(".keras") or (magic.startswith(_ZIP_MAGIC) and not _is_legacy_h5(path)):
        return keras_archive.load_model(path, custom_objects, compile, safe_mode)
    if _is_legacy_h5(path) or magic == _H5_MAGIC:
        return legacy_h5.load_model(path, custom_objects, compile, safe_mode)
    raise ValueError(
        f"File format not supported: filepath={path!r}. cornu loads `.keras` archives and "
        "legacy `.h5` files.")


def save_weights(model, filepath, overwrite=True, max_shard_size=None):
    """Save only the variables of `model` to a `.weights.h5` file.

    Args:
        model: the model (or layer).
        filepath: must end in `.weights.h5`.
        overwrite: replace an existing file (default True).
        max_shard_size: not supported yet (sharded `.weights.json`).

    Example:
        >>> cornu.saving.save_weights(model, "model.weights.h5")
    """
    path = _path(filepath)
    if max_shard_size is not None:
        raise NotImplementedError(
            "Sharded weights (max_shard_size / .weights.json) are not supported by cornu yet.")
    if not path.endswith(".weights.h5"):
        raise ValueError(
            f"The filename must end in `.weights.h5`. Received: filepath={path!r}")
    _check_overwrite(path, overwrite)
    import h5py

    with _atomic_h5(path) as temp_path:
        with h5py.File(temp_path, "w") as h5:
            weights_store.write_weights(model, h5)


def _atomic_h5(path):
    from cornu.saving import atomic

    return atomic.atomic_write_path(path)


def load_weights(model, filepath, skip_mismatch=False, **kwargs):
    """Load variables into an existing `model` from `.weights.h5`, `.keras` or legacy `.h5`.

    Args:
        model: the model (already built, or buildable from the file).
        filepath: source file.
        skip_mismatch: warn and skip objects whose variables do not match.
        **kwargs: `by_name` (legacy `.h5` only).

    Example:
        >>> model.load_weights("model.weights.h5")
    """
    path = _path(filepath)
    by_name = kwargs.pop("by_name", False)
    if kwargs:
        raise TypeError(f"load_weights() got unexpected keyword arguments {sorted(kwargs)}.")
    if not os.path.exists(path):
        raise SavedFileNotFoundError(f"File not found: filepath={path!r}.")
    if path.endswith(".keras") or os.path.isdir(path):
        if by_name:
            raise ValueError("`by_name=True` is only supported for legacy .h5 files.")
        keras_archive.load_weights_from_archive(model, path, skip_mismatch=skip_mismatch)
        return
    if path.endswith(".weights.h5"):
        if by_name:
            raise ValueError(
                "`by_name=True` is only supported for legacy .h5 files, not .weights.h5.")
        with safe_io.SafeH5File(path) as h5:
            weights_store.read_weights(model, h5.file, path, skip_mismatch=skip_mismatch)
        return
    if _is_legacy_h5(path):
        legacy_h5.load_weights(model, path, by_name=by_name, skip_mismatch=skip_mismatch)
        return
    raise ValueError(
        "File format not supported for load_weights: use a `.weights.h5`, `.keras` or "
        f"legacy `.h5` file. Received: filepath={path!r}")
