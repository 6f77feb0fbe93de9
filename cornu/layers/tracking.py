"""Find sublayers, variables and seed generators held in a layer's attributes.

Attributes are scanned in assignment order (including inside lists, tuples and
dicts), so users never register anything by hand.
"""
from cornu import backend

# Attributes that hold graph bookkeeping or caches, never owned state.
_SKIPPED = frozenset({
    # graph bookkeeping
    "_inbound_nodes", "_outbound_nodes", "_trainable_variables", "_non_trainable_variables",
    "_losses", "_init_args", "_init_kwargs", "_build_shapes_dict", "_operations", "_nodes",
    "_runners", "_inputs_struct", "_outputs_struct", "_inputs", "_outputs", "_functional",
    "_symbolic_metrics",
    # trainer state: optimizer, metrics and caches of variables owned elsewhere
    "optimizer", "history", "_compile_loss", "_compile_metrics", "_loss_tracker",
    "_output_loss_trackers", "_added_metrics", "_added_metric_values", "_compile_config",
    "_step_functions", "_variables_cache",
})


def _walk(value, depth=0):
    if depth > 4:
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, depth + 1)
    else:
        yield value


def _attribute_values(obj):
    for key, value in obj.__dict__.items():
        if key in _SKIPPED or key.startswith("__"):
            continue
        yield from _walk(value)


def attribute_layers(obj):
    from cornu.layers.layer import Layer

    own = getattr(obj, "_tracked_layers_override", None)
    if own is not None:
        return own()
    result, seen = [], set()
    for value in _attribute_values(obj):
        if isinstance(value, Layer) and value is not obj and id(value) not in seen:
            seen.add(id(value))
            result.append(value)
    return result


def attribute_variables(obj):
    return [v for v in _attribute_values(obj) if isinstance(v, backend.Variable)]


def attribute_seed_generators(obj):
    from cornu.random.seed_generator import SeedGenerator

    return [v for v in _attribute_values(obj) if isinstance(v, SeedGenerator)]
