"""`TimeDistributed`: applies one layer independently to every timestep of a sequence."""
import inspect

from cornu import ops
from cornu.layers.core.wrapper import Wrapper


class TimeDistributed(Wrapper):
    """Applies `layer` to each slice `inputs[:, t]` (same weights for all timesteps).

    The batch and time axes are merged into one batch for the wrapped layer, then split
    again.

    Args:
        layer: the layer to apply (e.g. `Dense`, `Conv2D`).

    Example:
        >>> TimeDistributed(Dense(8))(np.zeros((2, 10, 16))).shape
        (2, 10, 8)
    """

    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _child_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) < 3:
            raise ValueError(
                f"TimeDistributed {self.name!r} expects inputs with at least 3 dimensions "
                f"(batch, time, ...), received input shape {input_shape}.")
        return (input_shape[0],) + input_shape[2:]

    def build(self, input_shape):
        child_shape = self._child_shape(input_shape)
        if not self.layer.built:
            self.layer.build(child_shape)
            self.layer.built = True
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        child = tuple(self.layer.compute_output_shape(self._child_shape(input_shape)))
        return (child[0], input_shape[1]) + child[1:]

    def call(self, inputs, training=None, mask=None):
        shape = tuple(inputs.shape)
        self._child_shape(shape)
        batch, steps = ops.shape(inputs)[0], ops.shape(inputs)[1]
        merged = ops.reshape(inputs, (-1,) + shape[2:])
        kwargs = {}
        parameters = inspect.signature(self.layer.call).parameters
        if "training" in parameters:
            kwargs["training"] = training
        if mask is not None and "mask" in parameters:
            kwargs["mask"] = ops.reshape(mask, (-1,) + tuple(mask.shape[2:]))
        outputs = self.layer(merged, **kwargs)
        return ops.reshape(outputs, (batch, steps) + tuple(outputs.shape[1:]))

    def compute_mask(self, inputs, mask=None):
        return mask
