"""The Keras 3 `.keras` archive: `metadata.json`, `config.json`, `model.weights.h5` (zip or folder)."""
import datetime
import io
import json
import os
import zipfile

from cornu.saving import atomic, safe_io, serialization_lib, weights_store

KERAS_VERSION = "3.15.1"
_CONFIG = "config.json"
_METADATA = "metadata.json"
_WEIGHTS = "model.weights.h5"


def _h5py():
    import h5py

    return h5py


def _cornu_version():
    import cornu

    return cornu.__version__


def weights_to_bytes(model):
    """Serialize all variables of `model` into the bytes of an HDF5 file."""
    buffer = io.BytesIO()
    with _h5py().File(buffer, "w") as h5:
        weights_store.write_weights(model, h5)
    return buffer.getvalue()


def _archive_members(model):
    with serialization_lib.ObjectSharingScope():
        config = serialization_lib.serialize_keras_object(model)
    metadata = {"keras_version": KERAS_VERSION, "cornu_version": _cornu_version(),
                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    try:
        config_text = json.dumps(config)
    except TypeError as error:
        raise TypeError(
            f"The config of model {getattr(model, 'name', '')!r} is not JSON-serializable: "
            f"{error}. Every get_config() value must be plain data or serializable objects."
        ) from None
    return [(_METADATA, json.dumps(metadata).encode("utf-8")),
            (_CONFIG, config_text.encode("utf-8")),
            (_WEIGHTS, weights_to_bytes(model))]


def save_model(model, filepath, zipped=True):
    """Write `model` as a Keras 3 archive (an uncompressed zip, or a folder if not zipped).

    Args:
        model: the model to save.
        filepath: destination path (`.keras` when zipped).
        zipped: write a zip file (default) or a folder with the same members.

    Example:
        >>> save_model(model, "model.keras")
    """
    members = _archive_members(model)
    if not zipped:
        with atomic.atomic_directory(filepath) as folder:
            for name, data in members:
                with open(os.path.join(folder, name), "wb") as handle:
                    handle.write(data)
        return
    with atomic.atomic_write(filepath) as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
            for name, data in members:
                archive.writestr(zipfile.ZipInfo(name, _zip_timestamp()), data)


def _zip_timestamp():
    now = datetime.datetime.now()
    return (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)


class _FolderReader:
    """Reads the fixed members of an unzipped archive folder (never follows links)."""

    def __init__(self, path):
        self.path = os.fspath(path)

    def __contains__(self, name):
        return os.path.isfile(os.path.join(self.path, name))

    def read(self, name):
        member = os.path.join(self.path, name)
        if os.path.islink(member):
            raise safe_io.UnsafeFileError(f"{member!r} is a symbolic link; refusing to load.")
        if not os.path.isfile(member):
            raise safe_io.CorruptFileError(f"{self.path!r} has no {name!r}.")
        with open(member, "rb") as handle:
            return handle.read()

    def close(self):
        pass


def _open_reader(filepath):
    if os.path.isdir(filepath):
        return _FolderReader(filepath)
    return safe_io.SafeZipReader(filepath)


def parse_json(data, description):
    """Decode JSON bytes from a file, turning every failure into `CorruptFileError`."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise safe_io.CorruptFileError(f"{description} is not valid JSON: {error}") from None


def read_archive_config(filepath):
    """The decoded `config.json` of an archive (zip or folder)."""
    reader = _open_reader(filepath)
    try:
        if _CONFIG not in reader:
            raise safe_io.CorruptFileError(f"{os.fspath(filepath)!r} has no {_CONFIG}.")
        return parse_json(reader.read(_CONFIG), f"{_CONFIG} in {os.fspath(filepath)!r}")
    finally:
        reader.close()


def _read_weights_member(reader, filepath):
    if _WEIGHTS not in reader:
        raise safe_io.CorruptFileError(f"{os.fspath(filepath)!r} has no {_WEIGHTS}.")
    return reader.read(_WEIGHTS)


def load_weights_from_archive(model, filepath, skip_mismatch=False):
    """Assign the weights stored in a `.keras` archive to an existing `model`."""
    reader = _open_reader(filepath)
    try:
        weights = _read_weights_member(reader, filepath)
    finally:
        reader.close()
    _assign_weights_bytes(model, weights, f"{os.fspath(filepath)}:{_WEIGHTS}", skip_mismatch)


def _assign_weights_bytes(model, data, description, skip_mismatch):
    with safe_io.SafeH5File(data, description) as h5:
        weights_store.read_weights(model, h5.file, description, skip_mismatch=skip_mismatch)


def _build_optimizer(model):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or getattr(optimizer, "built", True):
        return
    variables = getattr(model, "trainable_variables", None)
    if variables:
        optimizer.build(variables)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Rebuild a model from a Keras 3 archive without running any code from the file.

    Args:
        filepath: `.keras` zip or unzipped archive folder.
        custom_objects: extra classes/functions by name.
        compile: replay the stored `compile_config` (default True).
        safe_mode: refuse Python bytecode (`Lambda`) in the config (default True).

    Returns:
        The model with its weights (and optimizer state when compiled).

    Example:
        >>> model = load_model("model.keras")
    """
    description = os.fspath(filepath)
    reader = _open_reader(filepath)
    try:
        if _CONFIG not in reader:
            raise safe_io.CorruptFileError(f"{description!r} has no {_CONFIG}; not a .keras file.")
        config = parse_json(reader.read(_CONFIG), f"{_CONFIG} in {description!r}")
        if _METADATA in reader:
            parse_json(reader.read(_METADATA), f"{_METADATA} in {description!r}")
        weights = _read_weights_member(reader, filepath)
    finally:
        reader.close()
    if not isinstance(config, dict):
        raise safe_io.CorruptFileError(f"{_CONFIG} in {description!r} is not a JSON object.")
    if not compile:
        config = {key: value for key, value in config.items() if key != "compile_config"}
    with serialization_lib.loading_scope(custom_objects, safe_mode):
        model = serialization_lib.deserialize_keras_object(
            config, custom_objects=custom_objects, safe_mode=safe_mode, compile=compile)
    if compile:
        _build_optimizer(model)
    _assign_weights_bytes(model, weights, f"{description}:{_WEIGHTS}", skip_mismatch=False)
    return model
