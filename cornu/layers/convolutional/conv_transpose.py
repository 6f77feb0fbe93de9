"""`Conv1DTranspose`, `Conv2DTranspose`, `Conv3DTranspose`: learned up-sampling layers."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.convolutional.conv_layer_base import ConvLayerBase
from cornu.layers.input_spec import InputSpec


class BaseConvTranspose(ConvLayerBase):
    """N-d transposed convolution (the gradient of a convolution w.r.t. its input).

    Args:
        rank: number of spatial dimensions.
        filters: number of output channels.
        kernel_size, strides, dilation_rate: int or tuple of `rank` ints.
        padding: `"valid"` or `"same"`.
        output_padding: int or tuple added to one side of each output dim (< stride), or None.
        data_format, activation, use_bias, *_initializer, *_regularizer, *_constraint: as
            for `Conv2D`.

    Weights: `kernel` of shape `(*kernel_size, filters, in_channels)`, `bias` `(filters,)`.
    Example: `Conv2DTranspose(8, 3, strides=2, padding="same")` doubles height and width.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 output_padding=None, data_format=None, dilation_rate=1, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        label = type(self).__name__
        self.rank = rank
        self.filters = self._check_positive_int(filters, "filters", allow_bool=False)
        self._set_window(rank, kernel_size, strides, dilation_rate, padding)
        if output_padding is None:
            self.output_padding = None
        else:
            self.output_padding = conv_utils.standardize_tuple(
                output_padding, rank, "output_padding", label, allow_zero=True)
            for pad, stride in zip(self.output_padding, self.strides):
                if pad >= stride:
                    raise ValueError(
                        f"{label}: each `output_padding` entry must be smaller than the "
                        f"matching stride, received output_padding={self.output_padding} "
                        f"and strides={self.strides}.")
        self._set_data_format(data_format)
        self._set_weight_options(
            activation, use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self._kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (self.filters, channels),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.bias = self._add_bias(self.filters)
        self._fix_input_channels(channels)
        self.built = True

    @property
    def kernel(self):
        return self._kernel

    def call(self, inputs):
        outputs = ops.conv_transpose(
            inputs, self._kernel, strides=self.strides, padding=self.padding,
            output_padding=self.output_padding, dilation_rate=self.dilation_rate,
            data_format=self.data_format)
        return self._finish(outputs)

    def compute_output_shape(self, input_shape):
        self._input_channels(input_shape)
        paddings = self.output_padding or (None,) * self.rank
        spatial = [
            conv_utils.deconv_output_length(length, k, self.padding, p, s, d)
            for length, k, p, s, d in zip(
                conv_utils.spatial_dims(input_shape, self.data_format), self.kernel_size,
                paddings, self.strides, self.dilation_rate)]
        return conv_utils.with_spatial_dims(input_shape[0], spatial, self.filters,
                                            self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"filters": self.filters,
                       **self._window_config(output_padding=self.output_padding),
                       **self._weight_options_config()})
        return config


def _make_transpose_class(rank, name, default_tuple):
    def __init__(self, filters, kernel_size, strides=default_tuple, padding="valid",
                 output_padding=None, data_format=None, dilation_rate=default_tuple,
                 activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 **kwargs):
        BaseConvTranspose.__init__(
            self, rank=rank, filters=filters, kernel_size=kernel_size, strides=strides,
            padding=padding, output_padding=output_padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint, **kwargs)

    doc = (f"{rank}D transposed convolution (see `BaseConvTranspose`).\n\n"
           f"    Example: `{name}(4, 3, strides=2, padding=\"same\")` doubles each spatial dim.\n")
    return type(name, (BaseConvTranspose,), {"__init__": __init__, "__doc__": doc,
                                             "__module__": __name__})


Conv1DTranspose = _make_transpose_class(1, "Conv1DTranspose", 1)
Conv2DTranspose = _make_transpose_class(2, "Conv2DTranspose", (1, 1))
Conv3DTranspose = _make_transpose_class(3, "Conv3DTranspose", (1, 1, 1))
Conv1DTranspose.__qualname__ = "Conv1DTranspose"
Conv2DTranspose.__qualname__ = "Conv2DTranspose"
Conv3DTranspose.__qualname__ = "Conv3DTranspose"

