"""`GroupNormalization`: normalizes groups of channels within each sample."""
from cornu import constraints, initializers, ops, regularizers
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class GroupNormalization(Layer):
    """Splits the channel axis into `groups` and standardizes each group per sample.

    `groups=1` is layer normalization over all non-batch axes; `groups=channels` is
    instance normalization.

    Args:
        groups: number of groups; must divide the number of channels.
        axis: the channel axis.
        epsilon: added to the variance.
        center / scale: learn per-channel `beta` / `gamma`.
        beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer,
        beta_constraint, gamma_constraint: for the weights.

    Example:
        >>> GroupNormalization(groups=2)(np.random.rand(3, 5, 4))
    """

    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.gamma = None
        self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        channels = input_shape[self.axis]
        if channels is None:
            raise ValueError(
                f"GroupNormalization {self.name!r}: axis {self.axis} of the input must have a "
                f"known size, received input shape {tuple(input_shape)}.")
        if self.groups == -1:
            self.groups = channels
        if channels < self.groups:
            raise ValueError(
                f"GroupNormalization {self.name!r}: number of groups ({self.groups}) cannot be "
                f"more than the number of channels ({channels}).")
        if channels % self.groups:
            raise ValueError(
                f"GroupNormalization {self.name!r}: number of groups ({self.groups}) must be a "
                f"divisor of the number of channels ({channels}).")
        self.input_spec = InputSpec(ndim=rank, axes={self.axis: channels})
        if self.scale:
            self.gamma = self.add_weight(shape=(channels,), name="gamma",
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(shape=(channels,), name="beta",
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint)
        self._axis = self.axis % rank
        self._broadcast_shape = [1] * rank
        self._broadcast_shape[self._axis] = channels
        self.built = True

    def call(self, inputs):
        input_dtype = ops.dtype(inputs)
        if input_dtype in ("float16", "bfloat16"):
            inputs = ops.cast(inputs, "float32")
        shape = ops.shape(inputs)
        channels = shape[self._axis]
        grouped_shape = list(shape)
        grouped_shape[self._axis] = channels // self.groups
        grouped_shape.insert(self._axis, self.groups)
        grouped_shape[0] = -1
        grouped = ops.reshape(inputs, grouped_shape)
        reduce_axes = [i for i in range(1, len(grouped_shape)) if i != self._axis]
        mean = ops.mean(grouped, axis=reduce_axes, keepdims=True)
        centered = ops.subtract(grouped, mean)
        variance = ops.mean(ops.square(centered), axis=reduce_axes, keepdims=True)
        normalized = ops.multiply(centered, ops.rsqrt(ops.add(variance, self.epsilon)))
        outputs = ops.reshape(normalized, [-1] + list(shape[1:]))
        if self.gamma is not None:
            outputs = ops.multiply(outputs, ops.reshape(ops.cast(self.gamma, ops.dtype(outputs)),
                                                        self._broadcast_shape))
        if self.beta is not None:
            outputs = ops.add(outputs, ops.reshape(ops.cast(self.beta, ops.dtype(outputs)),
                                                   self._broadcast_shape))
        if ops.dtype(outputs) != input_dtype:
            outputs = ops.cast(outputs, input_dtype)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "groups": self.groups,
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
