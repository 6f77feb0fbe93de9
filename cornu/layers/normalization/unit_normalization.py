"""`UnitNormalization`: scales each sample to unit L2 norm along `axis`."""
from cornu import ops
from cornu.layers.layer import Layer


class UnitNormalization(Layer):
    """`x / sqrt(max(sum(x**2, axis), 1e-12))`.

    Args:
        axis: int or list of ints.

    Example:
        >>> UnitNormalization()(np.array([[3.0, 4.0]]))  # [[0.6, 0.8]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(
                f"UnitNormalization: invalid value for `axis` argument: expected an int or a "
                f"list/tuple of ints, received axis={axis!r}.")
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        squared = ops.sum(ops.square(inputs), axis=self.axis, keepdims=True)
        return ops.multiply(inputs, ops.rsqrt(ops.maximum(squared, 1e-12)))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
