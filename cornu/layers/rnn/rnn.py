"""`RNN`: runs any recurrent cell over the time axis of a sequence."""
import inspect

from cornu import backend, ops
from cornu.backend import engine
from cornu.backend.common import naming
from cornu.layers.layer import Layer


def _is_state_leaf(size):
    return size is None or isinstance(size, int)


def flatten_state_sizes(state_size):
    """Flat list of the int sizes in a (possibly nested) `state_size`."""
    if _is_state_leaf(state_size):
        return [state_size]
    flat = []
    for item in state_size:
        flat.extend(flatten_state_sizes(item))
    return flat


def _flatten_states(states):
    if isinstance(states, (list, tuple)):
        flat = []
        for item in states:
            flat.extend(_flatten_states(item))
        return flat
    return [states]


def _pack_states(structure, flat):
    """Arrange `flat` tensors like `structure` (ints are leaves); returns (packed, rest)."""
    if _is_state_leaf(structure):
        return flat[0], flat[1:]
    packed = []
    for item in structure:
        value, flat = _pack_states(item, flat)
        packed.append(value)
    return packed, flat


def _state_structure(cell):
    size = cell.state_size
    return [size] if _is_state_leaf(size) else list(size)



def cell_arguments(arguments, cell_class):
    """The entries of `arguments` (a layer's constructor arguments) that `cell_class` takes.

    The recurrent layers repeat their cell's settings in their own signature, as Keras's
    do; this hands them over without listing each one twice.
    """
    parameters = inspect.signature(cell_class.__init__).parameters
    return {name: value for name, value in arguments.items()
            if name in parameters and name != "self"
            and parameters[name].kind is not inspect.Parameter.VAR_KEYWORD}

class RNN(Layer):
    """Base recurrent layer: applies `cell` to each timestep of a `(batch, time, ...)` input.

    Args:
        cell: a cell layer (with `state_size` and `call(inputs, states)` returning
            `(output, new_states)`), or a list of cells (stacked).
        return_sequences: return the output of every step instead of the last one.
        return_state: also return the final states (`[output, *states]`).
        go_backwards: process the sequence from the end (outputs in processing order).
        stateful: keep the final states of each batch as the initial states of the next
            (needs a fixed batch size).
        unroll: unroll the loop (the JAX engine then uses a Python loop, not `lax.scan`).
        zero_output_for_mask: masked steps output zeros instead of the previous output.

    Call arguments:
        sequences: `(batch, time, features...)`.
        initial_state: list of initial state tensors (default zeros).
        mask: `(batch, time)` boolean, True for real steps (filled from Embedding/Masking).
        training: enables cell dropout.

    Example:
        >>> RNN(LSTMCell(8), return_sequences=True)(np.zeros((2, 5, 3)))  # (2, 5, 8)
    """

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            from cornu.layers.rnn.stacked_cells import StackedRNNCells

            cell = StackedRNNCells(cell)
        if not callable(getattr(cell, "call", None)):
            raise ValueError(
                f"RNN: the `cell` argument must be a layer with a `call(inputs, states)` "
                f"method, received {cell!r} of type {type(cell).__name__}.")
        if not hasattr(cell, "state_size"):
            raise ValueError(
                f"RNN: the `cell` argument must have a `state_size` attribute (an int or a "
                f"list of ints), received {type(cell).__name__} without one.")
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.stateful = bool(stateful)
        self.unroll = bool(unroll)
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True
        self.states = None

    # ------------------------------------------------------------------ build
    def build(self, sequences_shape, initial_state_shape=None):
        sequences_shape = tuple(sequences_shape)
        if len(sequences_shape) < 3:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects inputs of shape "
                f"(batch, timesteps, features), received shape {sequences_shape}.")
        step_shape = (sequences_shape[0],) + sequences_shape[2:]
        if isinstance(self.cell, Layer) and not self.cell.built:
            with naming.name_scope(self.name):
                self.cell.build(step_shape)
            self.cell.built = True
        if self.stateful:
            self._create_state_variables(sequences_shape)
        self.built = True

    def _create_state_variables(self, sequences_shape):
        batch_size = sequences_shape[0]
        if batch_size is None:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} is stateful, so it needs a fixed batch "
                f"size, but the input shape is {tuple(sequences_shape)}. Pass `batch_size` to "
                "`Input` (or `batch_input_shape` to the first layer).")
        with naming.name_scope(self.name):
            self.states = [
                backend.Variable(value, shape=tuple(value.shape), dtype=self.variable_dtype,
                                 trainable=False, name="rnn_state")
                for value in self.get_initial_state(batch_size)]

    # ------------------------------------------------------------------ states
    def get_initial_state(self, batch_size):
        """Flat list of zero initial states for a batch of `batch_size` sequences."""
        cell_initial = getattr(self.cell, "get_initial_state", None)
        if cell_initial is not None:
            return _flatten_states(cell_initial(batch_size=batch_size))
        return [ops.zeros((batch_size, size), dtype=self.compute_dtype)
                for size in flatten_state_sizes(self.cell.state_size)]

    def reset_states(self):
        """Zero the carried states of a stateful layer."""
        if self.states is None:
            return
        for variable in self.states:
            variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    reset_state = reset_states

    def _standardize_initial_state(self, initial_state, batch_size):
        if initial_state is None:
            if self.stateful and self.states is not None:
                return [variable.value for variable in self.states]
            return self.get_initial_state(batch_size)
        flat = [ops.convert_to_tensor(s, dtype=self.compute_dtype)
                for s in _flatten_states(initial_state)]
        expected = len(flatten_state_sizes(self.cell.state_size))
        if len(flat) != expected:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects {expected} initial state "
                f"tensor(s) (cell state_size={self.cell.state_size}), received {len(flat)}.")
        return flat

    def _reset_cell_dropout_masks(self):
        cells = getattr(self.cell, "cells", [self.cell])
        for cell in cells:
            for method in ("reset_dropout_mask", "reset_recurrent_dropout_mask"):
                if hasattr(cell, method):
                    getattr(cell, method)()

    # -------------------------------------------------------------------- call
    def inner_loop(self, sequences, initial_state, mask, training=False):
        """Run the cell over time; returns `(last_output, outputs, final_flat_states)`."""
        structure = _state_structure(self.cell)
        cell_call = self.cell if isinstance(self.cell, Layer) else self.cell.call

        def step(inputs, flat_states):
            states, _ = _pack_states(structure, list(flat_states))
            if isinstance(self.cell, Layer):
                output, new_states = cell_call(inputs, states, training=training)
            else:
                output, new_states = cell_call(inputs, states)
            return output, _flatten_states(new_states)

        return engine.rnn.rnn(
            step, sequences, initial_state, go_backwards=self.go_backwards, mask=mask,
            unroll=self.unroll, zero_output_for_mask=self.zero_output_for_mask,
            return_all_outputs=self.return_sequences)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if len(sequences.shape) < 3:
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects inputs of shape "
                f"(batch, timesteps, features), received shape {tuple(sequences.shape)}.")
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if mask is not None:
            mask = ops.cast(mask, "bool")
        batch_size = ops.shape(sequences)[0]
        states = self._standardize_initial_state(initial_state, batch_size)
        try:
            last_output, outputs, new_states = self.inner_loop(
                sequences, states, mask, training=bool(training))
        finally:
            self._reset_cell_dropout_masks()
        if self.stateful and self.states is not None:
            for variable, value in zip(self.states, new_states):
                variable.assign(value)
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return [output] + list(new_states)
        return output

    # ----------------------------------------------------------------- shapes
    def _output_feature_shape(self, sequences_shape):
        size = getattr(self.cell, "output_size", None)
        if size is None:
            size = flatten_state_sizes(self.cell.state_size)[0]
        return tuple(size) if isinstance(size, (list, tuple)) else (size,)

    def _state_feature_shapes(self, sequences_shape):
        return [(size,) for size in flatten_state_sizes(self.cell.state_size)]

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        batch = sequences_shape[0]
        feature = self._output_feature_shape(sequences_shape)
        if self.return_sequences:
            output = (batch, sequences_shape[1]) + feature
        else:
            output = (batch,) + feature
        if self.return_state:
            return [output] + [(batch,) + s for s in self._state_feature_shapes(sequences_shape)]
        return output

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(flatten_state_sizes(self.cell.state_size))
        return output_mask

    # ----------------------------------------------------------------- config
    def _rnn_config(self):
        return {
            **super().get_config(),
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
        }

    def get_config(self):
        from cornu.saving import serialization_lib

        return {**self._rnn_config(),
                "cell": serialization_lib.serialize_keras_object(self.cell)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.saving import serialization_lib

        config = dict(config)
        if "cell" not in config:
            return super().from_config(config)
        cell = config.pop("cell")
        if isinstance(cell, dict):
            cell = serialization_lib.deserialize_keras_object(cell, custom_objects=custom_objects)
        elif isinstance(cell, list):
            cell = [serialization_lib.deserialize_keras_object(c, custom_objects=custom_objects)
                    if isinstance(c, dict) else c for c in cell]
        return super().from_config({**config, "cell": cell})
