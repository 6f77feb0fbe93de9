"""`export_model`: write a model as a self-contained inference artifact (see docs/EXPORT.md)."""
import importlib
import json
import os
import sys

import numpy as np
import optree

from cornu import backend
from cornu.export import signature
from cornu.saving.atomic import atomic_directory

FORMAT_NAME = "cornu-export"
FORMAT_VERSION = 1
MANIFEST_FILE = "cornu_export.json"
WEIGHTS_FILE = "weights.npz"
PROGRAM_STEM = "program"
SUPPORTED_FORMATS = ("cornu",)


def engine_export_module(engine_name=None):
    """The `export` module of the engine package (`cornu/backend/<engine>/export.py`)."""
    return importlib.import_module(f"cornu.backend.{engine_name or backend.backend()}.export")


def _inference_function(model, kind, names, trainable_count, output_holder):
    def run(weights, inputs):
        if kind == "single":
            structured = inputs[0]
        elif kind == "dict":
            structured = dict(zip(names, inputs))
        else:
            structured = list(inputs)
        outputs, _ = model.stateless_call(weights[:trainable_count], weights[trainable_count:],
                                          structured, training=False)
        leaves, treedef = optree.tree_flatten(outputs, none_is_leaf=True)
        output_holder["treedef"] = treedef
        return leaves

    return run


def export_model(model, filepath, format="cornu", verbose=True, input_signature=None,
                 **kwargs):
    """Write `model` to the directory `filepath` as an artifact `cornu.export.load` can serve.

    The artifact holds a traced inference program (a `torch.export` or `jax.export`
    graph of engine operations), the weight values and a JSON manifest, so the
    model's Python classes are not needed to load it.

    Args:
        model: a built cornu Model (Sequential, Functional or subclassed).
        filepath: directory to create (replaced atomically if it exists).
        format: only `"cornu"` is supported (Keras's `"tf_saved_model"` needs TensorFlow).
        verbose: print where the artifact went and its endpoint (to stderr).
        input_signature: optional KerasTensor/InputSpec/shape (or list/dict of them)
            overriding the inputs inferred from the model.

    Returns:
        None.

    Example:

        model.export("served_model")
        reloaded = cornu.export.load("served_model")
        predictions = reloaded.serve(x)
    """
    if kwargs:
        raise TypeError(f"export() got unexpected keyword arguments {sorted(kwargs)}.")
    if format not in SUPPORTED_FORMATS:
        raise ValueError(
            f"export(): unsupported format {format!r}; cornu writes format='cornu' (a traced "
            "program loadable with cornu.export.load). 'tf_saved_model' and 'onnx' would need "
            "TensorFlow/ONNX, which cornu does not use.")
    if not getattr(model, "built", False):
        raise ValueError(
            f"export(): model {model.name!r} is not built yet. Call it on data (or fit it, or "
            "call `model.build(input_shape)`) before exporting.")
    kind, specs = signature.input_signature_of(model, input_signature)
    names = [spec["name"] for spec in specs]
    trainable = list(model.trainable_variables)
    non_trainable = list(model.non_trainable_variables)
    variables = trainable + non_trainable
    weight_values = [variable.value for variable in variables]

    output_holder = {}
    run = _inference_function(model, kind, names, len(trainable), output_holder)
    engine = engine_export_module()
    input_specs = [(tuple(spec["shape"]), spec["dtype"]) for spec in specs]
    try:
        program = engine.export_program(run, weight_values, input_specs)
    except Exception as error:
        raise RuntimeError(
            f"export(): could not trace model {model.name!r} on inputs {input_specs} with the "
            f"{backend.backend()} engine: {type(error).__name__}: {error}") from error
    treedef = output_holder["treedef"]
    output_structure = signature.encode_structure(
        optree.tree_unflatten(treedef, list(range(treedef.num_leaves))))

    program_file = PROGRAM_STEM + engine.program_suffix()
    manifest = {
        "format": FORMAT_NAME, "version": FORMAT_VERSION, "backend": backend.backend(),
        "model_name": model.name, "model_class": type(model).__name__,
        "program": program_file, "weights": WEIGHTS_FILE, "num_weights": len(variables),
        "weight_paths": [getattr(v, "path", v.name) for v in variables],
        "input_kind": kind, "inputs": specs, "outputs": output_structure,
        "endpoints": ["serve"],
    }
    arrays = {f"w{index}": np.asarray(backend.convert_to_numpy(value))
              for index, value in enumerate(weight_values)}
    with atomic_directory(filepath) as folder:
        # mkdtemp makes the staging folder private (0700); the artifact gets normal permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(folder, 0o777 & ~umask)
        with open(os.path.join(folder, program_file), "wb") as handle:
            handle.write(program)
        with open(os.path.join(folder, WEIGHTS_FILE), "wb") as handle:
            np.savez(handle, **arrays)
        with open(os.path.join(folder, MANIFEST_FILE), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2)
    if verbose:
        described = ", ".join(f"{spec['name']}: shape={tuple(spec['shape'])} dtype={spec['dtype']}"
                              for spec in specs)
        # A status message, not output: stderr keeps a script's stdout clean for its data.
        print(f"Saved artifact at '{os.fspath(filepath)}'. The following endpoints are "
              f"available:\n\n* Endpoint 'serve'\n  inputs ({kind}): {described}",
              file=sys.stderr)
    return None
