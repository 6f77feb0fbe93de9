"""`Identity`: returns its input unchanged (a placeholder layer)."""
from cornu.layers.layer import Layer


class Identity(Layer):
    """Returns its inputs (any structure) unchanged; masks pass through.

    Example:
        >>> Identity()(np.ones(3))  # [1., 1., 1.]
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        # Explicit, so the base class does not try to infer a config from __init__.
        return super().get_config()
