"""`DepthwiseConv1D`, `DepthwiseConv2D`: one (or `depth_multiplier`) filters per channel."""
from cornu import activations, constraints, initializers, ops, regularizers
from cornu.layers.convolutional import conv_utils
from cornu.layers.convolutional.base_conv import _broadcastable_bias
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class BaseDepthwiseConv(Layer):
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

    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        label = type(self).__name__
        self.rank = rank
        if not isinstance(depth_multiplier, int) or depth_multiplier <= 0:
            raise ValueError(f"{label}: `depth_multiplier` must be a positive integer, "
                             f"received {depth_multiplier!r}.")
        self.depth_multiplier = depth_multiplier
        self.kernel_size = conv_utils.standardize_tuple(kernel_size, rank, "kernel_size", label)
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides", label)
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate", label)
        self.padding = conv_utils.standardize_padding(padding, label)
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{label}: `strides` > 1 cannot be combined with `dilation_rate` > 1, "
                f"received strides={self.strides} and dilation_rate={self.dilation_rate}.")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def _input_channels(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.rank + 2}, received input shape {tuple(input_shape)}.")
        channels = input_shape[conv_utils.channel_axis(self.data_format)]
        if channels is None:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: the channel dimension of the "
                f"input must be known, received input shape {tuple(input_shape)}.")
        return channels

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.depth_multiplier * channels,),
                initializer=self.bias_initializer, regularizer=self.bias_regularizer,
                constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(
            min_ndim=self.rank + 2, axes={conv_utils.channel_axis(self.data_format): channels})
        self.built = True

    def call(self, inputs):
        outputs = ops.depthwise_conv(
            inputs, self.kernel, strides=self.strides, padding=self.padding,
            dilation_rate=self.dilation_rate, data_format=self.data_format)
        if self.bias is not None:
            outputs = ops.add(outputs, _broadcastable_bias(self.bias, self.rank, self.data_format))
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        channels = self._input_channels(input_shape)
        spatial = [
            conv_utils.conv_output_length(length, k, self.padding, s, d)
            for length, k, s, d in zip(
                conv_utils.spatial_dims(input_shape, self.data_format), self.kernel_size,
                self.strides, self.dilation_rate)]
        return conv_utils.with_spatial_dims(
            input_shape[0], spatial, channels * self.depth_multiplier, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
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
