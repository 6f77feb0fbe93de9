import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.rnn.numpy_rnn_reference import run_rnn, simple_rnn_step

RNG = np.random.default_rng(3)
X = RNG.normal(size=(2, 5, 3)).astype("float32")


@pytest.mark.parametrize("return_sequences, go_backwards, unroll", [
    (True, False, False), (False, True, True)])
def test_simple_rnn_matches_numpy(return_sequences, go_backwards, unroll):
    def reference(layer, data):
        outputs, last, _ = run_rnn(simple_rnn_step, data, [np.zeros((2, 4))],
                                   layer.get_weights(), go_backwards=go_backwards)
        return outputs if return_sequences else last

    run_layer_test(
        layers.SimpleRNN,
        {"units": 4, "return_sequences": return_sequences, "go_backwards": go_backwards,
         "unroll": unroll, "bias_initializer": "random_normal"},
        input_data=X, expected_output_shape=(2, 5, 4) if return_sequences else (2, 4),
        reference_fn=reference, expected_num_trainable_weights=3,
        expected_num_non_trainable_weights=0, supports_masking=True)


def test_simple_rnn_return_state_equals_last_output():
    output, state = layers.SimpleRNN(4, return_state=True)(X)
    np.testing.assert_allclose(ops.convert_to_numpy(output), ops.convert_to_numpy(state))


def test_simple_rnn_cell_shapes_and_config():
    cell = layers.SimpleRNNCell(4, dropout=0.25)
    cell.build((None, 3))
    assert [tuple(w.shape) for w in cell.weights] == [(3, 4), (4, 4), (4,)]
    config = cell.get_config()
    assert config["dropout"] == 0.25 and config["units"] == 4
    assert layers.SimpleRNNCell.from_config(config).get_config() == config


def test_dropout_is_clipped_and_non_numbers_rejected():
    assert layers.SimpleRNN(3, dropout=1.5).dropout == 1.0  # Keras clips the rate
    with pytest.raises(ValueError, match="dropout"):
        layers.SimpleRNN(3, dropout="high")


def test_fused_simple_rnn_equals_step_loop():
    fused = layers.SimpleRNN(4, return_sequences=True, go_backwards=True,
                             bias_initializer="random_normal")
    loop = layers.SimpleRNN(4, return_sequences=True, go_backwards=True, use_cudnn=False)
    fused(X)
    loop(X)
    loop.set_weights(fused.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(fused(X)), ops.convert_to_numpy(loop(X)),
                               atol=1e-6)
    assert "use_cudnn" not in fused.get_config()
