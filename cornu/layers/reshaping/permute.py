"""`Permute`: reorders the non-batch axes."""
from cornu import ops
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class Permute(Layer):
    """Permutes the axes of the input; `dims` is 1-based and excludes the batch axis.

    Args:
        dims: a permutation of `1..n`, e.g. `(2, 1)` swaps the two non-batch axes.

    Example:
        >>> Permute((2, 1))(np.zeros((4, 10, 64))).shape  # (4, 64, 10)
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(int(d) for d in dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(
                "Invalid permutation argument `dims` for Permute layer: the set of indices in "
                f"`dims` must be consecutive and start from 1, received dims={dims}.")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def get_config(self):
        return {**super().get_config(), "dims": self.dims}
