"""`AdditiveAttention`: Bahdanau-style attention, scores `sum(scale * tanh(query + key))`."""
from cornu import ops
from cornu.layers.attention.attention import Attention


class AdditiveAttention(Attention):
    """Additive attention of `query (B, Tq, dim)` over `value (B, Tv, dim)`.

    Scores are `sum(scale * tanh(query[:, :, None] + key[:, None]), axis=-1)` with a learned
    per-feature `scale` of shape `(dim,)` when `use_scale` (default True).

    Args:
        use_scale: learn the per-feature `scale` vector.
        dropout: dropout rate on the attention weights (training only).

    Call arguments: as `Attention`.

    Example:
        >>> AdditiveAttention()([np.ones((2, 3, 4)), np.ones((2, 5, 4))]).shape
        (2, 3, 4)
    """

    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        kwargs.pop("score_mode", None)
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        dim = input_shape[0][-1]
        self.scale = None
        if self.use_scale:
            if dim is None:
                raise ValueError(
                    f"AdditiveAttention {self.name!r}: the last dimension of the query must be "
                    f"known, received shapes {input_shape}.")
            self.scale = self.add_weight(name="scale", shape=(dim,),
                                         initializer="glorot_uniform")
        self.built = True

    def _calculate_scores(self, query, key):
        summed = ops.tanh(ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3)))
        if self.scale is not None:
            summed = ops.multiply(self.scale, summed)
        return ops.sum(summed, axis=-1)

    def get_config(self):
        config = super().get_config()
        config.pop("score_mode", None)
        return config
