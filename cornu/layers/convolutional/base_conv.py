"""`BaseConv`: the N-d convolution layer behind Conv1D/2D/3D."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.convolutional.conv_layer_base import ConvLayerBase
from cornu.layers.input_spec import InputSpec


class BaseConv(ConvLayerBase):
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

    _describe_input_layout = True

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        label = type(self).__name__
        self.rank = rank
        self.filters = self._check_positive_int(filters, "filters", allow_bool=False)
        self.groups = groups or 1
        if not isinstance(self.groups, int) or self.groups <= 0 or filters % self.groups:
            raise ValueError(
                f"{label}: `filters` ({filters}) must be divisible by `groups` "
                f"(a positive integer), received groups={groups!r}.")
        self._set_window(rank, kernel_size, strides, dilation_rate, padding,
                         allow_causal=rank == 1)
        self._set_data_format(data_format)
        self._set_weight_options(
            activation, use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha
        self.input_spec = InputSpec(min_ndim=rank + 2)

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
        self.bias = self._add_bias(self.filters)
        self._fix_input_channels(channels)
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

    def compute_output_shape(self, input_shape):
        self._input_channels(input_shape)
        spatial = self._conv_spatial_dims(input_shape)
        if any(length is not None and length <= 0 for length in spatial):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: input shape {tuple(input_shape)} "
                f"is too small for kernel_size={self.kernel_size} with padding "
                f"{self.padding!r}; the output would have shape with spatial dims {spatial}.")
        return conv_utils.with_spatial_dims(input_shape[0], spatial, self.filters,
                                            self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"filters": self.filters, **self._window_config(), "groups": self.groups,
                       **self._weight_options_config()})
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config

