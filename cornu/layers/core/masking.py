"""`Masking`: marks timesteps whose features all equal `mask_value` as padding."""
from cornu import ops
from cornu.layers.layer import Layer, set_mask


class Masking(Layer):
    """Zeroes and masks timesteps where every feature equals `mask_value`.

    The output mask (`(batch, steps)`, True = keep) is consumed by downstream layers
    that support masking (RNNs, attention, pooling, ...).

    Args:
        mask_value: the padding value.

    Example:
        >>> Masking(0.0)(np.array([[[1.0], [0.0]]]))  # mask [[True, False]]
    """

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True

    def compute_mask(self, inputs, mask=None):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        outputs = ops.multiply(inputs, ops.cast(keep, ops.dtype(inputs)))
        set_mask(outputs, ops.squeeze(keep, axis=-1))
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "mask_value": self.mask_value}
