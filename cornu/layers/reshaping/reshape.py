"""`Reshape`: changes the non-batch shape of its input."""
import math

from cornu import ops
from cornu.layers.layer import Layer


class Reshape(Layer):
    """Reshapes inputs to `(batch,) + target_shape`; one entry may be -1 (inferred).

    Args:
        target_shape: tuple of ints, without the batch axis.

    Example:
        >>> Reshape((2, -1))(np.zeros((5, 6))).shape  # (5, 2, 3)
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(target_shape, (list, tuple)):
            raise ValueError(
                f"Reshape: `target_shape` must be a tuple of ints, received {target_shape!r}.")
        target_shape = tuple(-1 if d is None else int(d) for d in target_shape)
        if sum(1 for d in target_shape if d == -1) > 1:
            raise ValueError(
                f"Reshape: at most one entry of `target_shape` may be -1 (or None), received "
                f"target_shape={target_shape}.")
        if any(d < -1 or d == 0 for d in target_shape):
            raise ValueError(
                f"Reshape: `target_shape` entries must be positive (or a single -1), received "
                f"target_shape={target_shape}.")
        self.target_shape = target_shape

    def _resolved_shape(self, input_shape):
        """Target shape with -1 replaced when the input size is known; checks sizes."""
        rest = input_shape[1:]
        if any(d is None for d in rest):
            return self.target_shape
        total = math.prod(rest)
        known = math.prod(d for d in self.target_shape if d != -1)
        if -1 in self.target_shape:
            if known == 0 or total % known:
                raise ValueError(self._size_error(input_shape))
            return tuple(total // known if d == -1 else d for d in self.target_shape)
        if known != total:
            raise ValueError(self._size_error(input_shape))
        return self.target_shape

    def _size_error(self, input_shape):
        return (f"Reshape {self.name!r}: the total size of the new array must be unchanged; "
                f"input shape {tuple(input_shape)} cannot be reshaped to target_shape="
                f"{self.target_shape}.")

    def call(self, inputs):
        target = self._resolved_shape(tuple(inputs.shape))
        if -1 in target:
            return ops.reshape(inputs, (ops.shape(inputs)[0],) + target)
        return ops.reshape(inputs, (-1,) + target)

    def compute_output_shape(self, input_shape):
        target = self._resolved_shape(tuple(input_shape))
        return (input_shape[0],) + tuple(None if d == -1 else d for d in target)

    def get_config(self):
        return {**super().get_config(), "target_shape": self.target_shape}
