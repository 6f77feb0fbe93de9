"""`Sequential`: a plain stack of layers, one input and one output."""
import contextlib

from cornu.backend.common import naming
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.core.input_layer import InputLayer
from cornu.layers.layer import Layer
from cornu.models.functional import Functional
from cornu.models.model import Model


class Sequential(Model):
    """A linear stack of layers.

    Args:
        layers: optional list of layers (an `Input` may come first).
        trainable: whether the weights are trainable.
        name: model name.

    The model builds as soon as its input shape is known (from an `Input`, an
    `input_shape=` argument on the first layer, `build()`, or the first call).

    Example:

        model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    """

    def __init__(self, layers=None, trainable=True, name=None, **kwargs):
        Model.__init__(self, trainable=trainable, name=name, **kwargs)
        self._stack = []
        self._functional = None
        for layer in layers or []:
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Append a layer (or an `Input`) to the stack."""
        if isinstance(layer, KerasTensor):
            history = layer._keras_history
            if history is None or not isinstance(history.operation, InputLayer):
                raise ValueError(
                    "Sequential.add() accepts layers or the output of `cornu.Input()`; received "
                    f"a symbolic tensor produced by {history.operation.name if history else '?'}.")
            layer = history.operation
        if not isinstance(layer, Layer):
            raise TypeError(
                f"Sequential.add() expects a Layer instance, received {layer!r} of type "
                f"{type(layer).__name__}.")
        if isinstance(layer, InputLayer):
            if self._stack and isinstance(self._stack[0], InputLayer):
                raise ValueError(
                    f"Sequential model {self.name!r} already has an Input; it cannot take a "
                    f"second one ({layer.name!r}).")
            if self._stack:
                raise ValueError(
                    f"Sequential model {self.name!r}: an Input must be added before any other "
                    "layer.")
        elif not self._stack and getattr(layer, "_batch_input_shape", None) is not None:
            self._stack.append(InputLayer(batch_shape=layer._batch_input_shape))
        names = {existing.name for existing in self._stack}
        if layer.name in names:
            raise ValueError(
                f"All layers added to a Sequential model should have unique names. Name "
                f"{layer.name!r} is already the name of a layer in this model.")
        self._stack.append(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False
            self._functional = None

    def pop(self, rebuild=True):
        """Remove the last layer and return it."""
        if not self.layers:
            raise TypeError(f"Sequential model {self.name!r} has no layers to pop.")
        layer = self._stack.pop()
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        self.built = False
        self._functional = None
        if self._stack and isinstance(self._stack[0], InputLayer):
            self.build(self._stack[0].batch_shape)

    def _tracked_layers_override(self):
        return self.layers

    @property
    def layers(self):
        return [layer for layer in self._stack if not isinstance(layer, InputLayer)]

    def build(self, input_shape=None):
        if input_shape is None:
            raise ValueError(f"Sequential model {self.name!r}: build() needs an input_shape.")
        input_shape = tuple(input_shape)
        if self._stack and isinstance(self._stack[0], InputLayer):
            input_layer = self._stack[0]
            if tuple(input_layer.batch_shape) != input_shape:
                input_layer = InputLayer(batch_shape=input_shape, dtype=input_layer.dtype)
                self._stack[0] = input_layer
        else:
            input_layer = InputLayer(batch_shape=input_shape)
            self._stack.insert(0, input_layer)
        inputs = input_layer.output_tensor
        x = inputs
        previous = input_layer
        # Weights created here get paths under the model's name, as when built in a call.
        scope = naming.name_scope(self.name) if naming.current_path().split("/")[-1] != \
            self.name else contextlib.nullcontext()
        with scope:
            x = self._call_stack_symbolically(x, previous)
        self._functional = Functional(inputs, x, name=f"{self.name}_graph")
        self._build_shapes_dict = {"input_shape": list(input_shape)}
        self.built = True

    def _call_stack_symbolically(self, x, previous):
        for index, layer in enumerate(self.layers):
            try:
                x = layer(x)
            except Exception as error:
                shape = x.shape if isinstance(x, KerasTensor) else "?"
                raise type(error)(
                    f"Sequential model {self.name!r}: layer {layer.name!r} (index {index}) "
                    f"cannot be applied to the output of {previous.name!r}, which has shape "
                    f"{shape}: {error}") from error
            previous = layer
        return x

    def _convert_input(self, x):
        # Inputs are conformed to the Input layers' dtypes (see Functional); a model-level
        # mixed policy must not round them to its compute dtype first.
        return x

    def call(self, inputs, training=None, mask=None):
        if self._functional is None:
            if not self.layers:
                raise ValueError(f"Sequential model {self.name!r} has no layers to call.")
            shape = tuple(inputs.shape)
            self.build((None,) + shape[1:])
        return self._functional.call(inputs, training=training, mask=mask)

    def compute_output_spec(self, inputs, training=None, mask=None):
        if self._functional is None:
            self.build((None,) + tuple(inputs.shape)[1:])
        return self._functional.compute_output_spec(inputs, training=training, mask=mask)

    @property
    def inputs(self):
        return self._functional.inputs if self._functional is not None else None

    @property
    def outputs(self):
        return self._functional.outputs if self._functional is not None else None

    @property
    def input(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model {self.name!r} is not built: no input yet.")
        return self._functional.input

    @property
    def output(self):
        if self._functional is None:
            raise AttributeError(f"Sequential model {self.name!r} is not built: no output yet.")
        return self._functional.output

    @property
    def input_shape(self):
        return self._functional.input_shape if self._functional is not None else None

    @property
    def output_shape(self):
        return self._functional.output_shape if self._functional is not None else None

    @property
    def input_names(self):
        return self._functional.input_names if self._functional is not None else []

    @property
    def output_names(self):
        return self._functional.output_names if self._functional is not None else []

    def _flat_nodes(self):
        return self._functional._nodes if self._functional is not None else []

    def get_config(self):
        from cornu.saving import serialization_lib

        layers = [serialization_lib.serialize_keras_object(layer) for layer in self._stack]
        config = Layer.get_config(self)
        config = {"name": config["name"], "trainable": config["trainable"],
                  "dtype": config["dtype"], "layers": layers}
        if self._build_shapes_dict is not None:
            config["build_input_shape"] = self._build_shapes_dict["input_shape"]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.saving import serialization_lib

        model = cls(name=config.get("name"), trainable=config.get("trainable", True),
                    dtype=config.get("dtype"))
        for layer_config in config["layers"]:
            layer = serialization_lib.deserialize_keras_object(
                layer_config, custom_objects=custom_objects)
            model.add(layer, rebuild=False)
        if not model.built and config.get("build_input_shape") and not (
                model._stack and isinstance(model._stack[0], InputLayer)):
            model.build(config["build_input_shape"])
        else:
            model._maybe_rebuild()
        return model
