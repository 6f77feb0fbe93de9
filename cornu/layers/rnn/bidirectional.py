"""`Bidirectional`: runs a recurrent layer forwards and backwards and merges the results."""
from cornu import ops
from cornu.layers.layer import Layer
from cornu.layers.rnn.rnn import flatten_state_sizes

_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


def _strip_prefix(name, prefix):
    return name[len(prefix):] if name.startswith(prefix) else name


def _copy_layer(layer, name, go_backwards=None):
    """A fresh, unbuilt copy of `layer` (same config) named `name`."""
    config = layer.get_config()
    config["name"] = name
    if go_backwards is not None:
        config["go_backwards"] = go_backwards
    cell = getattr(layer, "cell", None)
    if "cell" in config and cell is not None:
        # Copy the cell directly so custom (unregistered) cells work too.
        config["cell"] = type(cell).from_config(cell.get_config())
    return type(layer).from_config(config)


class Bidirectional(Layer):
    """Bidirectional wrapper for RNNs.

    The wrapped layer is copied into `forward_layer` (named `forward_<name>`) and, unless
    `backward_layer` is given, into `backward_layer` (named `backward_<name>`, with
    `go_backwards` flipped). The backward outputs are reversed back to forward time order
    before merging.

    Args:
        layer: an `RNN` instance (LSTM, GRU, SimpleRNN, RNN(cell), ...).
        merge_mode: "concat" (default), "sum", "mul", "ave", or None (return both).
        backward_layer: optional RNN used for the backward direction.

    Example:
        >>> Bidirectional(LSTM(4))(np.zeros((2, 5, 3))).shape
        (2, 8)
    """

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                "Bidirectional: `layer` must be a Layer instance (e.g. LSTM(4)), received "
                f"{layer!r} of type {type(layer).__name__}.")
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(
                "Bidirectional: `backward_layer` must be a Layer instance, received "
                f"{backward_layer!r} of type {type(backward_layer).__name__}.")
        if merge_mode not in _MERGE_MODES:
            raise ValueError(
                f"Bidirectional: invalid merge_mode {merge_mode!r}; expected one of "
                f"{list(_MERGE_MODES)}.")
        super().__init__(**kwargs)
        self.forward_layer = _copy_layer(
            layer, "forward_" + _strip_prefix(layer.name, "forward_"))
        if backward_layer is None:
            backward_layer = _copy_layer(
                layer, "backward_" + _strip_prefix(layer.name, "backward_"),
                go_backwards=not layer.go_backwards)
        else:
            self._check_backward_layer(layer, backward_layer)
        self.backward_layer = backward_layer
        self.merge_mode = merge_mode
        self.return_sequences = getattr(layer, "return_sequences", False)
        self.return_state = getattr(layer, "return_state", False)
        self.stateful = getattr(layer, "stateful", False)
        for direction in (self.forward_layer, self.backward_layer):
            if hasattr(direction, "zero_output_for_mask"):
                direction.zero_output_for_mask = self.return_sequences
        self.supports_masking = True
        self.input_spec = layer.input_spec
        if weights is not None:
            self._initial_weights = list(weights)

    @staticmethod
    def _check_backward_layer(layer, backward_layer):
        if backward_layer.go_backwards == layer.go_backwards:
            raise ValueError(
                "Bidirectional: the forward and backward layers must have opposite "
                f"`go_backwards`, but both have go_backwards={layer.go_backwards}.")
        for attribute in ("return_sequences", "return_state", "stateful"):
            if getattr(layer, attribute) != getattr(backward_layer, attribute):
                raise ValueError(
                    f"Bidirectional: the forward and backward layers must have the same "
                    f"`{attribute}`; received {getattr(layer, attribute)} (forward) and "
                    f"{getattr(backward_layer, attribute)} (backward).")

    def build(self, sequences_shape, initial_state_shape=None):
        for direction in (self.forward_layer, self.backward_layer):
            if not direction.built:
                direction.build(sequences_shape)
                direction.built = True
        self.built = True
        initial = getattr(self, "_initial_weights", None)
        if initial is not None:
            self.set_weights(initial)
            del self._initial_weights

    def call(self, sequences, initial_state=None, mask=None, training=None):
        forward_state = backward_state = None
        if initial_state is not None:
            initial_state = list(initial_state)
            if len(initial_state) % 2:
                raise ValueError(
                    f"Bidirectional {self.name!r}: `initial_state` must hold the forward "
                    "states followed by the backward states (an even number of tensors), "
                    f"received {len(initial_state)}.")
            half = len(initial_state) // 2
            forward_state, backward_state = initial_state[:half], initial_state[half:]
        y = self.forward_layer(sequences, initial_state=forward_state, mask=mask,
                               training=training)
        y_reverse = self.backward_layer(sequences, initial_state=backward_state, mask=mask,
                                        training=training)
        states = []
        if self.return_state:
            states = list(y[1:]) + list(y_reverse[1:])
            y, y_reverse = y[0], y_reverse[0]
        if self.return_sequences:
            y_reverse = ops.flip(y_reverse, axis=1)
        if self.merge_mode == "concat":
            output = ops.concatenate([y, y_reverse], axis=-1)
        elif self.merge_mode == "sum":
            output = ops.add(y, y_reverse)
        elif self.merge_mode == "ave":
            output = ops.divide(ops.add(y, y_reverse), 2.0)
        elif self.merge_mode == "mul":
            output = ops.multiply(y, y_reverse)
        else:
            output = [y, y_reverse]
        if self.return_state:
            return (output if self.merge_mode is None else [output]) + states
        return output

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        shape = self.forward_layer.compute_output_shape(sequences_shape)
        state_shapes = []
        if self.return_state:
            shape, state_shapes = shape[0], list(shape[1:])
        shape = tuple(shape)
        if self.merge_mode == "concat":
            last = None if shape[-1] is None else shape[-1] * 2
            output = [shape[:-1] + (last,)]
        elif self.merge_mode is None:
            output = [shape, shape]
        else:
            output = [shape]
        if self.return_state:
            return output + state_shapes + state_shapes
        return output[0] if len(output) == 1 else output

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        masks = [output_mask, output_mask] if self.merge_mode is None else [output_mask]
        if self.return_state:
            cell = getattr(self.forward_layer, "cell", None)
            count = 0 if cell is None else len(flatten_state_sizes(cell.state_size))
            return masks + [None] * (2 * count)
        return masks[0] if len(masks) == 1 else masks

    def reset_states(self):
        for direction in (self.forward_layer, self.backward_layer):
            if hasattr(direction, "reset_states"):
                direction.reset_states()

    reset_state = reset_states

    def get_config(self):
        from cornu.saving import serialization_lib

        return {**super().get_config(), "merge_mode": self.merge_mode,
                "layer": serialization_lib.serialize_keras_object(self.forward_layer),
                "backward_layer": serialization_lib.serialize_keras_object(self.backward_layer)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from cornu.saving import serialization_lib

        config = dict(config)
        for key in ("layer", "backward_layer"):
            if isinstance(config.get(key), dict):
                config[key] = serialization_lib.deserialize_keras_object(
                    config[key], custom_objects=custom_objects)
        return super().from_config(config)
