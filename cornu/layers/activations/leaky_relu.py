"""`LeakyReLU` layer."""
import warnings

from cornu import activations
from cornu.layers.layer import Layer


class LeakyReLU(Layer):
    """`x` for `x >= 0`, `negative_slope * x` otherwise.

    Args:
        negative_slope: non-negative slope below zero (Keras 2's `alpha` is accepted too).

    Example:
        >>> LeakyReLU(negative_slope=0.1)(np.array([-10.0, 3.0]))  # [-1., 3.]
    """

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
            warnings.warn("LeakyReLU: argument `alpha` is deprecated; use `negative_slope`.",
                          stacklevel=2)
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError(
                "The negative_slope value of a LeakyReLU layer cannot be None or negative, "
                f"received negative_slope={negative_slope!r}.")
        self.negative_slope = negative_slope
        self.supports_masking = True

    def call(self, inputs):
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "negative_slope": self.negative_slope}
