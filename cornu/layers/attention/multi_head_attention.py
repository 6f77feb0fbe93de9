"""`MultiHeadAttention` (Vaswani et al., 2017) over arbitrary attention axes."""
import math
import string

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

_LETTERS = string.ascii_lowercase


def projection_equation(input_rank, new_axes):
    """Einsum for projecting the last axis of a rank-`input_rank` tensor onto `new_axes` axes.

    Returns:
        `(equation, bias_axes)`, e.g. `("abc,cde->abde", "de")` for rank 3 and 2 new axes.
    """
    inputs = _LETTERS[:input_rank]
    added = _LETTERS[input_rank:input_rank + new_axes]
    return f"{inputs},{inputs[-1]}{added}->{inputs[:-1]}{added}", added


def output_equation(input_rank, output_axes):
    """Einsum merging the last two axes (heads, head size) into `output_axes` new axes."""
    inputs = _LETTERS[:input_rank]
    added = _LETTERS[input_rank:input_rank + output_axes]
    return f"{inputs},{inputs[-2:]}{added}->{inputs[:-2]}{added}", added


def attention_equations(projected_rank, attention_axes):
    """Einsums for the scores and the weighted sum over `attention_axes`.

    Returns:
        `(dot_product_equation, combine_equation, scores_rank)`; the scores keep the
        non-attended axes (batch, heads, ...) first, then query then key attended axes.
    """
    query = list(_LETTERS[:projected_rank])
    key = list(query)
    for offset, axis in enumerate(attention_axes):
        key[axis] = _LETTERS[projected_rank + offset]
    batch_axes = [i for i in range(projected_rank - 1) if i not in attention_axes]
    scores = ([query[i] for i in batch_axes] + [query[i] for i in attention_axes]
              + [key[i] for i in attention_axes])
    query, key, scores = "".join(query), "".join(key), "".join(scores)
    return f"{key},{query}->{scores}", f"{scores},{key}->{query}", len(scores)


class MultiHeadAttention(Layer):
    """Multi-head attention: project query/key/value into heads, attend, project back.

    Args:
        num_heads: number of attention heads.
        key_dim: size of each head for query and key.
        value_dim: size of each head for value (default `key_dim`).
        dropout: dropout rate on the attention probabilities (training only).
        use_bias: biases in the projections.
        output_shape: output feature shape (default: the query's last dimension).
        attention_axes: axes attended over (default: all axes between batch and features).
        sliding_window: restrict attention to `|i - j| < sliding_window`.
        flash_attention: `False` always uses the einsum + softmax path; `True` requires
            the fused kernel (no attention dropout, no returned scores); `None` uses the
            fused kernel whenever no scores and no attention dropout are needed.
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint: for the projections.
        seed: seed of the attention dropout.

    Call arguments:
        query `(B, T, dim)`, value `(B, S, dim)`, key (default value), query_mask /
        value_mask / key_mask (padding masks, taken from the tensors when omitted),
        attention_mask `(B, T, S)`, return_attention_scores, training, use_causal_mask.

    Example:
        >>> mha = MultiHeadAttention(num_heads=2, key_dim=4)
        >>> mha(np.zeros((2, 5, 8)), np.zeros((2, 3, 8))).shape
        (2, 5, 8)
    """

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, flash_attention=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, seed=None, use_gate=False,
                 sliding_window=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        for argument, value in (("num_heads", num_heads), ("key_dim", key_dim)):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(
                    f"MultiHeadAttention: `{argument}` must be a positive integer, received "
                    f"{value!r}.")
        if flash_attention and dropout:
            raise ValueError(
                f"MultiHeadAttention: dropout ({dropout}) is not supported with "
                "flash_attention=True; set dropout=0.0 or leave flash_attention unset.")
        if use_gate:
            raise NotImplementedError(
                "MultiHeadAttention: `use_gate=True` is not supported by cornu yet.")
        if sliding_window is not None and (isinstance(sliding_window, bool) or not isinstance(
                sliding_window, int) or sliding_window <= 0):
            raise ValueError(
                "MultiHeadAttention: `sliding_window` must be a positive integer or None, "
                f"received {sliding_window!r}.")
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = float(dropout)
        self._use_bias = bool(use_bias)
        if isinstance(output_shape, int):
            output_shape = (output_shape,)
        self._output_shape = None if output_shape is None else tuple(output_shape)
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        self._attention_axes = None if attention_axes is None else tuple(attention_axes)
        self._flash_attention = flash_attention
        self._sliding_window = sliding_window
        self._use_gate = use_gate
        kernel_bias_options(self, locals())
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(key_dim))
        self._dropout_layer = Dropout(rate=self._dropout, seed=seed)

    # ------------------------------------------------------------- properties
    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    def __getattr__(self, name):
        if name in ("_query_dense", "_key_dense", "_value_dense", "_output_dense"):
            raise AttributeError(
                f"This MultiHeadAttention layer is not built yet, so it has no "
                f"`{name.lstrip('_')}`; call it on data (or build it) first.")
        raise AttributeError(
            f"{type(self).__name__!r} object has no attribute {name!r}")

    # ------------------------------------------------------------------ build
    def _sublayer_kwargs(self):
        return {**sublayer_kernel_bias_options(self), "dtype": self.dtype_policy}

    def _projection(self, shape, heads, size, name):
        rank = len(shape)
        equation, bias_axes = projection_equation(rank, 2)
        layer = EinsumDense(equation, output_shape=(None,) * (rank - 2) + (heads, size),
                            bias_axes=bias_axes if self._use_bias else None, name=name,
                            **self._sublayer_kwargs())
        layer.build(tuple(shape))
        return layer

    def build(self, query_shape, value_shape=None, key_shape=None):
        with naming.name_scope(self.name):
            self._build_sublayers(query_shape, value_shape, key_shape)
        self.built = True

    def _build_sublayers(self, query_shape, value_shape, key_shape):
        query_shape = tuple(query_shape)
        value_shape = query_shape if value_shape is None else tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if len(query_shape) < 3:
            raise ValueError(
                f"MultiHeadAttention {self.name!r} expects query of rank >= 3 (batch, "
                f"positions..., features), received shape {query_shape}.")
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                f"MultiHeadAttention {self.name!r}: all dimensions of `value` and `key`, except "
                f"the last one, must be equal. Received value shape {value_shape} and key "
                f"shape {key_shape}.")
        self._query_dense = self._projection(query_shape, self._num_heads, self._key_dim,
                                             "query")
        self._key_dense = self._projection(key_shape, self._num_heads, self._key_dim, "key")
        self._value_dense = self._projection(value_shape, self._num_heads, self._value_dim,
                                             "value")
        self._build_attention(len(query_shape) + 1)
        output_shape = self._output_shape or (query_shape[-1],)
        equation, bias_axes = output_equation(len(query_shape) + 1, len(output_shape))
        self._output_dense = EinsumDense(
            equation, output_shape=(None,) * (len(query_shape) - 2) + tuple(output_shape),
            bias_axes=bias_axes if self._use_bias else None, name="attention_output",
            **self._sublayer_kwargs())
        self._output_dense.build(query_shape[:-1] + (self._num_heads, self._value_dim))

    def _build_attention(self, projected_rank):
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, projected_rank - 2))
        else:
            input_rank = projected_rank - 1
            self._attention_axes = tuple(axis % input_rank for axis in self._attention_axes)
        self._dot_product_equation, self._combine_equation, scores_rank = \
            attention_equations(projected_rank, self._attention_axes)
        norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        self._softmax = Softmax(axis=norm_axes, dtype=self.dtype_policy)

    # -------------------------------------------------------------------- call
    def _masked_softmax(self, scores, attention_mask=None):
        if attention_mask is not None:
            insert_at = -2 * len(self._attention_axes) - 1
            while len(attention_mask.shape) < len(scores.shape):
                attention_mask = ops.expand_dims(attention_mask, axis=insert_at)
        return self._softmax(scores, mask=attention_mask)

    def _fused_attention_applies(self, query, attention_mask, training,
                                 return_attention_scores):
        # The engine's fused kernel covers the common case: one attention axis right after
        # the batch, no scores wanted and no dropout to apply to them.
        return (self._flash_attention is not False and not return_attention_scores
                and len(query.shape) == 4
                and self._attention_axes == (1,)
                and (self._dropout == 0 or not training)
                and (attention_mask is None or len(attention_mask.shape) == 3))

    def _fused_attention(self, query, key, value, attention_mask):
        if attention_mask is None:
            return ops.dot_product_attention(query, key, value,
                                             scale=self._inverse_sqrt_key_dim)
        output = ops.dot_product_attention(query, key, value,
                                           mask=ops.expand_dims(attention_mask, 1),
                                           scale=self._inverse_sqrt_key_dim)
        # Like the masked softmax of the general path, a query that may attend to no key
        # at all gets zero attention output.
        sees_a_key = ops.any(ops.cast(attention_mask, "bool"), axis=-1, keepdims=True)
        return ops.multiply(output, ops.cast(ops.expand_dims(sees_a_key, -1), output.dtype))

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=True):
        if self._flash_attention and return_attention_scores:
            raise ValueError(
                f"MultiHeadAttention {self.name!r}: attention scores cannot be returned with "
                "flash_attention=True; create the layer without it to get the scores.")
        if self._fused_attention_applies(query, attention_mask, training,
                                         return_attention_scores):
            return self._fused_attention(query, key, value, attention_mask), None
        query = ops.multiply(query, ops.cast(self._inverse_sqrt_key_dim, query.dtype))
        scores = ops.einsum(self._dot_product_equation, key, query)
        scores = self._masked_softmax(scores, attention_mask)
        dropped = self._dropout_layer(scores, training=training) if self._dropout > 0 \
            else scores
        output = ops.einsum(self._combine_equation, dropped, value)
        return output, scores

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        if key is None:
            key = value
        query_mask, value_mask, key_mask = padding_masks(query, value, key, query_mask,
                                                         value_mask, key_mask)
        value, key = ops.convert_to_tensor(value), ops.convert_to_tensor(key)
        if tuple(value.shape[1:-1]) != tuple(key.shape[1:-1]):
            raise ValueError(
                f"MultiHeadAttention {self.name!r}: all dimensions of `value` and `key`, except "
                f"the last one, must be equal. Received value shape {tuple(value.shape)} and "
                f"key shape {tuple(key.shape)}.")
        if self._sliding_window is not None and len(self._attention_axes) != 1:
            raise ValueError(
                f"MultiHeadAttention {self.name!r}: `sliding_window` needs exactly one "
                f"attention axis, the layer attends over {self._attention_axes}.")
        attention_mask = compute_attention_mask(
            query, value, query_mask=query_mask, value_mask=value_mask, key_mask=key_mask,
            attention_mask=attention_mask, use_causal_mask=use_causal_mask,
            sliding_window=self._sliding_window)
        query = self._query_dense(query)
        key = self._key_dense(key)
        value = self._value_dense(value)
        output, scores = self._compute_attention(query, key, value, attention_mask, training,
                                                 return_attention_scores)
        output = self._output_dense(output)
        if return_attention_scores:
            return output, scores
        return output

    # ----------------------------------------------------------------- shapes
    def compute_output_shape(self, query_shape, value_shape=None, key_shape=None):
        query_shape = tuple(query_shape)
        return query_shape[:-1] + (self._output_shape or (query_shape[-1],))

    def compute_output_spec(self, query, value, key=None, query_mask=None, value_mask=None,
                            key_mask=None, attention_mask=None, return_attention_scores=False,
                            training=None, use_causal_mask=False):
        output = KerasTensor(self.compute_output_shape(query.shape), dtype=self.compute_dtype)
        if not return_attention_scores:
            return output
        query_positions = [query.shape[a] for a in self._attention_axes]
        key_positions = [(value if key is None else key).shape[a] for a in self._attention_axes]
        batch_dims = tuple(query.shape[i] for i in range(len(query.shape) - 1)
                           if i not in self._attention_axes)
        scores_shape = batch_dims + (self._num_heads,) + tuple(query_positions) + \
            tuple(key_positions)
        return output, KerasTensor(scores_shape, dtype=self.compute_dtype)

    # ----------------------------------------------------------------- config
    def get_config(self):
        return {
            **super().get_config(),
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "use_gate": self._use_gate,
            "output_shape": self._output_shape,
            "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            **kernel_bias_config(self),
            "seed": self.seed,
        }
