"""`Softmax` layer, with mask support."""
from cornu import activations, ops
from cornu.layers.layer import Layer


def large_negative_number(dtype):
    """A finite very negative value for `dtype` (added to masked logits)."""
    return -3e4 if dtype == "float16" else -1e9


class Softmax(Layer):
    """Softmax along `axis`; masked positions get probability zero.

    Args:
        axis: int or tuple of ints.

    Call arguments:
        inputs: logits.
        mask: optional boolean tensor broadcastable to `inputs`; False marks positions to drop.

    Example:
        >>> Softmax()(np.array([2.0, 1.0, 0.1]))  # [0.659, 0.242, 0.099]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is not None:
            keep = ops.cast(mask, inputs.dtype)
            adder = ops.multiply(ops.subtract(1.0, keep),
                                 large_negative_number(ops.dtype(inputs)))
            inputs = ops.add(inputs, adder)
        if isinstance(self.axis, (tuple, list)):
            if len(self.axis) > 1:
                outputs = ops.exp(ops.subtract(
                    inputs, ops.logsumexp(inputs, axis=tuple(self.axis), keepdims=True)))
            else:
                outputs = activations.softmax(inputs, axis=self.axis[0])
        else:
            outputs = activations.softmax(inputs, axis=self.axis)
        if mask is not None:
            outputs = ops.multiply(outputs, ops.cast(mask, outputs.dtype))
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
