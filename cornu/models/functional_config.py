"""Functional graph <-> config dict, in the Keras 3 layout (KERAS_FORMAT.md §3.4).

Each layer entry is the layer's serialized dict plus `name` and `inbound_nodes`
(one `{"args": ..., "kwargs": ...}` per call that belongs to this model, with
symbolic tensors as `__keras_tensor__` entries whose `keras_history` node
indices count only this model's nodes). A nested Functional model counts one
extra node (Keras gives it node 0 at construction), so its indices shift by one.
"""
import optree

from cornu.backend.common.keras_tensor import KerasTensor


def _is_kt(value):
    return isinstance(value, KerasTensor)


def _node_shift(operation):
    from cornu.models.functional import Functional

    return 1 if isinstance(operation, Functional) else 0


def functional_get_config(model):
    from cornu.layers.core.input_layer import InputLayer
    from cornu.saving import serialization_lib

    own_nodes = {id(node) for node in model._nodes}
    for tensor in model._inputs:
        history = tensor._keras_history
        if history is not None:
            own_nodes.add(id(history.operation._inbound_nodes[history.node_index]))

    def local_index(operation, node_index):
        node = operation._inbound_nodes[node_index]
        kept = [n for n in operation._inbound_nodes if id(n) in own_nodes]
        return kept.index(node) + _node_shift(operation)

    def history_of(tensor):
        history = tensor._keras_history
        return [history.operation.name, local_index(history.operation, history.node_index),
                history.tensor_index]

    def serialize_argument(value):
        if _is_kt(value):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(value.shape), "dtype": value.dtype,
                               "keras_history": history_of(value)}}
        return serialization_lib.serialize_keras_object(value)

    layers = []
    for operation in model._operations:
        entry = serialization_lib.serialize_keras_object(operation)
        entry["name"] = operation.name
        inbound = []
        if not isinstance(operation, InputLayer):
            for node in operation._inbound_nodes:
                if id(node) not in own_nodes:
                    continue
                args = optree.tree_map(serialize_argument, list(node.call_args),
                                       is_leaf=_is_kt, none_is_leaf=True)
                kwargs = {key: optree.tree_map(serialize_argument, value, is_leaf=_is_kt,
                                               none_is_leaf=True)
                          for key, value in node.call_kwargs.items()}
                inbound.append({"args": args, "kwargs": kwargs})
        entry["inbound_nodes"] = inbound
        layers.append(entry)

    def structure(value):
        if isinstance(value, dict):
            return {key: structure(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [structure(item) for item in value]
        return history_of(value)

    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": structure(model._inputs_struct),
            "output_layers": structure(model._outputs_struct)}


def _is_triple(value):
    return isinstance(value, (list, tuple)) and len(value) == 3 and isinstance(value[0], str)


def functional_from_config(cls, config, custom_objects=None):
    from cornu.saving import serialization_lib

    created = {}
    node_outputs = {}
    queue = []
    for layer_data in config["layers"]:
        name = layer_data.get("name") or layer_data.get("config", {}).get("name")
        layer_config = {k: v for k, v in layer_data.items() if k not in ("name", "inbound_nodes")}
        layer = serialization_lib.deserialize_keras_object(layer_config,
                                                           custom_objects=custom_objects)
        created[name] = layer
        output_tensor = getattr(layer, "output_tensor", None)
        node_outputs[name] = [[output_tensor]] if output_tensor is not None else []
        for node_data in layer_data.get("inbound_nodes", []):
            queue.append((name, layer, node_data))

    def tensor_for(layer_name, node_index, tensor_index):
        operation = created[layer_name]
        index = node_index - _node_shift(operation)
        return node_outputs[layer_name][index][tensor_index]

    def resolve(value):
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            layer_name, node_index, tensor_index = value["config"]["keras_history"]
            return tensor_for(layer_name, node_index, tensor_index)
        if isinstance(value, dict) and "class_name" in value:
            return serialization_lib.deserialize_keras_object(value,
                                                              custom_objects=custom_objects)
        if isinstance(value, dict):
            return {key: resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return value

    def call_node(name, layer, node_data):
        if isinstance(node_data, dict):
            args = [resolve(arg) for arg in node_data.get("args", [])]
            kwargs = {key: resolve(value) for key, value in node_data.get("kwargs", {}).items()}
        else:  # Keras 2: [[layer_name, node_index, tensor_index, kwargs], ...]
            tensors = [tensor_for(entry[0], entry[1], entry[2]) for entry in node_data]
            kwargs = node_data[0][3] if node_data and len(node_data[0]) > 3 else {}
            args = [tensors[0] if len(tensors) == 1 else tensors]
        outputs = layer(*args, **kwargs)
        flat = optree.tree_leaves(outputs, is_leaf=_is_kt, none_is_leaf=True)
        node_outputs[name].append(flat)

    while queue:
        remaining = []
        for name, layer, node_data in queue:
            # Nodes of one layer must be created in order.
            if any(pending_name == name for pending_name, _, _ in remaining):
                remaining.append((name, layer, node_data))
                continue
            try:
                call_node(name, layer, node_data)
            except (IndexError, KeyError):
                remaining.append((name, layer, node_data))
        if len(remaining) == len(queue):
            names = sorted({name for name, _, _ in remaining})
            raise ValueError(
                f"Cannot rebuild the Functional model {config.get('name')!r}: the inputs of "
                f"layers {names} are never produced (the graph is disconnected or cyclic).")
        queue = remaining

    def structure(value):
        if _is_triple(value):
            return tensor_for(value[0], value[1], value[2])
        if isinstance(value, dict):
            return {key: structure(item) for key, item in value.items()}
        return [structure(item) for item in value]

    inputs = structure(config["input_layers"])
    outputs = structure(config["output_layers"])
    return cls(inputs=inputs, outputs=outputs, name=config.get("name"),
               trainable=config.get("trainable", True))
