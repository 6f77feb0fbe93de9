"""`Flatten`: collapses all non-batch axes into one."""
import math

from cornu import config, ops
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class Flatten(Layer):
    """Reshapes `(batch, d1, d2, ...)` to `(batch, d1 * d2 * ...)`.

    Args:
        data_format: `"channels_first"` inputs are transposed to channels-last first, so the
            flattened order matches a channels-last model.

    Example:
        >>> Flatten()(np.zeros((2, 3, 4))).shape  # (2, 12)
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)
        self._channels_first = self.data_format == "channels_first"

    def call(self, inputs):
        rank = len(inputs.shape)
        if self._channels_first and rank > 2:
            inputs = ops.transpose(inputs, (0, *range(2, rank), 1))
        shape = ops.shape(inputs)
        if rank == 1:
            return ops.expand_dims(inputs, axis=1)
        rest = shape[1:]
        if all(isinstance(d, int) for d in rest):
            return ops.reshape(inputs, (-1, math.prod(rest)))
        return ops.reshape(inputs, (shape[0], -1))

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        if not rest:
            return (input_shape[0], 1)
        size = None if any(d is None for d in rest) else math.prod(rest)
        return (input_shape[0], size)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
