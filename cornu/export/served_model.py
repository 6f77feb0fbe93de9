"""`load`: serve an artifact written by `export_model`, without the model's Python code."""
import json
import os

import numpy as np

from cornu import backend
from cornu.export import signature
from cornu.export.exporter import FORMAT_NAME, FORMAT_VERSION, MANIFEST_FILE, \
    engine_export_module


class ServedModel:
    """An exported model reloaded for inference: `served(x)` or `served.serve(x)`.

    Attributes:
        name: the original model's name.
        input_specs: list of `{"name", "shape", "dtype"}` dicts.
        backend: the engine the artifact was traced with.
    """

    def __init__(self, path, manifest, program, weights):
        self.path = path
        self.name = manifest["model_name"]
        self.backend = manifest["backend"]
        self.input_specs = manifest["inputs"]
        self._input_kind = manifest["input_kind"]
        self._output_structure = manifest["outputs"]
        self._program = program
        self._weights = weights

    def _flat_inputs(self, args, kwargs):
        names = [spec["name"] for spec in self.input_specs]
        if kwargs:
            if args:
                raise TypeError(
                    f"serve(): pass the inputs of {self.name!r} positionally or by name, not both.")
            args = (kwargs,)
        if len(args) == 1:
            value = args[0]
        else:
            value = list(args)
        if isinstance(value, dict):
            missing = [name for name in names if name not in value]
            unknown = [key for key in value if key not in names]
            if missing or unknown:
                raise ValueError(
                    f"serve(): model {self.name!r} takes inputs {names}; missing {missing}, "
                    f"unknown {unknown}.")
            flat = [value[name] for name in names]
        elif len(names) > 1:
            if not isinstance(value, (list, tuple)) or len(value) != len(names):
                got = len(value) if isinstance(value, (list, tuple)) else 1
                raise ValueError(
                    f"serve(): model {self.name!r} takes {len(names)} inputs {names}, "
                    f"received {got}.")
            flat = list(value)
        else:
            if isinstance(value, (list, tuple)) and len(value) == 1 and \
                    self._input_kind == "list":
                value = value[0]
            flat = [value]
        return [self._conform(item, spec) for item, spec in zip(flat, self.input_specs)]

    def _conform(self, value, spec):
        if backend.is_tensor(value):
            value = backend.convert_to_numpy(value)
        array = np.asarray(value)
        expected = spec["shape"]
        if array.ndim != len(expected) or any(
                want is not None and want != got for want, got in zip(expected, array.shape)):
            raise ValueError(
                f"serve(): input {spec['name']!r} of model {self.name!r} expects shape "
                f"{tuple(expected)}, received shape {array.shape}.")
        if array.dtype != np.dtype(spec["dtype"]):
            array = array.astype(spec["dtype"])
        return backend.convert_to_tensor(array, dtype=spec["dtype"])

    def serve(self, *args, **kwargs):
        """Run inference; inputs as the original model took them (array, list or dict)."""
        inputs = self._flat_inputs(args, kwargs)
        outputs = self._program(self._weights, inputs)
        return signature.decode_structure(self._output_structure, outputs)

    def __call__(self, *args, **kwargs):
        return self.serve(*args, **kwargs)

    def __repr__(self):
        return f"<ServedModel {self.name!r} from {self.path!r} ({self.backend})>"


def load(path):
    """Load an artifact written by `model.export(path)` for inference.

    Args:
        path: the directory given to `export`.

    Returns:
        A `ServedModel`; call it (or its `serve` method) on input arrays.

    Example:

        served = cornu.export.load("served_model")
        probabilities = served.serve(x_batch)
    """
    path = os.fspath(path)
    manifest_path = os.path.join(path, MANIFEST_FILE)
    if not os.path.isfile(manifest_path):
        raise ValueError(
            f"cornu.export.load(): {path!r} is not a cornu export (no {MANIFEST_FILE} in it). "
            "Write one with `model.export(path)`.")
    with open(manifest_path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    if manifest.get("format") != FORMAT_NAME or manifest.get("version", 0) > FORMAT_VERSION:
        raise ValueError(
            f"cornu.export.load(): {path!r} has format {manifest.get('format')!r} version "
            f"{manifest.get('version')!r}; this cornu reads {FORMAT_NAME!r} up to version "
            f"{FORMAT_VERSION}.")
    if manifest["backend"] != backend.backend():
        raise ValueError(
            f"cornu.export.load(): {path!r} was exported with the {manifest['backend']!r} "
            f"engine, but cornu is running on {backend.backend()!r}. Load it in a process "
            f"started with CORNU_BACKEND={manifest['backend']}.")
    engine = engine_export_module(manifest["backend"])
    with open(os.path.join(path, manifest["program"]), "rb") as handle:
        program = engine.load_program(handle.read())
    with np.load(os.path.join(path, manifest["weights"]), allow_pickle=False) as arrays:
        weights = [backend.convert_to_tensor(arrays[f"w{index}"],
                                             dtype=str(arrays[f"w{index}"].dtype))
                   for index in range(manifest["num_weights"])]
    return ServedModel(path, manifest, program, weights)
