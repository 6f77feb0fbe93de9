"""`ActivityRegularization`: adds an L1/L2 penalty on its input to the model's losses."""
from cornu import regularizers
from cornu.layers.layer import Layer


class ActivityRegularization(Layer):
    """Identity layer whose input adds `l1 * sum(|x|) + l2 * sum(x**2)` to `losses`.

    Args:
        l1: L1 factor.
        l2: L2 factor.

    Example:
        >>> layer = ActivityRegularization(l2=0.1); layer(np.ones((1, 2))); layer.losses  # [0.2]
    """

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2
        self.built = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.pop("activity_regularizer", None)
        return {**config, "l1": self.l1, "l2": self.l2}
