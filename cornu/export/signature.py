"""What an exported model takes and returns: input specs and nested structures as JSON."""
from cornu.backend.common.dtypes import standardize_dtype


def _is_shape(value):
    return isinstance(value, (list, tuple)) and \
        all(item is None or isinstance(item, int) for item in value)


def _spec_from_object(value, name, where):
    if _is_shape(value):
        return {"name": name, "shape": [None] + list(value)[1:], "dtype": None}
    shape = getattr(value, "shape", None)
    if shape is None or not _is_shape(tuple(shape)):
        raise ValueError(
            f"export: {where} must be a KerasTensor, an InputSpec or a shape tuple, received "
            f"{value!r} of type {type(value).__name__}.")
    dtype = getattr(value, "dtype", None)
    return {"name": getattr(value, "name", None) or name, "shape": list(shape),
            "dtype": standardize_dtype(dtype) if dtype is not None else None}


def _from_structure(structure, default_dtype, where):
    """`(kind, specs)` for a single spec, a list/tuple of specs or a dict of specs."""
    if isinstance(structure, dict):
        specs = [_spec_from_object(value, key, f"{where}[{key!r}]")
                 for key, value in structure.items()]
        for spec, key in zip(specs, structure):
            spec["name"] = key
        kind = "dict"
    elif isinstance(structure, (list, tuple)) and not _is_shape(structure):
        specs = [_spec_from_object(value, f"input_{index}", f"{where}[{index}]")
                 for index, value in enumerate(structure)]
        kind = "list"
    else:
        specs = [_spec_from_object(structure, "inputs", where)]
        kind = "single"
    for spec in specs:
        spec["dtype"] = spec["dtype"] or default_dtype
    return kind, specs


def input_signature_of(model, input_signature=None):
    """The inputs an export of `model` accepts.

    Args:
        model: a built cornu Model.
        input_signature: optional override: a KerasTensor/InputSpec/shape, or a list or
            dict of them (a one-element list means that single input).

    Returns:
        `(kind, specs)`: kind is `"single"`, `"list"` or `"dict"`; each spec is a dict
        with `name`, `shape` (None for unknown dimensions) and `dtype`.

    Example:

        kind, specs = input_signature_of(model)  # ("single", [{"shape": [None, 64], ...}])
    """
    from cornu.models.functional import Functional
    from cornu.models.sequential import Sequential

    default_dtype = model.compute_dtype
    if input_signature is not None:
        # Keras lists one spec per positional argument of `call`; a one-element list
        # therefore describes the single `inputs` argument.
        if isinstance(input_signature, (list, tuple)) and len(input_signature) == 1 and \
                not _is_shape(input_signature):
            input_signature = input_signature[0]
        return _from_structure(input_signature, default_dtype, "input_signature")
    graph = model._functional if isinstance(model, Sequential) else model
    if isinstance(graph, Functional):
        structure = graph._inputs_struct
        if isinstance(structure, dict):
            return _from_structure(structure, default_dtype, "model inputs")
        if isinstance(structure, (list, tuple)) and len(graph._inputs) > 1:
            kind, specs = _from_structure(list(graph._inputs), default_dtype, "model inputs")
            return kind, specs
        return _from_structure(graph._inputs[0], default_dtype, "model inputs")
    shapes = getattr(model, "_build_shapes_dict", None) or {}
    if len(shapes) != 1:
        raise ValueError(
            f"export: cannot tell which inputs model {model.name!r} takes (recorded build "
            f"shapes: {shapes or 'none'}). Call the model on data first, or pass "
            "`input_signature=` (e.g. `[cornu.InputSpec(shape=(None, 64), dtype='float32')]`).")
    shape = next(iter(shapes.values()))
    if isinstance(shape, (list, tuple)) and not _is_shape(shape):
        shape = [tuple(item) for item in shape]
    return _from_structure(shape, default_dtype, "the recorded input shape")


def encode_structure(structure):
    """JSON form of a nested list/tuple/dict whose leaves are integer positions."""
    if isinstance(structure, dict):
        return {"dict": {key: encode_structure(value) for key, value in structure.items()}}
    if isinstance(structure, tuple):
        return {"tuple": [encode_structure(value) for value in structure]}
    if isinstance(structure, list):
        return {"list": [encode_structure(value) for value in structure]}
    return int(structure)


def decode_structure(encoded, leaves):
    """Inverse of `encode_structure`, placing `leaves[i]` at each position `i`."""
    if isinstance(encoded, int):
        return leaves[encoded]
    if "dict" in encoded:
        return {key: decode_structure(value, leaves) for key, value in encoded["dict"].items()}
    if "tuple" in encoded:
        return tuple(decode_structure(value, leaves) for value in encoded["tuple"])
    return [decode_structure(value, leaves) for value in encoded["list"]]
