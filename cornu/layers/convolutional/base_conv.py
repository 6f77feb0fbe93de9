"""`BaseConv`: the N-d convolution layer behind Conv1D/2D/3D."""
from cornu import activations, constraints, initializers, ops, regularizers
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class BaseConv(Layer):
    """N-d convolution: `activation(conv(inputs, kernel) + bias)`.

    Args:
        rank: number of spatial dimensions (1, 2 or 3).
        filters: number of output channels.
        kernel_size: int or tuple of `rank` ints.
        strides: int or tuple; values > 1 cannot be combined with `dilation_rate` > 1.
        padding: `"valid"`, `"same"` (or `"causal"` for rank 1).
        data_format: `"channels_last"` (default from config) or `"channels_first"`.
        dilation_rate: int or tuple.
        groups: split input channels into this many groups (`filters` must divide by it).
        activation, use_bias, *_initializer, *_regularizer, *_constraint: as for `Dense`.

    Weights: `kernel` of shape `(*kernel_size, in_channels // groups, filters)`, `bias`
    of shape `(filters,)`.
    Example: `Conv2D(8, 3, padding="same")(x)` with `x` of shape `(2, 16, 16, 3)`.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        label = type(self).__name__
        self.rank = rank
        if not isinstance(filters, int) or isinstance(filters, bool) or filters <= 0:
            raise ValueError(f"{label}: `filters` must be a positive integer, received "
                             f"{filters!r}.")
        self.filters = filters
        self.groups = groups or 1
        if not isinstance(self.groups, int) or self.groups <= 0 or filters % self.groups:
            raise ValueError(
                f"{label}: `filters` ({filters}) must be divisible by `groups` "
                f"(a positive integer), received groups={groups!r}.")
        self.kernel_size = conv_utils.standardize_tuple(kernel_size, rank, "kernel_size", label)
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides", label)
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate", label)
        self.padding = conv_utils.standardize_padding(padding, label, allow_causal=rank == 1)
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{label}: `strides` > 1 cannot be combined with `dilation_rate` > 1, "
                f"received strides={self.strides} and dilation_rate={self.dilation_rate}.")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def _input_channels(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.rank + 2} (batch, {self.rank} spatial dims, channels), received "
                f"input shape {tuple(input_shape)}.")
        channels = input_shape[conv_utils.channel_axis(self.data_format)]
        if channels is None:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: the channel dimension of the "
                f"input must be known, received input shape {tuple(input_shape)}.")
        return channels

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        if channels % self.groups:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: input channels ({channels}) must "
                f"be divisible by `groups` ({self.groups}); input shape {tuple(input_shape)}.")
        self._kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels // self.groups, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(
            min_ndim=self.rank + 2, axes={conv_utils.channel_axis(self.data_format): channels})
        self.built = True

    @property
    def kernel(self):
        return self._kernel

    def convolution_op(self, inputs, kernel):
        return ops.conv(inputs, kernel, strides=self.strides, padding=self.padding,
                        dilation_rate=self.dilation_rate, data_format=self.data_format)

    def call(self, inputs):
        outputs = self.convolution_op(inputs, self._kernel)
        return self._finish(outputs)

    def _finish(self, outputs):
        if self.bias is not None:
            outputs = ops.add(outputs, _broadcastable_bias(self.bias, self.rank, self.data_format))
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        self._input_channels(input_shape)
        spatial = [
            conv_utils.conv_output_length(length, k, self.padding, s, d)
            for length, k, s, d in zip(
                conv_utils.spatial_dims(input_shape, self.data_format), self.kernel_size,
                self.strides, self.dilation_rate)]
        if any(length is not None and length <= 0 for length in spatial):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: input shape {tuple(input_shape)} "
                f"is too small for kernel_size={self.kernel_size} with padding "
                f"{self.padding!r}; the output would have shape with spatial dims {spatial}.")
        return conv_utils.with_spatial_dims(input_shape[0], spatial, self.filters,
                                            self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config


def _broadcastable_bias(bias, rank, data_format):
    if data_format == "channels_last":
        return bias
    return ops.reshape(bias, (-1,) + (1,) * rank)
