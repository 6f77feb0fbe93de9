"""Step-by-step NumPy references for SimpleRNN, LSTM and GRU (independent of cornu)."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def simple_rnn_step(x, states, kernel, recurrent_kernel, bias):
    h = np.tanh(x @ kernel + states[0] @ recurrent_kernel + bias)
    return h, [h]


def lstm_step(x, states, kernel, recurrent_kernel, bias):
    h, c = states
    units = h.shape[-1]
    z = x @ kernel + h @ recurrent_kernel + bias
    i = sigmoid(z[:, :units])
    f = sigmoid(z[:, units:2 * units])
    g = np.tanh(z[:, 2 * units:3 * units])
    o = sigmoid(z[:, 3 * units:])
    c = f * c + i * g
    h = o * np.tanh(c)
    return h, [h, c]


def gru_step(x, states, kernel, recurrent_kernel, bias, reset_after=True):
    h = states[0]
    units = h.shape[-1]
    if reset_after:
        xw = x @ kernel + bias[0]
        hu = h @ recurrent_kernel + bias[1]
        z = sigmoid(xw[:, :units] + hu[:, :units])
        r = sigmoid(xw[:, units:2 * units] + hu[:, units:2 * units])
        candidate = np.tanh(xw[:, 2 * units:] + r * hu[:, 2 * units:])
    else:
        xw = x @ kernel + bias
        z = sigmoid(xw[:, :units] + h @ recurrent_kernel[:, :units])
        r = sigmoid(xw[:, units:2 * units] + h @ recurrent_kernel[:, units:2 * units])
        candidate = np.tanh(xw[:, 2 * units:] + (r * h) @ recurrent_kernel[:, 2 * units:])
    h = z * h + (1.0 - z) * candidate
    return h, [h]


def run_rnn(step, x, initial_states, weights, mask=None, go_backwards=False,
            zero_output_for_mask=False, **step_kwargs):
    """Run `step` over `x (batch, time, features)`; returns `(outputs, last_output, states)`.

    Masked steps keep the previous states and repeat the previous output (zeros with
    `zero_output_for_mask`); outputs are in processing order.
    """
    x = np.asarray(x, dtype=np.float64)
    states = [np.asarray(s, dtype=np.float64) for s in initial_states]
    steps = range(x.shape[1] - 1, -1, -1) if go_backwards else range(x.shape[1])
    outputs = []
    previous = None
    for t in steps:
        output, new_states = step(x[:, t], states, *weights, **step_kwargs)
        if previous is None:
            previous = np.zeros_like(output)
        if mask is not None:
            keep = mask[:, t][:, None]
            output = np.where(keep, output, previous)
            new_states = [np.where(keep, n, s) for n, s in zip(new_states, states)]
        states = new_states
        previous = output
        if mask is not None and zero_output_for_mask:
            outputs.append(np.where(mask[:, t][:, None], output, 0.0))
        else:
            outputs.append(output)
    return np.stack(outputs, axis=1), outputs[-1], states
