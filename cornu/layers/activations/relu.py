"""`ReLU` layer with optional leak, cap and threshold."""
from cornu import activations
from cornu.layers.layer import Layer


class ReLU(Layer):
    """Rectified linear unit (see `cornu.activations.relu`).

    Args:
        max_value: non-negative cap of the output (None: none).
        negative_slope: non-negative slope below `threshold`.
        threshold: non-negative threshold.

    Example:
        >>> ReLU(max_value=1.0)(np.array([-1.0, 0.5, 3.0]))  # [0., 0.5, 1.]
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        for arg_name, value in (("max_value", max_value), ("negative_slope", negative_slope),
                                ("threshold", threshold)):
            if value is not None and value < 0.0:
                raise ValueError(
                    f"{arg_name} of a ReLU layer cannot be a negative value, received "
                    f"{arg_name}={value}.")
        if negative_slope is None or threshold is None:
            raise ValueError("ReLU: `negative_slope` and `threshold` cannot be None.")
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True

    def call(self, inputs):
        return activations.relu(inputs, negative_slope=self.negative_slope,
                                max_value=self.max_value, threshold=self.threshold)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}
