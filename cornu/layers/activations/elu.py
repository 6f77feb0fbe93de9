"""`ELU` layer: exponential linear unit."""
from cornu import activations
from cornu.layers.layer import Layer


class ELU(Layer):
    """`x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise.

    Args:
        alpha: scale of the negative part.

    Example:
        >>> ELU(alpha=0.5)(np.array([-1.0, 2.0]))  # [-0.316, 2.]
    """

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True

    def call(self, inputs):
        return activations.elu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha}
