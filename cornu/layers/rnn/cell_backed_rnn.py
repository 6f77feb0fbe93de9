"""`CellBackedRNN`: what SimpleRNN, LSTM and GRU share on top of `RNN`.

Each of them owns one built-in cell; its arguments are exposed as read-only layer
properties and flattened into the layer config (Keras's keys, no nested `cell`).
"""
from cornu import regularizers
from cornu.layers.input_spec import InputSpec
from cornu.layers.rnn.rnn import RNN


def _cell_property(name):
    return property(lambda self: getattr(self.cell, name),
                    doc=f"The cell's `{name}` (read-only).")


class CellBackedRNN(RNN):
    """An `RNN` whose cell is created from the layer's own arguments.

    Args:
        cell: the built-in cell instance built by the subclass.
        activity_regularizer: regularizer on the layer output.
        **kwargs: `RNN` arguments (`return_sequences`, `go_backwards`, ...) and base layer
            arguments.

    Example:
        >>> class MyLSTM(CellBackedRNN): ...  # see LSTM
    """

    def __init__(self, cell, activity_regularizer=None, **kwargs):
        super().__init__(cell, activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    units = _cell_property("units")
    activation = _cell_property("activation")
    use_bias = _cell_property("use_bias")
    kernel_initializer = _cell_property("kernel_initializer")
    recurrent_initializer = _cell_property("recurrent_initializer")
    bias_initializer = _cell_property("bias_initializer")
    kernel_regularizer = _cell_property("kernel_regularizer")
    recurrent_regularizer = _cell_property("recurrent_regularizer")
    bias_regularizer = _cell_property("bias_regularizer")
    kernel_constraint = _cell_property("kernel_constraint")
    recurrent_constraint = _cell_property("recurrent_constraint")
    bias_constraint = _cell_property("bias_constraint")
    dropout = _cell_property("dropout")
    recurrent_dropout = _cell_property("recurrent_dropout")

    def _fusable(self, mask, training):
        """Whether the engine's whole-sequence kernel may replace the step loop."""
        if getattr(self, "use_cudnn", "auto") is False:
            return False
        return not (training and self.cell.recurrent_dropout > 0)

    def _dropped_sequences(self, sequences, training):
        """Apply the cell's input dropout to all steps at once (same mask at each step)."""
        if training and 0 < self.cell.dropout < 1:
            from cornu import ops

            step_mask = self.cell.get_dropout_mask(sequences[:, 0])
            return ops.multiply(sequences, ops.expand_dims(step_mask, 1))
        return sequences

    def get_config(self):
        cell_config = self.cell.get_config()
        for key in ("name", "trainable", "dtype"):
            cell_config.pop(key, None)
        return {**self._rnn_config(), **cell_config,
                "activity_regularizer": regularizers.serialize(self.activity_regularizer)}
