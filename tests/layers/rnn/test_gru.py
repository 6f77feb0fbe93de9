import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.rnn.numpy_rnn_reference import gru_step, run_rnn

RNG = np.random.default_rng(2)
X = RNG.normal(size=(2, 5, 3)).astype("float32")


def _reference(return_sequences=False, go_backwards=False, mask=None, reset_after=True,
               return_state=False):
    def reference(layer, data):
        zeros = np.zeros((data.shape[0], layer.units))
        outputs, last, states = run_rnn(gru_step, data, [zeros], layer.get_weights(),
                                        mask=mask, go_backwards=go_backwards,
                                        reset_after=reset_after)
        output = outputs if return_sequences else last
        return [output] + states if return_state else output
    return reference


@pytest.mark.parametrize("return_sequences, go_backwards, reset_after", [
    (True, False, True), (False, True, True), (True, False, False)])
def test_gru_matches_numpy_step_by_step(return_sequences, go_backwards, reset_after):
    layer = run_layer_test(
        layers.GRU,
        {"units": 4, "return_sequences": return_sequences, "go_backwards": go_backwards,
         "reset_after": reset_after, "bias_initializer": "random_normal"},
        input_data=X, expected_output_shape=(2, 5, 4) if return_sequences else (2, 4),
        reference_fn=_reference(return_sequences, go_backwards, reset_after=reset_after),
        expected_num_trainable_weights=3, supports_masking=True)
    bias_shape = (2, 12) if reset_after else (12,)
    assert [tuple(w.shape) for w in layer.weights] == [(3, 12), (4, 12), bias_shape]


def test_gru_return_state_on_step_loop():
    run_layer_test(layers.GRU, {"units": 4, "return_state": True, "use_cudnn": False,
                                "bias_initializer": "random_normal"},
                   input_data=X, expected_output_shape=[(2, 4), (2, 4)],
                   reference_fn=_reference(return_state=True))


def test_fused_gru_equals_step_loop():
    fused = layers.GRU(4, return_sequences=True, bias_initializer="random_normal")
    loop = layers.GRU(4, return_sequences=True, use_cudnn=False)
    fused(X)
    loop(X)
    loop.set_weights(fused.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(fused(X)), ops.convert_to_numpy(loop(X)),
                               atol=1e-6)


def test_gru_masking_matches_reference():
    mask = np.array([[True, True, False, False, False], [True, True, True, True, False]])
    layer = layers.GRU(4, return_sequences=True, zero_output_for_mask=True)
    got = ops.convert_to_numpy(layer(X, mask=mask))
    zeros = np.zeros((2, 4))
    expected, _, _ = run_rnn(gru_step, X, [zeros], layer.get_weights(), mask=mask,
                             zero_output_for_mask=True)
    np.testing.assert_allclose(got, expected, atol=1e-5)
    assert np.all(got[0, 2:] == 0)


def test_gru_config_keys():
    config = layers.GRU(2).get_config()
    assert config["reset_after"] is True and "unit_forget_bias" not in config
    assert layers.GRU.from_config(config).get_config() == config


def test_gru_cell_alone():
    cell = layers.GRUCell(4)
    h0 = RNG.normal(size=(2, 4)).astype("float32")
    output, [state] = cell(X[:, 0], [h0])
    expected, _ = gru_step(X[:, 0].astype(np.float64), [h0], *cell.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(output), expected, atol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(state), expected, atol=1e-6)
