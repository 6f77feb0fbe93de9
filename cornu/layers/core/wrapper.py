"""`Wrapper`: base class of layers that wrap another layer (TimeDistributed, Bidirectional...)."""
from cornu.layers.layer import Layer


class Wrapper(Layer):
    """Holds one inner layer as the attribute `layer` (its weights live under that path).

    Subclasses implement `call`; `build` builds the inner layer on the same input shape.

    Args:
        layer: the wrapped `Layer` instance.

    Example:
        >>> class Twice(Wrapper):
        ...     def call(self, x):
        ...         return self.layer(self.layer(x))
    """

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                f"{type(self).__name__}: `layer` must be a Layer instance, received {layer!r} "
                f"of type {type(layer).__name__}.")
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = getattr(layer, "supports_masking", False)

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        self.built = True

    def get_config(self):
        from cornu.saving import serialization_lib

        return {**super().get_config(),
                "layer": serialization_lib.serialize_keras_object(self.layer)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.saving import serialization_lib

        config = dict(config)
        config["layer"] = serialization_lib.deserialize_keras_object(
            config["layer"], custom_objects=custom_objects)
        return super().from_config(config)
