"""`GRUCell` and `GRU` (Cho et al. 2014), gates in the order z (update), r (reset), h."""
from cornu import activations, ops
from cornu.backend import engine
from cornu.layers.rnn.cell_backed_rnn import CellBackedRNN, _cell_property
from cornu.layers.rnn.cell_base import RecurrentCellBase
from cornu.layers.rnn.rnn import cell_arguments


class GRUCell(RecurrentCellBase):
    """One GRU step; the state is `h`.

    `z = rec_act(x W_z + h U_z)`, `r = rec_act(x W_r + h U_r)`, candidate
    `n = act(x W_h + r * (h U_h))` (reset after the matmul, `reset_after=True`, the
    default) or `act(x W_h + (r * h) U_h)`; `h' = z * h + (1 - z) * n`.

    Args:
        units: size of `h`.
        activation / recurrent_activation: default tanh / sigmoid.
        reset_after: apply the reset gate after the recurrent matmul (then the bias has
            shape `(2, 3u)`: input bias row, recurrent bias row).
        use_bias, initializers, regularizers, constraints, dropout, recurrent_dropout,
        seed: see `RecurrentCellBase`.

    Weights: `kernel (input_dim, 3u)`, `recurrent_kernel (u, 3u)`, `bias (2, 3u)` or `(3u,)`.

    Example:
        >>> h, [h] = GRUCell(4)(np.ones((2, 3)), [np.zeros((2, 4))])
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, reset_after=True, seed=None, **kwargs):
        super().__init__(
            units, activation=activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.reset_after = bool(reset_after)

    @property
    def state_size(self):
        return self.units

    def build(self, input_shape):
        self._add_kernels(self._input_dim(input_shape), 3 * self.units)
        self._add_bias((2, 3 * self.units) if self.reset_after else (3 * self.units,))
        self.built = True

    def call(self, inputs, states, training=False):
        h_previous = states[0] if isinstance(states, (list, tuple)) else states
        inputs = self._drop_inputs(inputs, training)
        h_dropped = self._drop_state(h_previous, training)
        units = self.units
        if self.bias is not None and self.reset_after:
            input_bias, recurrent_bias = self.bias[0], self.bias[1]
        else:
            input_bias, recurrent_bias = self.bias, None
        x_all = ops.matmul(inputs, self.kernel)
        if input_bias is not None:
            x_all = ops.add(x_all, input_bias)
        x_z, x_r, x_h = ops.split(x_all, 3, axis=-1)
        if self.reset_after:
            inner = ops.matmul(h_dropped, self.recurrent_kernel)
            if recurrent_bias is not None:
                inner = ops.add(inner, recurrent_bias)
            r_z, r_r, r_h = ops.split(inner, 3, axis=-1)
            z = self.recurrent_activation(ops.add(x_z, r_z))
            r = self.recurrent_activation(ops.add(x_r, r_r))
            candidate = self.activation(ops.add(x_h, ops.multiply(r, r_h)))
        else:
            inner = ops.matmul(h_dropped, self.recurrent_kernel[:, :2 * units])
            r_z, r_r = ops.split(inner, 2, axis=-1)
            z = self.recurrent_activation(ops.add(x_z, r_z))
            r = self.recurrent_activation(ops.add(x_r, r_r))
            recurrent_h = ops.matmul(ops.multiply(r, h_dropped),
                                     self.recurrent_kernel[:, 2 * units:])
            candidate = self.activation(ops.add(x_h, recurrent_h))
        h = ops.add(ops.multiply(z, h_previous), ops.multiply(ops.subtract(1.0, z), candidate))
        return h, ([h] if isinstance(states, (list, tuple)) else h)

    def get_config(self):
        config = super().get_config()
        config["recurrent_activation"] = activations.serialize(self.recurrent_activation)
        config["reset_after"] = self.reset_after
        return config


class GRU(CellBackedRNN):
    """Gated Recurrent Unit layer (`reset_after=True` by default, as Keras 3).

    On torch, torch's fused GRU kernel runs when the configuration allows it
    (`reset_after=True`, tanh / sigmoid, no mask, no recurrent dropout in training, not
    unrolled); on JAX the input projection is hoisted out of a `lax.scan`.

    Args:
        units: output size.
        activation / recurrent_activation: default tanh / sigmoid.
        reset_after: see `GRUCell`.
        use_bias, initializers, regularizers, constraints, dropout, recurrent_dropout,
        seed: passed to the `GRUCell`.
        return_sequences, return_state, go_backwards, stateful, unroll: see `RNN`.
        use_cudnn: `False` forces the step loop.

    Example:
        >>> GRU(4)(np.zeros((2, 5, 3))).shape
        (2, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, reset_after=True, use_cudnn="auto", **kwargs):
        kwargs.pop("implementation", None)
        cell = GRUCell(**cell_arguments(locals(), GRUCell), dtype=kwargs.get("dtype"),
                       trainable=kwargs.get("trainable", True), name="gru_cell")
        super().__init__(cell, activity_regularizer=activity_regularizer,
                         return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll, **kwargs)
        self.use_cudnn = use_cudnn

    recurrent_activation = _cell_property("recurrent_activation")
    reset_after = _cell_property("reset_after")

    def inner_loop(self, sequences, initial_state, mask, training=False):
        if self._fusable(mask, training):
            cell = self.cell
            try:
                return engine.rnn.gru(
                    self._dropped_sequences(sequences, training), initial_state[0], mask,
                    cell.kernel, cell.recurrent_kernel, cell.bias, cell.activation,
                    cell.recurrent_activation, return_sequences=self.return_sequences,
                    go_backwards=self.go_backwards, unroll=self.unroll,
                    reset_after=cell.reset_after,
                    zero_output_for_mask=self.zero_output_for_mask)
            except NotImplementedError:
                pass
        return super().inner_loop(sequences, initial_state, mask, training=training)
