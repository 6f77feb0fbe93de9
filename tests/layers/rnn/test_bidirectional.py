import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.rnn.numpy_rnn_reference import gru_step, lstm_step, run_rnn

RNG = np.random.default_rng(5)
X = RNG.normal(size=(2, 5, 3)).astype("float32")
MERGES = {"concat": lambda a, b: np.concatenate([a, b], -1), "sum": np.add,
          "mul": np.multiply, "ave": lambda a, b: (a + b) / 2}


def _directions(layer, data, step, n_states, mask=None):
    zeros = [np.zeros((data.shape[0], layer.forward_layer.units))] * n_states
    forward = run_rnn(step, data, zeros, layer.forward_layer.get_weights(), mask=mask)
    backward = run_rnn(step, data, zeros, layer.backward_layer.get_weights(), mask=mask,
                       go_backwards=True, zero_output_for_mask=mask is not None)
    return forward, backward


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave", None])
def test_merge_modes_match_numpy(merge_mode):
    def reference(layer, data):
        (f_seq, _, _), (b_seq, _, _) = _directions(layer, data, lstm_step, 2)
        b_seq = b_seq[:, ::-1]
        return [f_seq, b_seq] if merge_mode is None else MERGES[merge_mode](f_seq, b_seq)

    width = 8 if merge_mode == "concat" else 4
    expected_shape = [(2, 5, 4), (2, 5, 4)] if merge_mode is None else (2, 5, width)
    run_layer_test(layers.Bidirectional,
                   {"layer": layers.LSTM(4, return_sequences=True,
                                         recurrent_initializer="glorot_uniform"),
                    "merge_mode": merge_mode},
                   input_data=X, expected_output_shape=expected_shape, reference_fn=reference,
                   expected_num_trainable_weights=6, run_training_check=merge_mode == "concat")


def test_return_state_gives_forward_then_backward_states():
    layer = layers.Bidirectional(layers.GRU(4, return_state=True))
    output, forward_h, backward_h = layer(X)
    (_, f_last, f_states), (_, b_last, b_states) = _directions(layer, X, gru_step, 1)
    np.testing.assert_allclose(ops.convert_to_numpy(output), np.concatenate([f_last, b_last], -1),
                               atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(forward_h), f_states[0], atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(backward_h), b_states[0], atol=1e-5)
    symbolic = layers.Bidirectional(layers.GRU(4, return_state=True))(cornu.Input((5, 3)))
    assert [t.shape for t in symbolic] == [(None, 8), (None, 4), (None, 4)]


def test_masked_bidirectional_sequences():
    mask = np.array([[True, True, True, False, False], [True] * 5])
    layer = layers.Bidirectional(layers.GRU(4, return_sequences=True), merge_mode="sum")
    got = ops.convert_to_numpy(layer(X, mask=mask))
    (f_seq, _, _), (b_seq, _, _) = _directions(layer, X, gru_step, 1, mask=mask)
    f_zeroed = np.where(mask[..., None], f_seq, 0.0)
    np.testing.assert_allclose(got, f_zeroed + b_seq[:, ::-1], atol=1e-5)


def test_names_attributes_and_weight_paths():
    layer = layers.Bidirectional(layers.LSTM(3, name="enc"))
    layer(X)
    assert layer.forward_layer.name == "forward_enc"
    assert layer.backward_layer.name == "backward_enc"
    assert layer.backward_layer.go_backwards and not layer.forward_layer.go_backwards
    assert len(layer.weights) == 6
    config = layer.get_config()
    assert set(config) >= {"merge_mode", "layer", "backward_layer"}
    clone = layers.Bidirectional.from_config(config)
    assert clone.forward_layer.name == "forward_enc"


def test_custom_backward_layer_and_errors():
    forward = layers.SimpleRNN(3)
    backward = layers.SimpleRNN(3, go_backwards=True)
    layer = layers.Bidirectional(forward, backward_layer=backward, merge_mode="ave")
    assert layer.backward_layer is backward
    assert tuple(layer(X).shape) == (2, 3)
    with pytest.raises(ValueError, match="go_backwards"):
        layers.Bidirectional(layers.SimpleRNN(3), backward_layer=layers.SimpleRNN(3))
    with pytest.raises(ValueError, match="merge_mode"):
        layers.Bidirectional(layers.SimpleRNN(3), merge_mode="max")
    with pytest.raises(ValueError, match="Layer instance"):
        layers.Bidirectional("lstm")


def test_compiled_predict_equals_eager_call_with_mask():
    # On JAX, predict runs the jitted lax.scan path and the eager call the Python loop.
    tokens = np.array([[1, 2, 3, 0, 0], [4, 4, 1, 2, 5]], dtype="int32")
    model = cornu.Sequential([
        cornu.Input((5,), dtype="int32"), layers.Embedding(6, 3, mask_zero=True),
        layers.Bidirectional(layers.GRU(4, return_sequences=True, use_cudnn=False)),
        layers.LSTM(2, go_backwards=True)])
    eager = ops.convert_to_numpy(model(tokens))
    np.testing.assert_allclose(model.predict(tokens, verbose=0), eager, atol=1e-5)
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(tokens, np.zeros((2, 2), "float32"), epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])
