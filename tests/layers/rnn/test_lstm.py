import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.rnn.numpy_rnn_reference import lstm_step, run_rnn

RNG = np.random.default_rng(1)
X = RNG.normal(size=(2, 5, 3)).astype("float32")


def _reference(return_sequences=False, return_state=False, go_backwards=False, mask=None):
    def reference(layer, data):
        weights = layer.get_weights()
        zeros = np.zeros((data.shape[0], layer.units))
        outputs, last, states = run_rnn(lstm_step, data, [zeros, zeros], weights, mask=mask,
                                        go_backwards=go_backwards)
        output = outputs if return_sequences else last
        return [output] + states if return_state else output
    return reference


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("go_backwards", [False, True])
def test_lstm_matches_numpy_step_by_step(return_sequences, go_backwards):
    run_layer_test(
        layers.LSTM,
        {"units": 4, "return_sequences": return_sequences, "go_backwards": go_backwards,
         "bias_initializer": "random_normal"},
        input_data=X,
        expected_output_shape=(2, 5, 4) if return_sequences else (2, 4),
        reference_fn=_reference(return_sequences, go_backwards=go_backwards),
        expected_num_trainable_weights=3, expected_num_non_trainable_weights=0,
        supports_masking=True, atol=1e-5)


def test_lstm_return_state_and_step_loop_match_reference():
    run_layer_test(
        layers.LSTM, {"units": 3, "return_state": True, "use_cudnn": False},
        input_data=X, expected_output_shape=[(2, 3), (2, 3), (2, 3)],
        reference_fn=_reference(return_state=True), atol=1e-5)


def test_lstm_weights_shapes_and_unit_forget_bias():
    layer = layers.LSTM(4)
    layer(X)
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (3, 16) and recurrent.shape == (4, 16) and bias.shape == (16,)
    np.testing.assert_array_equal(bias, np.r_[np.zeros(4), np.ones(4), np.zeros(8)])
    assert [w.name for w in layer.weights] == ["kernel", "recurrent_kernel", "bias"]
    np.testing.assert_allclose(recurrent @ recurrent.T, np.eye(4), atol=1e-5)  # orthogonal


def test_fused_path_equals_step_loop():
    fused = layers.LSTM(4, return_sequences=True, return_state=True)
    loop = layers.LSTM(4, return_sequences=True, return_state=True, use_cudnn=False)
    fused(X)
    loop(X)
    loop.set_weights(fused.get_weights())
    for a, b in zip(fused(X), loop(X)):
        np.testing.assert_allclose(ops.convert_to_numpy(a), ops.convert_to_numpy(b), atol=1e-6)


def test_masking_keeps_state_on_padded_steps():
    mask = np.array([[True, True, True, False, False], [True, True, True, True, True]])
    layer = layers.LSTM(4, return_sequences=True)
    out = ops.convert_to_numpy(layer(X, mask=mask))
    expected = _reference(return_sequences=True, mask=mask)(layer, X)
    np.testing.assert_allclose(out, expected, atol=1e-5)
    np.testing.assert_allclose(out[0, 3], out[0, 2], atol=1e-7)


def test_mask_from_embedding_reaches_the_lstm():
    tokens = np.array([[3, 1, 2, 0, 0], [4, 4, 1, 2, 5]], dtype="int32")
    inputs = cornu.Input((5,), dtype="int32")
    embedded = layers.Embedding(6, 3, mask_zero=True)(inputs)
    lstm = layers.LSTM(4)
    model = cornu.Model(inputs, lstm(embedded))
    got = model.predict(tokens, verbose=0)
    vectors = model.layers[1].get_weights()[0][tokens]
    expected = _reference(mask=tokens != 0)(lstm, vectors)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_initial_state_is_used():
    h0 = RNG.normal(size=(2, 4)).astype("float32")
    c0 = RNG.normal(size=(2, 4)).astype("float32")
    layer = layers.LSTM(4)
    out = ops.convert_to_numpy(layer(X, initial_state=[h0, c0]))
    _, expected, _ = run_rnn(lstm_step, X, [h0, c0], layer.get_weights())
    np.testing.assert_allclose(out, expected, atol=1e-5)


def test_dropout_only_in_training():
    layer = layers.LSTM(4, dropout=0.5, recurrent_dropout=0.5, seed=3)
    inference = ops.convert_to_numpy(layer(X))
    np.testing.assert_allclose(inference, _reference()(layer, X), atol=1e-5)
    trained = ops.convert_to_numpy(layer(X, training=True))
    assert trained.shape == (2, 4) and not np.allclose(trained, inference)


def test_config_has_keras_keys():
    config = layers.LSTM(4).get_config()
    expected = {"name", "trainable", "dtype", "return_sequences", "return_state",
                "go_backwards", "stateful", "unroll", "zero_output_for_mask", "units",
                "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                "recurrent_initializer", "bias_initializer", "unit_forget_bias",
                "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                "bias_constraint", "dropout", "recurrent_dropout", "seed"}
    assert set(config) == expected
    assert config["activation"] == "tanh" and config["recurrent_activation"] == "sigmoid"


def test_lstm_cell_alone():
    cell = layers.LSTMCell(4)
    h0 = np.zeros((2, 4), "float32")
    h, (h_new, c_new) = cell(X[:, 0], [h0, h0])
    _, (ref_h, ref_c) = lstm_step(X[:, 0].astype(np.float64), [h0, h0], *cell.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(h), ref_h, atol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(c_new), ref_c, atol=1e-6)
    assert cell.state_size == [4, 4]


def test_bad_input_rank_and_units_raise_clear_errors():
    with pytest.raises(ValueError, match="units"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match="ndim|rank|shape"):
        layers.LSTM(3)(np.zeros((2, 3), "float32"))
