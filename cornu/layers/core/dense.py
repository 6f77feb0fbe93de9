"""`Dense`: `activation(inputs @ kernel + bias)` on the last axis."""
from cornu import activations, ops
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer
from cornu.layers.weight_options import kernel_bias_config, kernel_bias_options


class Dense(Layer):
    """Densely-connected layer.

    Args:
        units: output size.
        activation: activation function or name (default linear).
        use_bias: add a bias vector.
        kernel_initializer / bias_initializer: default `glorot_uniform` / `zeros`.
        kernel_regularizer / bias_regularizer / activity_regularizer: optional.
        kernel_constraint / bias_constraint: optional.

    Weights: `kernel` of shape `(input_dim, units)`, `bias` of shape `(units,)`.
    Example: `cornu.layers.Dense(64, activation="relu")`.
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 lora_rank=None, lora_alpha=None, quantization_config=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise ValueError(
                f"Dense: `units` must be a positive integer, received {units!r}.")
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        kernel_bias_options(self, locals())
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                f"Dense layer {self.name!r}: the last dimension of the input must be known, "
                f"received input shape {tuple(input_shape)}.")
        self._kernel = self.add_weight(
            name="kernel", shape=(input_dim, self.units), initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    @property
    def kernel(self):
        return self._kernel

    def call(self, inputs, training=None):
        outputs = ops.matmul(inputs, self._kernel)
        if self.bias is not None:
            outputs = ops.add(outputs, self.bias)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            **kernel_bias_config(self, activity_regularizer=False),
            "quantization_config": None,
        })
        return config
