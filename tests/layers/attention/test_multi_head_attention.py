import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.attention.numpy_attention_reference import multi_head_attention

RNG = np.random.default_rng(8)
QUERY = RNG.normal(size=(2, 5, 4)).astype("float32")
VALUE = RNG.normal(size=(2, 3, 4)).astype("float32")


def test_cross_attention_matches_numpy():
    value = ops.convert_to_tensor(VALUE)

    def reference(layer, data):
        return multi_head_attention(data, VALUE, layer.get_weights())[0]

    layer = run_layer_test(
        layers.MultiHeadAttention,
        {"num_heads": 2, "key_dim": 3, "bias_initializer": "random_normal"},
        input_data=QUERY, call_kwargs={"value": value}, expected_output_shape=(2, 5, 4),
        reference_fn=reference, expected_num_trainable_weights=8, supports_masking=True)
    assert [tuple(w.shape) for w in layer.weights] == [
        (4, 2, 3), (2, 3), (4, 2, 3), (2, 3), (4, 2, 3), (2, 3), (2, 3, 4), (4,)]
    assert layer.query_dense is layer._query_dense and layer.query_dense.name == "query"
    assert layer.output_dense.name == "attention_output"


def test_scores_masks_and_causal_mask():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=2, use_bias=False)
    mask = np.array([[True, True, False], [True, False, False]])
    output, scores = layer(QUERY, VALUE, value_mask=mask, return_attention_scores=True)
    attention_mask = np.broadcast_to(mask[:, None, :], (2, 5, 3))
    expected, probabilities = multi_head_attention(QUERY, VALUE, layer.get_weights(),
                                                   mask=attention_mask, use_bias=False)
    np.testing.assert_allclose(ops.convert_to_numpy(output), expected, atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(scores), probabilities, atol=1e-6)
    assert np.all(ops.convert_to_numpy(scores)[1, :, :, 1:] == 0)

    self_out, self_scores = layer(QUERY[:, :3], QUERY[:, :3], use_causal_mask=True,
                                  return_attention_scores=True)
    causal = np.broadcast_to(np.tril(np.ones((3, 3), bool)), (2, 3, 3))
    expected, _ = multi_head_attention(QUERY[:, :3], QUERY[:, :3], layer.get_weights(),
                                       mask=causal, use_bias=False)
    np.testing.assert_allclose(ops.convert_to_numpy(self_out), expected, atol=1e-5)
    assert np.all(np.triu(ops.convert_to_numpy(self_scores)[0, 0], 1) == 0)


def test_explicit_attention_mask_and_embedding_mask():
    tokens = np.array([[1, 2, 3, 0, 0], [4, 1, 0, 0, 0]], dtype="int32")
    inputs = cornu.Input((5,), dtype="int32")
    embedded = layers.Embedding(6, 4, mask_zero=True)(inputs)
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=2)
    model = cornu.Model(inputs, mha(embedded, embedded))
    got = model.predict(tokens, verbose=0)
    vectors = model.layers[1].get_weights()[0][tokens]
    keep = tokens != 0
    attention_mask = keep[:, :, None] & keep[:, None, :]
    expected, _ = multi_head_attention(vectors, vectors, mha.get_weights(), mask=attention_mask)
    np.testing.assert_allclose(got[keep], expected[keep], atol=1e-5)

    explicit = layers.MultiHeadAttention(num_heads=1, key_dim=2)
    explicit_out = explicit(QUERY, VALUE, attention_mask=np.ones((2, 5, 3), bool))
    expected, _ = multi_head_attention(QUERY, VALUE, explicit.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(explicit_out), expected, atol=1e-5)


def test_output_shape_value_dim_and_attention_axes():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=5, output_shape=(6,))
    assert tuple(layer(QUERY, VALUE).shape) == (2, 5, 6)
    assert [tuple(w.shape) for w in layer.value_dense.weights] == [(4, 2, 5), (2, 5)]
    image = RNG.normal(size=(2, 3, 4, 5)).astype("float32")
    layer2d = layers.MultiHeadAttention(num_heads=2, key_dim=3, attention_axes=(1, 2))
    output, scores = layer2d(image, image, return_attention_scores=True)
    assert tuple(output.shape) == (2, 3, 4, 5) and tuple(scores.shape) == (2, 2, 3, 4, 3, 4)
    np.testing.assert_allclose(ops.convert_to_numpy(scores).reshape(2, 2, 12, 12).sum(-1), 1.0,
                               rtol=1e-5)
    symbolic = layers.MultiHeadAttention(2, 3)(cornu.Input((5, 4)), cornu.Input((3, 4)),
                                               return_attention_scores=True)
    assert [t.shape for t in symbolic] == [(None, 5, 4), (None, 2, 5, 3)]


def test_sliding_window_restricts_attention():
    layer = layers.MultiHeadAttention(num_heads=1, key_dim=2, sliding_window=2)
    _, scores = layer(QUERY, QUERY, return_attention_scores=True)
    band = np.abs(np.subtract.outer(np.arange(5), np.arange(5))) < 2
    assert np.all(ops.convert_to_numpy(scores)[:, 0][:, ~band] == 0)


def test_config_round_trip_and_errors():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=2)
    layer(QUERY, VALUE)
    config = layer.get_config()
    assert config["attention_axes"] == (1,) and config["value_dim"] == 2
    assert layers.MultiHeadAttention.from_config(config).get_config()["key_dim"] == 2
    with pytest.raises(ValueError, match="num_heads"):
        layers.MultiHeadAttention(num_heads=0, key_dim=2)
    with pytest.raises(ValueError, match="value.*key"):
        layers.MultiHeadAttention(2, 2)(QUERY, VALUE, key=QUERY)


def test_fused_path_matches_general_path_with_fully_masked_queries():
    # Without scores requested the layer uses the engine's fused attention kernel; it must
    # agree with the einsum + masked-softmax path, including queries that see no key.
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3, dropout=0.2,
                                      bias_initializer="random_normal")
    mask = np.array([[True, False, True], [False, False, False]])
    fused = ops.convert_to_numpy(layer(QUERY, VALUE, value_mask=mask))
    general, _ = layer(QUERY, VALUE, value_mask=mask, return_attention_scores=True)
    np.testing.assert_allclose(fused, ops.convert_to_numpy(general), atol=1e-5)
    expected, _ = multi_head_attention(QUERY, VALUE, layer.get_weights(),
                                       mask=np.broadcast_to(mask[:, None, :], (2, 5, 3)))
    np.testing.assert_allclose(fused, expected, atol=1e-5)
    output_bias = layer.get_weights()[-1]
    np.testing.assert_allclose(fused[1], np.broadcast_to(output_bias, (5, 4)), atol=1e-6)
    unfused = layers.MultiHeadAttention(num_heads=2, key_dim=3, flash_attention=False)
    unfused(QUERY, VALUE)
    unfused.set_weights(layer.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(unfused(QUERY, VALUE, value_mask=mask)),
                               fused, atol=1e-5)
    causal = ops.convert_to_numpy(layer(QUERY, QUERY, use_causal_mask=True))
    causal_general, _ = layer(QUERY, QUERY, use_causal_mask=True, return_attention_scores=True)
    np.testing.assert_allclose(causal, ops.convert_to_numpy(causal_general), atol=1e-5)


def test_flash_attention_false_keeps_the_einsum_path(monkeypatch):
    from cornu.layers.attention import multi_head_attention as module

    def fused_called(*args, **kwargs):
        raise AssertionError("fused attention was used")

    monkeypatch.setattr(module.ops, "dot_product_attention", fused_called)
    unfused = layers.MultiHeadAttention(num_heads=2, key_dim=3, flash_attention=False)
    assert tuple(unfused(QUERY, VALUE).shape) == (2, 5, 4)
    with pytest.raises(AssertionError, match="fused attention"):
        layers.MultiHeadAttention(num_heads=2, key_dim=3)(QUERY, VALUE)


def test_flash_attention_true_rejects_dropout_and_returned_scores():
    with pytest.raises(ValueError, match="dropout"):
        layers.MultiHeadAttention(num_heads=2, key_dim=3, dropout=0.1, flash_attention=True)
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3, flash_attention=True)
    assert tuple(layer(QUERY, VALUE).shape) == (2, 5, 4)
    with pytest.raises(ValueError, match="scores"):
        layer(QUERY, VALUE, return_attention_scores=True)
