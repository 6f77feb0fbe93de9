"""`Functional`: a model defined by a graph of layer calls on symbolic tensors."""
import warnings

import numpy as np
import optree

from cornu import backend
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.core.input_layer import InputLayer
from cornu.layers.layer import Layer
from cornu.models.model import Model


def _is_kt(value):
    return isinstance(value, KerasTensor)


def _flatten(structure):
    return optree.tree_leaves(structure, is_leaf=_is_kt, none_is_leaf=True)


class _NodeRunner:
    """Precomputed argument layout of one node, so a forward pass does no tree walking."""

    __slots__ = ("node", "operation", "leaves", "treedef", "positions", "input_ids",
                 "output_ids", "single_input")

    def __init__(self, node):
        self.node = node
        self.operation = node.operation
        leaves, self.treedef = optree.tree_flatten(
            (node.call_args, node.call_kwargs), is_leaf=_is_kt, none_is_leaf=True)
        self.leaves = leaves
        self.positions = [i for i, leaf in enumerate(leaves) if _is_kt(leaf)]
        self.input_ids = [id(leaves[i]) for i in self.positions]
        self.output_ids = [id(t) for t in node.output_tensors]
        self.single_input = (len(node.call_args) == 1 and _is_kt(node.call_args[0])
                             and not any(_is_kt(v) for v in _flatten(node.call_kwargs)))

    def run(self, values):
        if self.single_input:
            outputs = self.operation(values[self.input_ids[0]], **self.node.call_kwargs)
        else:
            filled = list(self.leaves)
            for position, key in zip(self.positions, self.input_ids):
                filled[position] = values[key]
            args, kwargs = optree.tree_unflatten(self.treedef, filled)
            outputs = self.operation(*args, **kwargs)
        if len(self.output_ids) == 1 and not isinstance(outputs, (list, tuple, dict)):
            values[self.output_ids[0]] = outputs
        else:
            flat = optree.tree_leaves(outputs, none_is_leaf=True)
            for key, value in zip(self.output_ids, flat):
                values[key] = value


class Functional(Model):
    """A model built from `inputs` and `outputs` symbolic tensors.

    Args:
        inputs: a KerasTensor, or a list/tuple/dict of them (dict keys name the inputs).
        outputs: a KerasTensor, or a list/tuple/dict of them.
        name: model name.

    Example:

        inputs = cornu.Input(shape=(3,))
        outputs = cornu.layers.Dense(2)(inputs)
        model = cornu.Model(inputs, outputs)
    """

    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        Model.__init__(self, name=name, trainable=trainable, **kwargs)
        if isinstance(inputs, dict):
            for key, tensor in inputs.items():
                if _is_kt(tensor) and tensor.name and tensor.name != key:
                    warnings.warn(
                        f"Input dict key {key!r} differs from the Input's name {tensor.name!r}; "
                        "the key is used to match data.", stacklevel=2)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._inputs = _flatten(inputs)
        self._outputs = _flatten(outputs)
        for index, tensor in enumerate(self._inputs):
            if not _is_kt(tensor):
                raise TypeError(
                    f"Model inputs must be symbolic tensors from `cornu.Input()`; input {index} "
                    f"is a {type(tensor).__name__}.")
        for index, tensor in enumerate(self._outputs):
            if not _is_kt(tensor):
                raise TypeError(
                    f"Model outputs must be symbolic tensors produced by layers; output {index} "
                    f"is a {type(tensor).__name__}.")
        self._symbolic_metrics = []
        self._build_graph()
        self.built = True

    # ------------------------------------------------------------------ graph
    def _build_graph(self):
        input_ids = {id(t) for t in self._inputs}
        targets = self._outputs + [tensor for _, tensor in self._symbolic_metrics]
        order, depth = [], {}
        visiting, done = set(), set()

        def visit(tensor, level):
            if id(tensor) in input_ids:
                return
            history = tensor._keras_history
            if history is None:
                raise ValueError(
                    f"Graph disconnected: tensor {tensor} was not produced by a layer call and "
                    "is not one of the model inputs.")
            node = history.operation._inbound_nodes[history.node_index]
            if node.is_input:
                raise ValueError(
                    f"Graph disconnected: cannot obtain value for tensor {tensor} at layer "
                    f"{history.operation.name!r}: this Input is not among the model inputs "
                    f"({[t.name for t in self._inputs]}).")
            key = id(node)
            depth[key] = max(depth.get(key, 0), level)
            if key in visiting:
                raise ValueError(f"The graph has a cycle at layer {node.operation.name!r}.")
            if key not in done:
                visiting.add(key)
                for parent in node.input_tensors:
                    visit(parent, level + 1)
                visiting.discard(key)
                done.add(key)
                order.append(node)
            else:
                for parent in node.input_tensors:
                    visit_depth(parent, level + 1)

        def visit_depth(tensor, level):
            if id(tensor) in input_ids or tensor._keras_history is None:
                return
            history = tensor._keras_history
            node = history.operation._inbound_nodes[history.node_index]
            if node.is_input or depth.get(id(node), -1) >= level:
                return
            depth[id(node)] = level
            for parent in node.input_tensors:
                visit_depth(parent, level + 1)

        for tensor in targets:
            visit(tensor, 0)
        position = {id(node): index for index, node in enumerate(order)}
        order.sort(key=lambda node: (-depth[id(node)], position[id(node)]))
        self._nodes = order
        self._runners = [_NodeRunner(node) for node in order]

        operations = []
        seen = set()
        for tensor in self._inputs:
            history = tensor._keras_history
            operation = history.operation if history is not None else None
            if operation is not None and id(operation) not in seen:
                seen.add(id(operation))
                operations.append(operation)
        for node in order:
            if id(node.operation) not in seen:
                seen.add(id(node.operation))
                operations.append(node.operation)
        self._operations = operations
        used = {id(t) for node in order for t in node.input_tensors} | \
            {id(t) for t in self._outputs}
        for tensor in self._inputs:
            if id(tensor) not in used:
                warnings.warn(
                    f"Model input {tensor.name!r} is not connected to any output.", stacklevel=3)

    def _tracked_layers_override(self):
        return [op for op in self._operations if isinstance(op, Layer)]

    @property
    def layers(self):
        return [op for op in self._operations if isinstance(op, Layer)]

    @property
    def operations(self):
        return list(self._operations)

    @property
    def inputs(self):
        return list(self._inputs)

    @property
    def outputs(self):
        return list(self._outputs)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_names(self):
        return [t.name for t in self._inputs]

    @property
    def output_names(self):
        names = []
        if isinstance(self._outputs_struct, dict):
            return list(self._outputs_struct.keys())
        for tensor in self._outputs:
            history = tensor._keras_history
            names.append(history.operation.name if history is not None else tensor.name)
        return names

    @property
    def input_shape(self):
        shapes = [t.shape for t in self._inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = [t.shape for t in self._outputs]
        return shapes[0] if len(shapes) == 1 else shapes

    def add_metric(self, value, name=None, aggregation="mean"):
        """Track the mean of a tensor of this graph (Keras 2 idiom) as metric `name`."""
        if not _is_kt(value):
            return Model.add_metric(self, value, name=name, aggregation=aggregation)
        if not name:
            raise ValueError("add_metric() on a symbolic tensor needs a `name`.")
        self._symbolic_metrics.append((name, value))
        self._build_graph()
        if getattr(self, "_compile_state", None) is not None:
            self._compile_state.reset_added_metrics()

    # -------------------------------------------------------------------- call
    def call(self, inputs, training=None, mask=None):
        flat = self._standardize_inputs(inputs)
        values = {id(tensor): value for tensor, value in zip(self._inputs, flat)}
        for runner in self._runners:
            runner.run(values)
        for name, tensor in self._symbolic_metrics:
            self._added_metric_values[name] = values[id(tensor)]
        if len(self._outputs) == 1 and _is_kt(self._outputs_struct):
            return values[id(self._outputs[0])]
        leaves = [values[id(t)] for t in self._outputs]
        return optree.tree_unflatten(
            optree.tree_structure(self._outputs_struct, is_leaf=_is_kt, none_is_leaf=True),
            leaves)

    def _standardize_inputs(self, inputs):
        struct = self._inputs_struct
        names = self.input_names
        if isinstance(inputs, dict):
            missing = [n for n in names if n not in inputs]
            unknown = [k for k in inputs if k not in names]
            if missing or (unknown and len(inputs) != len(names)):
                raise ValueError(
                    f"Model {self.name!r} expects inputs named {names}; missing: {missing}, "
                    f"unknown: {unknown}.")
            if unknown:
                raise ValueError(
                    f"Model {self.name!r} received unknown input keys {unknown}; expected "
                    f"{names}.")
            flat = [inputs[n] for n in names]
        elif isinstance(struct, dict) and not isinstance(inputs, (list, tuple)):
            if len(names) != 1:
                raise ValueError(
                    f"Model {self.name!r} expects a dict with keys {names}, received a single "
                    "tensor.")
            flat = [inputs]
        elif isinstance(inputs, (list, tuple)):
            flat = _flatten(list(inputs)) if len(names) > 1 else list(inputs)
            if len(names) == 1 and len(flat) == 1:
                pass
            elif len(flat) != len(names):
                raise ValueError(
                    f"Model {self.name!r} expects {len(names)} input(s) {names}, but received "
                    f"{len(flat)}.")
        else:
            flat = [inputs]
            if len(names) != 1:
                raise ValueError(
                    f"Model {self.name!r} expects {len(names)} inputs {names}, but received a "
                    "single tensor.")
        return [self._conform_input(value, spec) for value, spec in zip(flat, self._inputs)]

    def _convert_input(self, x):
        # Each input is conformed to its Input layer's dtype in `_conform_input`, and each
        # layer casts for itself; a model-level mixed policy must not round the inputs.
        return x

    def _conform_input(self, value, spec):
        if value is None:
            return None
        if _is_kt(value):
            return value
        if not backend.is_tensor(value):
            value = backend.convert_to_tensor(np.asarray(value), dtype=spec.dtype)
        elif spec.dtype != backend.standardize_dtype(value.dtype) and \
                not isinstance(value, backend.Variable):
            value = backend.cast(value, spec.dtype)
        shape = tuple(value.shape)
        expected = spec.shape
        if len(shape) != len(expected):
            if len(shape) == len(expected) + 1 and shape[-1] == 1:
                value = value.reshape(shape[:-1]) if hasattr(value, "reshape") else value
            elif len(shape) + 1 == len(expected) and expected[-1] == 1:
                value = value[..., None]
            else:
                raise ValueError(
                    f"Input {spec.name!r} of model {self.name!r} expects shape {expected} "
                    f"(rank {len(expected)}), but received an input with shape {shape} "
                    f"(rank {len(shape)}).")
        else:
            for axis, (want, got) in enumerate(zip(expected, shape)):
                if want is not None and axis > 0 and want != got:
                    raise ValueError(
                        f"Input {spec.name!r} of model {self.name!r} expects shape {expected}, "
                        f"but received an input with shape {shape}.")
        return value

    def build(self, input_shape=None):
        self.built = True

    def get_build_config(self):
        return {"input_shape": None}

    # ------------------------------------------------------------------ config
    def get_config(self):
        from cornu.models import functional_config

        return functional_config.functional_get_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.models import functional_config

        return functional_config.functional_from_config(cls, config, custom_objects)


def is_input_layer(operation):
    return isinstance(operation, InputLayer)
