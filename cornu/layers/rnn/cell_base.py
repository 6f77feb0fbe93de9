"""`RecurrentCellBase`: arguments, validation and config shared by the built-in cells."""
from cornu import activations, ops
from cornu.layers.layer import Layer
from cornu.layers.rnn.dropout_rnn_cell import DropoutRNNCell, validate_rate
from cornu.layers.weight_options import set_weight_options, weight_options_config

# The weights every built-in recurrent cell has, in Keras's config order.
RECURRENT_WEIGHT_PREFIXES = ("kernel", "recurrent", "bias")


def validate_units(units, layer_name):
    """Return `units` if it is a positive int, else raise an error naming the layer."""
    if isinstance(units, bool) or not isinstance(units, int) or units <= 0:
        raise ValueError(
            f"{layer_name}: `units` must be a positive integer, received {units!r}.")
    return units


class RecurrentCellBase(DropoutRNNCell, Layer):
    """Holds the arguments common to SimpleRNNCell, LSTMCell and GRUCell.

    Args:
        units: size of the output and of each state.
        activation: output activation (default tanh).
        use_bias: whether the cell has a bias.
        kernel_initializer / recurrent_initializer / bias_initializer: for the weights.
        kernel_regularizer / recurrent_regularizer / bias_regularizer: optional.
        kernel_constraint / recurrent_constraint / bias_constraint: optional.
        dropout / recurrent_dropout: fraction of inputs / recurrent state to drop in training.
        seed: seed of the dropout masks.

    Example:
        >>> class MyCell(RecurrentCellBase): ...  # implement build() and call()
    """

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        kwargs.pop("implementation", None)
        super().__init__(**kwargs)
        name = type(self).__name__
        self.units = validate_units(units, name)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        set_weight_options(
            self, RECURRENT_WEIGHT_PREFIXES, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint)
        self.dropout = validate_rate(dropout, "dropout", name)
        self.recurrent_dropout = validate_rate(recurrent_dropout, "recurrent_dropout", name)
        self.seed = seed
        from cornu import random

        self.seed_generator = random.SeedGenerator(seed)

    @property
    def output_size(self):
        return self.units

    def _input_dim(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: the last (feature) dimension of the "
                f"input must be known, received input shape {tuple(input_shape)}.")
        return input_dim

    def _add_kernels(self, input_dim, width):
        self.kernel = self.add_weight(
            shape=(input_dim, width), name="kernel", initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, width), name="recurrent_kernel",
            initializer=self.recurrent_initializer, regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)

    def _add_bias(self, shape, initializer=None):
        if not self.use_bias:
            self.bias = None
            return
        self.bias = self.add_weight(
            shape=shape, name="bias", initializer=initializer or self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint)

    def _drop_inputs(self, inputs, training):
        if training and 0 < self.dropout < 1:
            return ops.multiply(inputs, self.get_dropout_mask(inputs))
        return inputs

    def _drop_state(self, state, training):
        if training and 0 < self.recurrent_dropout < 1:
            return ops.multiply(state, self.get_recurrent_dropout_mask(state))
        return state

    def get_initial_state(self, batch_size=None):
        """Zero states, one `(batch_size, units)` tensor per state."""
        sizes = self.state_size if isinstance(self.state_size, (list, tuple)) \
            else [self.state_size]
        return [ops.zeros((batch_size, size), dtype=self.compute_dtype) for size in sizes]

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            **weight_options_config(self, RECURRENT_WEIGHT_PREFIXES),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "seed": self.seed,
        }
