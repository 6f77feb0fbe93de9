import numpy as np

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test
from tests.layers.rnn.numpy_rnn_reference import sigmoid

RNG = np.random.default_rng(7)
X = RNG.normal(size=(2, 3, 5, 5, 2)).astype("float32")


def _conv_same(x, kernel):
    """Direct 'same' 2D convolution, stride 1, odd kernel (x: (B, H, W, C))."""
    kh, kw = kernel.shape[:2]
    padded = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    out = np.zeros(x.shape[:3] + (kernel.shape[-1],))
    for i in range(x.shape[1]):
        for j in range(x.shape[2]):
            patch = padded[:, i:i + kh, j:j + kw, :]
            out[:, i, j] = np.tensordot(patch, kernel, axes=([1, 2, 3], [0, 1, 2]))
    return out


def _reference(layer, data):
    kernel, recurrent_kernel, bias = layer.get_weights()
    filters = layer.cell.filters
    h = np.zeros(data.shape[:1] + data.shape[2:4] + (filters,))
    c = np.zeros_like(h)
    outputs = []
    for t in range(data.shape[1]):
        z = _conv_same(data[:, t], kernel) + _conv_same(h, recurrent_kernel) + bias
        i, f, g, o = np.split(z, 4, axis=-1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs, axis=1)


def test_conv_lstm_2d_matches_direct_convolution_reference():
    layer = run_layer_test(
        layers.ConvLSTM2D,
        {"filters": 2, "kernel_size": 3, "padding": "same", "return_sequences": True,
         "recurrent_initializer": "glorot_uniform"},
        input_data=X, expected_output_shape=(2, 3, 5, 5, 2), reference_fn=_reference,
        expected_num_trainable_weights=3, atol=1e-4)
    assert [tuple(w.shape) for w in layer.weights] == [(3, 3, 2, 8), (3, 3, 2, 8), (8,)]


def test_conv_lstm_2d_valid_padding_and_states():
    layer = layers.ConvLSTM2D(3, (2, 2), return_state=True,
                              recurrent_initializer="glorot_uniform")
    output, h, c = layer(X)
    assert tuple(output.shape) == (2, 4, 4, 3)
    assert tuple(h.shape) == (2, 4, 4, 3) and tuple(c.shape) == (2, 4, 4, 3)
    config = layer.get_config()
    assert config["filters"] == 3 and config["kernel_size"] == (2, 2)
    assert layers.ConvLSTM2D.from_config(config).get_config() == config


def test_channels_first_matches_channels_last():
    last = layers.ConvLSTM2D(2, 3, padding="same", recurrent_initializer="glorot_uniform")
    first = layers.ConvLSTM2D(2, 3, padding="same", data_format="channels_first",
                               recurrent_initializer="glorot_uniform")
    expected = ops.convert_to_numpy(last(X))
    first(np.transpose(X, (0, 1, 4, 2, 3)))
    first.set_weights(last.get_weights())
    got = ops.convert_to_numpy(first(np.transpose(X, (0, 1, 4, 2, 3))))
    np.testing.assert_allclose(np.transpose(got, (0, 2, 3, 1)), expected, atol=1e-5)


def test_conv_lstm_1d_and_3d_shapes():
    seq1d = RNG.normal(size=(2, 3, 6, 2)).astype("float32")
    layer1d = layers.ConvLSTM1D(4, 3, recurrent_initializer="glorot_uniform")
    assert tuple(layer1d(seq1d).shape) == (2, 4, 4)
    seq3d = RNG.normal(size=(1, 2, 3, 3, 3, 1)).astype("float32")
    layer3d = layers.ConvLSTM3D(2, 2, padding="same", return_sequences=True,
                                recurrent_initializer="glorot_uniform")
    assert tuple(layer3d(seq3d).shape) == (1, 2, 3, 3, 3, 2)
    assert [tuple(w.shape) for w in layer3d.weights] == [(2, 2, 2, 1, 8), (2, 2, 2, 2, 8),
                                                         (8,)]
