"""`Attention`: dot-product (Luong-style) or concat attention over `[query, value, key]`."""
from cornu import ops
from cornu.layers.attention.attention_masks import causal_mask
from cornu.layers.layer import Layer


def padding_penalty(dtype):
    """The amount subtracted from scores at masked positions (finite for the dtype)."""
    return 65504.0 if dtype == "float16" else 1.0e9


class Attention(Layer):
    """Attention of `query (B, Tq, dim)` over `value (B, Tv, dim)` (keys default to values).

    Scores: `query @ key^T` ("dot", times `scale` if `use_scale`) or
    `concat_score_weight * sum(tanh(scale * (query + key)))` ("concat"); the softmax of the
    scores weights `value`.

    Args:
        use_scale: learn a scalar `scale` for the scores.
        score_mode: "dot" or "concat".
        dropout: dropout rate on the attention weights (training only).
        seed: seed of that dropout.

    Call arguments:
        inputs: `[query, value]` or `[query, value, key]`.
        mask: `[query_mask, value_mask]` (taken from the inputs when omitted).
        return_attention_scores: also return the attention weights `(B, Tq, Tv)`.
        use_causal_mask: position i only attends to positions j <= i.

    Example:
        >>> Attention()([np.ones((2, 3, 4)), np.ones((2, 5, 4))]).shape
        (2, 3, 4)
    """

    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if score_mode not in ("dot", "concat"):
            raise ValueError(
                f"{type(self).__name__}: `score_mode` must be 'dot' or 'concat', received "
                f"{score_mode!r}.")
        self.use_scale = bool(use_scale)
        self.score_mode = score_mode
        self.dropout = float(dropout)
        self.seed = seed
        if self.dropout > 0:
            from cornu import random

            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(
                name="concat_score_weight", shape=(), initializer="ones")
        self.built = True

    def _validate_inputs(self, inputs, mask=None):
        name = type(self).__name__
        if not isinstance(inputs, (list, tuple)) or len(inputs) not in (2, 3):
            raise ValueError(
                f"{name} layer {self.name!r} expects a list [query, value] or [query, value, "
                f"key], received {type(inputs).__name__}"
                + (f" of length {len(inputs)}" if isinstance(inputs, (list, tuple)) else "")
                + ".")
        if mask is not None and (not isinstance(mask, (list, tuple))
                                 or len(mask) not in (2, 3)):
            raise ValueError(
                f"{name} layer {self.name!r}: `mask` must be a list [query_mask, value_mask] "
                f"(or with key_mask), received {mask!r}.")

    def _calculate_scores(self, query, key):
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -1, -2))
            if self.scale is not None:
                scores = ops.multiply(scores, self.scale)
            return scores
        summed = ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3))
        if self.scale is not None:
            summed = ops.multiply(summed, self.scale)
        return ops.multiply(self.concat_score_weight, ops.sum(ops.tanh(summed), axis=-1))

    def _score_mask(self, scores, value_mask, use_causal_mask):
        mask = None
        if value_mask is not None:
            mask = ops.expand_dims(ops.cast(value_mask, "bool"), -2)
        if use_causal_mask:
            causal = causal_mask(scores.shape[-2], scores.shape[-1])
            mask = causal if mask is None else ops.logical_and(mask, causal)
        return mask

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        if scores_mask is not None:
            padding = ops.cast(ops.logical_not(scores_mask), scores.dtype)
            scores = ops.subtract(scores, ops.multiply(padding_penalty(ops.dtype(scores)),
                                                       padding))
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            from cornu import random

            weights = random.dropout(weights, self.dropout, seed=self.seed_generator)
        return ops.matmul(weights, value), weights

    def call(self, inputs, mask=None, training=False, return_attention_scores=False,
             use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        query_mask = mask[0] if mask is not None else None
        value_mask = mask[1] if mask is not None else None
        scores = self._calculate_scores(query, key)
        scores_mask = self._score_mask(scores, value_mask, use_causal_mask)
        outputs, weights = self._apply_scores(scores, value, scores_mask, training)
        if query_mask is not None:
            keep = ops.expand_dims(ops.cast(query_mask, outputs.dtype), -1)
            outputs = ops.multiply(outputs, keep)
        if return_attention_scores:
            return outputs, weights
        return outputs

    def compute_mask(self, inputs, mask=None):
        self._validate_inputs(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return mask[0]

    def compute_output_spec(self, inputs, mask=None, training=False,
                            return_attention_scores=False, use_causal_mask=False):
        from cornu.backend.common.keras_tensor import KerasTensor

        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        output = KerasTensor(tuple(query.shape[:-1]) + (value.shape[-1],),
                             dtype=self.compute_dtype)
        if return_attention_scores:
            key = inputs[2] if len(inputs) > 2 else value
            weights = KerasTensor(tuple(query.shape[:-1]) + (key.shape[-2],),
                                  dtype=self.compute_dtype)
            return output, weights
        return output

    def compute_output_shape(self, input_shape):
        self._validate_inputs(input_shape)
        return tuple(input_shape[0][:-1]) + (input_shape[1][-1],)

    def get_config(self):
        return {**super().get_config(), "use_scale": self.use_scale,
                "score_mode": self.score_mode, "dropout": self.dropout}
