"""`DropoutRNNCell`: per-sequence dropout masks shared by the built-in recurrent cells."""
from cornu import ops


def validate_rate(value, argument, layer_name):
    """`value` clipped to [0, 1] (as Keras does); non-numbers raise an error naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"{layer_name}: `{argument}` must be a float between 0 and 1, received "
            f"{value!r} of type {type(value).__name__}.")
    return min(1.0, max(0.0, float(value)))


class DropoutRNNCell:
    """Mixin for cells with `dropout` / `recurrent_dropout` and a `seed_generator`.

    The same mask is used at every timestep of a sequence (drawn on first use and kept
    until `reset_dropout_mask` / `reset_recurrent_dropout_mask`); the RNN layer resets
    both after each sequence.

    Example:
        >>> mask = cell.get_dropout_mask(step_input)  # same mask for every timestep
    """

    def _draw_mask(self, like, rate):
        from cornu import random

        return random.dropout(ops.ones_like(like), rate, seed=self.seed_generator)

    def get_dropout_mask(self, step_input):
        """Keep-mask (scaled by `1/(1-dropout)`) for the cell inputs, shaped like `step_input`."""
        if getattr(self, "_dropout_mask", None) is None:
            self._dropout_mask = self._draw_mask(step_input, self.dropout)
        return self._dropout_mask

    def get_recurrent_dropout_mask(self, step_input):
        """Keep-mask for the recurrent state, shaped like `step_input` (a state tensor)."""
        if getattr(self, "_recurrent_dropout_mask", None) is None:
            self._recurrent_dropout_mask = self._draw_mask(step_input, self.recurrent_dropout)
        return self._recurrent_dropout_mask

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None
