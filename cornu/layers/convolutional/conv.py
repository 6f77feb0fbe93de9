"""`Conv1D`, `Conv2D`, `Conv3D`: spatial convolution layers (see `BaseConv`)."""
from cornu import ops
from cornu.layers.convolutional.base_conv import BaseConv


class Conv1D(BaseConv):
    """1D convolution (temporal), with optional `"causal"` padding.

    Causal padding left-pads the time axis by `dilation_rate * (kernel_size - 1)` so
    output step `t` only sees inputs `<= t`.

    Args: see `BaseConv`; `kernel_size`, `strides`, `dilation_rate` are ints or 1-tuples.
    Returns: `(batch, new_steps, filters)` for channels_last inputs `(batch, steps, channels)`.
    Example: `Conv1D(4, 3, padding="causal")(x)` keeps the number of steps.
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=1, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, groups=groups,
            activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)

    def convolution_op(self, inputs, kernel):
        if self.padding != "causal":
            return super().convolution_op(inputs, kernel)
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        if self.data_format == "channels_last":
            pad_width = [(0, 0), (left, 0), (0, 0)]
        else:
            pad_width = [(0, 0), (0, 0), (left, 0)]
        padded = ops.pad(inputs, pad_width)
        return ops.conv(padded, kernel, strides=self.strides, padding="valid",
                        dilation_rate=self.dilation_rate, data_format=self.data_format)


class Conv2D(BaseConv):
    """2D convolution over images.

    Args: see `BaseConv`.
    Returns: `(batch, new_rows, new_cols, filters)` for channels_last inputs.
    Example: `Conv2D(16, (3, 3), strides=2, padding="same", activation="relu")`.
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=2, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, groups=groups,
            activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)


class Conv3D(BaseConv):
    """3D convolution over volumes.

    Args: see `BaseConv`.
    Returns: `(batch, new_d1, new_d2, new_d3, filters)` for channels_last inputs.
    Example: `Conv3D(4, 3)(x)` with `x` of shape `(1, 8, 8, 8, 2)`.
    """

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format=None, dilation_rate=(1, 1, 1), groups=1, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=3, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, groups=groups,
            activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)
