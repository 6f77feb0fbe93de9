"""`Model`: a layer that can be trained, evaluated, saved and summarized."""
import json

from cornu import backend
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.layer import Layer
from cornu.trainers.trainer import Trainer

_functional_subclasses = {}


def _is_functional_call(args, kwargs):
    if "inputs" in kwargs and "outputs" in kwargs:
        return True
    if len(args) == 2:
        return True
    if len(args) == 1 and "outputs" in kwargs:
        return True
    return False


class Model(Trainer, Layer):
    """Groups layers into an object with training and inference features.

    Three ways to make one: `Model(inputs, outputs)` (Functional API), `Sequential([...])`,
    or subclassing `Model` and writing `call()`.

    Example:

        class MLP(cornu.Model):
            def __init__(self):
                super().__init__()
                self.hidden = cornu.layers.Dense(32, activation="relu")
                self.out = cornu.layers.Dense(10)

            def call(self, inputs, training=None):
                return self.out(self.hidden(inputs))
    """

    def __new__(cls, *args, **kwargs):
        from cornu.models.functional import Functional

        if _is_functional_call(args, kwargs) and not issubclass(cls, Functional):
            if cls is Model:
                cls = Functional
            else:
                # A subclass called with (inputs, outputs) becomes a Functional model that
                # keeps the subclass's overrides (e.g. a custom train_step).
                functional_cls = _functional_subclasses.get(cls)
                if functional_cls is None:
                    functional_cls = type(cls.__name__, (cls, Functional),
                                          {"__module__": cls.__module__})
                    _functional_subclasses[cls] = functional_cls
                cls = functional_cls
            instance = Layer.__new__(cls, *args, **kwargs)
            return instance
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        trainable = kwargs.pop("trainable", True)
        name = kwargs.pop("name", None)
        dtype = kwargs.pop("dtype", None)
        if args:
            raise TypeError(
                f"{type(self).__name__}: unexpected positional arguments {args}. Pass "
                "`inputs` and `outputs` for a Functional model, or keyword arguments.")
        Layer.__init__(self, name=name, trainable=trainable, dtype=dtype, **kwargs)
        Trainer.__init__(self)
        self._added_metric_values = {}

    # --------------------------------------------------------------- structure
    @property
    def layers(self):
        return self._flatten_layers(include_self=False, recursive=False)

    def get_layer(self, name=None, index=None):
        """A sublayer by `name` or by `index` in `model.layers`."""
        if index is not None and name is not None:
            raise ValueError("get_layer(): provide `name` or `index`, not both.")
        layers = self.layers
        if index is not None:
            if not -len(layers) <= index < len(layers):
                raise ValueError(
                    f"get_layer(): index {index} is out of range; model {self.name!r} has "
                    f"{len(layers)} layers.")
            return layers[index]
        if name is not None:
            for layer in layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"No such layer: {name}. Existing layers are: {[l.name for l in layers]}.")
        raise ValueError("get_layer(): provide a layer `name` or `index`.")

    def build(self, input_shape=None):
        """Build a subclassed model by tracing `call` on a symbolic input of `input_shape`."""
        if self.built:
            return
        if input_shape is None:
            raise ValueError(
                f"Model {self.name!r}: build() needs an `input_shape` (or call the model on "
                "data first).")
        specs = _shape_to_specs(input_shape, self.compute_dtype)
        try:
            self.compute_output_spec(specs)
        except Exception as error:
            raise ValueError(
                f"Model {self.name!r}: could not build by calling it on an input of shape "
                f"{input_shape}: {error}") from error
        self._build_shapes_dict = {"input_shape": _plain_shape(input_shape)}
        self.built = True

    # ---------------------------------------------------------------- metrics
    def add_metric(self, value, name=None, aggregation="mean"):
        """Record `value` (a tensor computed in `call`) to be averaged as metric `name`."""
        if isinstance(value, KerasTensor):
            raise ValueError(
                "add_metric() with a symbolic tensor is only supported on Functional models.")
        if not name:
            raise ValueError("add_metric() needs a `name`.")
        self._added_metric_values[name] = value

    # ------------------------------------------------------------- stateless
    def stateless_call(self, trainable_variables, non_trainable_variables, *args,
                       return_losses=False, **kwargs):
        """Call the model with explicit variable values; returns `(outputs, non_trainable)`.

        Nothing on the model changes: updated non-trainable values (e.g. BatchNormalization
        statistics, seed states) are returned instead of assigned.
        """
        trainable = self.trainable_variables
        non_trainable = self.non_trainable_variables
        if len(trainable_variables) != len(trainable):
            raise ValueError(
                f"stateless_call(): model {self.name!r} has {len(trainable)} trainable "
                f"variables, received {len(trainable_variables)} values.")
        if len(non_trainable_variables) != len(non_trainable):
            raise ValueError(
                f"stateless_call(): model {self.name!r} has {len(non_trainable)} non-trainable "
                f"variables, received {len(non_trainable_variables)} values.")
        mapping = list(zip(trainable, trainable_variables)) + \
            list(zip(non_trainable, non_trainable_variables))
        with backend.StatelessScope(state_mapping=mapping) as scope:
            outputs = self(*args, **kwargs)
            losses = list(self.losses) if return_losses else None
        new_non_trainable = []
        for variable, value in zip(non_trainable, non_trainable_variables):
            updated = scope.updated_value(variable)
            new_non_trainable.append(value if updated is None else updated)
        if return_losses:
            return outputs, new_non_trainable, losses
        return outputs, new_non_trainable

    # ----------------------------------------------------------------- saving
    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Save architecture, weights and compile state (`.keras`, or legacy `.h5`)."""
        from cornu.saving import saving_api

        return saving_api.save_model(self, filepath, overwrite=overwrite, zipped=zipped,
                                     **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        """Save the weights to a `.weights.h5` file."""
        from cornu.saving import saving_api

        return saving_api.save_weights(self, filepath, overwrite=overwrite,
                                       max_shard_size=max_shard_size)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        """Load weights saved by `save_weights` (or a legacy `.h5`, with `by_name`)."""
        from cornu.saving import saving_api

        return saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    def to_json(self, **kwargs):
        """The model's architecture as a JSON string (Keras 3 schema)."""
        from cornu.saving import serialization_lib

        return json.dumps(serialization_lib.serialize_keras_object(self), **kwargs)

    def export(self, filepath, format="cornu", verbose=True, **kwargs):
        """Export the model for inference (`cornu.export.load(path)` reloads it)."""
        from cornu.export import export_model

        return export_model(self, filepath, format=format, verbose=verbose, **kwargs)

    # ---------------------------------------------------------------- display
    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        """Print a table of the layers, their output shapes and parameter counts."""
        from cornu.utils import summary_utils

        return summary_utils.print_summary(
            self, line_length=line_length, positions=positions, print_fn=print_fn,
            expand_nested=expand_nested, show_trainable=show_trainable,
            layer_range=layer_range)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.models.functional import Functional

        if "layers" in config and "input_layers" in config and \
                "output_layers" in config and not issubclass(cls, Functional):
            from cornu.models import functional_config

            return functional_config.functional_from_config(Functional, config, custom_objects)
        return Layer.from_config.__func__(cls, config)


def _shape_to_specs(shape, dtype):
    if isinstance(shape, dict):
        return {k: _shape_to_specs(v, dtype) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple, dict)):
        return [_shape_to_specs(s, dtype) for s in shape]
    return KerasTensor(tuple(shape), dtype=dtype)


def _plain_shape(shape):
    if isinstance(shape, dict):
        return {k: _plain_shape(v) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple, dict)):
        return [_plain_shape(s) for s in shape]
    return list(shape)
