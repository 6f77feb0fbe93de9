"""NumPy references for the attention layers (independent of cornu)."""
import numpy as np


def softmax(x, axis=-1):
    shifted = x - x.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def masked_softmax(scores, mask=None):
    """Softmax over the last axis; masked (False) positions get -1e9 and then weight 0."""
    if mask is None:
        return softmax(scores)
    return softmax(np.where(mask, scores, scores - 1e9)) * mask


def multi_head_attention(query, value, weights, key=None, mask=None, use_bias=True):
    """Keras-layout MHA on rank-3 inputs: weights are query/key/value/output kernels (+biases)."""
    key = value if key is None else key
    if use_bias:
        wq, bq, wk, bk, wv, bv, wo, bo = weights
    else:
        (wq, wk, wv, wo), (bq, bk, bv, bo) = weights, (0.0, 0.0, 0.0, 0.0)
    q = np.einsum("btd,dnh->btnh", query, wq) + bq
    k = np.einsum("bsd,dnh->bsnh", key, wk) + bk
    v = np.einsum("bsd,dnh->bsnh", value, wv) + bv
    scores = np.einsum("bsnh,btnh->bnts", k, q / np.sqrt(wq.shape[-1]))
    probabilities = masked_softmax(scores, None if mask is None else mask[:, None])
    attended = np.einsum("bnts,bsnh->btnh", probabilities, v)
    return np.einsum("btnh,nho->bto", attended, wo) + bo, probabilities
