"""`ConvLayerBase`: argument handling, bias and config shared by the convolution family.

`BaseConv`, `BaseConvTranspose`, `BaseDepthwiseConv` and `BaseSeparableConv` differ in their
kernels and the op they call; how they validate window arguments, hold initializer /
regularizer / constraint settings, add the bias and activation, and serialize those
settings is the same, so it lives here.
"""
from cornu import activations, ops, regularizers
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer
from cornu.layers.weight_options import set_weight_options, weight_options_config


class ConvLayerBase(Layer):
    """Common machinery of the convolution layers; not used directly.

    Subclasses set `_weight_prefixes` (e.g. `("kernel", "bias")`), call the `_set_*` helpers
    from `__init__` and `_finish` at the end of `call`.

    Example:
        >>> class MyConv(ConvLayerBase):
        ...     _weight_prefixes = ("kernel", "bias")
    """

    _weight_prefixes = ("kernel", "bias")
    # BaseConv's rank error also spells out the expected layout.
    _describe_input_layout = False

    def _check_positive_int(self, value, arg_name, allow_bool=True):
        if not isinstance(value, int) or (not allow_bool and isinstance(value, bool)) or (
                value <= 0):
            raise ValueError(f"{type(self).__name__}: `{arg_name}` must be a positive integer, "
                             f"received {value!r}.")
        return value

    def _set_window(self, rank, kernel_size, strides, dilation_rate, padding,
                    allow_causal=False):
        label = type(self).__name__
        self.kernel_size = conv_utils.standardize_tuple(kernel_size, rank, "kernel_size", label)
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides", label)
        self.dilation_rate = conv_utils.standardize_tuple(
            dilation_rate, rank, "dilation_rate", label)
        self.padding = conv_utils.standardize_padding(padding, label, allow_causal=allow_causal)

    def _set_data_format(self, data_format):
        label = type(self).__name__
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{label}: `strides` > 1 cannot be combined with `dilation_rate` > 1, "
                f"received strides={self.strides} and dilation_rate={self.dilation_rate}.")

    def _set_weight_options(self, activation, use_bias, **options):
        """Resolve `activation` and every `<prefix>_{initializer,regularizer,constraint}`."""
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        set_weight_options(self, self._weight_prefixes, **options)

    def _input_channels(self, input_shape):
        label = type(self).__name__
        if len(input_shape) != self.rank + 2:
            layout = (f" (batch, {self.rank} spatial dims, channels)"
                      if self._describe_input_layout else "")
            raise ValueError(
                f"{label} layer {self.name!r} expects inputs of rank "
                f"{self.rank + 2}{layout}, received input shape {tuple(input_shape)}.")
        channels = input_shape[conv_utils.channel_axis(self.data_format)]
        if channels is None:
            raise ValueError(
                f"{label} layer {self.name!r}: the channel dimension of the "
                f"input must be known, received input shape {tuple(input_shape)}.")
        return channels

    def _add_bias(self, units):
        if not self.use_bias:
            return None
        return self.add_weight(
            name="bias", shape=(units,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint)

    def _fix_input_channels(self, channels):
        self.input_spec = InputSpec(
            min_ndim=self.rank + 2, axes={conv_utils.channel_axis(self.data_format): channels})

    def _finish(self, outputs):
        if self.bias is not None:
            outputs = ops.add(outputs, broadcastable_bias(self.bias, self.rank, self.data_format))
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def _conv_spatial_dims(self, input_shape):
        return [
            conv_utils.conv_output_length(length, k, self.padding, s, d)
            for length, k, s, d in zip(
                conv_utils.spatial_dims(input_shape, self.data_format), self.kernel_size,
                self.strides, self.dilation_rate)]

    def _window_config(self, **after_padding):
        config = {"kernel_size": self.kernel_size, "strides": self.strides,
                  "padding": self.padding}
        config.update(after_padding)
        config.update({"data_format": self.data_format, "dilation_rate": self.dilation_rate})
        return config

    def _weight_options_config(self):
        prefixes = self._weight_prefixes
        return {"activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                **weight_options_config(self, prefixes, ("initializer", "regularizer")),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                **weight_options_config(self, prefixes, ("constraint",))}


def broadcastable_bias(bias, rank, data_format):
    """`bias` shaped to add onto a conv output in `data_format`.

    Args:
        bias: tensor of shape `(channels,)`.
        rank: number of spatial dimensions.
        data_format: "channels_last" or "channels_first".

    Returns:
        `bias` itself (channels_last) or reshaped to `(channels, 1, ..., 1)`.

    Example:
        >>> broadcastable_bias(b, 2, "channels_first")  # shape (C, 1, 1)
    """
    if data_format == "channels_last":
        return bias
    return ops.reshape(bias, (-1,) + (1,) * rank)
