"""`Activation`: applies an activation function to its input."""
from cornu import activations
from cornu.layers.layer import Layer


class Activation(Layer):
    """Applies `activation` element-wise.

    Args:
        activation: a function or the name of one in `cornu.activations`.

    Example:
        >>> Activation("relu")(np.array([-1.0, 2.0]))  # [0., 2.]
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "activation": activations.serialize(self.activation)}
