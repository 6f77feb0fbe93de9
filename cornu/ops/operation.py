"""`Operation`: anything that can be called on tensors and recorded in a graph."""
from cornu import backend
from cornu.backend.common import naming
from cornu.backend.common.keras_tensor import any_symbolic
from cornu.ops.node import Node


class Operation:
    def __init__(self, name=None):
        if name is None:
            name = naming.uniquify(naming.to_snake_case(type(self).__name__))
        elif not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"{type(self).__name__}: `name` must be a string without '/', received {name!r}.")
        self.name = name
        self._inbound_nodes = []
        self._outbound_nodes = []

    def __call__(self, *args, **kwargs):
        if any_symbolic(args, kwargs):
            return self.symbolic_call(*args, **kwargs)
        return self.call(*args, **kwargs)

    def symbolic_call(self, *args, **kwargs):
        outputs = self.compute_output_spec(*args, **kwargs)
        Node(self, call_args=args, call_kwargs=kwargs, outputs=outputs)
        return outputs

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__}.call() is not implemented.")

    def compute_output_spec(self, *args, **kwargs):
        return backend.compute_output_spec(self.call, *args, **kwargs)

    def get_config(self):
        return {"name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def _node_output(self, attribute):
        if not self._inbound_nodes:
            raise AttributeError(
                f"Operation {self.name!r} has never been called on a symbolic input, so it "
                f"has no `{attribute}`.")
        if len(self._inbound_nodes) > 1:
            raise AttributeError(
                f"Operation {self.name!r} has been called {len(self._inbound_nodes)} times; "
                f"`{attribute}` is ambiguous. Use `get_{attribute}_at(node_index)`.")
        return self._inbound_nodes[0]

    def get_input_at(self, node_index):
        return _unwrap_single(self._inbound_nodes[node_index].input_tensors)

    def get_output_at(self, node_index):
        return self._inbound_nodes[node_index].outputs_structure

    @property
    def input(self):
        return _unwrap_single(self._node_output("input").input_tensors)

    @property
    def output(self):
        return self._node_output("output").outputs_structure


def _unwrap_single(tensors):
    return tensors[0] if len(tensors) == 1 else list(tensors)


class FunctionOperation(Operation):
    """Wraps a `cornu.ops` function called on symbolic tensors (a node in a Functional graph)."""

    def __init__(self, fn, name):
        super().__init__(name=naming.uniquify(name))
        self.fn = fn
        self.op_name = name

    def call(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def get_config(self):
        return {"name": self.name, "function": self.op_name}
