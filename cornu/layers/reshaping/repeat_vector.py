"""`RepeatVector`: repeats a vector `n` times along a new time axis."""
from cornu import ops
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class RepeatVector(Layer):
    """`(batch, features)` -> `(batch, n, features)`.

    Args:
        n: number of repetitions.

    Example:
        >>> RepeatVector(3)(np.zeros((2, 5))).shape  # (2, 3, 5)
    """

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise TypeError(
                f"RepeatVector: expected `n` to be a non-negative int, received n={n!r} of "
                f"type {type(n).__name__}.")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        return {**super().get_config(), "n": self.n}
