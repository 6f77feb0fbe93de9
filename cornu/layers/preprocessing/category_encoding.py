"""`CategoryEncoding`: integer category ids to one-hot, multi-hot or count vectors."""

from cornu import backend, ops
from cornu.layers.layer import Layer

_MODES = ("one_hot", "multi_hot", "count")


class CategoryEncoding(Layer):
    """Encode integer ids in `[0, num_tokens)` as dense vectors of length `num_tokens`.

    Args:
        num_tokens: number of categories.
        output_mode: `"multi_hot"` (1 where an id occurs in the sample), `"one_hot"` (one
            vector per id), or `"count"` (occurrence counts, optionally weighted by
            `count_weights` in the call).
        sparse: must be False (sparse outputs are not supported).
    Returns:
        Float outputs: one_hot maps `(batch,)` or `(batch, 1)` to `(batch, num_tokens)`;
        multi_hot / count map `(batch, ids)` to `(batch, num_tokens)` (a rank-1 input is
        one sample).
    Example: `CategoryEncoding(4, "multi_hot")([[0, 1], [3, 3]])` ->
        `[[1, 1, 0, 0], [0, 0, 0, 1]]`.
    """

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if output_mode == "binary":  # Keras 2 name.
            output_mode = "multi_hot"
        if output_mode not in _MODES:
            raise ValueError(
                f"CategoryEncoding: `output_mode` must be one of {_MODES}, received "
                f"{output_mode!r}.")
        if num_tokens is None or not isinstance(num_tokens, int) or num_tokens < 1:
            raise ValueError(
                f"CategoryEncoding: `num_tokens` must be a positive integer, received "
                f"{num_tokens!r}.")
        if sparse:
            raise ValueError("CategoryEncoding: sparse=True is not supported by cornu.")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse

    def _check_range(self, inputs):
        try:
            values = backend.convert_to_numpy(inputs)
        except Exception:  # Traced (jit) values cannot be inspected; skip the check.
            return
        if values.size and (values.min() < 0 or values.max() >= self.num_tokens):
            raise ValueError(
                f"CategoryEncoding layer {self.name!r}: input values must be in the range "
                f"0 <= values < num_tokens with num_tokens={self.num_tokens}, received "
                f"values between {values.min()} and {values.max()}.")

    def call(self, inputs, count_weights=None):
        if not backend.is_tensor(inputs):
            inputs = ops.convert_to_tensor(inputs)
        if not backend.standardize_dtype(inputs.dtype).startswith(("int", "uint")):
            inputs = ops.cast(inputs, "int32")
        self._check_range(inputs)
        ndim = len(inputs.shape)
        if ndim == 0:
            inputs = ops.expand_dims(inputs, 0)
            ndim = 1
        if self.output_mode == "one_hot":
            if ndim > 1 and inputs.shape[-1] == 1:
                inputs = ops.squeeze(inputs, axis=-1)
            return ops.one_hot(inputs, self.num_tokens, dtype=self.compute_dtype)
        single = ndim == 1
        if single:
            inputs = ops.expand_dims(inputs, 0)
        encoded = ops.one_hot(inputs, self.num_tokens, dtype=self.compute_dtype)
        if self.output_mode == "multi_hot":
            outputs = ops.max(encoded, axis=-2)
        else:
            if count_weights is not None:
                weights = ops.cast(count_weights, self.compute_dtype)
                if single:
                    weights = ops.expand_dims(weights, 0)
                encoded = ops.multiply(encoded, ops.expand_dims(weights, -1))
            outputs = ops.sum(encoded, axis=-2)
        return ops.squeeze(outputs, axis=0) if single else outputs

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if not input_shape:
            return (self.num_tokens,)
        if self.output_mode == "one_hot":
            if input_shape[-1] == 1 and len(input_shape) > 1:
                return input_shape[:-1] + (self.num_tokens,)
            return input_shape + (self.num_tokens,)
        return input_shape[:-1] + (self.num_tokens,)

    def get_config(self):
        config = super().get_config()
        config.update({"num_tokens": self.num_tokens, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config


