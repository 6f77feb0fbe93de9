"""Inference programs for `cornu.export` on JAX: `jax.export` StableHLO, no Python classes.

`fn(weights, inputs) -> list of outputs` is jitted and exported once with a
symbolic batch dimension. jax's own `Exported.serialize()` needs the optional
`flatbuffers` package, so the few metadata fields of a plain single-device CPU
export are written as JSON next to the StableHLO bytecode instead, and the
`Exported` record is rebuilt from them on load.
"""
import json
import struct

import jax
from jax import export as jax_export

_HEADER = struct.Struct("<Q")


def _symbolic_input_specs(input_specs, scope):
    specs = []
    for index, (shape, dtype) in enumerate(input_specs):
        dims = []
        for axis, size in enumerate(shape):
            if size is None:
                dims.append("batch" if axis == 0 else f"input{index}_axis{axis}")
            else:
                dims.append(str(int(size)))
        symbolic = jax_export.symbolic_shape(",".join(dims), scope=scope) if dims else ()
        specs.append(jax.ShapeDtypeStruct(symbolic, dtype))
    return specs


def _aval_record(aval):
    return {"shape": [str(dim) for dim in aval.shape], "dtype": str(aval.dtype)}


def _check_plain(exported):
    problems = []
    if exported.ordered_effects or exported.unordered_effects:
        problems.append("side effects")
    if any(s is not None for s in exported.in_shardings_hlo + exported.out_shardings_hlo):
        problems.append("shardings")
    if exported.disabled_safety_checks:
        problems.append("disabled safety checks")
    if exported.nr_devices != 1:
        problems.append(f"{exported.nr_devices} devices")
    if problems:
        raise ValueError(
            f"the traced program uses {', '.join(problems)}, which cornu's JAX export "
            "format does not record.")


def export_program(fn, weight_values, input_specs):
    """Trace `fn(weights, inputs)` into a serialized program.

    Args:
        fn: callable taking a list of weight arrays and a list of input arrays and
            returning a list of output arrays.
        weight_values: the current weight arrays (their shapes are fixed).
        input_specs: `(shape, dtype)` per input; `None` dimensions stay symbolic.

    Returns:
        The serialized program as bytes.

    Example:

        data = export_program(fn, weights, [((None, 64), "float32")])
    """
    weight_specs = [jax.ShapeDtypeStruct(tuple(w.shape), w.dtype) for w in weight_values]

    def flat_fn(weights, inputs):
        return list(fn(list(weights), list(inputs)))

    scope = jax_export.SymbolicScope()
    exported = jax_export.export(jax.jit(flat_fn))(
        weight_specs, _symbolic_input_specs(input_specs, scope))
    _check_plain(exported)
    header = {
        "fun_name": exported.fun_name,
        "num_weights": len(weight_specs), "num_inputs": len(input_specs),
        "num_outputs": exported.out_tree.num_leaves,
        "in_avals": [_aval_record(a) for a in exported.in_avals],
        "out_avals": [_aval_record(a) for a in exported.out_avals],
        "has_named_shardings": exported._has_named_shardings,
        "platforms": list(exported.platforms),
        "calling_convention_version": exported.calling_convention_version,
        "module_kept_var_idx": list(exported.module_kept_var_idx),
        "uses_global_constants": exported.uses_global_constants,
    }
    encoded = json.dumps(header).encode("utf-8")
    return _HEADER.pack(len(encoded)) + encoded + bytes(exported.mlir_module_serialized)


def _rebuild_avals(records, scope):
    avals = []
    for record in records:
        text = ",".join(record["shape"])
        shape = jax_export.symbolic_shape(text, scope=scope) if text else ()
        avals.append(jax.core.ShapedArray(shape, record["dtype"]))
    return tuple(avals)


def load_program(data):
    """Rebuild a callable `(weights, inputs) -> list of outputs` from `export_program` bytes."""
    (length,) = _HEADER.unpack_from(data, 0)
    header = json.loads(bytes(data[_HEADER.size:_HEADER.size + length]).decode("utf-8"))
    module = bytes(data[_HEADER.size + length:])
    scope = jax_export.SymbolicScope()
    in_tree = jax.tree_util.tree_structure(
        (([0] * header["num_weights"], [0] * header["num_inputs"]), {}))
    out_tree = jax.tree_util.tree_structure([0] * header["num_outputs"])
    in_avals = _rebuild_avals(header["in_avals"], scope)
    out_avals = _rebuild_avals(header["out_avals"], scope)
    exported = jax_export.Exported(
        fun_name=header["fun_name"], in_tree=in_tree, in_avals=in_avals, out_tree=out_tree,
        out_avals=out_avals, _has_named_shardings=header["has_named_shardings"],
        _in_named_shardings=(None,) * len(in_avals),
        _out_named_shardings=(None,) * len(out_avals),
        in_shardings_hlo=(None,) * len(in_avals), out_shardings_hlo=(None,) * len(out_avals),
        nr_devices=1, platforms=tuple(header["platforms"]), ordered_effects=(),
        unordered_effects=(), disabled_safety_checks=(), mlir_module_serialized=module,
        calling_convention_version=header["calling_convention_version"],
        module_kept_var_idx=tuple(header["module_kept_var_idx"]),
        uses_global_constants=header["uses_global_constants"], _get_vjp=None)

    def run(weights, inputs):
        return list(exported.call(list(weights), list(inputs)))

    return run


def program_suffix():
    """File name suffix of a serialized program."""
    return ".jaxexport"
