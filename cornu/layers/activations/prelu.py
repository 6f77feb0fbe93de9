"""`PReLU` layer: leaky ReLU with a learned slope."""
from cornu import constraints, initializers, ops, regularizers
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class PReLU(Layer):
    """`x` for `x >= 0`, `alpha * x` otherwise, with `alpha` a trainable weight.

    Args:
        alpha_initializer / alpha_regularizer / alpha_constraint: for the `alpha` weight.
        shared_axes: axes (1-based, batch excluded) along which `alpha` is shared, e.g.
            `[1, 2]` for one slope per channel of a `(batch, h, w, c)` input.

    Example:
        >>> PReLU(alpha_initializer=Constant(0.1))(np.array([[-1.0, 2.0]]))  # [[-0.1, 2.]]
    """

    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]

    def build(self, input_shape):
        param_shape = list(input_shape[1:])
        if self.shared_axes is not None:
            for axis in self.shared_axes:
                if not 1 <= axis < len(input_shape):
                    raise ValueError(
                        f"PReLU {self.name!r}: shared axis {axis} is out of range for input "
                        f"shape {tuple(input_shape)} (axes start at 1, the batch axis is 0).")
                param_shape[axis - 1] = 1
        if any(d is None for d in param_shape):
            raise ValueError(
                f"PReLU {self.name!r} needs known non-batch dimensions (or shared_axes over the "
                f"unknown ones), received input shape {tuple(input_shape)}.")
        self.alpha = self.add_weight(shape=param_shape, name="alpha",
                                     initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer,
                                     constraint=self.alpha_constraint)
        axes = {i: input_shape[i] for i in range(1, len(input_shape))
                if param_shape[i - 1] != 1 and input_shape[i] is not None}
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)
        self.built = True

    def call(self, inputs):
        positive = ops.relu(inputs)
        negative = ops.multiply(ops.negative(self.alpha), ops.relu(ops.negative(inputs)))
        return ops.add(positive, negative)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(),
                "alpha_initializer": initializers.serialize(self.alpha_initializer),
                "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
                "alpha_constraint": constraints.serialize(self.alpha_constraint),
                "shared_axes": self.shared_axes}
