"""`LSTMCell` and `LSTM` (Hochreiter & Schmidhuber 1997), gates in the order i, f, c, o."""
from cornu import activations, ops
from cornu.backend import engine
from cornu.layers.rnn.cell_backed_rnn import CellBackedRNN, _cell_property
from cornu.layers.rnn.cell_base import RecurrentCellBase
from cornu.layers.rnn.rnn import cell_arguments


class _UnitForgetBias:
    """Bias initializer: the usual initializer, except ones for the forget gate."""

    def __init__(self, base, units):
        self.base = base
        self.units = units

    def __call__(self, shape, dtype=None):
        units = self.units
        return ops.concatenate([
            self.base((units,), dtype=dtype),
            ops.ones((units,), dtype=dtype),
            self.base((2 * units,), dtype=dtype),
        ])


class LSTMCell(RecurrentCellBase):
    """One LSTM step; states `[h, c]`.

    `z = x W + h U + b` split into (i, f, c, o); `c' = f*c + i*act(z_c)`,
    `h' = o*act(c')` with `i, f, o = recurrent_activation(...)`.

    Args:
        units: size of `h` and `c`.
        activation: default tanh.
        recurrent_activation: gate activation, default sigmoid.
        unit_forget_bias: initialize the forget-gate bias to ones (default True).
        use_bias, initializers, regularizers, constraints, dropout, recurrent_dropout,
        seed: see `RecurrentCellBase`.

    Weights: `kernel (input_dim, 4u)`, `recurrent_kernel (u, 4u)`, `bias (4u,)`.

    Example:
        >>> cell = LSTMCell(4)
        >>> h, [h, c] = cell(np.ones((2, 3)), [np.zeros((2, 4)), np.zeros((2, 4))])
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        super().__init__(
            units, activation=activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = bool(unit_forget_bias)

    @property
    def state_size(self):
        return [self.units, self.units]

    def build(self, input_shape):
        self._add_kernels(self._input_dim(input_shape), 4 * self.units)
        initializer = None
        if self.unit_forget_bias:
            initializer = _UnitForgetBias(self.bias_initializer, self.units)
        self._add_bias((4 * self.units,), initializer)
        self.built = True

    def call(self, inputs, states, training=False):
        h_previous, c_previous = states[0], states[1]
        inputs = self._drop_inputs(inputs, training)
        h_previous = self._drop_state(h_previous, training)
        z = ops.add(ops.matmul(inputs, self.kernel),
                    ops.matmul(h_previous, self.recurrent_kernel))
        if self.bias is not None:
            z = ops.add(z, self.bias)
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=-1)
        input_gate = self.recurrent_activation(z_i)
        forget_gate = self.recurrent_activation(z_f)
        c = ops.add(ops.multiply(forget_gate, c_previous),
                    ops.multiply(input_gate, self.activation(z_c)))
        h = ops.multiply(self.recurrent_activation(z_o), self.activation(c))
        return h, [h, c]

    def get_config(self):
        config = super().get_config()
        config["recurrent_activation"] = activations.serialize(self.recurrent_activation)
        config["unit_forget_bias"] = self.unit_forget_bias
        return config


class LSTM(CellBackedRNN):
    """Long Short-Term Memory layer.

    On torch, torch's fused LSTM kernel runs when the configuration allows it (tanh /
    sigmoid, no mask, no recurrent dropout in training, not unrolled); on JAX the input
    projection is hoisted out of a `lax.scan`. Otherwise the cell runs step by step.

    Args:
        units: output size.
        activation / recurrent_activation: default tanh / sigmoid.
        unit_forget_bias: forget-gate bias initialized to ones.
        use_bias, initializers, regularizers, constraints, dropout, recurrent_dropout,
        seed: passed to the `LSTMCell`.
        return_sequences, return_state, go_backwards, stateful, unroll: see `RNN`.
        use_cudnn: `False` forces the step loop.

    Example:
        >>> LSTM(8, return_sequences=True)(np.zeros((2, 5, 3))).shape
        (2, 5, 8)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, use_cudnn="auto",
                 **kwargs):
        kwargs.pop("implementation", None)
        cell = LSTMCell(**cell_arguments(locals(), LSTMCell), dtype=kwargs.get("dtype"),
                        trainable=kwargs.get("trainable", True), name="lstm_cell")
        super().__init__(cell, activity_regularizer=activity_regularizer,
                         return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll, **kwargs)
        self.use_cudnn = use_cudnn

    recurrent_activation = _cell_property("recurrent_activation")
    unit_forget_bias = _cell_property("unit_forget_bias")

    def inner_loop(self, sequences, initial_state, mask, training=False):
        if self._fusable(mask, training):
            cell = self.cell
            try:
                return engine.rnn.lstm(
                    self._dropped_sequences(sequences, training), initial_state[0],
                    initial_state[1], mask, cell.kernel, cell.recurrent_kernel, cell.bias,
                    cell.activation, cell.recurrent_activation,
                    return_sequences=self.return_sequences, go_backwards=self.go_backwards,
                    unroll=self.unroll, zero_output_for_mask=self.zero_output_for_mask)
            except NotImplementedError:
                pass
        return super().inner_loop(sequences, initial_state, mask, training=training)
