"""`ConvLSTM2D`: an LSTM whose input and recurrent transformations are convolutions."""
from cornu import activations, ops, regularizers
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer
from cornu.layers.rnn.cell_base import RECURRENT_WEIGHT_PREFIXES
from cornu.layers.rnn.dropout_rnn_cell import DropoutRNNCell, validate_rate
from cornu.layers.rnn.rnn import RNN, cell_arguments
from cornu.layers.weight_options import set_weight_options, weight_options_config


class ConvLSTMCell(DropoutRNNCell, Layer):
    """One ConvLSTM step on `(batch, *spatial, channels)` (or channels_first) inputs.

    Gates (i, f, c, o) come from `conv(x, kernel) + conv(h, recurrent_kernel) + bias`; the
    recurrent convolution uses stride 1 and "same" padding so `h` keeps its shape.

    Args:
        rank: number of spatial dimensions.
        filters: channels of `h` and `c`.
        kernel_size, strides, padding, data_format, dilation_rate: of the input convolution.
        activation / recurrent_activation: default tanh / sigmoid.
        unit_forget_bias, use_bias, initializers, regularizers, constraints, dropout,
        recurrent_dropout, seed: as `LSTMCell`.

    Weights: `kernel (*kernel_size, in, 4f)`, `recurrent_kernel (*kernel_size, f, 4f)`,
    `bias (4f,)`.

    Example:
        >>> ConvLSTMCell(2, 4, 3, padding="same")
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation="tanh",
                 recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        name = "ConvLSTM"
        if isinstance(filters, bool) or not isinstance(filters, int) or filters <= 0:
            raise ValueError(
                f"{name}: `filters` must be a positive integer, received {filters!r}.")
        self.rank = rank
        self.filters = filters
        self.kernel_size = conv_utils.standardize_tuple(kernel_size, rank, "kernel_size", name)
        self.strides = conv_utils.standardize_tuple(strides, rank, "strides", name)
        self.padding = conv_utils.standardize_padding(padding, name)
        self.data_format = conv_utils.standardize_data_format(data_format, name)
        self.dilation_rate = conv_utils.standardize_tuple(dilation_rate, rank, "dilation_rate",
                                                          name)
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = bool(use_bias)
        set_weight_options(
            self, RECURRENT_WEIGHT_PREFIXES, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint)
        self.unit_forget_bias = bool(unit_forget_bias)
        self.dropout = validate_rate(dropout, "dropout", name)
        self.recurrent_dropout = validate_rate(recurrent_dropout, "recurrent_dropout", name)
        self.seed = seed
        from cornu import random

        self.seed_generator = random.SeedGenerator(seed)
        self.state_size = [filters, filters]
        self.output_size = filters

    def state_shape(self, step_input_shape):
        """Shape of `h` / `c` (without batch) for an input step of `step_input_shape`."""
        spatial = conv_utils.spatial_dims(step_input_shape, self.data_format)
        out = [conv_utils.conv_output_length(length, k, self.padding, s, d)
               for length, k, s, d in zip(spatial, self.kernel_size, self.strides,
                                          self.dilation_rate)]
        return conv_utils.with_spatial_dims(None, out, self.filters, self.data_format)[1:]

    def build(self, input_shape):
        axis = conv_utils.channel_axis(self.data_format)
        channels = input_shape[axis]
        if channels is None:
            raise ValueError(
                f"ConvLSTM {self.name!r}: the channel dimension of the input must be known, "
                f"received input shape {tuple(input_shape)}.")
        width = 4 * self.filters
        self.kernel = self.add_weight(
            shape=self.kernel_size + (channels, width), name="kernel",
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=self.kernel_size + (self.filters, width), name="recurrent_kernel",
            initializer=self.recurrent_initializer, regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        if self.use_bias:
            initializer = self.bias_initializer
            if self.unit_forget_bias:
                from cornu.layers.rnn.lstm import _UnitForgetBias

                initializer = _UnitForgetBias(self.bias_initializer, self.filters)
            self.bias = self.add_weight(
                shape=(width,), name="bias", initializer=initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs, states, training=False):
        h_previous, c_previous = states[0], states[1]
        if training and 0 < self.dropout < 1:
            inputs = ops.multiply(inputs, self.get_dropout_mask(inputs))
        if training and 0 < self.recurrent_dropout < 1:
            h_previous = ops.multiply(h_previous, self.get_recurrent_dropout_mask(h_previous))
        z = ops.conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                     data_format=self.data_format, dilation_rate=self.dilation_rate)
        z = ops.add(z, ops.conv(h_previous, self.recurrent_kernel, strides=1, padding="same",
                                data_format=self.data_format))
        axis = conv_utils.channel_axis(self.data_format)
        if self.bias is not None:
            bias = self.bias if axis == -1 else ops.reshape(self.bias, (-1,) + (1,) * self.rank)
            z = ops.add(z, bias)
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=axis)
        c = ops.add(ops.multiply(self.recurrent_activation(z_f), c_previous),
                    ops.multiply(self.recurrent_activation(z_i), self.activation(z_c)))
        h = ops.multiply(self.recurrent_activation(z_o), self.activation(c))
        return h, [h, c]

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "use_bias": self.use_bias,
            **weight_options_config(self, RECURRENT_WEIGHT_PREFIXES, ("initializer",)),
            "unit_forget_bias": self.unit_forget_bias,
            **weight_options_config(self, RECURRENT_WEIGHT_PREFIXES,
                                    ("regularizer", "constraint")),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "seed": self.seed,
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.setdefault("rank", len(config.get("kernel_size", (0, 0))))
        return super().from_config(config)


class ConvLSTM(RNN):
    """Shared implementation of the ConvLSTM layers (`rank` spatial dimensions).

    Args:
        rank: number of spatial dimensions.
        filters, kernel_size, strides, padding, data_format, dilation_rate, activation,
        recurrent_activation, use_bias, initializers, unit_forget_bias, regularizers,
        constraints, dropout, recurrent_dropout, seed: see `ConvLSTMCell`.
        return_sequences, return_state, go_backwards, stateful, unroll: see `RNN`.

    Example:
        >>> ConvLSTM2D(4, 3, padding="same")(np.zeros((2, 5, 8, 8, 3))).shape
        (2, 8, 8, 4)
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation="tanh",
                 recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, **kwargs):
        cell = ConvLSTMCell(**cell_arguments(locals(), ConvLSTMCell), name="conv_lstm_cell",
                            dtype=kwargs.get("dtype"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=rank + 3)
        self._state_shape = None

    def build(self, sequences_shape, initial_state_shape=None):
        self._state_shape = self.cell.state_shape((sequences_shape[0],) + tuple(
            sequences_shape[2:]))
        super().build(sequences_shape, initial_state_shape)

    def get_initial_state(self, batch_size):
        if self._state_shape is None or None in self._state_shape:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: the spatial input dimensions must be "
                "known to create the initial states.")
        return [ops.zeros((batch_size,) + tuple(self._state_shape), dtype=self.compute_dtype)
                for _ in range(2)]

    def call(self, sequences, initial_state=None, mask=None, training=False):
        self._state_shape = self.cell.state_shape(
            (sequences.shape[0],) + tuple(sequences.shape[2:]))
        return super().call(sequences, initial_state=initial_state, mask=mask,
                            training=training)

    def _output_feature_shape(self, sequences_shape):
        return tuple(self.cell.state_shape((sequences_shape[0],) + tuple(sequences_shape[2:])))

    def _state_feature_shapes(self, sequences_shape):
        return [self._output_feature_shape(sequences_shape)] * 2

    def get_config(self):
        cell_config = self.cell.get_config()
        for key in ("name", "trainable", "dtype"):
            cell_config.pop(key, None)
        return {**self._rnn_config(), **cell_config,
                "activity_regularizer": regularizers.serialize(self.activity_regularizer)}


class ConvLSTM2D(ConvLSTM):
    """2D convolutional LSTM over `(batch, time, rows, cols, channels)`.

    `data_format="channels_first"` takes `(batch, time, channels, rows, cols)` instead.

    Args:
        filters: number of output channels.
        kernel_size: int or pair.
        strides, padding ("valid"/"same"), data_format, dilation_rate, activation,
        recurrent_activation, use_bias, initializers, unit_forget_bias, regularizers,
        constraints, dropout, recurrent_dropout, seed, return_sequences, return_state,
        go_backwards, stateful: as `ConvLSTM`.

    Example:
        >>> ConvLSTM2D(4, 3, padding="same", return_sequences=True)(
        ...     np.zeros((2, 5, 8, 8, 3))).shape
        (2, 5, 8, 8, 4)
    """

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(2, filters, kernel_size, **kwargs)


class ConvLSTM1D(ConvLSTM):
    """1D convolutional LSTM over `(batch, time, steps, channels)` (channels_last).

    Args: as `ConvLSTM2D`, with an int or 1-tuple `kernel_size`.

    Example:
        >>> ConvLSTM1D(4, 3, padding="same")(np.zeros((2, 5, 8, 3))).shape
        (2, 8, 4)
    """

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(1, filters, kernel_size, **kwargs)


class ConvLSTM3D(ConvLSTM):
    """3D convolutional LSTM over `(batch, time, d1, d2, d3, channels)` (channels_last).

    Args: as `ConvLSTM2D`, with an int or 3-tuple `kernel_size`.

    Example:
        >>> ConvLSTM3D(2, 3, padding="same")(np.zeros((1, 2, 4, 4, 4, 1))).shape
        (1, 4, 4, 4, 2)
    """

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(3, filters, kernel_size, **kwargs)
