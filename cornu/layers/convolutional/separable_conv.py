"""`SeparableConv1D`, `SeparableConv2D`: depthwise convolution followed by a 1x1 mix."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.convolutional.conv_layer_base import ConvLayerBase
from cornu.layers.input_spec import InputSpec


class BaseSeparableConv(ConvLayerBase):
    """Depthwise-separable convolution.

    Args:
        rank: number of spatial dimensions.
        depth_multiplier: depthwise output channels per input channel.
        filters: output channels of the pointwise step.
        kernel_size, strides, dilation_rate, padding, data_format, activation, use_bias:
            as for `Conv2D`.
        depthwise_* / pointwise_* / bias_*: initializer, regularizer and constraint of
            each weight; `activity_regularizer` for the output.

    Weights: `depthwise_kernel` `(*kernel_size, in_channels, depth_multiplier)`,
    `pointwise_kernel` `(*(1,) * rank, in_channels * depth_multiplier, filters)`, `bias`.
    Example: `SeparableConv2D(16, 3, padding="same")`.
    """

    _weight_prefixes = ("depthwise", "pointwise", "bias")

    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.depth_multiplier = self._check_positive_int(depth_multiplier, "depth_multiplier")
        self.filters = self._check_positive_int(filters, "filters", allow_bool=False)
        self._set_window(rank, kernel_size, strides, dilation_rate, padding)
        self._set_data_format(data_format)
        self._set_weight_options(
            activation, use_bias, depthwise_initializer=depthwise_initializer,
            pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
            depthwise_constraint=depthwise_constraint, pointwise_constraint=pointwise_constraint,
            bias_constraint=bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel",
            shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=(1,) * self.rank + (channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self.bias = self._add_bias(self.filters)
        self._fix_input_channels(channels)
        self.built = True

    def call(self, inputs):
        outputs = ops.separable_conv(
            inputs, self.depthwise_kernel, self.pointwise_kernel, strides=self.strides,
            padding=self.padding, dilation_rate=self.dilation_rate,
            data_format=self.data_format)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        self._input_channels(input_shape)
        spatial = self._conv_spatial_dims(input_shape)
        return conv_utils.with_spatial_dims(input_shape[0], spatial, self.filters,
                                            self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"depth_multiplier": self.depth_multiplier, "filters": self.filters,
                       **self._window_config(), **self._weight_options_config()})
        return config


class SeparableConv1D(BaseSeparableConv):
    """1D separable convolution (see `BaseSeparableConv`).

    Example: `SeparableConv1D(8, 3)(x)` with `x` `(2, 10, 4)` -> `(2, 8, 8)`.
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(
            rank=1, depth_multiplier=depth_multiplier, filters=filters, kernel_size=kernel_size,
            strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
            pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
            **kwargs)


class SeparableConv2D(BaseSeparableConv):
    """2D separable convolution (see `BaseSeparableConv`).

    Example: `SeparableConv2D(16, 3, padding="same")(x)` keeps height and width.
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(
            rank=2, depth_multiplier=depth_multiplier, filters=filters, kernel_size=kernel_size,
            strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
            depthwise_initializer=depthwise_initializer,
            pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer,
            pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
            pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
            **kwargs)
