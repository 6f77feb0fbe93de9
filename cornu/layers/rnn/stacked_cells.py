"""`StackedRNNCells`: several cells run one after another inside a single timestep."""
from cornu.layers.layer import Layer


class StackedRNNCells(Layer):
    """Wraps a list of cells so an `RNN` runs them as one deep cell.

    The output of cell `k` is the input of cell `k + 1`; the states are nested per cell
    (`state_size = [cell.state_size for cell in cells]`).

    Args:
        cells: list of cell layers.

    Example:
        >>> cells = [LSTMCell(8), LSTMCell(4)]
        >>> RNN(StackedRNNCells(cells))(np.zeros((2, 5, 3)))  # shape (2, 4)
    """

    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(cells, (list, tuple)) or not cells:
            raise ValueError(
                f"StackedRNNCells: `cells` must be a non-empty list of cells, received "
                f"{cells!r}.")
        for cell in cells:
            if not callable(getattr(cell, "call", None)) or not hasattr(cell, "state_size"):
                raise ValueError(
                    "StackedRNNCells: every cell needs a `call(inputs, states)` method and a "
                    f"`state_size` attribute; received {cell!r} of type "
                    f"{type(cell).__name__}.")
        self.cells = list(cells)

    @property
    def state_size(self):
        return [cell.state_size for cell in self.cells]

    @property
    def output_size(self):
        last = self.cells[-1]
        size = getattr(last, "output_size", None)
        if size is not None:
            return size
        state_size = last.state_size
        return state_size[0] if isinstance(state_size, (list, tuple)) else state_size

    @staticmethod
    def _size_of(cell):
        size = getattr(cell, "output_size", None)
        if size is None:
            size = cell.state_size
            size = size[0] if isinstance(size, (list, tuple)) else size
        return size

    def get_initial_state(self, batch_size=None):
        from cornu import ops

        states = []
        for cell in self.cells:
            maker = getattr(cell, "get_initial_state", None)
            if maker is not None:
                states.append(maker(batch_size=batch_size))
            else:
                sizes = cell.state_size if isinstance(cell.state_size, (list, tuple)) \
                    else [cell.state_size]
                states.append([ops.zeros((batch_size, s), dtype=self.compute_dtype)
                               for s in sizes])
        return states

    def build(self, input_shape):
        shape = tuple(input_shape)
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(shape)
                cell.built = True
            shape = (shape[0], self._size_of(cell))
        self.built = True

    def call(self, inputs, states, training=False):
        new_states = []
        for cell, cell_states in zip(self.cells, states):
            if not isinstance(cell_states, (list, tuple)):
                cell_states = [cell_states]
            if isinstance(cell, Layer):
                inputs, cell_new_states = cell(inputs, list(cell_states), training=training)
            else:
                inputs, cell_new_states = cell.call(inputs, list(cell_states))
            new_states.append(cell_new_states)
        return inputs, new_states

    def get_config(self):
        from cornu.saving import serialization_lib

        return {**super().get_config(),
                "cells": [serialization_lib.serialize_keras_object(c) for c in self.cells]}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.saving import serialization_lib

        config = dict(config)
        config["cells"] = [
            serialization_lib.deserialize_keras_object(c, custom_objects=custom_objects)
            for c in config["cells"]]
        return super().from_config(config)
