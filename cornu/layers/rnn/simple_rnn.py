"""`SimpleRNNCell` and `SimpleRNN`: `h_t = activation(x_t W + h_{t-1} U + b)`."""
from cornu import ops
from cornu.backend import engine
from cornu.layers.rnn.cell_backed_rnn import CellBackedRNN
from cornu.layers.rnn.cell_base import RecurrentCellBase
from cornu.layers.rnn.rnn import cell_arguments


class SimpleRNNCell(RecurrentCellBase):
    """One step of a fully-connected RNN whose output is also its state.

    Args:
        units: output / state size.
        activation: default tanh.
        use_bias, kernel_initializer ("glorot_uniform"), recurrent_initializer
        ("orthogonal"), bias_initializer ("zeros"), *_regularizer, *_constraint,
        dropout, recurrent_dropout, seed: see `RecurrentCellBase`.

    Weights: `kernel (input_dim, units)`, `recurrent_kernel (units, units)`, `bias (units,)`.

    Example:
        >>> cell = SimpleRNNCell(4)
        >>> output, [state] = cell(np.ones((2, 3)), [np.zeros((2, 4))])
    """

    @property
    def state_size(self):
        return self.units

    def build(self, input_shape):
        self._add_kernels(self._input_dim(input_shape), self.units)
        self._add_bias((self.units,))
        self.built = True

    def call(self, sequence, states, training=False):
        previous = states[0] if isinstance(states, (list, tuple)) else states
        sequence = self._drop_inputs(sequence, training)
        previous = self._drop_state(previous, training)
        hidden = ops.matmul(sequence, self.kernel)
        if self.bias is not None:
            hidden = ops.add(hidden, self.bias)
        output = ops.add(hidden, ops.matmul(previous, self.recurrent_kernel))
        if self.activation is not None:
            output = self.activation(output)
        return output, ([output] if isinstance(states, (list, tuple)) else output)


class SimpleRNN(CellBackedRNN):
    """Fully-connected RNN over a `(batch, time, features)` sequence.

    On torch, torch's fused tanh-RNN kernel runs when the configuration allows it (tanh, no
    mask, no recurrent dropout in training, not unrolled); on JAX the input projection is
    hoisted out of a `lax.scan`.

    Args:
        units: output size.
        activation, use_bias, initializers, regularizers, constraints, dropout,
        recurrent_dropout, seed: passed to the `SimpleRNNCell`.
        return_sequences, return_state, go_backwards, stateful, unroll: see `RNN`.
        use_cudnn: `False` forces the step loop.

    Example:
        >>> SimpleRNN(4)(np.zeros((2, 5, 3))).shape
        (2, 4)
    """

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, seed=None, use_cudnn="auto",
                 **kwargs):
        cell = SimpleRNNCell(**cell_arguments(locals(), SimpleRNNCell),
                             dtype=kwargs.get("dtype"), trainable=kwargs.get("trainable", True),
                             name="simple_rnn_cell")
        super().__init__(cell, activity_regularizer=activity_regularizer,
                         return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll, **kwargs)
        self.use_cudnn = use_cudnn

    def inner_loop(self, sequences, initial_state, mask, training=False):
        if self._fusable(mask, training):
            cell = self.cell
            try:
                return engine.rnn.simple_rnn(
                    self._dropped_sequences(sequences, training), initial_state[0], mask,
                    cell.kernel, cell.recurrent_kernel, cell.bias, cell.activation,
                    return_sequences=self.return_sequences, go_backwards=self.go_backwards,
                    unroll=self.unroll, zero_output_for_mask=self.zero_output_for_mask)
            except NotImplementedError:
                pass
        return super().inner_loop(sequences, initial_state, mask, training=training)
