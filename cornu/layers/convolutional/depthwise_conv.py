"""`DepthwiseConv1D`, `DepthwiseConv2D`: one (or `depth_multiplier`) filters per channel."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.convolutional.conv_layer_base import ConvLayerBase
from cornu.layers.input_spec import InputSpec


class BaseDepthwiseConv(ConvLayerBase):
    """Depthwise convolution: each input channel is convolved with its own filters.

    Args:
        rank: number of spatial dimensions.
        depth_multiplier: output channels per input channel.
        kernel_size, strides, dilation_rate: int or tuple of `rank` ints.
        padding: `"valid"` or `"same"`.
        data_format, activation, use_bias: as for `Conv2D`.
        depthwise_initializer / depthwise_regularizer / depthwise_constraint: for the kernel.
        bias_initializer / bias_regularizer / bias_constraint / activity_regularizer.

    Weights: `kernel` of shape `(*kernel_size, in_channels, depth_multiplier)`, `bias` of
    shape `(in_channels * depth_multiplier,)`.
    Example: `DepthwiseConv2D(3, padding="same")` keeps the channel count.
    """

    _weight_prefixes = ("depthwise", "bias")

    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.depth_multiplier = self._check_positive_int(depth_multiplier, "depth_multiplier")
        self._set_window(rank, kernel_size, strides, dilation_rate, padding)
        self._set_data_format(data_format)
        self._set_weight_options(
            activation, use_bias, depthwise_initializer=depthwise_initializer,
            bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
            bias_regularizer=bias_regularizer, depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.bias = self._add_bias(self.depth_multiplier * channels)
        self._fix_input_channels(channels)
        self.built = True

    def call(self, inputs):
        outputs = ops.depthwise_conv(
            inputs, self.kernel, strides=self.strides, padding=self.padding,
            dilation_rate=self.dilation_rate, data_format=self.data_format)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        channels = self._input_channels(input_shape)
        spatial = self._conv_spatial_dims(input_shape)
        return conv_utils.with_spatial_dims(
            input_shape[0], spatial, channels * self.depth_multiplier, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"depth_multiplier": self.depth_multiplier, **self._window_config(),
                       **self._weight_options_config()})
        return config


class DepthwiseConv1D(BaseDepthwiseConv):
    """1D depthwise convolution (see `BaseDepthwiseConv`).

    Example: `DepthwiseConv1D(3, depth_multiplier=2)(x)` with `x` `(2, 10, 4)` -> `(2, 8, 8)`.
    """

    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=1, depth_multiplier=depth_multiplier, kernel_size=kernel_size, strides=strides,
            padding=padding, data_format=data_format, dilation_rate=dilation_rate,
            activation=activation, use_bias=use_bias,
            depthwise_initializer=depthwise_initializer, bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer, bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint, **kwargs)


class DepthwiseConv2D(BaseDepthwiseConv):
    """2D depthwise convolution (see `BaseDepthwiseConv`).

    Example: `DepthwiseConv2D(3, strides=2, padding="same")` halves height and width.
    """

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=2, depth_multiplier=depth_multiplier, kernel_size=kernel_size, strides=strides,
            padding=padding, data_format=data_format, dilation_rate=dilation_rate,
            activation=activation, use_bias=use_bias,
            depthwise_initializer=depthwise_initializer, bias_initializer=bias_initializer,
            depthwise_regularizer=depthwise_regularizer, bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
            bias_constraint=bias_constraint, **kwargs)
