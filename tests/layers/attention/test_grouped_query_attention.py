import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.attention.numpy_attention_reference import masked_softmax

RNG = np.random.default_rng(10)
QUERY = RNG.normal(size=(2, 5, 6)).astype("float32")
VALUE = RNG.normal(size=(2, 3, 6)).astype("float32")


def _gqa_reference(layer, query, value, mask=None):
    wq, bq, wk, bk, wv, bv, wo, bo = layer.get_weights()
    repeats = wq.shape[1] // wk.shape[1]
    q = np.einsum("btd,duh->btuh", query, wq) + bq
    k = np.repeat(np.einsum("bsd,dvh->bsvh", value, wk) + bk, repeats, axis=2)
    v = np.repeat(np.einsum("bsd,dvh->bsvh", value, wv) + bv, repeats, axis=2)
    scores = np.einsum("btuh,bsuh->buts", q / np.sqrt(wq.shape[-1]), k)
    probabilities = masked_softmax(scores, None if mask is None else mask[:, None])
    attended = np.einsum("buts,bsuh->btuh", probabilities, v)
    return np.einsum("btuh,uhd->btd", attended, wo) + bo, probabilities


def test_grouped_query_attention_matches_numpy():
    value = ops.convert_to_tensor(VALUE)
    layer = run_layer_test(
        layers.GroupQueryAttention,
        {"head_dim": 2, "num_query_heads": 4, "num_key_value_heads": 2,
         "bias_initializer": "random_normal"},
        input_data=QUERY, call_kwargs={"value": value}, expected_output_shape=(2, 5, 6),
        reference_fn=lambda layer, data: _gqa_reference(layer, data, VALUE)[0],
        expected_num_trainable_weights=8)
    assert [tuple(w.shape) for w in layer.weights] == [
        (6, 4, 2), (4, 2), (6, 2, 2), (2, 2), (6, 2, 2), (2, 2), (4, 2, 6), (6,)]


def test_gqa_causal_mask_and_scores():
    layer = layers.GroupedQueryAttention(head_dim=3, num_query_heads=2, num_key_value_heads=1)
    output, scores = layer(QUERY, QUERY, use_causal_mask=True, return_attention_scores=True)
    causal = np.broadcast_to(np.tril(np.ones((5, 5), bool)), (2, 5, 5))
    expected, probabilities = _gqa_reference(layer, QUERY, QUERY, mask=causal)
    np.testing.assert_allclose(ops.convert_to_numpy(output), expected, atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(scores), probabilities, atol=1e-6)


def test_gqa_rejects_indivisible_heads():
    with pytest.raises(ValueError, match="divisible"):
        layers.GroupQueryAttention(head_dim=2, num_query_heads=3, num_key_value_heads=2)
