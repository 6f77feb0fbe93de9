"""`SeparableConv1D`, `SeparableConv2D`: depthwise convolution followed by a 1x1 mix."""
from cornu import activations, constraints, initializers, ops, regularizers
from cornu.layers.convolutional import conv_utils
from cornu.layers.convolutional.base_conv import _broadcastable_bias
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class BaseSeparableConv(Layer):
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

    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        label = type(self).__name__
        self.rank = rank
        if not isinstance(depth_multiplier, int) or depth_multiplier <= 0:
            raise ValueError(f"{label}: `depth_multiplier` must be a positive integer, "
                             f"received {depth_multiplier!r}.")
        if not isinstance(filters, int) or isinstance(filters, bool) or filters <= 0:
            raise ValueError(f"{label}: `filters` must be a positive integer, received "
                             f"{filters!r}.")
        self.depth_multiplier = depth_multiplier
        self.filters = filters
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
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
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
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(
            min_ndim=self.rank + 2, axes={conv_utils.channel_axis(self.data_format): channels})
        self.built = True

    def call(self, inputs):
        outputs = ops.separable_conv(
            inputs, self.depthwise_kernel, self.pointwise_kernel, strides=self.strides,
            padding=self.padding, dilation_rate=self.dilation_rate,
            data_format=self.data_format)
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
        return conv_utils.with_spatial_dims(input_shape[0], spatial, self.filters,
                                            self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "pointwise_constraint": constraints.serialize(self.pointwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
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
