import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.attention.numpy_attention_reference import masked_softmax

RNG = np.random.default_rng(9)
QUERY = RNG.normal(size=(2, 3, 4)).astype("float32")
VALUE = RNG.normal(size=(2, 5, 4)).astype("float32")
KEY = RNG.normal(size=(2, 5, 4)).astype("float32")


def _dot_reference(scale=1.0, mask=None, causal=False):
    def reference(layer, data):
        query, value = data[0], data[1]
        key = data[2] if len(data) > 2 else value
        scores = scale * query @ key.transpose(0, 2, 1)
        keep = np.ones(scores.shape, bool)
        if mask is not None:
            keep &= mask[:, None, :]
        if causal:
            keep &= np.tril(np.ones(scores.shape[1:], bool))
        return masked_softmax(scores, keep) @ value
    return reference


def test_dot_attention_matches_numpy():
    run_layer_test(layers.Attention, {}, input_data=[QUERY, VALUE, KEY],
                   expected_output_shape=(2, 3, 4), reference_fn=_dot_reference(),
                   expected_num_trainable_weights=0, supports_masking=True)


def test_scaled_dot_attention_trains_its_scale():
    layer = run_layer_test(layers.Attention, {"use_scale": True}, input_data=[QUERY, VALUE],
                           expected_output_shape=(2, 3, 4), reference_fn=_dot_reference(),
                           expected_num_trainable_weights=1)
    assert layer.weights[0].name == "scale"


def test_concat_score_mode_matches_numpy():
    def reference(layer, data):
        query, value = data
        scores = np.tanh(query[:, :, None, :] + value[:, None, :, :]).sum(-1)
        return masked_softmax(scores) @ value

    run_layer_test(layers.Attention, {"score_mode": "concat"}, input_data=[QUERY, VALUE],
                   expected_output_shape=(2, 3, 4), reference_fn=reference,
                   expected_num_trainable_weights=1)


def test_masks_causal_mask_and_scores():
    value_mask = np.array([[True, True, True, False, False], [True] * 5])
    query_mask = np.array([[True, True, False], [True, True, True]])
    layer = layers.Attention()
    output, scores = layer([QUERY, VALUE], mask=[query_mask, value_mask],
                           return_attention_scores=True)
    expected = _dot_reference(mask=value_mask)(layer, [QUERY, VALUE]) * query_mask[..., None]
    np.testing.assert_allclose(ops.convert_to_numpy(output), expected, atol=1e-5)
    assert np.all(ops.convert_to_numpy(scores)[0, :, 3:] == 0)
    causal = layer([QUERY, VALUE], use_causal_mask=True)
    np.testing.assert_allclose(ops.convert_to_numpy(causal),
                               _dot_reference(causal=True)(layer, [QUERY, VALUE]), atol=1e-5)
    assert np.array_equal(ops.convert_to_numpy(layer.compute_mask([QUERY, VALUE],
                                                                  [query_mask, None])),
                          query_mask)


def test_additive_attention_matches_numpy():
    def reference(layer, data):
        query, value = data
        scale = layer.get_weights()[0]
        scores = (scale * np.tanh(query[:, :, None, :] + value[:, None, :, :])).sum(-1)
        return masked_softmax(scores) @ value

    layer = run_layer_test(layers.AdditiveAttention, {}, input_data=[QUERY, VALUE],
                           expected_output_shape=(2, 3, 4), reference_fn=reference,
                           expected_num_trainable_weights=1)
    assert tuple(layer.weights[0].shape) == (4,)
    assert "score_mode" not in layer.get_config()


def test_attention_in_a_model_and_errors():
    q, v = cornu.Input((3, 4)), cornu.Input((5, 4))
    output, scores = layers.Attention()([q, v], return_attention_scores=True)
    assert output.shape == (None, 3, 4) and scores.shape == (None, 3, 5)
    with pytest.raises(ValueError, match="list"):
        layers.Attention()(QUERY)
    with pytest.raises(ValueError, match="score_mode"):
        layers.Attention(score_mode="bilinear")
