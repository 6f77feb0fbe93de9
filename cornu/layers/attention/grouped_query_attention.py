"""`GroupQueryAttention` (Ainslie et al., 2023): fewer key/value heads than query heads."""
import math

from cornu import ops
from cornu.backend.common import naming
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.layers.activations.softmax import Softmax
from cornu.layers.attention.attention_masks import compute_attention_mask, padding_masks
from cornu.layers.core.einsum_dense import EinsumDense
from cornu.layers.layer import Layer
from cornu.layers.regularization.dropout import Dropout
from cornu.layers.weight_options import (
    kernel_bias_config, kernel_bias_options, sublayer_kernel_bias_options)


def _positive_int(value, argument):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(
            f"GroupQueryAttention: `{argument}` must be a positive integer, received "
            f"{value!r}.")
    return value


class GroupQueryAttention(Layer):
    """Grouped-query attention on `(batch, length, dim)` tensors.

    Keys and values are projected to `num_key_value_heads` heads and each is shared by
    `num_query_heads // num_key_value_heads` query heads (1 key/value head is multi-query
    attention; as many as query heads is multi-head attention).

    Args:
        head_dim: size of each head.
        num_query_heads: number of query heads.
        num_key_value_heads: number of key/value heads (must divide `num_query_heads`).
        dropout: dropout rate on the attention probabilities (training only).
        use_bias: biases in the projections.
        sliding_window: restrict attention to `|i - j| < sliding_window`.
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint, seed: as
        `MultiHeadAttention`.

    Call arguments: as `MultiHeadAttention` (query, value, key, masks,
    return_attention_scores, training, use_causal_mask).

    Example:
        >>> gqa = GroupQueryAttention(head_dim=4, num_query_heads=4, num_key_value_heads=2)
        >>> gqa(np.zeros((2, 5, 8)), np.zeros((2, 3, 8))).shape
        (2, 5, 8)
    """

    def __init__(self, head_dim, num_query_heads, num_key_value_heads, dropout=0.0,
                 use_bias=True, flash_attention=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 seed=None, sliding_window=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.supports_masking = True
        self.head_dim = _positive_int(head_dim, "head_dim")
        self.num_query_heads = _positive_int(num_query_heads, "num_query_heads")
        self.num_key_value_heads = _positive_int(num_key_value_heads, "num_key_value_heads")
        if num_query_heads % num_key_value_heads:
            raise ValueError(
                "GroupQueryAttention: `num_query_heads` must be divisible by "
                f"`num_key_value_heads`, received num_query_heads={num_query_heads} and "
                f"num_key_value_heads={num_key_value_heads}.")
        self.num_repeats = num_query_heads // num_key_value_heads
        self.dropout = float(dropout)
        self.use_bias = bool(use_bias)
        self._flash_attention = flash_attention
        self.sliding_window = sliding_window
        kernel_bias_options(self, locals())
        self.seed = seed
        self._inverse_sqrt_head_dim = 1.0 / math.sqrt(float(head_dim))
        self._softmax = Softmax(axis=-1, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(rate=self.dropout, seed=seed)

    def _dense(self, equation, output_shape, bias_axes, name):
        return EinsumDense(
            equation, output_shape=output_shape,
            bias_axes=bias_axes if self.use_bias else None, name=name,
            dtype=self.dtype_policy, **sublayer_kernel_bias_options(self))

    def build(self, query_shape, value_shape=None, key_shape=None):
        query_shape = tuple(query_shape)
        value_shape = query_shape if value_shape is None else tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        for argument, shape in (("query", query_shape), ("value", value_shape),
                                ("key", key_shape)):
            if len(shape) != 3:
                raise ValueError(
                    f"GroupQueryAttention {self.name!r} expects `{argument}` of shape "
                    f"(batch, length, dim), received shape {shape}.")
        feature_dim = query_shape[-1]
        with naming.name_scope(self.name):
            self._query_dense = self._dense(
                "bqm,muh->bquh", (None, self.num_query_heads, self.head_dim), "uh", "query")
            self._query_dense.build(query_shape)
            self._key_dense = self._dense(
                "bkm,mvh->bkvh", (None, self.num_key_value_heads, self.head_dim), "vh", "key")
            self._key_dense.build(key_shape)
            self._value_dense = self._dense(
                "bkm,mvh->bkvh", (None, self.num_key_value_heads, self.head_dim), "vh",
                "value")
            self._value_dense.build(value_shape)
            self._output_dense = self._dense("bquh,uhm->bqm", (None, feature_dim), "m",
                                             "attention_output")
            self._output_dense.build(query_shape[:-1] + (self.num_query_heads, self.head_dim))
        self.built = True

    def _compute_attention(self, query, key, value, attention_mask=None, training=None):
        query = ops.multiply(query, ops.cast(self._inverse_sqrt_head_dim, query.dtype))
        scores = ops.einsum("bquh,bkuh->buqk", query, key)
        if attention_mask is not None:
            attention_mask = ops.expand_dims(attention_mask, axis=-3)
        scores = self._softmax(scores, mask=attention_mask)
        dropped = self._dropout_layer(scores, training=training) if self.dropout > 0 \
            else scores
        return ops.einsum("buqk,bkuh->bquh", dropped, value), scores

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        if key is None:
            key = value
        query_mask, value_mask, key_mask = padding_masks(query, value, key, query_mask,
                                                         value_mask, key_mask)
        attention_mask = compute_attention_mask(
            query, value, query_mask=query_mask, value_mask=value_mask, key_mask=key_mask,
            attention_mask=attention_mask, use_causal_mask=use_causal_mask,
            sliding_window=self.sliding_window)
        query = self._query_dense(query)
        key = ops.repeat(self._key_dense(key), self.num_repeats, axis=2)
        value = ops.repeat(self._value_dense(value), self.num_repeats, axis=2)
        output, scores = self._compute_attention(query, key, value, attention_mask, training)
        output = self._output_dense(output)
        if return_attention_scores:
            return output, scores
        return output

    def compute_output_shape(self, query_shape, value_shape=None, key_shape=None):
        return tuple(query_shape)

    def compute_output_spec(self, query, value, key=None, query_mask=None, value_mask=None,
                            key_mask=None, attention_mask=None, return_attention_scores=False,
                            training=None, use_causal_mask=False):
        output = KerasTensor(tuple(query.shape), dtype=self.compute_dtype)
        if not return_attention_scores:
            return output
        key_length = (value if key is None else key).shape[1]
        scores = KerasTensor((query.shape[0], self.num_query_heads, query.shape[1], key_length),
                             dtype=self.compute_dtype)
        return output, scores

    def get_config(self):
        return {
            **super().get_config(),
            "head_dim": self.head_dim,
            "num_query_heads": self.num_query_heads,
            "num_key_value_heads": self.num_key_value_heads,
            "use_bias": self.use_bias,
            "dropout": self.dropout,
            "sliding_window": self.sliding_window,
            **kernel_bias_config(self),
            "seed": self.seed,
        }
