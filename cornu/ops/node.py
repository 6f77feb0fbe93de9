"""Graph nodes: one per call of an operation on symbolic tensors."""
import collections

import optree

from cornu.backend import KerasTensor

KerasHistory = collections.namedtuple("KerasHistory", ["operation", "node_index", "tensor_index"])


def _is_kt(value):
    return isinstance(value, KerasTensor)


class Node:
    """`operation` called on `arguments` (args, kwargs) produced `outputs`.

    Output tensors get `_keras_history = (operation, node_index, tensor_index)`.
    """

    def __init__(self, operation, call_args=(), call_kwargs=None, outputs=None):
        self.operation = operation
        self.call_args = tuple(call_args)
        self.call_kwargs = dict(call_kwargs or {})
        self.outputs_structure = outputs
        self.output_tensors = [t for t in optree.tree_leaves(outputs, is_leaf=_is_kt,
                                                               none_is_leaf=True) if _is_kt(t)]
        self.input_tensors = [
            t for t in optree.tree_leaves((self.call_args, self.call_kwargs), is_leaf=_is_kt,
                                          none_is_leaf=True)
            if _is_kt(t)
        ]
        self.node_index = len(operation._inbound_nodes)
        operation._inbound_nodes.append(self)
        for parent in self.parent_nodes:
            parent.operation._outbound_nodes.append(self)
        for index, tensor in enumerate(self.output_tensors):
            tensor._keras_history = KerasHistory(operation, self.node_index, index)

    @property
    def parent_nodes(self):
        parents = []
        for tensor in self.input_tensors:
            history = tensor._keras_history
            if history is not None:
                parents.append(history.operation._inbound_nodes[history.node_index])
        return parents

    @property
    def is_input(self):
        return not self.input_tensors

    def __repr__(self):
        return f"<Node {self.operation.name}#{self.node_index}>"
