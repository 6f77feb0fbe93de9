import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.rnn.numpy_rnn_reference import lstm_step, run_rnn, simple_rnn_step

RNG = np.random.default_rng(4)
X = RNG.normal(size=(2, 5, 3)).astype("float32")


class MinimalCell(layers.Layer):
    """A custom cell as in the Keras guide: output = x W + h U, one state."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        output = ops.matmul(inputs, self.kernel) + ops.matmul(states[0], self.recurrent_kernel)
        return output, [output]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def _minimal_step(x, states, kernel, recurrent_kernel):
    output = x @ kernel + states[0] @ recurrent_kernel
    return output, [output]


def test_custom_cell_in_rnn_matches_numpy():
    layer = layers.RNN(MinimalCell(4), return_sequences=True)
    got = ops.convert_to_numpy(layer(X))
    expected, _, _ = run_rnn(_minimal_step, X, [np.zeros((2, 4))], layer.get_weights())
    np.testing.assert_allclose(got, expected, atol=1e-5)
    assert layer(cornu.Input((5, 3))).shape == (None, 5, 4)


def test_stacked_cells_match_numpy_and_return_flat_states():
    cells = [layers.SimpleRNNCell(4, recurrent_initializer="glorot_uniform"),
             layers.LSTMCell(2, recurrent_initializer="glorot_uniform")]
    layer = layers.RNN(cells, return_state=True)
    output, *states = layer(X)
    assert isinstance(layer.cell, layers.StackedRNNCells)
    assert [tuple(s.shape) for s in states] == [(2, 4), (2, 2), (2, 2)]
    weights = layer.get_weights()
    hidden, _, simple_states = run_rnn(simple_rnn_step, X, [np.zeros((2, 4))], weights[:3])
    _, last, lstm_states = run_rnn(lstm_step, hidden, [np.zeros((2, 2))] * 2, weights[3:])
    np.testing.assert_allclose(ops.convert_to_numpy(output), last, atol=1e-5)
    for got, want in zip(states, simple_states + lstm_states):
        np.testing.assert_allclose(ops.convert_to_numpy(got), want, atol=1e-5)


def test_generic_rnn_layer_test_with_stacked_cells():
    run_layer_test(layers.RNN, {"cell": [layers.GRUCell(3, recurrent_initializer="ones"),
                                         layers.GRUCell(2, recurrent_initializer="ones")],
                                "return_sequences": True},
                   input_data=X, expected_output_shape=(2, 5, 2),
                   expected_num_trainable_weights=6)


def test_return_state_with_mask_returns_last_valid_state():
    mask = np.array([[True, True, False, False, False], [True] * 5])
    layer = layers.LSTM(4, return_state=True)
    output, h, c = layer(X, mask=mask)
    _, _, states = run_rnn(lstm_step, X, [np.zeros((2, 4))] * 2, layer.get_weights(),
                           mask=mask)
    np.testing.assert_allclose(ops.convert_to_numpy(h), states[0], atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(c), states[1], atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(output), states[0], atol=1e-5)


def test_masking_layer_mask_reaches_rnn_in_a_model():
    data = X.copy()
    data[0, 3:] = 0.0
    inputs = cornu.Input((5, 3))
    rnn = layers.SimpleRNN(4)
    model = cornu.Model(inputs, rnn(layers.Masking(0.0)(inputs)))
    got = model.predict(data, verbose=0)
    _, expected, _ = run_rnn(simple_rnn_step, data, [np.zeros((2, 4))], rnn.get_weights(),
                             mask=np.any(data != 0, axis=-1))
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_initial_state_as_symbolic_inputs_in_a_functional_model():
    sequence = cornu.Input((5, 3))
    h0 = cornu.Input((4,))
    rnn = layers.SimpleRNN(4)
    model = cornu.Model([sequence, h0], rnn(sequence, initial_state=[h0]))
    state = RNG.normal(size=(2, 4)).astype("float32")
    got = model.predict([X, state], verbose=0)
    _, expected, _ = run_rnn(simple_rnn_step, X, [state], rnn.get_weights())
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_stateful_rnn_carries_states_between_calls():
    layer = layers.SimpleRNN(4, stateful=True)
    inputs = cornu.Input(batch_shape=(2, 5, 3))
    layer(inputs)
    first = ops.convert_to_numpy(layer(X))
    second = ops.convert_to_numpy(layer(X))
    weights = layer.cell.get_weights()
    assert len(layer.non_trainable_weights) == 1  # the carried state
    _, expected_first, states = run_rnn(simple_rnn_step, X, [np.zeros((2, 4))], weights)
    _, expected_second, _ = run_rnn(simple_rnn_step, X, states, weights)
    np.testing.assert_allclose(first, expected_first, atol=1e-5)
    np.testing.assert_allclose(second, expected_second, atol=1e-5)
    layer.reset_states()
    np.testing.assert_allclose(ops.convert_to_numpy(layer(X)), expected_first, atol=1e-5)


def test_stateful_without_batch_size_raises():
    with pytest.raises(ValueError, match="batch size"):
        layers.LSTM(2, stateful=True)(cornu.Input((5, 3)))


def test_lstm_trains_in_a_compiled_model():
    cornu.utils.set_random_seed(0)
    tokens = RNG.integers(1, 10, size=(32, 6))
    labels = (tokens.sum(axis=1) > 30).astype("float32")[:, None]
    model = cornu.Sequential([
        cornu.Input((6,), dtype="int32"), layers.Embedding(10, 4, mask_zero=True),
        layers.LSTM(4, dropout=0.1, recurrent_dropout=0.1), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    before = model.get_weights()
    history = model.fit(tokens, labels, epochs=1, batch_size=16, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    assert not np.allclose(before[1], model.get_weights()[1])
    assert model.predict(tokens[:3], verbose=0).shape == (3, 1)


def test_cell_without_state_size_is_rejected():
    class NoState(layers.Layer):
        def call(self, inputs, states):
            return inputs, states

    with pytest.raises(ValueError, match="state_size"):
        layers.RNN(NoState())


def test_wrong_number_of_initial_states_raises():
    with pytest.raises(ValueError, match="initial state"):
        layers.LSTM(4)(X, initial_state=[np.zeros((2, 4), "float32")])


def test_encoder_decoder_states_survive_save_and_load(tmp_path):
    encoder_inputs, decoder_inputs = cornu.Input((None, 3)), cornu.Input((None, 2))
    _, h, c = layers.LSTM(4, return_state=True)(encoder_inputs)
    decoded = layers.LSTM(4, return_sequences=True)(decoder_inputs, initial_state=[h, c])
    model = cornu.Model([encoder_inputs, decoder_inputs], decoded)
    source = RNG.normal(size=(2, 5, 3)).astype("float32")
    target = RNG.normal(size=(2, 4, 2)).astype("float32")
    expected = model.predict([source, target], verbose=0)
    assert expected.shape == (2, 4, 4)
    path = str(tmp_path / "seq2seq.keras")
    model.save(path)
    restored = cornu.saving.load_model(path)
    np.testing.assert_allclose(restored.predict([source, target], verbose=0), expected,
                               atol=1e-6)
